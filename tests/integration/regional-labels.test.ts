import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, problemsOf, siteBrowser } from '../helpers/browser.ts';
import { ace, epubcheck, openEpub } from '../helpers/epub.ts';
import { edit, removeCopies } from '../helpers/fixture.ts';
import { lines, pdfPages } from '../helpers/pdf.ts';
import { copyRegion, run, type Region } from '../helpers/regional.ts';

/**
 * Whose content is whose, in every output of a manual built on a regional base: Torbay adds a
 * chapter and an outside document (1.2, 1.3), puts its own chapter in place of a regional one
 * (2.2) and adds a chapter at the end of a section (2.4); Plymouth has no chapter of its own.
 */

const TORBAY_CREDIT =
  'Regional procedures by South West Child Protection Procedures Partnership, with local content by Torbay Council';
const PLYMOUTH_CREDIT =
  "South West procedures by South West Child Protection Procedures Partnership, with Plymouth's local information by Plymouth City Council";
const CARRIED = 'Includes the South West Child Protection Procedures, February 2026 edition';
const LOCAL = ['1.2', '1.3', '2.2', '2.4'];
const REGIONAL = ['1.1', '1.4', '1.5', '2.1', '2.3', '3.1'];

let region: Region;
/** A file of a local manual's build, by how its name ends ("03.pdf" is the partner PDF of the March 2026 edition). */
const outputs = (root: string, ending: string) =>
  path.join(
    root,
    'dist',
    readdirSync(path.join(root, 'dist')).find((n) => n.endsWith(ending))!,
  );
const pdf = (root: string) => outputs(root, '03.pdf');
const binder = (root: string) => outputs(root, '-print.pdf');
const html = (root: string) => parse(readFileSync(outputs(root, '03.html'), 'utf8'));
const parse = (text: string): Root => unified().use(rehypeParse).parse(text);
const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

beforeAll(() => {
  region = copyRegion();
  // A link with no text to a local chapter: its text is the number and title, never the label.
  edit(region.torbay, 'chapters/local/neglect-toolkit.md', '[referral](front-door.md)', '[](front-door.md)');
  run(['build'], region.torbay);
  run(['build'], region.plymouth);
}, 180_000);
afterAll(removeCopies);

/** Each numbered entry of a PDF's contents page with the lines it runs on (an outside address wraps), by number. */
function contentsEntries(file: string): Map<string, string> {
  const page = pdfPages(file, true).find((p) => lines(p).includes('Contents'))!;
  const entries = new Map<string, string>();
  let current: string | undefined;
  for (const line of lines(page).slice(2, -1)) {
    const number = /^(\d+\.\d+) /.exec(line)?.[1];
    if (number) entries.set((current = number), line);
    else if (/^\d+ |^See also:|^Torbay's own/.test(line)) current = undefined;
    else if (current) entries.set(current, `${entries.get(current)} ${line}`);
  }
  return entries;
}

/** The line under a chapter's title at the top of its first page in the partner PDF, found by the contents' page number. */
function underTitle(pages: string[], entry: string): string {
  const page = Number(/(\d+)$/.exec(entry)![1]);
  const found = lines(pages[page - 1]);
  const title = entry
    .replace(/\s+(Local\s+)?\d+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return found[found.lastIndexOf(title) + 1];
}

describe('the PDFs of a manual with local chapters', () => {
  it('label each local and substituted entry of both contents "Local", and no regional one', () => {
    for (const file of [pdf(region.torbay), binder(region.torbay)]) {
      const entries = contentsEntries(file);
      expect([...entries.keys()]).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '2.1', '2.2', '2.3', '2.4', '3.1']);
      for (const number of LOCAL) expect(entries.get(number), `${number} in ${file}`).toMatch(/\bLocal\b/);
      for (const number of REGIONAL) expect(entries.get(number), `${number} in ${file}`).not.toMatch(/\bLocal\b/);
    }
  });

  it('print the credit line and the regional edition carried on the title page', () => {
    for (const file of [pdf(region.torbay), binder(region.torbay)]) {
      const first = squeeze(pdfPages(file)[0]);
      expect(first).toContain(TORBAY_CREDIT);
      expect(first).toContain(CARRIED);
    }
  });

  it("say under a local chapter's title that it is local, and that a substituted one replaces the regional procedure", () => {
    const pages = pdfPages(pdf(region.torbay));
    const entries = contentsEntries(pdf(region.torbay));
    expect(underTitle(pages, entries.get('1.2')!)).toBe('Local chapter');
    expect(underTitle(pages, entries.get('2.4')!)).toBe('Local chapter');
    expect(underTitle(pages, entries.get('2.2')!)).toBe('Local chapter, in place of the regional procedure');
    for (const number of ['1.1', '2.1']) expect(underTitle(pages, entries.get(number)!)).not.toMatch(/Local/);
  });
});

