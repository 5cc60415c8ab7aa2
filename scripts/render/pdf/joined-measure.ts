import { contentsStart, type Measure, type Unit, type Variant } from './layout.ts';

/** A print of some of a PDF's units alone, each starting on a new page as it does in the whole PDF. */
export interface PartPrint {
  units: Unit[];
  measure: Measure;
}

/**
 * One measure of a whole PDF from prints of its parts. A unit starts on a new page and
 * nothing outside it moves its text, so it takes as many pages alone as in the whole PDF, and
 * every anchor in it falls as many pages after its first page: the parts are laid end to end.
 */
export function joinMeasures(variant: Variant, units: Unit[], parts: PartPrint[]): Measure {
  const placed = new Map(
    parts.flatMap((part) => unitSpans(variant, part).map((span): [string, Span] => [span.unit.anchor, span])),
  );
  const pageOf = new Map<string, number>();
  let page = contentsStart(variant);
  for (const unit of units) {
    const span = placed.get(unit.anchor);
    if (!span) throw new Error(`no measuring print holds "${unit.anchor}"`);
    for (const [anchor, at] of span.anchors) pageOf.set(anchor, page + at);
    page += span.pages;
  }
  return { pageOf, pageCount: page - 1 };
}

interface Span {
  unit: Unit;
  pages: number;
  /** Each anchor in the unit, as pages after its first. */
  anchors: [string, number][];
}

/** Where each unit of a part print starts and ends, and the anchors within it. */
function unitSpans(variant: Variant, part: PartPrint): Span[] {
  const starts = part.units.map((unit) =>
    unit.kind === 'contents' ? contentsStart(variant) : part.measure.pageOf.get(unit.anchor),
  );
  starts.forEach((start, i) => {
    if (start === undefined) throw new Error(`the measuring print has no destination for "${part.units[i].anchor}"`);
  });
  const ends = starts.map((_, i) => (i + 1 < starts.length ? starts[i + 1]! : part.measure.pageCount + 1));
  const spans: Span[] = part.units.map((unit, i) => ({ unit, pages: ends[i] - starts[i]!, anchors: [] }));
  for (const [anchor, page] of part.measure.pageOf) {
    const i = lastAtOrBefore(starts as number[], page);
    if (i >= 0 && page < ends[i]) spans[i].anchors.push([anchor, page - starts[i]!]);
  }
  return spans;
}

/** The index of the last of the ascending `starts` at or before `page`, or -1. */
function lastAtOrBefore(starts: number[], page: number): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (starts[middle] <= page) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
