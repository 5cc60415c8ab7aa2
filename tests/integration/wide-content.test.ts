import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteBrowser } from '../helpers/browser.ts';
import { copyManual, manual, REPO, removeCopies, scratchDir } from '../helpers/fixture.ts';
import { pdfPages } from '../helpers/pdf.ts';

/**
 * A manual whose chapter holds what runs off a page unless print wraps or fits it: a shell command
 * of 300 characters, a settings file with one long line, a table of 12 columns, a table of long
 * addresses and words, an identifier of 150 characters without a break and a long inline code
 * span. Built with the real command; the PDFs must hold every character of it, inside the text
 * block, and the HTML edition must fit the page when printed.
 */
const SLOW = 300_000;
const WIDE = path.join(REPO, 'tests/fixtures/wide');
const CHAPTER = readFileSync(path.join(WIDE, 'chapters/reference/records.md'), 'utf8');
const MM = 72 / 25.4;

const squash = (text: string) => text.replace(/\s+/g, '');
const codeLines = [...CHAPTER.matchAll(/```\w*\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n')).filter(Boolean);
const longest = codeLines.reduce((a, b) => (b.length > a.length ? b : a));
const tableRows = CHAPTER.split('\n')
  .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l))
  .map((l) =>
    l
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim().replace(/`/g, '')),
  );
const identifier = /PlacementRecordIdentifier\w+/.exec(CHAPTER)![0];
const inlineCode = /`(reviews\.[\w.]+)`/.exec(CHAPTER)![1];
const listItems = CHAPTER.split('\n')
  .filter((l) => l.startsWith('- '))
  .map((l) => l.slice(2));

interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
}

/** Every page's width and words with their boxes, in points from the top left. */
function pageWords(file: string): { width: number; words: Word[] }[] {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return [...xml.matchAll(/<page width="([\d.]+)"[^>]*>([\s\S]*?)<\/page>/g)].map((page) => ({
    width: Number(page[1]),
    words: [
      ...page[2].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
    ].map((m) => ({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), text: m[4] })),
  }));
}

/** Whether anything is drawn darker than light grey in a box of a page (points from the top left). */
function drawnIn(file: string, page: number, box: { x: number; y: number; width: number; height: number }): boolean {
  const scale = 144 / 72;
  const crop = [box.x, box.y, box.width, box.height].map((v) => String(Math.round(v * scale)));
  const pgm = execFileSync('pdftoppm', [
    ...['-gray', '-r', '144', '-f', String(page), '-l', String(page)],
    ...['-x', crop[0], '-y', crop[1], '-W', crop[2], '-H', crop[3]],
    file,
  ]);
  const header = /^P5\s+\d+\s+\d+\s+255\s/.exec(pgm.subarray(0, 50).toString('latin1'))!;
  return pgm.subarray(header[0].length).some((pixel) => pixel < 200);
}

let out: string;
const file = (name: string) => path.join(out, `wide-content-test-manual-2025-02${name}`);

beforeAll(() => {
  const root = copyManual(WIDE);
  out = scratchDir('manual-wide-');
  const result = manual(['build', '--root', root, '--out', out, '--quiet']);
  expect(result.status, result.stderr).toBe(0);
}, SLOW);
afterAll(removeCopies);

/** Each PDF's text block, from its page edges: the partner PDF's margins, the binder's by side of the sheet. */
const EDITIONS = [
  { name: 'the partner PDF', suffix: '.pdf', margins: () => ({ left: 22.5 * MM, right: 22.5 * MM }) },
  {
    name: 'the binder PDF',
    suffix: '-print.pdf',
    margins: (page: number) => (page % 2 === 1 ? { left: 27 * MM, right: 18 * MM } : { left: 18 * MM, right: 27 * MM }),
  },
];

describe.each(EDITIONS)('$name of a manual with wide content', ({ suffix, margins }) => {
  let pdf: string;
  let pages: ReturnType<typeof pageWords>;
  beforeAll(() => {
    pdf = file(suffix);
    pages = pageWords(pdf);
  });
  const codePage = () => pages.findIndex((p) => p.words.some((w) => w.text === 'curl')) + 1;

  it('holds every line of code, the longest to its end, in order (the text of the rows it wraps to)', () => {
    const text = squash(pdfPages(pdf).join(''));
    expect(longest.length).toBeGreaterThan(300);
    expect(text).toContain(squash(longest.slice(-60)));
    for (const line of codeLines) expect(text, line).toContain(squash(line));
  });

  it("holds every table cell's text, long words and the identifier, addresses and inline code of the prose", () => {
    const raw = squash(execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }));
    expect(tableRows.flat()).toHaveLength(12 * 4 + 3 * 4);
    for (const cell of tableRows.flat()) expect(raw, cell).toContain(squash(cell));
    for (const prose of [identifier, inlineCode, ...listItems]) expect(raw, prose).toContain(squash(prose));
  });

  it('puts no word beyond the right edge of the text block, on any page', () => {
    pages.forEach(({ width, words }, i) => {
      const edge = width - margins(i + 1).right + 0.5;
      const beyond = words.filter((w) => w.x1 > edge).map((w) => w.text);
      expect(beyond, `page ${i + 1}`).toEqual([]);
    });
  });

  it('keeps the page at full size (Chromium shrinks every page of a PDF whose content is too wide)', () => {
    const page = codePage();
    const { words } = pages[page - 1];
    const curl = words.find((w) => w.text === 'curl')!;
    expect(Math.abs(curl.x0 - margins(page).left)).toBeLessThan(0.5);
  });

  it('wraps a long line of code under a hanging indent, with a mark drawn beside its continuation rows', () => {
    const page = codePage();
    const { words } = pages[page - 1];
    const start = words.findIndex((w) => w.text === 'curl');
    const end = words.findIndex((w, i) => i > start && w.text === 'The');
    const rows = [...new Set(words.slice(start, end).map((w) => w.y0))];
    expect(rows.length).toBeGreaterThan(2);
    const left = margins(page).left;
    const hang = 1.8 * 0.9 * 10.5;
    const firstWord = (y: number) => words.slice(start, end).find((w) => w.y0 === y)!;
    expect(firstWord(rows[0]).x0).toBeCloseTo(left, 0);
    for (const y of rows.slice(1)) {
      expect(firstWord(y).x0).toBeCloseTo(left + hang, 0);
      expect(drawnIn(pdf, page, { x: left + 2, y, width: hang - 4, height: 8 })).toBe(true);
    }
  });

  it('fits the table of 12 columns in a smaller size, each of its words whole', () => {
    const words = new Set(pages.flatMap((p) => p.words.map((w) => w.text)));
    const whole = tableRows
      .slice(0, 4)
      .flat()
      .flatMap((cell) => cell.split(/\s+/))
      .filter((w) => /^[A-Za-z]{4,}$/.test(w));
    expect(whole).toContain('accommodation');
    expect(whole.filter((w) => !words.has(w))).toEqual([]);
  });
});

describe('the HTML edition of a manual with wide content, printed', () => {
  it('fits an A4 page: code wraps, long words break and tables fit', async () => {
    const browser = await siteBrowser([out]);
    try {
      const page = await browser.open(file('.html'), { width: 680, javascript: false });
      await page.emulateMediaType('print');
      const { scrollWidth, clientWidth, whiteSpace } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        whiteSpace: getComputedStyle(document.querySelector('pre')!).whiteSpace,
      }));
      expect(whiteSpace).toBe('pre-wrap');
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    } finally {
      await browser.close();
    }
  });
});
