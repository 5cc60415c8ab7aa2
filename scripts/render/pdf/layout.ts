import { contentsInOrder } from '../../core/contents.ts';
import { CONTENTS_ANCHOR, type Book } from '../../core/book.ts';

export type Variant = 'partner' | 'binder';

/**
 * A run of pages that starts on a new page: the contents, a section's opening page, a chapter,
 * the amendments appendix. In the binder PDF each starts on a right-hand page and carries its
 * own page numbers, so it can be replaced on its own.
 */
export interface Unit {
  anchor: string;
  kind: 'contents' | 'section' | 'chapter' | 'amendments';
  /** The chapter's id, for chapters. */
  id?: string;
  number?: string;
  title: string;
  /** The label of the edition that issued these pages (binder footers show it). */
  issue: string;
}

/** Where things fall, learnt from a printed pass and used to print the next one. */
export interface Layout {
  /** The page of every anchor the contents or the footers show, 1-based. */
  pageOf: Map<string, number>;
  /** Pages of each unit, not counting a blank page left before it. */
  counts: Map<string, number>;
  /** Units before which a blank page is left, so that they start on a right-hand page. */
  blankBefore: Set<string>;
  totalPages: number;
}

/** The units of a book, in print order. */
export function printUnits(book: Book): Unit[] {
  const current = book.edition.label;
  const issues = new Map(book.chapters.map((c) => [c.anchor, c.issue]));
  const units: Unit[] = [{ anchor: CONTENTS_ANCHOR, kind: 'contents', title: 'Contents', issue: current }];
  for (const node of contentsInOrder(book)) {
    if (node.kind === 'section' || node.kind === 'chapter' || node.kind === 'amendments') {
      const id = node.kind === 'chapter' ? node.id : undefined;
      units.push({
        anchor: node.anchor,
        kind: node.kind,
        id,
        number: node.number,
        title: node.title,
        issue: issues.get(node.anchor) ?? current,
      });
    }
  }
  return units;
}

/** Every anchor whose page the partner PDF's contents shows: sections, sub-sections, chapters, the appendix. */
export function contentsAnchors(book: Book): string[] {
  return contentsInOrder(book).flatMap((node) => ('anchor' in node ? [node.anchor] : []));
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

/** Pages of each unit in a printed pass, not counting the blank pages it left before units. */
export function unitCounts(
  variant: Variant,
  units: Unit[],
  printed: Measure,
  blanksPrinted: ReadonlySet<string>,
): Map<string, number> {
  const start = (unit: Unit) => (unit.kind === 'contents' ? contentsStart(variant) : printed.pageOf.get(unit.anchor));
  const counts = new Map<string, number>();
  units.forEach((unit, i) => {
    const next = units[i + 1];
    const from = start(unit);
    if (from === undefined) throw new Error(`the printed pass has no destination for "${unit.anchor}"`);
    const end = next ? start(next)! - (blanksPrinted.has(next.anchor) ? 1 : 0) : printed.pageCount + 1;
    counts.set(unit.anchor, end - from);
  });
  return counts;
}

/**
 * Plans the next pass from a printed one: each unit keeps its length, since a blank page or a
 * number written into a fixed-width box moves no text. The partner PDF keeps the anchors its
 * contents shows (`anchors`) where they landed; the binder PDF is planned from its units' lengths.
 */
export function planLayout(
  variant: Variant,
  units: Unit[],
  printed: Measure,
  blanksPrinted: ReadonlySet<string>,
  anchors: readonly string[] = [],
): Layout {
  const counts = unitCounts(variant, units, printed, blanksPrinted);
  if (variant === 'binder') return binderLayout(units, counts);
  const pageOf = new Map(
    anchors.flatMap((a): [string, number][] => (printed.pageOf.has(a) ? [[a, printed.pageOf.get(a)!]] : [])),
  );
  return { pageOf, counts, blankBefore: new Set(), totalPages: printed.pageCount };
}

/** The binder PDF from its units' lengths: a blank page goes before every unit that would otherwise start on a left-hand (even) page. */
export function binderLayout(units: Unit[], counts: ReadonlyMap<string, number>): Layout {
  const pageOf = new Map<string, number>();
  const blankBefore = new Set<string>();
  let page = contentsStart('binder');
  for (const unit of units) {
    if (page % 2 === 0) {
      blankBefore.add(unit.anchor);
      page += 1;
    }
    pageOf.set(unit.anchor, page);
    page += counts.get(unit.anchor) ?? 1;
  }
  return {
    pageOf,
    counts: new Map(units.map((u) => [u.anchor, counts.get(u.anchor) ?? 1])),
    blankBefore,
    totalPages: page - 1,
  };
}

/**
 * True when a pass printed from `used` put every anchor where `used` said it would. The contents
 * has no destination (no link points at it); its first page is fixed by the title page before it.
 * Only pages the edition prints matter (`anchors`: the units, and in the partner PDF every
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
