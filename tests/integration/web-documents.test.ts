import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';
import type { Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../scripts/core/diagnostics.ts';
import { buildBook } from '../../scripts/pipeline/pipeline.ts';
import { BUILT_IN_TEMPLATES } from '../../scripts/render/templates.ts';
import { renderWeb } from '../../scripts/render/web/render-web.ts';
import { axeViolations, problemsOf, siteBrowser, type SiteBrowser } from '../helpers/browser.ts';
import { copyManual, edit, manual, REPO, removeCopies, scratchDir } from '../helpers/fixture.ts';
import { onePagePdf } from '../helpers/documents.ts';
import { brokenLinks } from '../helpers/site-links.ts';

const SITE = 'https://procedures.example.gov.uk/small/';

/** The documents of the fixture: their files under chapters/ and their bytes. */
const DOCUMENTS = {
  'chapters/forms/guide.pdf': onePagePdf('Early help guide'),
  'chapters/forms/pet-assessment.docx': readFileSync(path.join(REPO, 'tests/fixtures/import/checklist.docx')),
  // A folder with a space: its address is encoded, and must still lead to the file from disk.
  'chapters/care/letter templates/contacts.csv': Buffer.from('name,phone\nDuty team,01332 000000\n'),
};

/**
 * The small manual with a PDF, a Word document and a CSV file linked from chapters (the Word
 * document from two), the PDF also listed in the contents, and the site's address given.
 */
function manualWithDocuments(): string {
  const root = copyManual();
  for (const [file, data] of Object.entries(DOCUMENTS)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), data);
  }
  edit(root, 'chapters/contents.yml', 'publisher: Test Council\n', `publisher: Test Council\nsite-url: ${SITE}\n`);
  edit(
    root,
    'chapters/contents.yml',
    '          - chapter: care/visits\n',
    '          - chapter: care/visits\n          - document: forms/guide.pdf\n            title: Early Help Guide\n',
  );
  edit(
    root,
    'chapters/care/visits.md',
    'Visit every six weeks.',
    'Visit every six weeks.\n\nFill in the [Pet Assessment Form](../forms/pet-assessment.docx) and call [the contacts list](letter%20templates/contacts.csv).',
  );
  edit(
    root,
    'chapters/help/early-help.md',
    'Early help is for every family.',
    'Early help is for every family. Read the [guide](../forms/guide.pdf) and use the [Pet Assessment Form](../forms/pet-assessment.docx).',
  );
  return root;
}

const parse = (file: string): Root => unified().use(rehypeParse).parse(readFileSync(file, 'utf8'));
const text = (node: Parameters<typeof toString>[0] | undefined) =>
  node ? toString(node).replace(/\s+/g, ' ').trim() : '';