describe('the HTML edition of a manual with local chapters', () => {
  it('labels the local entries of its contents outside their links, and keeps link texts to the number and title', () => {
    const tree = html(region.torbay);
    const items = selectAll('nav.contents li.contents-chapter, nav.contents li.contents-outside', tree);
    const labelled = items.filter((li) => select('.origin-label', li)).map((li) => toString(select('a', li)!).trim());
    expect(labelled.map((t) => t.split(/\s/)[0])).toEqual(LOCAL);
    for (const li of items) expect(toString(select('a', li)!)).not.toContain('Local');
    const link = selectAll('#ch-local\\.neglect-toolkit a', tree).find(
      (a) => a.properties.href === '#ch-local.front-door',
    );
    expect(squeeze(toString(link!))).toBe("1.2 Torbay's Front Door");
  });

  it('says at the top of each local chapter whose it is, and has the credit line on its title page', () => {
    const tree = html(region.torbay);
    const note = (id: string) => {
      const article = select(`article[id="${id}"]`, tree)!;
      const first = article.children.filter((c) => c.type === 'element')[1];
      return first && first.type === 'element' && first.tagName === 'p' ? toString(first) : '';
    };
    expect(note('ch-local.front-door')).toBe('Local chapter');
    expect(note('ch-child-protection.conferences')).toBe('Local chapter, in place of the regional procedure');
    expect(note('ch-referrals.making-a-referral')).not.toMatch(/Local/);
    expect(selectAll('.origin-note', tree)).toHaveLength(3);
    expect(toString(select('.title-page .base-credit', tree)!)).toBe(TORBAY_CREDIT);
    expect(toString(select('.title-page .base-edition', tree)!)).toBe(CARRIED);
  });
});

