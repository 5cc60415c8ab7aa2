import { bookParts, type BookPart } from '../../core/book-parts.ts';
import { contentsInOrder } from '../../core/contents.ts';
import { CONTENTS_ANCHOR, DOCUMENTS_ANCHOR, type Book } from '../../core/book.ts';

export type Variant = 'partner' | 'binder';

/** A part of the printed book (see core/book-parts.ts), with the label of the edition that issued its pages (binder footers show it). */
export interface Part extends BookPart {
  issue: string;
}

/** Where things fall, learnt from a printed pass and used to print the next one. */
export interface Layout {
  /** The page of every anchor the contents or the footers show, 1-based. */
  pageOf: Map<string, number>;
  /** Pages of each part, not counting a blank page left before it. */
  counts: Map<string, number>;
  /** Parts before which a blank page is left, so that they start on a right-hand page. */
  blankBefore: Set<string>;
  totalPages: number;
}

/** The parts of a book, in print order, each with the edition that issued its pages. */
export function printParts(book: Book): Part[] {
  const current = book.edition.label;
  const issues = new Map(book.chapters.map((c) => [c.anchor, c.issue]));
  return bookParts(book).map((part) => ({ ...part, issue: issues.get(part.anchor) ?? current }));
}

/** Every anchor whose page the partner PDF's contents shows: sections, subsections, chapters, the appendix, the list of documents. */
export function contentsAnchors(book: Book): string[] {
  const anchors = contentsInOrder(book).flatMap((node) => ('anchor' in node ? [node.anchor] : []));
  return book.documents.length > 0 ? [...anchors, DOCUMENTS_ANCHOR] : anchors;
}

/** The page the contents starts on: after the title page, and in the binder after its blank back. */
export function contentsStart(variant: Variant): number {
  return variant === 'binder' ? 3 : 2;
}

/** What one printed pass shows: the page of every link target, and how many pages in all. */
export interface Measure {
  pageOf: Map<string, number>;
  pageCount: number;
}

/** Pages of each part in a printed pass, not counting the blank pages it left before parts. */
export function partCounts(
  variant: Variant,
  parts: Part[],
  printed: Measure,
  blanksPrinted: ReadonlySet<string>,
): Map<string, number> {
  const start = (part: Part) => (part.kind === 'contents' ? contentsStart(variant) : printed.pageOf.get(part.anchor));
  const counts = new Map<string, number>();
  parts.forEach((part, i) => {
    const next = parts[i + 1];
    const from = start(part);
    if (from === undefined) throw new Error(`the printed pass has no destination for "${part.anchor}"`);
    const end = next ? start(next)! - (blanksPrinted.has(next.anchor) ? 1 : 0) : printed.pageCount + 1;
    counts.set(part.anchor, end - from);
  });
  return counts;
}

/**
 * Plans the next pass from a printed one: each part keeps its length, since a blank page or a
 * number written into a fixed-width box moves no text. The partner PDF keeps the anchors its
 * contents shows (`anchors`) where they landed; the binder PDF is planned from its parts' lengths.
 */
export function planLayout(
  variant: Variant,
  parts: Part[],
  printed: Measure,
  blanksPrinted: ReadonlySet<string>,
  anchors: readonly string[] = [],
): Layout {
  const counts = partCounts(variant, parts, printed, blanksPrinted);
  if (variant === 'binder') return binderLayout(parts, counts);
  const pageOf = new Map(
    anchors.flatMap((a): [string, number][] => (printed.pageOf.has(a) ? [[a, printed.pageOf.get(a)!]] : [])),
  );
  return { pageOf, counts, blankBefore: new Set(), totalPages: printed.pageCount };
}

/** The binder PDF from its parts' lengths: a blank page goes before every part that would otherwise start on a left-hand (even) page. */
export function binderLayout(parts: Part[], counts: ReadonlyMap<string, number>): Layout {
  const pageOf = new Map<string, number>();
  const blankBefore = new Set<string>();
  let page = contentsStart('binder');
  for (const part of parts) {
    if (page % 2 === 0) {
      blankBefore.add(part.anchor);
      page += 1;
    }
    pageOf.set(part.anchor, page);
    page += counts.get(part.anchor) ?? 1;
  }
  return {
    pageOf,
    counts: new Map(parts.map((u) => [u.anchor, counts.get(u.anchor) ?? 1])),
    blankBefore,
    totalPages: page - 1,
  };
}

/**
 * True when a pass printed from `used` put every anchor where `used` said it would. The contents
 * has no destination (no link points at it); its first page is fixed by the title page before it.
 * Only pages the edition prints matter (`anchors`: the parts, and in the partner PDF every
 * entry of its contents); a plan from another build (a cached one) may miss anchors added since.
 */
export function landedAsPlanned(used: Layout, anchors: readonly string[], printed: Measure): boolean {
  const covered = anchors.every((anchor) => anchor === CONTENTS_ANCHOR || used.pageOf.has(anchor));
  return (
    covered &&
    used.totalPages === printed.pageCount &&
    [...used.pageOf].every(([anchor, page]) => anchor === CONTENTS_ANCHOR || printed.pageOf.get(anchor) === page)
  );
}
