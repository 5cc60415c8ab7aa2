import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ace, epubcheck } from '../helpers/epub.ts';
import { copyManual, edit, manual, removeCopies, REPO, scratchDir } from '../helpers/fixture.ts';
import { sizeOf } from '../../scripts/core/document-kind.ts';
import { lines, pdfOutline, pdfPages, pdfStructure, type Bookmark } from '../helpers/pdf.ts';

/**
 * The small fixture with three documents linked from its chapters (a PDF whose name has a space,
 * a real Word document, a CSV file linked from two chapters), one of them also a contents entry,
 * built with `site-url` and without it: the printed editions and the EPUB name each document and
 * link to it only where the manual says where the web edition publishes it.
 */
const SLOW = 600_000;
const SITE = 'https://procedures.example.gov.uk/children/';
const GUIDE = `${SITE}documents/help/guides/early%20help%20guide.pdf`;
const CHECKLIST = `${SITE}documents/care/forms/visit-checklist.docx`;
const LOG = `${SITE}documents/care/forms/visit-log.csv`;
/** A chapter's page in the web edition, as the binder's footers print it. */
const CHAPTER_PAGES = ['help/early-help', 'care/pledge', 'care/placements', 'care/visits'].map(
  (id) => `${SITE}chapters/${id}.html`,
);
const LOG_TEXT = 'date,child,worker\n2025-01-02,A,B\n';
const CHECKLIST_BYTES = readFileSync(path.join(REPO, 'tests/fixtures/import/checklist.docx'));
const PDF =
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

function manualWithDocuments(siteUrl: boolean): string {
  const root = copyManual();
  mkdirSync(path.join(root, 'chapters/help/guides'));
  mkdirSync(path.join(root, 'chapters/care/forms'));
  writeFileSync(path.join(root, 'chapters/help/guides/early help guide.pdf'), PDF);
  writeFileSync(path.join(root, 'chapters/care/forms/visit-checklist.docx'), CHECKLIST_BYTES);
  writeFileSync(path.join(root, 'chapters/care/forms/visit-log.csv'), LOG_TEXT);
  edit(
    root,
    'chapters/care/visits.md',
    'Visit every six weeks.',
    'Visit every six weeks. Record each visit on the [Visit Checklist](forms/visit-checklist.docx) and in the [visit log](forms/visit-log.csv).',
  );
  edit(
    root,
    'chapters/help/early-help.md',
    'Early help is for every family.',
    'Early help is for every family. Read the [Early Help Guide](guides/early%20help%20guide.pdf) and keep the [visit log](../care/forms/visit-log.csv).',
  );
  edit(
    root,
    'chapters/contents.yml',
    '      - title: Thresholds\n',
    '      - document: help/guides/early help guide.pdf\n        title: Early Help Guide\n      - title: Thresholds\n',
  );
  if (siteUrl) edit(root, 'chapters/contents.yml', 'language: en-GB\n', `language: en-GB\nsite-url: ${SITE}\n`);
  return root;
}

interface Built {
  partner: string;
  binder: string;
  epub: string;
}

function build(siteUrl: boolean): Built {
  const root = manualWithDocuments(siteUrl);
  const out = scratchDir('manual-documents-');
  const result = manual(['build', '--root', root, '--out', out]);
  expect(result.status).toBe(0);
  // Without site-url, check's one warning says the outputs name the documents without a link.
  expect(result.stderr.includes('does not say where the web edition is published')).toBe(!siteUrl);
  const file = (ending: string) => path.join(out, `small-test-manual-2025-02${ending}`);
  return { partner: file('.pdf'), binder: file('-print.pdf'), epub: file('.epub') };
}

/** Every web address a PDF's link annotations lead to, as `pdfinfo -url` lists them: page and address. */
function linkAnnotations(file: string): { page: number; url: string }[] {
  return execFileSync('pdfinfo', ['-url', file], { encoding: 'utf8' })
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.trim().split(/\s+/))
    .map(([page, , url]) => ({ page: Number(page), url }));
}

const words = (text: string) => text.replace(/\s+/g, ' ').trim();
/** The text of the page a PDF's bookmark titled `title` opens. */
const bookmarked = (file: string, title: string) => {
  const mark = pdfOutline(file).find((b) => b.title === title);
  return mark && words(pdfPages(file)[mark.page - 1]);
};