describe('the web edition of a manual with local chapters', () => {
  /** Each labelled contents entry's number, and the label's words and size as a reader's browser shows them. */
  const labelsOn = (page: import('puppeteer-core').Page) =>
    page.$$eval('.contents li', (items) =>
      items.flatMap((li) => {
        const label = li.querySelector(':scope > .origin-label');
        if (!label) return [];
        const box = label.getBoundingClientRect();
        return [
          {
            entry: li.querySelector('a')!.textContent!.trim().split(/\s/)[0],
            text: label.textContent,
            width: box.width,
            inLink: Boolean(label.closest('a')),
          },
        ];
      }),
    );

  it('labels the local entries of its contents, says so at the top of each local chapter, and credits the region', async () => {
    const web = path.join(region.torbay, 'dist/web');
    const browser = await siteBrowser([web, path.join(region.torbay, 'dist')]);
    try {
      const home = await browser.open(path.join(web, 'index.html'));
      const labels = await labelsOn(home);
      expect(labels.map((l) => l.entry)).toEqual(LOCAL);
      for (const label of labels) expect(label).toMatchObject({ text: 'Local', inLink: false });
      for (const label of labels) expect(label.width).toBeGreaterThan(10);
      expect(await home.$eval('.title-page .base-credit', (p) => p.textContent)).toBe(TORBAY_CREDIT);
      expect(await home.$eval('.title-page .base-edition', (p) => p.textContent)).toBe(CARRIED);
      expect(await home.$eval('.site-footer .footer-credit', (p) => p.textContent)).toBe(TORBAY_CREDIT);
      expect(problemsOf(home)).toEqual([]);
      expect(await axeViolations(home)).toEqual([]);
      const section = await browser.open(path.join(web, 'sections/sec-child-protection.html'));
      expect((await labelsOn(section)).map((l) => l.entry)).toEqual(['2.2', '2.4']);
      const top = async (file: string) => {
        const page = await browser.open(path.join(web, 'chapters', file));
        const under = await page.$eval('h1.chapter-title', (h) => h.nextElementSibling?.textContent ?? '');
        // axe-core's own requests report errors: the page's problems are read before it runs.
        expect(problemsOf(page)).toEqual([]);
        expect(await axeViolations(page)).toEqual([]);
        return under;
      };
      expect(await top('local/front-door.html')).toBe('Local chapter');
      expect(await top('child-protection/conferences.html')).toBe('Local chapter, in place of the regional procedure');
      expect(await top('referrals/making-a-referral.html')).not.toMatch(/Local/);
      expect(browser.blocked).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("shows a manual's own credit line and no label when the manual has no chapter of its own", async () => {
    const web = path.join(region.plymouth, 'dist/web');
    const browser = await siteBrowser([web, path.join(region.plymouth, 'dist')]);
    try {
      const home = await browser.open(path.join(web, 'index.html'));
      expect(await labelsOn(home)).toEqual([]);
      expect(await home.$eval('.title-page .base-credit', (p) => p.textContent)).toBe(PLYMOUTH_CREDIT);
      expect(await home.$$('.origin-note')).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('the EPUB of a manual with local chapters', () => {
  it('labels its contents page, its navigation and its local chapters, and credits the region on its title page', async () => {
    const epub = await openEpub(outputs(region.torbay, '03.epub'));
    const contents = await epub.tree('OEBPS/contents.xhtml');
    const labelled = selectAll('li', contents)
      .filter((li) => select(':scope > .origin-label', li))
      .map((li) => toString(select('a', li)!).trim().split(/\s/)[0]);
    expect(labelled).toEqual(LOCAL);
    const nav = selectAll('nav#toc a', await epub.tree('OEBPS/toc.xhtml')).map((a) => squeeze(toString(a)));
    expect(nav.filter((t) => t.endsWith('(Local)')).map((t) => t.split(' ')[0])).toEqual(LOCAL);
    expect(nav).toContain('2.1 Strategy Discussions');
    const note = async (file: string) =>
      toString(select('.origin-note', await epub.tree(`OEBPS/${file}`)) ?? { type: 'root', children: [] });
    expect(await note('ch-local.front-door.xhtml')).toBe('Local chapter');
    expect(await note('ch-child-protection.conferences.xhtml')).toBe(
      'Local chapter, in place of the regional procedure',
    );
    expect(await note('ch-referrals.making-a-referral.xhtml')).toBe('');
    const title = await epub.tree('OEBPS/title.xhtml');
    expect(toString(select('.base-credit', title)!)).toBe(TORBAY_CREDIT);
    expect(toString(select('.base-edition', title)!)).toBe(CARRIED);
  });

  it('passes epubcheck and Ace', { timeout: 600_000 }, () => {
    const file = outputs(region.torbay, '03.epub');
    const check = epubcheck(file);
    expect(check.output).toMatch(/No errors or warnings detected/);
    expect(check.status).toBe(0);
    const work = mkdtempSync(path.join(tmpdir(), 'manual-ace-'));
    try {
      expect(ace(file, work).map((v) => `${v.rule} (${v.impact}) ${v.file}: ${v.html}`)).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('a manual on a base with no chapter of its own (Plymouth)', () => {
  it('shows no Local label anywhere, and its own credit line on every title page', async () => {
    for (const file of [pdf(region.plymouth), binder(region.plymouth)]) {
      const pages = pdfPages(file);
      expect(squeeze(pages[0])).toContain(PLYMOUTH_CREDIT);
      expect([...contentsEntries(file).values()].join('\n')).not.toMatch(/\bLocal\b/);
      expect(pages.flatMap(lines).filter((line) => line.startsWith('Local chapter'))).toEqual([]);
    }
    const tree = html(region.plymouth);
    expect(selectAll('.origin-label, .origin-note', tree)).toEqual([]);
    expect(toString(select('.base-credit', tree)!)).toBe(PLYMOUTH_CREDIT);
    const epub = await openEpub(outputs(region.plymouth, '03.epub'));
    for (const name of epub.names.filter((n) => n.endsWith('.xhtml')))
      expect(selectAll('.origin-label, .origin-note', await epub.tree(name)), name).toEqual([]);
    expect(await epub.text('OEBPS/toc.xhtml')).not.toContain('(Local)');
    expect(toString(select('.base-credit', await epub.tree('OEBPS/title.xhtml'))!)).toBe(PLYMOUTH_CREDIT);
  });
});
