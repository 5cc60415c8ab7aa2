// The preview's client, served at /__preview/client.js into every page of the preview. It listens
// to the preview's events: a page whose version changed reloads at the same scroll position, and
// the problems `manual check` finds are shown in an overlay (styled by overlay.css) until fixed.
// Text is only ever set as text, never as HTML: a message may quote the manual.
(() => {
  const page = location.pathname.endsWith('/') ? `${location.pathname}index.html` : location.pathname;
  const scrollKey = `manual-preview-scroll:${page}`;
  const version = document.querySelector('meta[name="preview-version"]')?.content;

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

  let overlay;
  function showProblems(problems) {
    overlay?.remove();
    overlay = undefined;
    if (problems.length === 0) return;
    const errors = problems.filter((p) => p.severity === 'error').length;
    overlay = element('details', 'manual-preview-overlay');
    overlay.id = 'manual-preview-overlay';
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
  events.addEventListener('state', (event) => {
    const state = JSON.parse(event.data);
    const latest = state.pages[page];
    if (latest !== undefined && latest !== version) {
      sessionStorage.setItem(scrollKey, JSON.stringify({ x: scrollX, y: scrollY }));
      events.close();
      location.reload();
      return;
    }
    showProblems(state.problems);
  });
})();
