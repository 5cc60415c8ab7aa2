// The preview's client, served at /__preview/client.js into every page of the preview. It listens
// to the preview's events. A page whose content changed fetches its new copy and is patched in
// place by the morphing library (/__preview/idiomorph.js), so the reader keeps the scroll position,
// the focus and the search box as they were; a page whose frame changed (a stylesheet, a script,
// the head), or that cannot be patched, reloads at the same scroll position; a page whose address
// is gone goes to the site's home. A page made on demand (the replaced editions), which the events
// do not list, fetches its copy as now served after each event and does the same. The problems
// `manual check` finds are shown in an overlay (styled by overlay.css) until fixed. Text is only
// ever set as text, never as HTML: a message may quote the manual.
(() => {
  const page = location.pathname.endsWith('/') ? `${location.pathname}index.html` : location.pathname;
  const scrollKey = `manual-preview-scroll:${page}`;
  const versionMeta = document.querySelector('meta[name="preview-version"]');
  let version = versionMeta?.content;
  const onDemand = document.querySelector('meta[name="preview-on-demand"]') !== null;
  // A version is FRAME-CONTENT (live-reload.ts): only a page of the same frame can be patched.
  const frameOf = (v) => v?.split('-')[0];

  history.scrollRestoration = 'manual';
  const saved = sessionStorage.getItem(scrollKey);
  if (saved) {
    sessionStorage.removeItem(scrollKey);
    const { x, y } = JSON.parse(saved);
    const restore = () => window.scrollTo(x, y);
    restore();
    // Images and fonts may still move the layout: once they are in, scroll again.
    addEventListener('load', restore, { once: true });
  }

  const element = (tag, className, text) => {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  };
  const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const place = (p) => [p.file, p.line, p.line === undefined ? undefined : p.column].filter((x) => x !== undefined).join(':');

  const OVERLAY_ID = 'manual-preview-overlay';
  let overlay;
  let shownProblems = '[]';
  // Drawn anew only when the problems changed: an alert is announced again each time it is drawn.
  function showProblems(problems) {
    const json = JSON.stringify(problems);
    if (json === shownProblems && (problems.length === 0 || overlay?.isConnected)) return;
    shownProblems = json;
    overlay?.remove();
    overlay = undefined;
    if (problems.length === 0) return;
    const errors = problems.filter((p) => p.severity === 'error').length;
    overlay = element('details', 'manual-preview-overlay');
    overlay.id = OVERLAY_ID;
    overlay.open = errors > 0;
    overlay.setAttribute('role', errors > 0 ? 'alert' : 'status');
    if (errors > 0) overlay.classList.add('has-errors');
    const counts = `${plural(errors, 'error')}, ${plural(problems.length - errors, 'warning')}`;
    overlay.append(element('summary', '', `manual check: ${counts}`));
    const list = element('ol');
    for (const problem of problems) {
      const item = element('li', `problem ${problem.severity}`);
      item.append(element('code', 'place', place(problem)), element('span', 'severity', problem.severity));
      item.append(element('p', 'message', problem.message));
      if (problem.hint) item.append(element('p', 'fix', `fix: ${problem.hint}`));
      list.append(item);
    }
    overlay.append(list);
    document.body.append(overlay);
  }

  const events = new EventSource('/__preview/events');
  function reload() {
    sessionStorage.setItem(scrollKey, JSON.stringify({ x: scrollX, y: scrollY }));
    events.close();
    location.reload();
  }

  // The search landmark (what the reader typed, the results shown) and the overlay are the
  // reader's and the scripts' own, not the served page's: a patch leaves them as they are.
  const ownState = (node) =>
    node.nodeType === Node.ELEMENT_NODE && (node.id === OVERLAY_ID || node.matches('[role="search"]'));
  const MORPH = {
    morphStyle: 'outerHTML',
    // The focused field keeps what is being typed in it.
    ignoreActiveValue: true,
    restoreFocus: true,
    callbacks: {
      beforeNodeMorphed: (from) => !ownState(from),
      beforeNodeRemoved: (node) => !ownState(node),
      // A details element the reader opened or closed stays so.
      beforeAttributeUpdated: (name, node) => !(name === 'open' && node.localName === 'details'),
    },
  };

  /**
   * Patches the page with its copy as now served: true when it shows it (or is it already), false
   * when only loading it anew would, 'gone' when the page is no longer served.
   */
  async function patch() {
    const response = await fetch(location.pathname, { cache: 'no-store' });
    if (response.status === 404) return 'gone';
    if (!response.ok) return false;
    const next = new DOMParser().parseFromString(await response.text(), 'text/html');
    const fetched = next.querySelector('meta[name="preview-version"]')?.content;
    if (fetched === version) return true;
    if (!globalThis.Idiomorph || !fetched || frameOf(fetched) !== frameOf(version)) return false;
    globalThis.Idiomorph.morph(document.body, next.body, MORPH);
    document.title = next.title;
    version = fetched;
    versionMeta.content = fetched;
    return true;
  }

  function goHome() {
    events.close();
    location.replace('/');
  }

  async function follow(state) {
    const latest = state.pages[page];
    if (onDemand) {
      const patched = await patch().catch(() => false);
      if (patched === 'gone') return goHome();
      if (patched !== true) return reload();
    } else if (latest === undefined && Object.keys(state.pages).length > 0) return goHome();
    else if (latest !== undefined && latest !== version) {
      const patched = frameOf(latest) === frameOf(version) && (await patch().catch(() => false));
      if (patched !== true) return reload();
    }
    showProblems(state.problems);
  }

  // One state at a time, the latest first: states that came in meanwhile are skipped for the newest.
  let waiting;
  let following = false;
  events.addEventListener('state', async (event) => {
    waiting = JSON.parse(event.data);
    if (following) return;
    following = true;
    while (waiting) {
      const state = waiting;
      waiting = undefined;
      await follow(state);
    }
    following = false;
  });
})();
