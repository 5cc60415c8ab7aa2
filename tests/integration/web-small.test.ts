import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { select } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Book } from '../../scripts/core/book.ts';
import { Diagnostics } from '../../scripts/core/diagnostics.ts';
import { buildBook } from '../../scripts/pipeline/pipeline.ts';
import { writeOutputs } from '../../scripts/output/render-outputs.ts';
import type { PagePositions } from '../../scripts/render/results.ts';
import { BUILT_IN_TEMPLATES } from '../../scripts/render/templates.ts';
import { renderWeb } from '../../scripts/render/web/render-web.ts';
import { sameChapterPages } from '../../scripts/render/web/web-renderer.ts';
import { axeViolations, problemsOf, siteBrowser, type SiteBrowser } from '../helpers/browser.ts';
import { copyManual, edit, removeCopies, scratchDir } from '../helpers/fixture.ts';

const WIDE_TABLE = `\n\n## Contacts\n\n| ${Array.from({ length: 12 }, (_, i) => `Column${i}WithALongUnbrokenName`).join(' | ')} |\n|${' --- |'.repeat(12)}\n| ${Array.from({ length: 12 }, () => 'Supercalifragilisticexpialidocious').join(' | ')} |\n`;

/** Where the partner PDF would put each chapter: the web renderer reads nothing else of it. */
const pagesOf = (book: Book, shift = 0): PagePositions => ({
  pageOf: new Map(book.chapters.map((c, i) => [c.anchor, 3 + i * 2 + shift])),
  pageCount: 3 + book.chapters.length * 2,
});

/**
 * The web edition of the small manual, rendered in this process (no PDFs are printed: their pages
 * are made up), with a chapter removed by its id and a table far wider than a phone.
 */
describe('the web edition of a small manual that removed a chapter', () => {
  let book: Book;
  let web = '';
  let browser: SiteBrowser;
  beforeAll(async () => {
    const root = copyManual();
    edit(
      root,
      'chapters/amendments.yml',
      '        details: A new chapter.\n',
      '        details: A new chapter.\n    removed:\n      - chapter: care/old-visits\n        title: Old Visits\n        details: Replaced by [Visits](care/visits.md).\n',
    );
    edit(root, 'chapters/care/visits.md', 'Visit every six weeks.', `Visit every six weeks.${WIDE_TABLE}`);
    const diagnostics = new Diagnostics();
    book = (await buildBook(root, diagnostics))!;
    expect(diagnostics.items.filter((d) => d.severity === 'error')).toEqual([]);
    const out = scratchDir('manual-web-small-');
    const files = await renderWeb(book, BUILT_IN_TEMPLATES, pagesOf(book));
    await writeOutputs(new Map(files.map((f) => [f.name, f.data])), out);
    web = path.join(out, 'web');
    browser = await siteBrowser([web, out]);
  });
  afterAll(async () => {
    await browser?.close();
    removeCopies();
  });

  it("keeps a page at a removed chapter's address, saying so and leading to the contents", async () => {
    const file = path.join(web, 'chapters/care/old-visits.html');
    expect(existsSync(file)).toBe(true);
    const page = await browser.open(file);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Old Visits');
    expect(await page.$eval('.removed-note', (p) => p.textContent)).toBe(
      'This chapter was removed from the manual in the February 2025 edition.',
    );
    expect(await page.$eval('main', (m) => m.textContent)).toContain('Replaced by Visits.');
    expect(await axeViolations(page)).toEqual([]);
    await Promise.all([page.waitForNavigation(), page.click('main a[href="../../index.html"]')]);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Small Test Manual');
    await page.close();
  });

  it('keeps a wide table inside its own scrolling box at 320 px, the page never scrolling sideways', async () => {
    const page = await browser.open(path.join(web, 'chapters/care/visits.html'), { width: 320 });
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(320);
    const box = await page.$eval('.table-scroll', (b) => ({ scroll: b.scrollWidth, width: b.clientWidth }));
    expect(box.scroll).toBeGreaterThan(box.width);
    expect(problemsOf(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('names the partner PDF page each chapter starts on', () => {
    const tree = unified()
      .use(rehypeParse)
      .parse(readFileSync(path.join(web, 'chapters/care/visits.html'), 'utf8'));
    const page = 3 + book.chapters.findIndex((c) => c.id === 'care/visits') * 2;
    const link = select('.pdf-page a', tree)!;
    expect([link.properties.href, toString(link)]).toEqual([
      `../../../small-test-manual-2025-02.pdf#page=${page}`,
      `page ${page}`,
    ]);
  });

  it('writes the same bytes when rendered again, and again only when a chapter moved to another page', async () => {
    const again = await renderWeb(book, BUILT_IN_TEMPLATES, pagesOf(book));
    for (const file of again)
      expect(
        Buffer.from(file.data).equals(readFileSync(path.join(web, file.name.slice('web/'.length)))),
        file.name,
      ).toBe(true);
    expect(sameChapterPages(book, pagesOf(book), pagesOf(book))).toBe(true);
    expect(sameChapterPages(book, pagesOf(book), pagesOf(book, 1))).toBe(false);
  });

  it('leaves in web/ only what the build wrote: a page an earlier build left there is removed', async () => {
    const out = path.dirname(web);
    const stale = path.join(web, 'chapters/care/gone.html');
    writeFileSync(stale, "an earlier build's page");
    const files = await renderWeb(book, BUILT_IN_TEMPLATES, pagesOf(book));
    await writeOutputs(new Map(files.map((f) => [f.name, f.data])), out);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(path.join(web, 'chapters/care/visits.html'))).toBe(true);
  });
});
