import type { Book } from '../../core/book.ts';
import type { Measure } from './layout.ts';

/**
 * Where each block of a chapter falls, as pages after the chapter's first page, with the hash of
 * the chapter it was measured on: a chapter starts on a new page, so the offsets hold wherever it
 * lands, in every print, until its content changes. The EPUB's page list is made from them.
 */
export type BlockOffsets = Map<string, { content: string; offsets: [string, number][] }>;

/** The offsets of the blocks of `ids` (default: every chapter) in a measuring print with the page finder. */
export function blockOffsets(book: Book, measure: Measure, ids?: ReadonlySet<string>): BlockOffsets {
  const found: BlockOffsets = new Map();
  for (const chapter of book.chapters) {
    const start = measure.pageOf.get(chapter.anchor);
    if ((ids && !ids.has(chapter.id)) || start === undefined) continue;
    const offsets = [...chapter.blocks, ...(chapter.changes?.marks ?? [])].flatMap((id): [string, number][] =>
      measure.pageOf.has(id) ? [[id, measure.pageOf.get(id)! - start]] : [],
    );
    found.set(chapter.id, { content: chapter.bodySha256, offsets });
  }
  return found;
}

/** Kept offsets still true of the book's chapters, and the chapters to measure again. */
export function reusableOffsets(book: Book, kept: BlockOffsets): { offsets: BlockOffsets; stale: Set<string> } {
  const offsets: BlockOffsets = new Map();
  const stale = new Set<string>();
  for (const chapter of book.chapters) {
    const entry = kept.get(chapter.id);
    if (entry?.content === chapter.bodySha256) offsets.set(chapter.id, entry);
    else stale.add(chapter.id);
  }
  return { offsets, stale };
}

/** The final print's pages with every block's page added: each chapter's first page plus the block's offset. */
export function withBlockPages(book: Book, printed: Measure, offsets: BlockOffsets): Measure {
  const pageOf = new Map(printed.pageOf);
  for (const chapter of book.chapters) {
    const start = printed.pageOf.get(chapter.anchor);
    if (start === undefined) continue;
    for (const [id, offset] of offsets.get(chapter.id)?.offsets ?? [])
      if (!pageOf.has(id)) pageOf.set(id, start + offset);
  }
  return { pageOf, pageCount: printed.pageCount };
}
