import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { seedContents } from '../helpers/fixture.ts';
import {
  hasColour,
  lines,
  pdfInfo,
  pdfLinks,
  pdfOutline,
  pdfPages,
  pdfStructure,
  textExtent,
  type Bookmark,
} from '../helpers/pdf.ts';

const SEED = seedContents();
/** Entries of the sample that are outside documents: listed in the contents, with no pages. */
const OUTSIDE = ['1.2.3', '2.1', '2.3', '2.10', '4.1', '4.4', '6.7.1', '8.2', '10.2'];
const MM = 72 / 25.4;

const file = (name: string) => path.join(inject('sampleOut'), name);
const header = (pages: string[], page: number) => lines(pages[page - 1])[1];

/** Contents lines "1.1.1 Title ...... 11" of the partner PDF, as number -> page. */
function contentsPages(layoutPages: string[]): Map<string, number> {
  const numbers = new Map<string, number>();
  const firstSection = layoutPages.findIndex((text, i) => i > 0 && /^\s*1 All Children\s*$/m.test(text));
  for (const text of layoutPages.slice(1, firstSection)) {
    for (const match of text.matchAll(/^\s*(\d+(?:\.\d+)*) .*?\s{3,}(\d+)\s*$/gm))
      numbers.set(match[1], Number(match[2]));
  }
  return numbers;
}

function flatten(bookmarks: Bookmark[]): Bookmark[] {
  return bookmarks.flatMap((b) => [b, ...flatten(b.children)]);
}

