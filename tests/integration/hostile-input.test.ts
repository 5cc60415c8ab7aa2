import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../scripts/core/diagnostics.ts';
import { buildBook } from '../../scripts/pipeline/pipeline.ts';
import { renderHtml } from '../../scripts/render/html/render-html.ts';
import { templatesDir } from '../../scripts/render/templates.ts';
import { epubcheck } from '../helpers/epub.ts';
import { check, copyManual, edit, manual, removeCopies, scratchDir, write } from '../helpers/fixture.ts';
import { pdfLinks, pdfPages } from '../helpers/pdf.ts';

afterAll(removeCopies);

const VISITS = 'chapters/care/visits.md';

/** Everything a build wrote, as text: the HTML and PDF text as they read, every file inside the EPUB and of the web edition. */
async function outputsText(out: string): Promise<string> {
  const texts: string[] = [];
  const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  for (const { name, parentPath } of files) {
    const file = path.join(parentPath, name);
    if (name.endsWith('.pdf')) texts.push(pdfPages(file).join('\n'), readFileSync(file, 'latin1'));
    else if (name.endsWith('.epub')) {
      const zip = await JSZip.loadAsync(readFileSync(file));
      for (const entry of Object.values(zip.files)) texts.push(await entry.async('string'));
    } else texts.push(readFileSync(file, 'utf8'));
  }
  return texts.join('\n');
}

describe('raw HTML pasted into a chapter', () => {
  it('keeps the safe subset, removes what can run or load, and says where', async () => {
    const root = copyManual();
    edit(
      root,
      VISITS,
      'Visit every six weeks.',
      [
        'Visit every six weeks.<sup>1</sup>',
        '',
        '<script>document.title = "pwned"</script>',
        '',
        '<p onclick="steal()">Click <a href="javascript:alert(1)">here</a>.</p>',
        '',
        '<iframe src="https://www.youtube.com/embed/abc" title="Training video on visits"></iframe>',
        '',
        '<style>body { display: none }</style>',
        '',
        '<details><summary>Why six weeks</summary>Regulation 28 sets the longest gap.</details>',
        '',
        '<form action="https://evil.example/"><input name="q"></form>',
        '',
        '[a trap](javascript:alert(2))',
      ].join('\n'),
    );
    expect(await check(root)).toEqual(
      [
        'chapters/care/visits.md:7:1: warning: <script> is removed from the editions',
        'chapters/care/visits.md:9:1: warning: the onclick attribute of <p> is removed from the editions',
        'chapters/care/visits.md:9:28: warning: the javascript: address of <a> is removed from the editions',
        'chapters/care/visits.md:11:1: warning: an <iframe> is shown as a link to https://www.youtube.com/embed/abc',
        'chapters/care/visits.md:13:1: warning: <style> is removed from the editions',
        'chapters/care/visits.md:17:1: warning: <form> is removed from the editions',
        'chapters/care/visits.md:17:38: warning: <input> is removed from the editions',
        'chapters/care/visits.md:19:1: warning: the javascript: address of <a> is removed from the editions',
      ].map((w) => expect.stringContaining(w)),
    );

    const out = mkdtempSync(path.join(tmpdir(), 'manual-hostile-'));
    expect(manual(['build', '--root', root, '--out', out]).status).toBe(0);
    const html = readFileSync(path.join(out, 'small-test-manual-2025-02.html'), 'utf8');
    expect(html).toContain('Visit every six weeks.<sup>1</sup>');
    expect(html).toMatch(
      /<details[^>]*><summary>Why six weeks<\/summary>Regulation 28 sets the longest gap.<\/details>/,
    );
    expect(html).toMatch(/<a href="https:\/\/www.youtube.com\/embed\/abc"[^>]*>Training video on visits<\/a>/);
    const all = await outputsText(out);
    for (const gone of [
      'pwned',
      'steal()',
      'javascript:',
      // The chapter's own style, not a template's (the web edition's stylesheet hides things too).
      'body { display: none }',
      'evil.example',
      '<iframe',
      'onclick',
      // The chapter's field, not the web edition's own search box.
      'name="q"',
    ])
      expect(all, gone).not.toContain(gone);
  });
});

describe('raw form fields', () => {
  it('are removed with a warning, while a task list keeps its boxes', async () => {
    const root = copyManual();
    edit(
      root,
      VISITS,
      'Visit every six weeks.',
      [
        'Visit every six weeks.',
        '',
        '- [ ] Book the visit',
        '- [x] Tell the child',
        '',
        'Name: <input type="text" name="child"> Seen alone: <input type="checkbox" checked>',
        '',
        '<ul><li><input type="checkbox"> a list item</li></ul>',
      ].join('\n'),
    );
    const hint =
      '\n  fix: a form field does nothing in print or in an e-reader; for a checklist write a task list: "- [ ] item"';
    expect(await check(root)).toEqual([
      `chapters/care/visits.md:10:7: warning: <input> is removed from the editions${hint}`,
      `chapters/care/visits.md:10:52: warning: <input> is removed from the editions${hint}`,
      `chapters/care/visits.md:12:9: warning: <input> is removed from the editions${hint}`,
    ]);
    const html = await renderHtml((await buildBook(root, new Diagnostics()))!, templatesDir(root));
    expect(html).not.toContain('<input');
    expect(html).toContain(
      '<li class="task-list-item"><span class="task-box" role="img" aria-label="to do">\u2610</span> Book the visit</li>',
    );
    expect(html).toContain('<span class="task-box" role="img" aria-label="done">\u2611</span> Tell the child');
    expect(html).toContain('Name:  Seen alone: ');
  });
});

