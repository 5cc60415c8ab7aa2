import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { seedContents } from '../helpers/fixture.ts';

const SEED = seedContents();

let page: Root;
let html: string;
const text = (node: Element | undefined) => (node ? toString(node).replace(/\s+/g, ' ').trim() : '');

beforeAll(() => {
  html = readFileSync(path.join(inject('sampleOut'), 'derby-childrens-social-care-2025-02.html'), 'utf8');
  page = unified().use(rehypeParse).parse(html);
});

describe('the HTML edition of the Derby sample', () => {
  const contents = () => select('nav.contents', page)!;
  const contentsEntries = () =>
    selectAll('li', contents()).flatMap((li) => {
      const link = li.children.find((c): c is Element => c.type === 'element' && c.tagName === 'a');
      const number = link && select('.entry-number', link);
      if (!number) return [];
      const flag = select(':scope > .flag', li);
      const remark = select(':scope > .entry-remark', li);
      return [
        {
          number: text(number),
          title: text(select('.entry-title', link)!),
          flag: text(flag),
          remark: text(remark).replace(/^– /, ''),
        },
      ];
    });

  it('reproduces every number, title, flag and remark of the seed contents page, in order', () => {
    expect(contentsEntries()).toEqual(SEED);
  });

  it('shows the unnumbered entries without a number', () => {
    const unnumbered = selectAll('li:not(.contents-see-also) > a', contents())
      .filter((a) => !select('.entry-number', a))
      .map((a) => text(a));
    expect(unnumbered).toEqual([
      'Our Pledge to Children in Care',
      'Fostering Services National Minimum Standards',
      'Adoption National Minimum Standards',
    ]);
  });

  it('shows see-also lines, joined with "and", and the note in 6.1', () => {
    const seeAlso = selectAll('li.contents-see-also', contents()).map(text);
    expect(seeAlso).toHaveLength(9);
    expect(seeAlso).toContain('See also: Short Breaks and Derby SEND Local Offer');
    expect(seeAlso).toContain(
      'See also: Placement with Dog Owning Families (Foster Carers) and Adoption Strategy: Achieving Excellence Everywhere',
    );
    const group = selectAll('li.contents-group', contents()).find(
      (li) => text(select(':scope > a .entry-number', li)!) === '6.1',
    )!;
    expect(selectAll('li.contents-note', contents()).map(text)).toEqual([
      'In an emergency, please refer to the following procedures:',
    ]);
    expect(text(select('li.contents-note', group)!)).toBe('In an emergency, please refer to the following procedures:');
  });

  it('links outside documents to their addresses', () => {
    const outside = selectAll('li.contents-outside > a', contents());
    expect(outside.map((a) => text(select('.entry-title', a)!))).toContain('Working Together to Safeguard Children');
    for (const a of outside) expect(String(a.properties.href)).toMatch(/^https:\/\//);
  });

  it('prints every chapter once with its number, and numbers the headings inside it', () => {
    const chapters = selectAll('article.chapter', page);
    expect(chapters).toHaveLength(153);
    const placements = select('#ch-friends-and-family\\.placements-with-parents', page)!;
    expect(text(select('.chapter-title', placements)!)).toBe('5.6 Placements with Parents');
    const headings = selectAll('h4, h5', placements).map(text);
    expect(headings).toContain('1.2 Assessment and Checks before Placement');
  });

  it('carries the numbered sections that the August 2017 amendments cite', () => {
    const headingsOf = (id: string) => selectAll(`#${id.replace(/\./g, '\\.')} :is(h4, h5, h6)`, page).map(text);
    expect(headingsOf('ch-friends-and-family.placements-with-connected-persons')).toContain(
      '3 Approval of Immediate Placements of Looked After Children with Connected Persons',
    );
    expect(headingsOf('ch-friends-and-family.placements-with-parents')).toContain(
      '1.2 Assessment and Checks before Placement',
    );
    expect(headingsOf('ch-children-in-care.family-time')).toContain('1 Approving and Planning Contact');
    expect(headingsOf('ch-fostering.supervision-and-support')).toContain(
      '5 Support Provided by the Supervising Social Worker (During Placement)',
    );
    expect(headingsOf('ch-adoption.assessment-and-approval-of-adopters')).toContain('5.3 Assessment');
  });

  it('fills an empty link with the number and title of its target', () => {
    const chapter = select('#ch-friends-and-family\\.placements-with-connected-persons', page)!;
    const link = selectAll('a', chapter).find(
      (a) =>
        a.properties.href === '#ch-friends-and-family.placements-with-parents--assessment-and-checks-before-placement',
    );
    expect(text(link)).toBe('5.6 Placements with Parents, Section 1.2 Assessment and Checks before Placement');
  });

  it('has no broken internal link and no duplicate id', () => {
    const ids = selectAll('[id]', page).map((e) => String(e.properties.id));
    expect(new Set(ids).size).toBe(ids.length);
    const targets = new Set(ids);
    const broken = selectAll('a[href^="#"]', page)
      .map((a) => String(a.properties.href).slice(1))
      .filter((id) => !targets.has(id));
    expect(broken).toEqual([]);
  });

  it('generates the amendments appendix: the current edition, then earlier ones by year', () => {
    const appendix = select('#amendments', page)!;
    expect(text(select('.chapter-title', appendix)!)).toBe('10.3 Amendments');
    const tables = selectAll('table', appendix);
    const captions = tables.map((t) => text(select('caption', t)!));
    expect(captions).toEqual([
      'Updated Chapters',
      'New Chapters',
      'Removed Chapters',
      'Updated Chapters',
      'New Chapters',
    ]);
    const rows = (t: Element) => selectAll('tbody tr', t).map((tr) => text(select('th', tr)!));
    expect(rows(tables[0])).toHaveLength(22);
    expect(rows(tables[1])).toEqual(['4.3 Working with Harmful Sexual Behaviour (2024)']);
    expect(text(select('.amendments-year', appendix)!)).toBe('2017 Amendments');
    expect(rows(tables[3])).toContain('Contact with Parents, other Adults and Siblings');
    expect(rows(tables[4])).toEqual([
      "Children's Consultation and Participation",
      'Emotional Health and Well-being Service – The Keep',
      'Leaving Care Financial Procedures (2017)',
    ]);
    expect(selectAll('.next-update', appendix).map(text)).toEqual([
      'Next update: August 2025',
      'Next update: February 2018',
    ]);
  });

  it('opens with a title block: logo, title, publisher, edition and next update', () => {
    const title = select('header.title-page', page)!;
    expect(text(title)).toBe(
      "Derby City Children's Social Care Procedures Derby City Council February 2025 edition Published 3 February 2025 Next update: August 2025",
    );
    expect(String(select('img.logo', title)!.properties.src)).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it('stands alone: styles and images inside, nothing fetched', () => {
    expect(selectAll('link, script, iframe', page)).toEqual([]);
    expect(html).toContain('<style>');
    const images = selectAll('img', page).map((img) => String(img.properties.src));
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const src of images) expect(src).toMatch(/^data:image\//);
    expect(select('html', page)!.properties.lang).toBe('en-GB');
  });
});
