import type { Book, ContentsNode } from '../../model/types.ts';

export type Variant = 'partner' | 'binder';

/**
 * A run of pages that starts on a new page: the contents, a section's opening page, a chapter,
 * the amendments appendix. In the binder edition each starts on a right-hand page and carries its
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

export const CONTENTS_ANCHOR = 'contents';

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
  const visit = (nodes: ContentsNode[]): void => {
    for (const node of nodes) {
      if (node.kind === 'group') visit(node.entries);
      else if (node.kind === 'chapter' || node.kind === 'amendments') {
        const id = node.kind === 'chapter' ? node.id : undefined;
        units.push({ anchor: node.anchor, kind: node.kind, id, number: node.number, title: node.title, issue: issues.get(node.anchor) ?? current });
      }
    }
  };
  for (const section of book.sections) {
    units.push({ anchor: section.anchor, kind: 'section', number: section.number, title: section.title, issue: current });
    visit(section.entries);
  }
  return units;
}

/** The page the contents starts on: after the title page, and in the binder after its blank back. */
export function contentsStart(variant: Variant): number {
  return variant === 'binder' ? 3 : 2;
}

/**
 * Reads a printed pass (where each anchor landed, how many pages in all, which blank pages it
 * had) and plans the next: each unit keeps its length, since a blank page or a number written
 * into a fixed-width box moves no text, and in the binder edition a blank page goes before every
 * unit that would otherwise start on a left-hand (even) page.
 */
export function planLayout(variant: Variant, units: Unit[], printed: Map<string, number>, totalPages: number, blanksPrinted: ReadonlySet<string>): Layout {
  const start = (unit: Unit) => (unit.kind === 'contents' ? contentsStart(variant) : printed.get(unit.anchor));
  const counts = new Map<string, number>();
  units.forEach((unit, i) => {
    const next = units[i + 1];
    const from = start(unit);
    if (from === undefined) throw new Error(`the printed pass has no destination for "${unit.anchor}"`);
    const end = next ? start(next)! - (blanksPrinted.has(next.anchor) ? 1 : 0) : totalPages + 1;
    counts.set(unit.anchor, end - from);
  });
  if (variant === 'partner') return { pageOf: new Map(printed), counts, blankBefore: new Set(), totalPages };

  const pageOf = new Map<string, number>();
  const blankBefore = new Set<string>();
  let page = contentsStart(variant);
  for (const unit of units) {
    if (page % 2 === 0) {
      blankBefore.add(unit.anchor);
      page += 1;
    }
    pageOf.set(unit.anchor, page);
    page += counts.get(unit.anchor)!;
  }
  return { pageOf, counts, blankBefore, totalPages: page - 1 };
}

/**
 * True when a pass printed from `used` put every anchor where `used` said it would. The contents
 * has no destination (no link points at it); its first page is fixed by the title page before it.
 */
export function landedAsPlanned(used: Layout, printed: Map<string, number>, totalPages: number): boolean {
  return used.totalPages === totalPages && [...used.pageOf].every(([anchor, page]) => anchor === CONTENTS_ANCHOR || printed.get(anchor) === page);
}
