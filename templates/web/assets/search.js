// The web edition's search. It loads MiniSearch and the index (built with the edition) as
// scripts of the site itself, not with fetch(), so that it works opened from disk (file://) under
// a Content-Security-Policy that allows nothing but the site. It runs nothing until the reader
// first uses the search box. Without JavaScript the box stays hidden and the contents still work.
(function () {
  'use strict';
  var MAX_RESULTS = 20;
  var box = document.querySelector('.site-search');
  if (!box) return;
  var root = box.getAttribute('data-root') || '';
  var input = box.querySelector('input[type="search"]');
  var status = box.querySelector('.search-status');
  var list = box.querySelector('.search-results');
  var loading;
  var engine;
  box.hidden = false;

  function loadScript(name) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = root + name;
      script.onload = resolve;
      script.onerror = function () {
        reject(new Error(name + ' did not load'));
      };
      document.head.appendChild(script);
    });
  }

  function load() {
    loading =
      loading ||
      loadScript('minisearch.js')
        .then(function () {
          return loadScript('search-index.js');
        })
        .then(function () {
          var data = globalThis.manualSearch;
          // The build's rule for terms (search-index.ts): stop words and single letters left out.
          var stop = new Set(data.stopWords);
          var options = Object.assign({}, data.options, {
            processTerm: function (term) {
              var word = term.toLowerCase();
              return word.length < 2 || stop.has(word) ? null : word;
            },
          });
          engine = { data: data, search: MiniSearch.loadJS(data.index, options) };
        });
    return loading;
  }

  function text(tag, className, value) {
    var element = document.createElement(tag);
    element.className = className;
    element.textContent = value;
    return element;
  }

  // A document leads to its file; what it is and its size are in the link's text, as on every page.
  function documentLink(hit) {
    var found = engine.data.documents[hit.d];
    var link = document.createElement('a');
    link.href = root + found.u;
    link.appendChild(text('span', 'result-title', (hit.n ? hit.n + ' ' : '') + hit.title));
    link.appendChild(text('span', 'result-section', 'Document: ' + found.a));
    link.appendChild(text('span', 'result-snippet', hit.x));
    return link;
  }

  function chapterLink(hit) {
    var chapter = engine.data.chapters[hit.c];
    var link = document.createElement('a');
    link.href = root + chapter.u.split('/').map(encodeURIComponent).join('/') + (hit.f ? '#' + hit.f : '');
    var label = (chapter.n ? chapter.n + ' ' : '') + chapter.t;
    if (hit.f) label += ', section ' + (hit.n ? hit.n + ' ' : '') + hit.title;
    link.appendChild(text('span', 'result-title', label));
    link.appendChild(text('span', 'result-section', chapter.s));
    if (hit.x) link.appendChild(text('span', 'result-snippet', hit.x));
    return link;
  }

  function resultItem(hit) {
    var item = document.createElement('li');
    item.appendChild(hit.d === undefined ? chapterLink(hit) : documentLink(hit));
    return item;
  }

  function show(query) {
    list.textContent = '';
    if (!query.trim()) {
      status.textContent = '';
      return;
    }
    var hits = engine.search.search(query, { prefix: true, fuzzy: 0.2, boost: { title: 3 }, combineWith: 'AND' });
    status.textContent =
      hits.length === 0
        ? 'Nothing matches "' + query + '".'
        : hits.length + (hits.length === 1 ? ' match' : ' matches') +
          (hits.length > MAX_RESULTS ? ', the best ' + MAX_RESULTS + ' shown' : '') +
          '. Use the down arrow to reach them.';
    hits.slice(0, MAX_RESULTS).forEach(function (hit) {
      list.appendChild(resultItem(hit));
    });
  }

  function update() {
    var query = input.value;
    load().then(
      function () {
        if (input.value === query) show(query);
      },
      function () {
        status.textContent = 'The search could not be loaded; use the contents instead.';
      },
    );
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll('a'));
  }

  input.addEventListener('focus', load, { once: true });
  input.addEventListener('input', update);
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown' && links().length) {
      event.preventDefault();
      links()[0].focus();
    } else if (event.key === 'Escape') {
      input.value = '';
      show('');
    }
  });
  list.addEventListener('keydown', function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === 'ArrowDown' && at + 1 < all.length) all[at + 1].focus();
    else if (event.key === 'ArrowUp') (at > 0 ? all[at - 1] : input).focus();
    else if (event.key === 'Escape') input.focus();
    else return;
    event.preventDefault();
  });
})();
