// The web edition's search. It loads MiniSearch and the index (built with the edition) as
// scripts of the site itself, not with fetch(), so that it works opened from disk (file://) under
// a Content-Security-Policy that allows nothing but the site. It runs nothing until the reader
// first uses the search box. Without JavaScript the box stays hidden and the contents still work.
// Where the site keeps replaced editions, an "All editions" switch also searches the index of
// each one's copy under editions/<id>/, as its release made it.
(function () {
  'use strict';
  var MAX_RESULTS = 20;
  var OPTIONS = { prefix: true, fuzzy: 0.2, boost: { title: 3 }, combineWith: 'AND' };
  var box = document.querySelector('.site-search');
  if (!box) return;
  var root = box.getAttribute('data-root') || '';
  var input = box.querySelector('input[type="search"]');
  var allEditions = box.querySelector('input[type="checkbox"]');
  // The replaced editions, newest first: { id, label, index } each (search-editions.ts).
  var editions = allEditions ? JSON.parse(box.getAttribute('data-editions')) : [];
  // A page of a replaced edition's copy (editions/<id>/ of a later site, whose build put the
  // banner on it) finds the copies of the editions before it beside its own folder.
  var copies = document.querySelector('section.archived-edition') ? '../' : 'editions/';
  var status = box.querySelector('.search-status');
  var list = box.querySelector('.search-results');
  var loading;
  var loadingEditions;
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

  // An index as its script left it. The build's rule for terms (search-index.ts) leaves out stop
  // words and single letters; an index made before stop words (it lists none) was made with
  // MiniSearch's own rule, which its searches keep.
  function engineOf(data) {
    if (!data || !data.index || !data.options || !Array.isArray(data.chapters)) throw new Error('not an index');
    var options = Object.assign({}, data.options);
    if (data.stopWords) {
      var stop = new Set(data.stopWords);
      options.processTerm = function (term) {
        var word = term.toLowerCase();
        return word.length < 2 || stop.has(word) ? null : word;
      };
    }
    return { data: data, search: MiniSearch.loadJS(data.index, options) };
  }

  function load() {
    loading =
      loading ||
      loadScript('minisearch.js')
        .then(function () {
          return loadScript('search-index.js');
        })
        .then(function () {
          engine = engineOf(globalThis.manualSearch);
        });
    return loading;
  }

  // One replaced edition's index: { edition, engine }, or { edition, failed } when it did not load
  // or is no index, or { edition, offline } when its release had no web edition.
  function loadEdition(edition) {
    if (!edition.index) return Promise.resolve({ edition: edition, offline: true });
    globalThis.manualSearch = undefined;
    return loadScript(copies + encodeURIComponent(edition.id) + '/search-index.js')
      .then(function () {
        return { edition: edition, engine: engineOf(globalThis.manualSearch) };
      })
      .catch(function () {
        return { edition: edition, failed: true };
      });
  }

  // Every index sets the same global, so each is loaded and read before the next one loads.
  function loadEditions() {
    loadingEditions =
      loadingEditions ||
      load().then(function () {
        var found = [];
        return editions
          .reduce(function (previous, edition) {
            return previous.then(function () {
              return loadEdition(edition).then(function (one) {
                found.push(one);
              });
            });
          }, Promise.resolve())
          .then(function () {
            globalThis.manualSearch = engine.data;
            return found;
          });
      });
    return loadingEditions;
  }

  function text(tag, className, value) {
    var element = document.createElement(tag);
    element.className = className;
    element.textContent = value;
    return element;
  }

  // A result of a replaced edition names it and leads to that edition's copy of the page.
  function resultLink(group, href, title) {
    var link = document.createElement('a');
    link.href = group.base + href;
    link.appendChild(text('span', 'result-title', title));
    if (group.edition) link.appendChild(text('span', 'result-edition', group.edition.label + ' edition'));
    return link;
  }

  // A document leads to its file; what it is and its size are in the link's text, as on every page.
  function documentLink(group, hit) {
    var found = group.engine.data.documents[hit.d];
    var link = resultLink(group, found.u, (hit.n ? hit.n + ' ' : '') + hit.title);
    link.appendChild(text('span', 'result-section', 'Document: ' + found.a));
    link.appendChild(text('span', 'result-snippet', hit.x));
    return link;
  }

  // Indexes made before the part's indexed title was stored kept a copy of it as "t".
  function chapterLink(group, hit) {
    var chapter = group.engine.data.chapters[hit.c];
    var href = chapter.u.split('/').map(encodeURIComponent).join('/') + (hit.f ? '#' + hit.f : '');
    var label = (chapter.n ? chapter.n + ' ' : '') + chapter.t;
    if (hit.f) label += ', section ' + (hit.n ? hit.n + ' ' : '') + (hit.title !== undefined ? hit.title : hit.t);
    var link = resultLink(group, href, label);
    link.appendChild(text('span', 'result-section', chapter.s));
    if (hit.x) link.appendChild(text('span', 'result-snippet', hit.x));
    return link;
  }

  function resultItem(group, hit) {
    var item = document.createElement('li');
    item.appendChild(hit.d === undefined ? chapterLink(group, hit) : documentLink(group, hit));
    return item;
  }

  var plural = function (count, word) {
    return count + ' ' + word + (count === 1 ? '' : word === 'match' ? 'es' : 's');
  };

  // "The February 2025 edition", "The A and B editions": the editions a sentence is about.
  function editionsNamed(found) {
    var labels = found.map(function (one) {
      return one.edition.label;
    });
    var last = labels.pop();
    return 'The ' + (labels.length ? labels.join(', ') + ' and ' + last + ' editions' : last + ' edition');
  }

  // How many results in how many editions; with the switch off and nothing found, that it can find more.
  function statusOf(query, groups, found) {
    var count = 0;
    var editionsWithResults = 0;
    groups.forEach(function (group) {
      count += group.hits.length;
      if (group.hits.length) editionsWithResults += 1;
    });
    var cut = groups.some(function (group) {
      return group.hits.length > MAX_RESULTS;
    });
    if (count === 0)
      return found
        ? 'Nothing matches "' + query + '" in ' + plural(groups.length, 'edition') + ' searched.'
        : 'Nothing matches "' + query + '".' + (allEditions ? ' Tick "All editions" to search the earlier editions too.' : '');
    return (
      plural(count, 'match') +
      (found ? ' in ' + plural(editionsWithResults, 'edition') : '') +
      (cut ? ', the best ' + MAX_RESULTS + (found ? ' of each' : '') + ' shown' : '') +
      '. Use the down arrow to reach them.'
    );
  }

  // The replaced editions that were not searched, and why.
  function notSearched(found) {
    var failed = found.filter(function (one) {
      return one.failed;
    });
    var offline = found.filter(function (one) {
      return one.offline;
    });
    return (
      (failed.length ? ' ' + editionsNamed(failed) + ' could not be searched.' : '') +
      (offline.length
        ? ' ' + editionsNamed(offline) + (offline.length === 1 ? ' is' : ' are') + ' not searchable online.'
        : '')
    );
  }

  // A group of results, one edition's: its hits, best first, and the list items of the best of them.
  function resultsOf(group, query) {
    group.hits = group.engine.search.search(query, OPTIONS);
    group.items = group.hits.slice(0, MAX_RESULTS).map(function (hit) {
      return resultItem(group, hit);
    });
    return group;
  }

  // The current edition's results, then, when `found` holds the replaced editions' indexes, theirs, newest first.
  function show(query, found) {
    list.textContent = '';
    if (!query.trim()) {
      status.textContent = '';
      return;
    }
    var groups = [resultsOf({ base: root, engine: engine }, query)];
    (found || []).forEach(function (one) {
      if (!one.engine) return;
      var base = root + copies + encodeURIComponent(one.edition.id) + '/';
      // An archived index that loaded but cannot be read is told as not searched, and not tried again.
      try {
        groups.push(resultsOf({ base: base, engine: one.engine, edition: one.edition }, query));
      } catch (error) {
        one.engine = undefined;
        one.failed = true;
      }
    });
    groups.forEach(function (group) {
      group.items.forEach(function (item) {
        list.appendChild(item);
      });
    });
    status.textContent = statusOf(query, groups, found) + (found ? notSearched(found) : '');
  }

  function update() {
    var query = input.value;
    var wide = Boolean(allEditions && allEditions.checked);
    (wide ? loadEditions() : load()).then(
      function (found) {
        if (input.value === query && Boolean(allEditions && allEditions.checked) === wide) show(query, found);
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
  if (allEditions) allEditions.addEventListener('change', update);
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
