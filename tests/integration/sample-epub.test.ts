import path from 'node:path';
import type { Element } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { Diagnostics } from '../../scripts/core/diagnostics.ts';
import { buildBook } from '../../scripts/pipeline/pipeline.ts';
import { renderEpub } from '../../scripts/render/epub/render-epub.ts';
import { BUILT_IN_TEMPLATES } from '../../scripts/render/templates.ts';
import JSZip from 'jszip';
import { epubcheck, openEpub } from '../helpers/epub.ts';
import { REPO, seedContents } from '../helpers/fixture.ts';
import { pdfPages } from '../helpers/pdf.ts';

const SEED = seedContents();

const text = (node: Element | undefined | null) => (node ? toString(node).replace(/\s+/g, ' ').trim() : '');
let file: string;
let epub: Awaited<ReturnType<typeof openEpub>>;

beforeAll(async () => {
  file = path.join(inject('sampleOut'), 'derby-childrens-social-care-2025-02.epub');
  epub = await openEpub(file);
});

describe('the EPUB of the Derby sample', () => {
  it('passes epubcheck with no error and no warning', () => {
    const result = epubcheck(file);
    expect(result.output).toContain('Messages: 0 fatals / 0 errors / 0 warnings');
    expect(result.status).toBe(0);
  });

  it('has a page list of the partner PDF, each page marked where its text begins', async () => {
    const pages = pdfPages(path.join(inject('sampleOut'), 'derby-childrens-social-care-2025-02.pdf'));
    const nav = select('nav[epub\\:type="page-list"]', await epub.tree('OEBPS/toc.xhtml'))!;
    const entries = selectAll('li > a', nav).map((a) => ({ label: text(a), href: String(a.properties.href) }));
    expect(entries.map((e) => e.label)).toEqual(pages.map((_, i) => String(i + 1)));
    expect(entries[0].href).toBe('title.xhtml#page-1');
    expect(await epub.text('OEBPS/content.opf')).toContain(
      '<meta property="schema:accessibilityFeature">printPageNumbers</meta>',
    );

    // The words after each marker are on that page, or, for a block longer than a page, begin on an earlier one.
    const words = (s: string) =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
    const pageWords = pages.map(words);
    let startsThere = 0;
    const sections = entries.filter((e) => !/^(title|contents)\.xhtml/.test(e.href));
    for (const entry of sections) {
      const [file, id] = entry.href.split('#');
      const doc = await epub.tree(`OEBPS/${file}`);
      const marker = select(`[id="${id}"]`, doc)!;
      const parent = selectAll('*', doc).find((el) => el.children.includes(marker))!;
      const after = parent.children
        .slice(parent.children.indexOf(marker) + 1)
        .find((n): n is Element => n.type === 'element' && n.tagName !== 'span')!;
      const start = words(text(after)).split(' ').slice(0, 4).join(' ');
      const page = Number(entry.label);
      const first = pageWords.findIndex((p) => p.includes(start)) + 1;
      expect(first > 0 && first <= page, `page ${page}: "${start}" found first on page ${first}`).toBe(true);
      if (pageWords[page - 1].includes(start)) startsThere++;
    }
    expect(startsThere / sections.length).toBeGreaterThan(0.9);
  });

  it('nests its navigation as the manual does, with numbers', async () => {
    const nav = select('nav[epub\\:type="toc"]', await epub.tree('OEBPS/toc.xhtml'))!;
    expect(nav.properties.role).toBe('doc-toc');
    const top = selectAll(':scope > ol > li', nav);
    expect(top.map((li) => text(select(':scope > a', li)))).toEqual(
      SEED.filter((e) => /^\d+$/.test(e.number)).map((e) => `${e.number} ${e.title}`),
    );
    const care = top[5];
    const planning = selectAll(':scope > ol > li', care).find(
      (li) => text(select(':scope > a', li)) === '6.1 Care Planning and Family Time',
    )!;
    expect(selectAll(':scope > ol > li > a', planning).map(text)).toContain('6.1.3 Care Planning');
    const labels = selectAll('a', nav).map(text);
    expect(labels.filter((l) => /^\d/.test(l)).map((l) => l.split(' ')[0])).toEqual(SEED.map((e) => e.number));
    expect(labels).toContain('2.1 Derby City and Derbyshire Thresholds Guidance');
  });

  it('shows see-also lines, notes and outside links on its contents page', async () => {
    const contents = await epub.tree('OEBPS/contents.xhtml');
    expect(selectAll('.contents-see-also', contents).map(text)).toContain(
      'See also: Short Breaks and Derby SEND Local Offer',
    );
    expect(selectAll('.contents-note', contents).map(text)).toEqual([
      'In an emergency, please refer to the following procedures:',
    ]);
    const outside = selectAll('.contents-outside > a', contents).map((a) => String(a.properties.href));
    expect(outside).toContain('https://www.gov.uk/government/publications/working-together-to-safeguard-children--2');
    expect(selectAll('.flag', contents).map(text).sort()).toEqual([...Array(22).fill('Updated'), 'New'].sort());
  });

  it('has one document per chapter and per section, in contents order, numbered as the PDFs', async () => {
    const opf = await epub.tree('OEBPS/content.opf');
    const spine = selectAll('itemref', opf).map((i) => String(i.properties.idref));
    const hrefs = new Map(selectAll('item', opf).map((i) => [String(i.properties.id), String(i.properties.href)]));
    const files = spine.map((id) => hrefs.get(id)!);
    expect(files.slice(0, 3)).toEqual(['title.xhtml', 'contents.xhtml', 'sec-all-children.xhtml']);
    expect(files.filter((f) => f.startsWith('ch-'))).toHaveLength(153);
    expect(files.filter((f) => f.startsWith('sec-'))).toHaveLength(10);
    expect(files.at(-1)).toBe('amendments.xhtml');
    const chapter = await epub.tree('OEBPS/ch-friends-and-family.placements-with-parents.xhtml');
    expect(text(select('h1', chapter))).toBe('5.6 Placements with Parents');
    expect(selectAll('h3', chapter).map(text)).toContain('1.2 Assessment and Checks before Placement');
  });

  it('links chapters to chapters and headings, and outside links to the web', async () => {
    const chapter = await epub.tree('OEBPS/ch-friends-and-family.placements-with-connected-persons.xhtml');
    const link = selectAll('a', chapter).find((a) => text(a).startsWith('5.6 Placements with Parents, Section 1.2'))!;
    expect(link.properties.href).toBe(
      'ch-friends-and-family.placements-with-parents.xhtml#ch-friends-and-family.placements-with-parents--assessment-and-checks-before-placement',
    );
    expect(selectAll('a', chapter).some((a) => String(a.properties.href).startsWith('https://'))).toBe(true);
  });

  it('embeds its images with their text alternatives', async () => {
    const images = epub.names.filter((n) => n.startsWith('OEBPS/images/') && !n.endsWith('/'));
    expect(images).toHaveLength(3);
    const chapter = await epub.tree('OEBPS/ch-children-in-need.initial-response-flowchart.xhtml');
    const img = select('img', chapter)!;
    expect(images).toContain(`OEBPS/${img.properties.src}`);
    expect(img.properties.alt).toBe(
      'Flowchart: how the Initial Response Team handles a contact, from receipt to decision',
    );
  });

  it('carries its metadata, language and accessibility metadata', async () => {
    const opf = (await epub.text('OEBPS/content.opf')).replace(/&#x27;/g, "'");
    expect(opf).toMatch(/<package [^>]*xml:lang="en-GB"/);
    expect(opf).toContain('<dc:language>en-GB</dc:language>');
    expect(opf).toContain("<dc:title>Derby City Children's Social Care Procedures</dc:title>");
    expect(opf).toContain('<dc:publisher>Derby City Council</dc:publisher>');
    expect(opf).toContain('<dc:date>2025-02-03</dc:date>');
    expect(opf).toContain('<meta property="dcterms:modified">2025-02-03T00:00:00Z</meta>');
    expect(opf).toMatch(/<dc:description>[^<]+February 2025 edition[^<]+<\/dc:description>/);
    expect(opf).toMatch(
      /<dc:identifier id="book-id">urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/dc:identifier>/,
    );
    for (const property of [
      'accessMode',
      'accessModeSufficient',
      'accessibilityFeature',
      'accessibilityHazard',
      'accessibilitySummary',
    ]) {
      expect(opf).toContain(`<meta property="schema:${property}">`);
    }
    expect(await epub.text('OEBPS/ch-children-in-care.care-planning.xhtml')).toMatch(/<html [^>]*xml:lang="en-GB"/);
  });

  it('opens with a title page and ends with the amendments appendix', async () => {
    expect(text(select('body', await epub.tree('OEBPS/title.xhtml')))).toBe(
      "Derby City Children's Social Care Procedures Derby City Council February 2025 edition Published 3 February 2025 Next update: August 2025",
    );
    const appendix = await epub.tree('OEBPS/amendments.xhtml');
    expect(text(select('h1', appendix))).toBe('10.3 Amendments');
    expect(selectAll('caption', appendix).map(text)).toEqual([
      'Updated Chapters',
      'New Chapters',
      'Removed Chapters',
      'Updated Chapters',
      'New Chapters',
    ]);
  });

  it('comes out byte for byte the same from the same sources, with the same identifier', async () => {
    // The built EPUB's page list comes from that build's partner PDF; two renders without one
    // must agree too (whole builds agree byte for byte in the CLI and layout cache tests).
    const book = await buildBook(REPO, new Diagnostics());
    const [once, again] = [await renderEpub(book!, BUILT_IN_TEMPLATES), await renderEpub(book!, BUILT_IN_TEMPLATES)];
    expect(Buffer.from(again).equals(Buffer.from(once))).toBe(true);
    expect(epub.names).toEqual(Object.keys((await JSZip.loadAsync(once)).files));
  });
});