describe('the documents of a manual in its web edition', () => {
  let root = '';
  let web = '';
  let browser: SiteBrowser;
  let pages: string[] = [];
  beforeAll(async () => {
    root = manualWithDocuments();
    const out = scratchDir('manual-web-documents-');
    const build = manual(['build', '--root', root, '--out', out]);
    if (build.status !== 0) throw new Error(`the manual did not build:\n${build.stderr}`);
    web = path.join(out, 'web');
    pages = readdirSync(web, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    browser = await siteBrowser([web, out]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    removeCopies();
  });

  it('publishes each document once at documents/<its path>, byte for byte, and nothing links anywhere missing', () => {
    for (const [file, data] of Object.entries(DOCUMENTS)) {
      const published = path.join(web, 'documents', file.slice('chapters/'.length));
      expect(readFileSync(published).equals(data), file).toBe(true);
    }
    const documents = readdirSync(path.join(web, 'documents'), { recursive: true, encoding: 'utf8' });
    expect(documents.filter((f) => /\.\w+$/.test(f)).sort()).toEqual([
      'care/letter templates/contacts.csv',
      'forms/guide.pdf',
      'forms/pet-assessment.docx',
    ]);
    expect(brokenLinks(web)).toEqual([]);
  });

  it('leads every link to a document, on every page opened from file:// in Chromium, to its file', async () => {
    const followed = new Set<string>();
    for (const file of pages) {
      const page = await browser.open(path.join(web, file), { javascript: false });
      // The address Chromium resolves from the page's own, as a click would open it.
      const links = await page.$$eval('a[href]', (all) =>
        all.map((a) => ({ href: (a as HTMLAnchorElement).href, text: a.textContent!.replace(/\s+/g, ' ').trim() })),
      );
      for (const link of links.filter((l) => l.href.includes('/documents/'))) {
        const target = fileURLToPath(link.href.split('#')[0]);
        expect(existsSync(target), `${file}: ${link.href}`).toBe(true);
        expect(link.text, `${file}: ${link.href}`).toMatch(
          /\((PDF document|Word document|CSV file), \d+ (KB|bytes)\)$/,
        );
        followed.add(path.relative(web, target));
      }
      await page.close();
    }
    expect([...followed].sort()).toEqual([
      'documents/care/letter templates/contacts.csv',
      'documents/forms/guide.pdf',
      'documents/forms/pet-assessment.docx',
    ]);
    // Chromium opens the PDF itself: following the link from a chapter gets the file.
    const page = await browser.open(path.join(web, 'chapters/help/early-help.html'));
    const href = await page.$eval('a.document-link[href$=".pdf"]', (a) => (a as HTMLAnchorElement).href);
    const response = await page.goto(href);
    expect(response!.ok()).toBe(true);
    expect(fileURLToPath(page.url())).toBe(path.join(web, 'documents/forms/guide.pdf'));
    await page.close();
  });

  it('lists every document once on the documents page, by section and chapter, with its type, size, edition and chapters', () => {
    const main = select('main', parse(path.join(web, 'documents.html')))!;
    const shown = selectAll('h2, h3, .document-entry', main).map((node) =>
      node.tagName === 'div'
        ? [select('dt', node), ...selectAll('dd', node)].map(text)
        : `${node.tagName}: ${text(node)} -> ${select('a', node)?.properties.href}`,
    );
    const word = `Pet Assessment Form (Word document, ${Math.round(DOCUMENTS['chapters/forms/pet-assessment.docx'].length / 1024)} KB)`;
    const pdf = `2.1.3 Early Help Guide (PDF document, ${DOCUMENTS['chapters/forms/guide.pdf'].length} bytes)`;
    const csv = `The contacts list (CSV file, ${DOCUMENTS['chapters/care/letter templates/contacts.csv'].length} bytes)`;
    expect(shown).toEqual([
      'h2: 1 Help -> sections/sec-help.html',
      'h3: 1.1 Early Help -> chapters/help/early-help.html',
      [
        word,
        'File: pet-assessment.docx',
        'Last changed in the February 2025 edition',
        'Linked from 1.1 Early Help and 2.1.2 Visits',
      ],
      'h2: 2 Care -> sections/sec-care.html',
      // Listed in the contents: under the subsection that lists it.
      'h3: 2.1 Placements -> sections/sec-placements.html',
      [pdf, 'File: guide.pdf', 'Last changed in the February 2025 edition', 'Linked from 1.1 Early Help'],
      'h3: 2.1.2 Visits -> chapters/care/visits.html',
      [csv, 'File: contacts.csv', 'Last changed in the February 2025 edition', 'Linked from 2.1.2 Visits'],
    ]);
    expect(selectAll('.document-link', main).map((a) => a.properties.href)).toEqual([
      'documents/forms/pet-assessment.docx',
      'documents/forms/guide.pdf',
      'documents/care/letter%20templates/contacts.csv',
    ]);
  });

  it('links to the documents page from every page and from the home page, and it passes axe at desktop and phone width', async () => {
    for (const file of pages) {
      const tree = parse(path.join(web, file));
      const up = '../'.repeat(file.split('/').length - 1);
      for (const where of ['.site-header', '.site-footer'])
        expect(
          selectAll(`${where} a`, tree).filter((a) => a.properties.href === `${up}documents.html`),
          `${file} ${where}`,
        ).toHaveLength(1);
    }
    expect(text(select('.home-documents a', parse(path.join(web, 'index.html'))))).toBe(
      'All 3 documents the manual links to',
    );
    for (const width of [1200, 320]) {
      const page = await browser.open(path.join(web, 'documents.html'), { width });
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(width);
      expect(problemsOf(page)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    }
  });

  it('finds a document by its title and by its file name, the result saying what it is and leading to the file', async () => {
    const page = await browser.open(path.join(web, 'chapters/care/visits.html'));
    // One input event with the whole query, the last results cleared first: what is shown is this query's.
    const search = async (query: string) => {
      await page.$eval(
        '.site-search',
        (box, q) => {
          box.querySelector('#search-results')!.textContent = '';
          box.querySelector('#search-status')!.textContent = '';
          const input = box.querySelector('input')!;
          input.value = q;
          input.dispatchEvent(new Event('input'));
        },
        query,
      );
      await page.waitForFunction(() => document.querySelector('#search-status')!.textContent !== '');
      return page.$$eval('#search-results a', (all) =>
        all.map((a) => ({
          href: (a as HTMLAnchorElement).href,
          text: (a as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
        })),
      );
    };
    const documentHits = async (query: string) =>
      (await search(query)).filter((hit) => hit.href.includes('/documents/'));
    const byTitle = await documentHits('pet assessment');
    expect(byTitle.map((hit) => path.relative(web, fileURLToPath(hit.href)))).toEqual([
      'documents/forms/pet-assessment.docx',
    ]);
    expect(byTitle[0].text).toMatch(/^Pet Assessment Form Document: Word document, \d+ KB pet-assessment\.docx$/);
    const byName = await documentHits('contacts.csv');
    expect(byName.map((hit) => fileURLToPath(hit.href))).toEqual([
      path.join(web, 'documents/care/letter templates/contacts.csv'),
    ]);
    expect(byName[0].text).toContain('Document: CSV file, ');
    expect(existsSync(fileURLToPath(byName[0].href))).toBe(true);
    expect(await documentHits('guide.pdf')).toHaveLength(1);
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('gives every page its canonical address, lists every page in sitemap.xml and makes the feed absolute', () => {
    const address = (file: string) =>
      file === 'index.html' ? SITE : `${SITE}${file.split('/').map(encodeURIComponent).join('/')}`;
    for (const file of pages)
      expect(
        selectAll('link[rel=canonical]', parse(path.join(web, file))).map((l) => l.properties.href),
        file,
      ).toEqual([address(file)]);
    const sitemap = new DOMParser().parseFromString(readFileSync(path.join(web, 'sitemap.xml'), 'utf8'), 'text/xml');
    const listed = Array.from(sitemap.getElementsByTagName('loc')).map((loc) => loc.textContent);
    expect(listed[0]).toBe(SITE);
    expect([...listed].sort()).toEqual(pages.map(address).sort());
    const feed = readFileSync(path.join(web, 'feed.xml'), 'utf8');
    const hrefs = [...feed.matchAll(/href(?:="|&#x3D;&quot;)([^"&]+)/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(3);
    for (const href of hrefs) expect(href.startsWith(SITE), href).toBe(true);
    expect(hrefs).toContain(`${SITE}feed.xml`);
    expect(hrefs).toContain(`${SITE}chapters/care/visits.html`);
  });

  it('without a site address, gives no canonical link and no sitemap, and keeps the feed relative', async () => {
    const diagnostics = new Diagnostics();
    const book = (await buildBook(root, diagnostics))!;
    const { siteUrl: _address, ...meta } = book.meta;
    const files = await renderWeb({ ...book, meta }, BUILT_IN_TEMPLATES, { pageOf: new Map(), pageCount: 0 });
    const names = files.map((f) => f.name);
    expect(names).not.toContain('web/sitemap.xml');
    expect(names).toContain('web/documents.html');
    for (const file of files.filter((f) => f.name.endsWith('.html')))
      expect(String(file.data), file.name).not.toContain('rel="canonical"');
    const feed = String(files.find((f) => f.name === 'web/feed.xml')!.data);
    expect(feed).toContain('<link rel="self" type="application/atom+xml" href="feed.xml"/>');
    expect(feed).toContain('href&#x3D;&quot;chapters/care/visits.html&quot;');
    expect(feed).not.toContain('https://procedures');
  });
});
