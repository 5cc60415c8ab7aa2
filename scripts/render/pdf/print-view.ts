import type { Root } from 'hast';
import { DOCUMENTS_ANCHOR, type Book, type ContentsNode, type SectionNode } from '../../core/book.ts';
import { bodyShift, entriesInOrder, headingLevel, mapEntries } from '../../core/contents.ts';
import { numberedTitle } from '../../core/numbered-title.ts';
import { bodyOf, editionView, htmlOf } from '../view-parts.ts';
import { mapElements, withProperties } from '../map-elements.ts';
import type { BlockOffsets } from './block-pages.ts';
import { joinCodeHyphens } from './code-hyphens.ts';
import { codeLines } from './code-lines.ts';
import { fitTables } from './fit-tables.ts';
import type { Layout, Part, Variant } from './layout.ts';
import { documentEntry, publishedAddress } from '../rehype-document-links.ts';
import { documentsListView } from '../documents-list.ts';
import { chapterAddress } from '../site-addresses.ts';

/** A heading of a subsection, printed at the top of the first page of its first chapter. */
interface SubsectionHeading {
  number?: string;
  title: string;
  anchor: string;
  level: number;
}

/**
 * Each chapter's body as HTML for print, by chapter id (of `only`, or every one): the same in
 * every pass, so made once.
 */
export function printedChapters(
  book: Book,
  only?: ReadonlySet<string>,
  transform: (body: Root) => Root = (body) => body,
): Map<string, string> {
  const toHtml = htmlOf(book);
  const body = bodyOf(book);
  const html = new Map<string, string>();
  for (const section of book.sections) {
    for (const [node, depth] of entriesInOrder(section.entries)) {
      if (node.kind === 'chapter' && (!only || only.has(node.id)))
        html.set(node.id, toHtml(forPrint(transform(body(node.id))), bodyShift(headingLevel(depth))));
    }
  }
  return html;
}

/** A chapter's body as print sets it: code lines wrap and tables fit the text width (print.css). */
const forPrint = (body: Root): Root => joinCodeHyphens(codeLines(fitTables(body)));

/**
 * The binder's print HTML: each change bar on the outer edge of the page it falls on. Every
 * chapter starts on a right-hand page, so a mark an even number of pages after its chapter's
 * first is on a right-hand page, where the outer edge is the right.
 */
export function binderChapters(book: Book, chapters: Map<string, string>, offsets: BlockOffsets): Map<string, string> {
  const marked = book.chapters.filter((c) => c.changes?.marks.length);
  if (marked.length === 0) return chapters;
  const right = new Set<unknown>();
  for (const chapter of marked) {
    const marks = new Set(chapter.changes!.marks);
    for (const [id, offset] of offsets.get(chapter.id)?.offsets ?? [])
      if (marks.has(id) && offset % 2 === 0) right.add(id);
  }
  const outer = (body: Root) =>
    mapElements(body, (element) =>
      element.tagName === 'ins' && right.has(element.properties.id)
        ? withProperties(element, { className: ['change-mark', 'bar-right'] })
        : undefined,
    );
  return new Map([...chapters, ...printedChapters(book, new Set(marked.map((c) => c.id)), outer)]);
}

/** How a pass is printed: a measuring pass paints nothing, and a frame leaves the chapters out. */
export interface PassKind {
  measuring?: boolean;
  /**
   * Hidden links to every block, so that Chromium records where each starts. Only measuring
   * passes carry them: Chromium's cost of link targets grows faster than the pages.
   */
  finder?: boolean;
  /** Only these chapters (by id): to measure the blocks of chapters changed since the last build. */
  only?: ReadonlySet<string>;
  /** Only the title, contents, section pages and the appendix: everything but the chapters, which are measured in batches. */
  frame?: boolean;
}

/**
 * What the print templates see. Before the first pass there is no layout yet: page numbers and
 * counts are placeholders, printed in boxes of fixed width so that writing the real ones in the
 * next pass moves nothing.
 */