describe('the partner PDF of the Derby sample', () => {
  let pdf: string;
  let pages: string[];
  let contents: Map<string, number>;
  let structureRead: ReturnType<typeof pdfStructure> | undefined;
  const pdfStructureOnce = () => (structureRead ??= pdfStructure(pdf));
  beforeAll(() => {
    pdf = file('derby-childrens-social-care-2025-02.pdf');
    pages = pdfPages(pdf);
    contents = contentsPages(pdfPages(pdf, true));
  });

  it('is A4, tagged, and carries the edition in its metadata', () => {
    const info = pdfInfo(pdf);
    expect(info['Page size']).toBe('594.96 x 841.92 pts (A4)');
    expect(info).toMatchObject({
      Title: "Derby City Children's Social Care Procedures",
      Author: 'Derby City Council',
      Subject: 'February 2025 edition',
      CreationDate: '2025-02-03T00:00:00Z',
      ModDate: '2025-02-03T00:00:00Z',
      Tagged: 'yes',
    });
    expect(info.Keywords).toContain('February 2025 edition');
    expect(Number(info.Pages)).toBe(pages.length);
    const raw = readFileSync(pdf).toString('latin1');
    expect(raw).toMatch(/\/Lang \(en-GB\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
  });

  it('role-maps the structure types PDF 1.7 readers do not know (bold, italic), so poppler reads the tree without a complaint', () => {
    expect(pdfStructureOnce().complaints).toEqual([]);
    expect(readFileSync(pdf).toString('latin1')).toMatch(/\/RoleMap <<\n\/Em \/Span\n\/Strong \/Span\n>>/);
  });

  it('opens with a title page: title, publisher, edition, date and next update', () => {
    const text = lines(pages[0]).join(' ');
    expect(text).toMatch(
      /Derby City Children's Social Care Procedures Derby City Council February 2025 edition Published 3 February 2025 Next update: August 2025$/,
    );
  });

  it('gives every section, subsection, chapter and the appendix the page it starts on', () => {
    const numbered = SEED.filter((e) => !OUTSIDE.includes(e.number));
    expect([...contents.keys()]).toEqual(numbered.map((e) => e.number));
    for (const { number, title } of numbered) {
      const page = contents.get(number)!;
      expect(lines(pages[page - 1]).join(' '), `${number} on page ${page}`).toContain(`${number} ${title}`);
    }
  });

  it('starts every section and chapter on a new page, under its own running head', () => {
    const starts = SEED.filter(
      (e) =>
        !OUTSIDE.includes(e.number) &&
        !['1.1', '1.2', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6'].includes(e.number) &&
        !/^6\.\d$/.test(e.number),
    );
    for (const { number } of starts) {
      const page = contents.get(number)!;
      expect(header(pages, page), `running head on page ${page}`).toMatch(
        new RegExp(`^${number.replace(/\./g, '\\.')} `),
      );
      expect(header(pages, page - 1)).not.toBe(header(pages, page));
    }
  });

  it('heads each page with the short title and chapter, and foots it with the edition and "Page N of M"', () => {
    const page = contents.get('1.1.1')!;
    const text = lines(pages[page - 1]);
    expect(text.slice(0, 2)).toEqual([
      "Children's Social Care Procedures",
      "1.1.1 Children's Services Policies, Values and Principles",
    ]);
    expect(text.slice(-2)).toEqual(['February 2025 edition', `Page ${page} of ${pages.length}`]);
    pages.slice(1).forEach((p, i) => expect(lines(p)).toContain(`Page ${i + 2} of ${pages.length}`));
  });

  it('extracts in reading order', () => {
    const text = lines(pages[contents.get('1.1.1')! - 1]);
    expect(text.slice(2, 5)).toEqual([
      '1.1 All Children',
      "1.1.1 Children's Services Policies, Values and Principles",
      expect.stringMatching(/^Purpose: This chapter sets out/),
    ]);
  });

  it('has bookmarks mirroring the numbered contents, each opening its page', () => {
    const outline = pdfOutline(pdf);
    expect(outline.map((b) => b.title)).toEqual([
      'Contents',
      ...SEED.filter((e) => /^\d+$/.test(e.number)).map((e) => `${e.number} ${e.title}`),
    ]);
    const all = flatten(outline).slice(1);
    expect(all).toHaveLength(contents.size + 1);
    const care = outline.find((b) => b.title === '6 Children in Care')!;
    expect(care.children.map((b) => b.title)).toContain('6.1 Care Planning and Family Time');
    expect(care.children.find((b) => b.title.startsWith('6.1 '))!.children.map((b) => b.title)).toContain(
      '6.1.3 Care Planning',
    );
    for (const bookmark of all.filter((b) => /^\d/.test(b.title))) {
      expect(bookmark.page, bookmark.title).toBe(contents.get(bookmark.title.split(' ')[0]));
    }
  });

  it('is tagged in reading order: a heading hierarchy, lists of links, header cells, figures with alt text, and no page furniture', () => {
    const { tree: structure } = pdfStructureOnce();
    const levels = [...structure.matchAll(/^\s*H([1-6]) \(block\)$/gm)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((level, i) => i > 0 && level > levels[i - 1] + 1)).toEqual([]);
    expect(structure).toMatch(
      /H2 \(block\)\n\s+NonStruct\n\s+"Contents"\n\s+L \(block\)\n\s+LI \(block\)\n\s+Link \(inline\)/,
    );
    expect(structure.match(/^\s*TH\b/gm)!.length).toBeGreaterThan(100);
    expect(structure.match(/^\s*Figure$/gm)).toHaveLength(3);
    const raw = readFileSync(pdf).toString('latin1');
    expect(raw).toContain(
      '/Alt (Flowchart: how the Initial Response Team handles a contact, from receipt to decision)',
    );
    expect(raw.match(/\/Tabs \/S/g)).toHaveLength(pages.length);
    // Running heads and footers are drawn on every page, but are not content a reader must hear.
    expect(structure).not.toMatch(/Page \d+ of \d+/);
  });

  it('links chapters to chapters inside the PDF and outside documents by address', () => {
    const links = pdfLinks(pdf, contents.get('1.1.1')!);
    expect(links).toContainEqual({ text: "Children's Consultation and Participation", page: contents.get('1.1.5') });
    expect(links).toContainEqual({
      text: 'Children Act 1989',
      uri: 'https://www.legislation.gov.uk/ukpga/1989/41/contents',
    });
    const fromContents = pdfLinks(pdf, 2).map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() }));
    expect(fromContents).toContainEqual({ text: '1.1.6 Capacity and Consent', page: contents.get('1.1.6') });
  });
});