describe('ids written in raw HTML', () => {
  it(
    'never repeat an id in any edition: each chapter keeps its own, and a repeat is dropped with a warning',
    { timeout: 120_000 },
    async () => {
      const root = copyManual();
      // Word's anchors, a repeat, a heading's slug and anchor, a template's id, and links to them.
      write(
        root,
        VISITS,
        [
          '# Visits',
          '',
          '## Frequency',
          '',
          'Visit <span id="x">every</span> six <span id="x">weeks</span>.<a name="top"></a>',
          '',
          '<p id="frequency">At least <span id="ch-care.visits--frequency">every</span> six weeks.</p>',
          '',
          '<p id="amendments">See <a href="#x">the first</a> and <a href="#top">the top</a>.</p>',
          '',
        ].join('\n'),
      );
      edit(root, 'chapters/care/pledge.md', 'We will listen.', 'We will <span id="x">listen</span>.<a name="top"></a>');
      expect(await check(root)).toEqual([
        'chapters/care/visits.md:5:37: warning: the id "x" of <span> is removed from the editions: an element above it in the chapter has it' +
          '\n  fix: give each element in raw HTML an id of its own',
      ]);
      const out = scratchDir('manual-ids-');
      const built = manual(['build', '--root', root, '--out', out]);
      expect(built.status, built.stderr).toBe(0);

      const html = readFileSync(path.join(out, 'small-test-manual-2025-02.html'), 'utf8');
      const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      expect(html).toMatch(/<h\d id="ch-care.visits--frequency"[^>]*>/);
      expect(html).toContain('<a href="#ch-care.visits--raw.x">the first</a>');
      expect(html).toContain('<a id="ch-care.visits--raw.top"></a>');
      expect(ids).toEqual(
        expect.arrayContaining([
          'ch-care.visits--raw.x',
          'ch-care.pledge--raw.x',
          'ch-care.visits--raw.amendments',
          'amendments',
        ]),
      );
      expect(html).not.toContain('name="top"');

      // In the PDF the raw link still leads to its chapter's page.
      const partner = path.join(out, 'small-test-manual-2025-02.pdf');
      const visitsPage = pdfPages(partner).findIndex((page) => page.includes('See the first and the top.')) + 1;
      expect(pdfLinks(partner, visitsPage)).toEqual(expect.arrayContaining([{ text: 'the first', page: visitsPage }]));
      const checked = epubcheck(path.join(out, 'small-test-manual-2025-02.epub'));
      expect(checked.output).toContain('No errors or warnings detected');
    },
  );
});

describe('a chapter that points at a file outside the manual', () => {
  // The secret sits beside the manual's folder; each way of reaching it is tried in its own copy.
  const SECRET = 'TOP-SECRET-5f1c2b';
  const ways: [string, (root: string, secret: string) => string][] = [
    ['a relative path climbing out', () => '![x](../../../secret.svg)'],
    ['an absolute path', (_root, secret) => `![x](${secret})`],
    ['a file: address', (_root, secret) => `![x](file://${secret})`],
    ['percent-encoded dots', () => '![x](%2E%2E/%2E%2E/%2E%2E/secret.svg)'],
    [
      'a symbolic link inside the manual',
      (root, secret) => (
        symlinkSync(secret, path.join(root, 'chapters/images/linked.svg')),
        '![x](../images/linked.svg)'
      ),
    ],
    ['raw HTML', (_root, secret) => `<img src="${secret}" alt="x"><img src="../../../secret.svg" alt="x">`],
    ['a web address', () => '![x](https://example.org/secret.svg)'],
  ];

  it.each(ways)('through %s: the secret is in no output', async (_how, pointAt) => {
    const root = copyManual();
    const secret = path.join(path.dirname(root), `secret-${path.basename(root)}.svg`);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><text>${SECRET}</text></svg>`;
    writeFileSync(secret, svg);
    const link = pointAt(root, secret).replaceAll('secret.svg', path.basename(secret));
    write(root, VISITS, `# Visits\n\n## Frequency\n\nVisit every six weeks.\n\n${link}\n`);
    const out = mkdtempSync(path.join(tmpdir(), 'manual-secret-'));
    const built = manual(['build', '--root', root, '--out', out]);
    if (built.status === 0) {
      const all = await outputsText(out);
      expect(all).not.toContain(SECRET);
      expect(all).not.toContain(Buffer.from(svg).toString('base64')); // as a data: URI
    } else {
      expect(built.stderr).toMatch(
        /chapters\/care\/visits\.md:7:1: error: image .* (does not exist in the manual|is a link to a file outside the manual)/,
      );
      expect(readdirSync(out)).toEqual([]);
    }
  });
});
