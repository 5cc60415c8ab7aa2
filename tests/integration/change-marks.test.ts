import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epubcheck, openEpub } from '../helpers/epub.ts';
import { copyManual, edit, manual, REPO, removeCopies, scratchDir, SAMPLE_NEXT_EDITION } from '../helpers/fixture.ts';
import { darkPixels, MM, passage, rowsMarked, wordsOn } from '../helpers/change-bars.ts';
import { lines, pdfPages } from '../helpers/pdf.ts';

/**
 * The August 2025 edition of a copy of the Derby sample, compared with its archived February
 * 2025 release, which recorded no units: the build reads them from the archived EPUB. Care
 * Planning has a paragraph changed, a list item removed and a paragraph added.
 */
const SLOW = 600_000;
const CHAPTER = 'chapters/children-in-care/care-planning.md';
const CHANGED_SECTIONS =
  'Changed: 1 The Care Plan and When It Is Required; 2 Contents of the Care Plan; 2.2 The Health Plan and Personal Education Plan';

let root: string;
let out: string;
const file = (name: string) => path.join(out, `derby-childrens-social-care-2025-08${name}`);
const pageWith = (pdf: string, pattern: RegExp) => pdfPages(pdf).findIndex((p) => pattern.test(p)) + 1;
const CHANGED = /living document, reviewed\s+at every Looked/;
const ADDED = /A new paragraph about health plans/;
/** The text block is 165 mm wide; bars stand 3.5 mm beside it. */
const TEXT_WIDTH = 165 * MM;

/** Rows beside a passage with a bar left of the text block, and right of it. */
function barsBeside(pdf: string, page: number, first: string[], last: string) {
  const words = wordsOn(pdf, page);
  const left = Math.min(...words.map((w) => w.x0));
  const { top, bottom } = passage(words, first, last);
  const dark = darkPixels(pdf, page);
  return {
    left: rowsMarked(dark, left - 6 * MM, left - 1 * MM, top + 1, bottom - 1),
    right: rowsMarked(dark, left + TEXT_WIDTH + 1 * MM, left + TEXT_WIDTH + 6 * MM, top + 1, bottom - 1),
  };
}

/** Whether anything is drawn beside the text block of a page, left or right, from its top to its last line. */
function anythingBeside(pdf: string, page: number): boolean {
  const words = wordsOn(pdf, page);
  const left = Math.min(...words.map((w) => w.x0));
  const [top, bottom] = [Math.min(...words.map((w) => w.y0)), Math.max(...words.map((w) => w.y1))];
  const dark = darkPixels(pdf, page);
  return (
    rowsMarked(dark, left - 6 * MM, left - 1 * MM, top, bottom).marked +
      rowsMarked(dark, left + TEXT_WIDTH + 1 * MM, left + TEXT_WIDTH + 6 * MM, top, bottom).marked >
    0
  );
}

beforeAll(() => {
  root = copyManual(REPO);
  out = scratchDir('manual-marks-');
  edit(
    root,
    CHAPTER,
    'The Care Plan is a living document.',
    'The Care Plan is a living document, reviewed at every Looked After Review.',
  );
  edit(root, CHAPTER, '- the arrangements for family time;\n', '');
  edit(
    root,
    CHAPTER,
    '### The Health Plan and Personal Education Plan\n',
    '### The Health Plan and Personal Education Plan\n\nA new paragraph about health plans, added in this edition.\n',
  );
  edit(root, 'chapters/amendments.yml', 'editions:\n', SAMPLE_NEXT_EDITION);
  const built = manual(['build', '--root', root, '--out', out]);
  expect(built.stderr).toBe('');
  expect(built.status).toBe(0);
}, SLOW);
afterAll(removeCopies);