describe('the binder PDF of the Derby sample', () => {
  let pdf: string;
  let pages: string[];
  const footerOf = (page: number) => lines(pages[page - 1]).at(-1)!;
  let structureRead: ReturnType<typeof pdfStructure> | undefined;
  const pdfStructureOnce = () => (structureRead ??= pdfStructure(pdf));
  beforeAll(() => {
    pdf = file('derby-childrens-social-care-2025-02-print.pdf');
    pages = pdfPages(pdf);
  });

  it('is A4 and tagged, with the edition in its metadata', () => {
    expect(pdfInfo(pdf)).toMatchObject({
      'Page size': '594.96 x 841.92 pts (A4)',
      Tagged: 'yes',
      Subject: 'February 2025 edition',
      CreationDate: '2025-02-03T00:00:00Z',
    });
  });

  it('role-maps the structure types PDF 1.7 readers do not know, so poppler reads the tree without a complaint', () => {
    expect(pdfStructureOnce().complaints).toEqual([]);
  });

  it('starts every chapter, section divider and the contents on a right-hand (odd) page, after a marked blank page', () => {
    const firstPages = pages.map((_, i) => i + 1).filter((p) => / · Page 1 of \d+$/.test(footerOf(p)));
    expect(firstPages).toHaveLength(153 + 2); // every chapter, the contents and the amendments appendix
    const sections = SEED.filter((e) => /^\d+$/.test(e.number));
    const dividers = sections.map(
      (s) => pages.findIndex((p) => lines(p)[2] === s.number && lines(p).slice(3).join(' ') === s.title) + 1,
    );
    expect(dividers.every((page) => page > 0)).toBe(true);
    for (const page of [...firstPages, ...dividers]) {
      expect(page % 2, `page ${page} (${header(pages, page)})`).toBe(1);
      const before = lines(pages[page - 2]);
      if (!before.some((l) => / · Page (\d+) of \1$/.test(l)))
        expect(before).toEqual(['This page is intentionally left blank']);
    }
    const blanks = pages
      .map((_, i) => i + 1)
      .filter((p) => lines(pages[p - 1]).join() === 'This page is intentionally left blank');
    expect(blanks.length).toBeGreaterThan(10);
    for (const page of blanks) expect(page % 2, `blank page ${page}`).toBe(0);
  });

  it('numbers pages per chapter, "6.1.3 · February 2025 · Page 2 of 7", with the count the contents gives', () => {
    const contentsText = pdfPages(pdf, true)
      .filter((p) => lines(p).at(-1)?.startsWith('Contents · '))
      .join('\n');
    const counts = new Map(
      [...contentsText.matchAll(/^\s*(\d+(?:\.\d+)*) .*?\s{3,}(\d+) pp\s*$/gm)].map((m) => [m[1], Number(m[2])]),
    );
    expect(counts.size).toBe(153); // every numbered chapter and the amendments appendix
    expect(contentsText).toMatch(/^\s*Our Pledge to Children in Care\s{3,}\d+ pp$/m);
    const start =
      pages.findIndex((p) => lines(p).at(-1) === '6.1.3 · February 2025 · Page 1 of ' + counts.get('6.1.3')) + 1;
    expect(start).toBeGreaterThan(0);
    for (let k = 1; k <= counts.get('6.1.3')!; k++) {
      expect(footerOf(start + k - 1)).toBe(`6.1.3 · February 2025 · Page ${k} of ${counts.get('6.1.3')}`);
    }
    expect(contentsText).not.toMatch(/\s{3,}\d+\s*$/m);
  });

  it('leaves a binding gutter of at least 25 mm on the inner edge of both sides of a sheet', () => {
    const page =
      pages.findIndex(
        (p) => lines(p).at(-1) === '6.1.3 · February 2025 · Page 1 of ' + lines(p).at(-1)!.split(' of ')[1],
      ) + 1;
    const right = textExtent(pdf, page);
    const left = textExtent(pdf, page + 1);
    expect(page % 2).toBe(1);
    expect(right.left).toBeGreaterThanOrEqual(25 * MM);
    expect(left.width - left.right).toBeGreaterThanOrEqual(25 * MM);
  });

  it('keeps blank-page notices and footers out of its structure, and tags the dividers as headings', () => {
    const { tree: structure } = pdfStructureOnce();
    expect(pages.filter((p) => p.includes('This page is intentionally left blank')).length).toBeGreaterThan(10);
    expect(structure).not.toContain('intentionally left blank');
    expect(structure).not.toMatch(/· Page \d+ of \d+/);
    expect(structure).toMatch(/H2 \(block\)\n(\s+NonStruct\n)?\s+NonStruct\n\s+"6"/);
  });

  it('prints without colour, links as plain text, where the partner PDF is in colour', () => {
    const binderPage = pages.findIndex((p) => lines(p).at(-1)?.startsWith('1.1.1 · February 2025 · Page 1 of')) + 1;
    expect(hasColour(pdf, binderPage)).toBe(false);
    expect(hasColour(file('derby-childrens-social-care-2025-02.pdf'), 11)).toBe(true);
  });
});