export function printView(
  book: Book,
  variant: Variant,
  parts: Part[],
  chapters: Map<string, string>,
  layout: Layout | undefined,
  css: string,
  pass: PassKind = {},
) {
  const names = new Map(parts.map((u, i) => [u.anchor, `u${i}`]));
  const pagingOf = (anchor: string) => ({
    pageName: names.get(anchor),
    blankBefore: layout?.blankBefore.has(anchor) ?? false,
  });
  const pageRef = (anchor: string) => (layout ? String(layout.pageOf.get(anchor) ?? '') : '000');
  const pageCount = (anchor: string) => (layout ? String(layout.counts.get(anchor) ?? '') : '00');
  const contents = (nodes: ContentsNode[]) =>
    mapEntries<object>(nodes, (node, inner) => {
      if (node.kind === 'subsection') return { ...node, page: pageRef(node.anchor), pages: '', entries: inner };
      if (node.kind === 'chapter' || node.kind === 'amendments')
        return { ...node, page: pageRef(node.anchor), pages: pageCount(node.anchor) };
      if (node.kind === 'document') return documentEntry(book, node, publishedAddress(book));
      return node;
    });
  const sections = book.sections.map((s) => ({
    ...s,
    page: pageRef(s.anchor),
    pages: '',
    entries: contents(s.entries),
  }));
  const binder = variant === 'binder';
  const documents = documentsList(book, binder);
  return {
    ...editionView(book),
    css,
    variant,
    binder,
    contentsPageName: names.get('contents'),
    // Binder holders keep their copy current with amendment packs; the partner PDF is sent out and
    // printed by others, so its title page says where the current edition is.
    controlledAt: binder ? undefined : book.meta.siteUrl,
    documentsEntry: documents && {
      anchor: DOCUMENTS_ANCHOR,
      title: documents.title,
      page: pageRef(DOCUMENTS_ANCHOR),
      pages: pageCount(DOCUMENTS_ANCHOR),
    },
    effectivePages: binder ? effectivePages(book, pageCount) : [],
    followsRelease: book.pack !== undefined,
    sections,
    measuring: pass.measuring ?? false,
    // Chromium names a destination (with its page) only for an element a link points at.
    pageFinder: pass.finder
      ? book.chapters
          .filter((c) => !pass.only || pass.only.has(c.id))
          .flatMap((c) => [...c.blocks, ...(c.changes?.marks ?? [])])
      : [],
    parts: [
      ...book.sections.flatMap((s, i) => sectionParts(s, sections[i].entries, chapters, pagingOf)),
      ...(documents ? [{ ...documents, level: 2, ...pagingOf(DOCUMENTS_ANCHOR) }] : []),
    ].filter((u) => included(u, pass)),
    pageRules: parts.map((part) =>
      pageRule(part, names.get(part.anchor)!, layout, binder && part.id ? chapterAddress(book, part.id) : undefined),
    ),
  };
}

/** The list of documents, the last part. The binder is printed: it shows each address. The partner PDF is read on screen too: it links to each. */
const documentsList = (book: Book, binder: boolean) =>
  documentsListView(book, publishedAddress(book), (address) => (binder ? { address } : { link: address, address }));

/**
 * The binder's list of effective pages: every chapter with its page count and the edition that
 * issued its pages, R for those this edition revised and N for those it added, once the edition
 * follows an earlier release.
 */
function effectivePages(book: Book, pageCount: (anchor: string) => string) {
  const follows = book.pack !== undefined;
  return book.chapters.map((chapter) => ({
    number: chapter.number,
    title: chapter.title,
    pages: pageCount(chapter.anchor),
    issue: chapter.issue,
    code: !follows || chapter.issue !== book.edition.label ? '' : chapter.changes?.isNew ? 'N' : 'R',
  }));
}

function included(part: PrintedPart, pass: PassKind): boolean {
  if (pass.frame) return part.kind !== 'chapter';
  if (pass.only) return part.kind === 'chapter' && pass.only.has(part.id as string);
  return true;
}

/** What the edition template prints in order, each from a new page: a section's opening page, a chapter, the amendments, the list of documents. */
type PrintedPart = { kind: string } & Record<string, unknown>;

/**
 * A section's parts: its opening page (listing `contents`, its entries as the contents shows
 * them), then its chapters and the appendix, each with the headings of the subsections opened
 * since the part before it, printed at its top.
 */
function sectionParts(
  section: SectionNode,
  contents: object[],
  chapters: Map<string, string>,
  pagingOf: (anchor: string) => object,
): PrintedPart[] {
  const parts: PrintedPart[] = [{ ...section, entries: contents, level: 2, ...pagingOf(section.anchor) }];
  const pending: SubsectionHeading[] = [];
  for (const [node, depth] of entriesInOrder(section.entries)) {
    const level = headingLevel(depth);
    if (node.kind === 'subsection')
      pending.push({ number: node.number, title: node.title, anchor: node.anchor, level });
    else if (node.kind === 'chapter')
      parts.push({
        ...node,
        level,
        subsections: pending.splice(0),
        html: chapters.get(node.id) ?? '',
        ...pagingOf(node.anchor),
      });
    else if (node.kind === 'amendments')
      parts.push({ ...node, level, subsections: pending.splice(0), ...pagingOf(node.anchor) });
  }
  return parts;
}

/**
 * The running head and footer of one part's pages, and its own page numbering; `address`, the
 * chapter's page in the web edition, printed under the binder's footer. Margin boxes lie outside
 * the page area, so what they print never moves the text.
 */
function pageRule(part: Part, pageName: string, layout: Layout | undefined, address?: string) {
  const label = numberedTitle(part);
  const start = layout?.pageOf.get(part.anchor);
  const count = layout?.counts.get(part.anchor) ?? 0;
  return {
    pageName,
    kind: part.kind,
    header: truncate(label, 80),
    issue: part.issue,
    footerLabel: part.kind === 'contents' ? 'Contents' : truncate(part.number ?? part.title, 40),
    start,
    count,
    address,
    // `@counter-style` with `system: fixed N` shows page N as "1", N+1 as "2"...: per-chapter
    // page numbers from the document's page counter, which Chromium will not reset.
    symbols: start === undefined ? [] : Array.from({ length: count }, (_, i) => String(i + 1)),
  };
}

function truncate(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > length / 2 ? cut.lastIndexOf(' ') : cut.length)}…`;
}
