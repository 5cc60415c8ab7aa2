import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { check, copyManual, edit, manual, removeCopies, write } from '../helpers/fixture.ts';
import { pdfPages } from '../helpers/pdf.ts';

afterAll(removeCopies);

const VISITS = 'chapters/care/visits.md';

/** Everything a build wrote, as text: the HTML and PDF text as they read, and every file inside the EPUB. */
async function outputsText(out: string): Promise<string> {
  const texts: string[] = [];
  for (const name of readdirSync(out)) {
    const file = path.join(out, name);
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
    edit(root, VISITS, 'Visit every six weeks.', [
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
    ].join('\n'));
    expect(await check(root)).toEqual([
      'chapters/care/visits.md:7:1: warning: <script> is removed from the editions',
      'chapters/care/visits.md:9:1: warning: the onclick attribute of <p> is removed from the editions',
      'chapters/care/visits.md:9:28: warning: the javascript: address of <a> is removed from the editions',
      'chapters/care/visits.md:11:1: warning: an <iframe> is shown as a link to https://www.youtube.com/embed/abc',
      'chapters/care/visits.md:13:1: warning: <style> is removed from the editions',
      'chapters/care/visits.md:17:1: warning: <form> is removed from the editions',
      'chapters/care/visits.md:19:1: warning: the javascript: address of <a> is removed from the editions',
    ].map((w) => expect.stringContaining(w)));

    const out = mkdtempSync(path.join(tmpdir(), 'manual-hostile-'));
    expect(manual(['build', '--root', root, '--out', out]).status).toBe(0);
    const html = readFileSync(path.join(out, 'small-test-manual-2025-02.html'), 'utf8');
    expect(html).toContain('Visit every six weeks.<sup>1</sup>');
    expect(html).toMatch(/<details[^>]*><summary>Why six weeks<\/summary>Regulation 28 sets the longest gap.<\/details>/);
    expect(html).toMatch(/<a href="https:\/\/www.youtube.com\/embed\/abc"[^>]*>Training video on visits<\/a>/);
    const all = await outputsText(out);
    for (const gone of ['pwned', 'steal()', 'javascript:', 'display: none', 'evil.example', '<iframe', 'onclick']) expect(all, gone).not.toContain(gone);
  });
});

describe('a chapter that points at a file outside the manual', () => {
  // The secret sits beside the manual's folder; each way of reaching it is tried in its own copy.
  const SECRET = 'TOP-SECRET-5f1c2b';
  const ways: [string, (root: string, secret: string) => string][] = [
    ['a relative path climbing out', () => '![x](../../../secret.svg)'],
    ['an absolute path', (_root, secret) => `![x](${secret})`],
    ['a file: address', (_root, secret) => `![x](file://${secret})`],
    ['percent-encoded dots', () => '![x](%2E%2E/%2E%2E/%2E%2E/secret.svg)'],
    ['a symbolic link inside the manual', (root, secret) => (symlinkSync(secret, path.join(root, 'chapters/images/linked.svg')), '![x](../images/linked.svg)')],
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
      expect(built.stderr).toMatch(/chapters\/care\/visits\.md:7:1: error: image .* (does not exist in the manual|is a link to a file outside the manual)/);
      expect(readdirSync(out)).toEqual([]);
    }
  });
});