describe('change marks against the last release, read from its EPUB', () => {
  it('bars the changed paragraph in the partner PDF, and nothing on an unchanged chapter', () => {
    const pdf = file('.pdf');
    const page = pageWith(pdf, CHANGED);
    const bars = barsBeside(pdf, page, ['The', 'Care', 'Plan', 'is', 'a', 'living'], 'understand.');
    expect(bars.left.rows).toBeGreaterThan(30);
    expect(bars.left.marked).toBe(bars.left.rows);
    expect(bars.right.marked).toBe(0);
    // The paragraph before it did not change.
    expect(barsBeside(pdf, page, ['Every', 'looked', 'after', 'child'], 'action.').left.marked).toBe(0);
    expect(anythingBeside(pdf, page - 1)).toBe(false);
    expect(anythingBeside(pdf, pageWith(pdf, /Placement Plan/) + 1)).toBe(false);
  });

  it('bars the outer edge in the binder PDF: the right of a right-hand page, the left of a left-hand one', () => {
    const pdf = file('-print.pdf');
    const recto = pageWith(pdf, CHANGED);
    const verso = pageWith(pdf, ADDED);
    expect(recto % 2).toBe(1);
    expect(verso).toBe(recto + 1);
    const changed = barsBeside(pdf, recto, ['The', 'Care', 'Plan', 'is', 'a', 'living'], 'understand.');
    expect(changed.right.marked).toBe(changed.right.rows);
    expect(changed.left.marked).toBe(0);
    const added = barsBeside(pdf, verso, ['A', 'new', 'paragraph'], 'edition.');
    expect(added.left.marked).toBe(added.left.rows);
    expect(added.right.marked).toBe(0);
  });

  it('opens the chapter with its banner and the changed sections in every output, and lists them in the appendix', async () => {
    const html = readFileSync(file('.html'), 'utf8');
    const chapter = html.slice(html.indexOf('id="ch-children-in-care.care-planning"'));
    const banner = /<div class="change-banner" role="note">(.*?)<\/div>/s.exec(chapter)![1].replace(/<[^>]+>/g, '');
    expect(banner).toContain('Updated in August 2025.');
    expect(banner).toContain('A care plan is now reviewed at every looked after review.');
    expect(banner).toContain(CHANGED_SECTIONS);
    expect(html.match(/class="change-banner"/g)).toHaveLength(1);
    expect(html.match(/<ins class="change-mark"/g)).toHaveLength(2);
    expect(html.match(/<del class="change-removed"/g)).toHaveLength(1);
    expect(html).toContain(
      '<span class="change-text">Changed in August 2025: </span>The Care Plan is a living document',
    );
    const appendix = html.slice(html.indexOf('class="chapter amendments"')).replace(/<[^>]+>/g, '');
    expect(appendix).toContain(CHANGED_SECTIONS);
    const web = readFileSync(path.join(out, 'web/chapters/children-in-care/care-planning.html'), 'utf8');
    expect(web.replace(/<[^>]+>/g, '')).toContain(CHANGED_SECTIONS);
    const pdfText = pdfPages(file('.pdf'))[pageWith(file('.pdf'), CHANGED) - 1].replace(/\s+/g, ' ');
    expect(pdfText).toContain(CHANGED_SECTIONS);
    // The marks' words are for screen readers of the other outputs: the PDF draws its marks.
    expect(pdfText).not.toContain('Changed in August 2025');
    const epub = await openEpub(file('.epub'));
    const doc = await epub.text('OEBPS/ch-children-in-care.care-planning.xhtml');
    expect(doc.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')).toContain(CHANGED_SECTIONS);
    expect(doc).toContain('<ins class="change-mark"');
  });

  it('keeps an EPUB with marks valid', () => {
    const result = epubcheck(file('.epub'));
    expect(result.output).toContain('No errors or warnings detected');
  });

  it('lists every chapter in the binder with its pages, issue, and R for the one revised', () => {
    const pages = pdfPages(file('-print.pdf'), true);
    const list = pages.filter((p) => lines(p).at(-1)?.startsWith('Contents ·')).join('\n');
    const rows = list.split('\n').filter((l) => /\s\d+\s+(February|August) 2025(\s+[RN])?\s*$/.test(l));
    expect(rows).toHaveLength(153);
    const revised = rows.filter((l) => /\sR\s*$/.test(l));
    expect(revised.map((l) => l.trim().replace(/\s+/g, ' '))).toEqual(['6.1.3 Care Planning 3 August 2025 R']);
    expect(rows.filter((l) => /February 2025\s*$/.test(l))).toHaveLength(152);
  });

  it('names the changed sections in manual diff', () => {
    const diff = manual(['diff', '--root', root]);
    expect(diff.stdout).toContain(
      'changed     6.1.3 Care Planning (children-in-care/care-planning): 1 changed, 2 changed, 2.2 changed\n',
    );
  });

  it('draws no bars and no inline marks with --no-change-marks, and keeps the banners', { timeout: SLOW }, () => {
    rmSync(out, { recursive: true, force: true });
    const built = manual(['build', '--root', root, '--out', out, '--no-change-marks']);
    expect(built.status).toBe(0);
    const html = readFileSync(file('.html'), 'utf8');
    expect(html).not.toContain('<ins');
    expect(html).not.toContain('<del');
    expect(html.replace(/<[^>]+>/g, '')).toContain(CHANGED_SECTIONS);
    const pdf = file('.pdf');
    const page = pageWith(pdf, CHANGED);
    expect(barsBeside(pdf, page, ['The', 'Care', 'Plan', 'is', 'a', 'living'], 'understand.').left.marked).toBe(0);
  });
});
