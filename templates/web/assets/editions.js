// The editions page's date field: names the edition in force on the chosen date and links to it.
// The list of dates above it says the same without JavaScript; this only saves reading it.
(function () {
  const field = document.querySelector('.edition-on');
  const input = document.getElementById('edition-date');
  const result = document.getElementById('edition-on-result');
  if (!field || !input || !result) return;
  const ranges = [...document.querySelectorAll('.in-force li[data-from]')].map((item) => ({
    from: item.dataset.from,
    until: item.dataset.until,
    label: item.dataset.label,
    href: item.dataset.href || item.querySelector('a').getAttribute('href'),
  }));
  field.hidden = false;
  input.addEventListener('change', () => {
    result.textContent = '';
    const date = input.value;
    if (!date) return;
    // Dates are YYYY-MM-DD, so comparing the strings compares the days; an edition ends the day the next starts.
    const found = ranges.find((r) => r.from <= date && (!r.until || date < r.until));
    if (!found) {
      result.textContent = 'No archived edition was in force then: the earliest began on ' + ranges.at(-1).from + '.';
      return;
    }
    const link = document.createElement('a');
    link.href = found.href;
    link.textContent = 'the ' + found.label + ' edition';
    result.append('On that date the manual in force was ', link, '.');
  });
})();

// The form comparing two editions: opens the page of the two, the earlier first, whichever way they were picked.
(function () {
  const form = document.querySelector('.compare-form');
  if (!form) return;
  const from = document.getElementById('compare-from');
  const to = document.getElementById('compare-to');
  const result = document.getElementById('compare-result');
  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (from.value === to.value) {
      result.textContent = 'Pick two different editions.';
      return;
    }
    const [earlier, later] = [from.value, to.value].sort();
    window.location.href = form.dataset.base + earlier + '.' + later + '.html';
  });
})();