/** The bookmarks of the chapters, in order: each chapter's title and first page. */
const chapterMarks = (file: string) =>
  pdfOutline(file)
    .flatMap(function all(mark): Bookmark[] {
      return [mark, ...mark.children.flatMap(all)];
    })
    .filter((mark) => /^(\d+\.\d+(\.\d+)? |Our Pledge$)/.test(mark.title) && !mark.title.endsWith('Amendments'))
    .filter((mark) => mark.children.length === 0);

/** A page's text without its running head and footer lines, which differ between the two PDFs. */
const body = (file: string, page: number) =>
  lines(pdfPages(file)[page - 1])
    .slice(2)
    .filter((line) => !/Page \d+ of \d+|^February 2025 edition$|^https:\/\/procedures/.test(line));

let withSite: Built;
let withoutSite: Built;

beforeAll(() => {
  withSite = build(true);
  withoutSite = build(false);
}, SLOW);
afterAll(removeCopies);

describe('the PDFs of a manual with documents and a site-url', () => {
  it('link to each document at its published address, in the chapters and the list of documents', () => {
    const urls = linkAnnotations(withSite.partner).map((l) => l.url);
    for (const address of [GUIDE, CHECKLIST, LOG]) expect(urls).toContain(address);
    const listPage = pdfOutline(withSite.partner).find((b) => b.title === 'Documents referred to')!.page;
    expect(
      linkAnnotations(withSite.partner)
        .filter((l) => l.page === listPage)
        .map((l) => l.url),
    ).toEqual([GUIDE, CHECKLIST, LOG]);
  });

  it('end with "Documents referred to": by title, with type, size, address and the chapters that refer to each', () => {
    for (const file of [withSite.partner, withSite.binder]) {
      const list = bookmarked(file, 'Documents referred to');
      expect(list).toMatch(/^Small Test Manual Documents referred to Documents referred to /);
      expect(list).toContain(
        `Early Help Guide (PDF document, ${PDF.length} bytes) ${GUIDE} Referred to in 1.1 Early Help ` +
          `Visit Checklist (Word document, ${sizeOf(CHECKLIST_BYTES.length)}) ${CHECKLIST} Referred to in 2.1.2 Visits ` +
          `Visit log (CSV file, ${LOG_TEXT.length} bytes) ${LOG} Referred to in 1.1 Early Help; 2.1.2 Visits`,
      );
      expect(pdfOutline(file).at(-1)!.title).toBe('Documents referred to');
    }
  });

  it('list it last in the contents: its page in the partner PDF, its pages in the binder', () => {
    const listPage = pdfOutline(withSite.partner).at(-1)!.page;
    expect(lines(pdfPages(withSite.partner, true)[1]).at(-2)).toMatch(
      new RegExp(`^Documents referred to\\s+${listPage}$`),
    );
    const binderContents = lines(pdfPages(withSite.binder, true)[2]);
    expect(binderContents.find((l) => l.startsWith('Documents referred to'))).toMatch(/^Documents referred to\s+1 pp$/);
    expect(lines(pdfPages(withSite.binder)[pdfOutline(withSite.binder).at(-1)!.page - 1]).at(-1)).toBe(
      'Documents referred to · February 2025 · Page 1 of 1',
    );
  });

  it('print each binder chapter page with its web address under the footer, and no other page', () => {
    const pages = pdfPages(withSite.binder);
    const addressed = pages.flatMap((text, i) => {
      const last = lines(text).at(-1)!;
      return last.startsWith(SITE) ? [{ page: i + 1, address: last }] : [];
    });
    const chapters = chapterMarks(withSite.binder);
    expect(chapters.map((c) => addressed.find((a) => a.page === c.page)?.address)).toEqual(CHAPTER_PAGES);
    // Placements has two pages: both carry its address, under the footer's line.
    const placements = chapters.find((c) => c.title === '2.1.1 Placements')!.page;
    expect(lines(pages[placements]).slice(-2)).toEqual(['2.1.1 · February 2025 · Page 2 of 2', CHAPTER_PAGES[2]]);
    expect(addressed).toHaveLength(5);
  });

  it('break every chapter page where the partner PDF does: the footer address moves no text', () => {
    const partner = chapterMarks(withSite.partner);
    const binder = chapterMarks(withSite.binder);
    expect(binder.map((c) => c.title)).toEqual(partner.map((c) => c.title));
    binder.forEach((chapter, i) => {
      const count = Number(/Page 1 of (\d+)/.exec(pdfPages(withSite.binder)[chapter.page - 1])![1]);
      for (let offset = 0; offset < count; offset++)
        expect(body(withSite.binder, chapter.page + offset)).toEqual(body(withSite.partner, partner[i].page + offset));
    });
  });

  it('say on the partner PDF title page where the current edition is, as a link; not in the binder', () => {
    const line = `Printed copies are not controlled: check the current edition at ${SITE}`;
    expect(words(pdfPages(withSite.partner)[0])).toContain(line);
    expect(linkAnnotations(withSite.partner).filter((l) => l.page === 1)).toEqual([{ page: 1, url: SITE }]);
    expect(words(pdfPages(withSite.binder)[0])).not.toContain('Printed copies');
  });

  it('stay tagged and valid, and embed none of the documents', () => {
    for (const file of [withSite.partner, withSite.binder]) {
      expect(pdfStructure(file).complaints).toEqual([]);
      expect(execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' })).toMatch(/^0 embedded files/);
    }
  });
});

describe('the PDFs of a manual with documents and no site-url', () => {
  it('name each document by title and file name, with no link annotation to it', () => {
    // The outside document of the contents is the only address the partner PDF links to.
    expect(new Set(linkAnnotations(withoutSite.partner).map((l) => l.url))).toEqual(
      new Set(['https://example.org/thresholds']),
    );
    for (const file of [withoutSite.partner, withoutSite.binder]) {
      const list = bookmarked(file, 'Documents referred to')!;
      expect(list).toContain(
        `Early Help Guide (PDF document, ${PDF.length} bytes) File: early help guide.pdf Referred to in 1.1 Early Help ` +
          `Visit Checklist (Word document, ${sizeOf(CHECKLIST_BYTES.length)}) File: visit-checklist.docx Referred to in 2.1.2 Visits`,
      );
      expect(list).not.toContain('https://');
    }
  });

  it('print no web address in the footers and no line on the title page', () => {
    expect(pdfPages(withoutSite.binder).filter((text) => text.includes('chapters/'))).toEqual([]);
    expect(pdfPages(withoutSite.partner)[0]).not.toContain('Printed copies');
  });
});

describe('the EPUB of a manual with documents', () => {
  it('carries the list as a document of its own, in the spine and the navigation, after the rest', async () => {
    for (const [built, link] of [
      [withSite, `<a href="${CHECKLIST}">${CHECKLIST}</a>`],
      [withoutSite, 'File: visit-checklist.docx'],
    ] as const) {
      const zip = await JSZip.loadAsync(readFileSync(built.epub));
      const opf = await zip.file('OEBPS/content.opf')!.async('string');
      const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((m) => m[1]);
      const item = new RegExp(`<item id="${spine.at(-1)}" href="documents-referred-to.xhtml"`);
      expect(opf).toMatch(item);
      const nav = await zip.file('OEBPS/toc.xhtml')!.async('string');
      expect(nav).toContain('<a href="documents-referred-to.xhtml#documents-referred-to">Documents referred to</a>');
      const list = await zip.file('OEBPS/documents-referred-to.xhtml')!.async('string');
      expect(list).toContain(link);
      expect(list).toContain('Referred to in <a href="ch-care.visits.xhtml#ch-care.visits">2.1.2 Visits</a>');
      // The EPUB carries none of the documents themselves.
      expect(Object.keys(zip.files).filter((name) => /\.(pdf|docx|csv)$/.test(name))).toEqual([]);
    }
  });

  it('passes epubcheck and Ace, with site-url and without', { timeout: SLOW }, () => {
    for (const built of [withSite, withoutSite]) {
      expect(epubcheck(built.epub).output).toContain('Messages: 0 fatals / 0 errors / 0 warnings');
      const work = scratchDir('manual-documents-ace-');
      expect(ace(built.epub, work).map((v) => `${v.rule} (${v.impact}) in ${v.file}: ${v.html}`)).toEqual([]);
      rmSync(work, { recursive: true, force: true });
    }
  });
});
