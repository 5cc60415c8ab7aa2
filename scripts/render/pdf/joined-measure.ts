import { contentsStart, type Measure, type Part, type Variant } from './layout.ts';

/** A print of some of a PDF's parts alone, each starting on a new page as it does in the whole PDF. */
export interface BatchPrint {
  parts: Part[];
  measure: Measure;
}

/**
 * One measure of a whole PDF from prints of its batches. A part starts on a new page and
 * nothing outside it moves its text, so it takes as many pages alone as in the whole PDF, and
 * every anchor in it falls as many pages after its first page: the batches are laid end to end.
 */
export function joinMeasures(variant: Variant, parts: Part[], batches: BatchPrint[]): Measure {
  const placed = new Map(
    batches.flatMap((batch) => partSpans(variant, batch).map((span): [string, Span] => [span.part.anchor, span])),
  );
  const pageOf = new Map<string, number>();
  let page = contentsStart(variant);
  for (const part of parts) {
    const span = placed.get(part.anchor);
    if (!span) throw new Error(`no measuring print holds "${part.anchor}"`);
    for (const [anchor, at] of span.anchors) pageOf.set(anchor, page + at);
    page += span.pages;
  }
  return { pageOf, pageCount: page - 1 };
}

interface Span {
  part: Part;
  pages: number;
  /** Each anchor in the part, as pages after its first. */
  anchors: [string, number][];
}

/** Where each part of a batch print starts and ends, and the anchors within it. */
function partSpans(variant: Variant, batch: BatchPrint): Span[] {
  const starts = batch.parts.map((part) =>
    part.kind === 'contents' ? contentsStart(variant) : batch.measure.pageOf.get(part.anchor),
  );
  starts.forEach((start, i) => {
    if (start === undefined) throw new Error(`the measuring print has no destination for "${batch.parts[i].anchor}"`);
  });
  const ends = starts.map((_, i) => (i + 1 < starts.length ? starts[i + 1]! : batch.measure.pageCount + 1));
  const spans: Span[] = batch.parts.map((part, i) => ({ part, pages: ends[i] - starts[i]!, anchors: [] }));
  for (const [anchor, page] of batch.measure.pageOf) {
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
