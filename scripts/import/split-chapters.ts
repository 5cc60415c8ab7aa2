import type { Heading, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { ChapterDraft } from './types.ts';

/** Where a document is cut into chapters: at each Heading 1, each Heading 2, or not at all. */
export type SplitAt = 1 | 2 | 'none';

/** The default: one chapter per Heading 1 when there is more than one, else the whole document. */
export function defaultSplit(blocks: readonly RootContent[]): SplitAt {
  return blocks.filter((b) => b.type === 'heading' && b.depth === 1).length > 1 ? 1 : 'none';
}

/**
 * Cuts a document's blocks into chapters. Split at level N, each heading of level N starts a
 * chapter and is its title, deeper headings move up so that level N+1 becomes `##`; headings
 * above N (Heading 1 when splitting at 2) become groups, subsections of the contents, whose
 * text before their first chapter becomes a chapter of the group's title. What comes before the
 * first heading becomes a chapter titled after the document. Not split, a document that opens
 * with its only top-level heading takes it as title; otherwise the document's title is used
 * and its headings move down under it.
 */
export function splitChapters(blocks: readonly RootContent[], at: SplitAt, documentTitle: string): ChapterDraft[] {
  return at === 'none' ? [whole(blocks, documentTitle)] : split(blocks, at, documentTitle);
}

function whole(blocks: readonly RootContent[], documentTitle: string): ChapterDraft {
  const headings = blocks.filter((b): b is Heading => b.type === 'heading');
  if (headings.length === 0) return { title: documentTitle, blocks: [...blocks] };
  const top = Math.min(...headings.map((h) => h.depth));
  const first = headings[0];
  const opensWithTitle =
    first.depth === top && headings.filter((h) => h.depth === top).length === 1 && blocks.indexOf(first) === 0;
  if (opensWithTitle)
    return { title: headingText(first), blocks: shift(blocks.slice(1), top - 1), titleIds: first.data?.ids };
  return { title: documentTitle, blocks: shift([...blocks], top - 2) };
}

function split(blocks: readonly RootContent[], at: 1 | 2, documentTitle: string): ChapterDraft[] {
  const chapters: ChapterDraft[] = [];
  let current: ChapterDraft | undefined;
  let group: string | undefined;
  for (const block of blocks) {
    if (block.type === 'heading' && block.depth <= at) {
      if (block.depth < at) group = headingText(block);
      current = { title: headingText(block), blocks: [], titleIds: block.data?.ids, group };
      chapters.push(current);
      continue;
    }
    if (!current) {
      current = { title: documentTitle, blocks: [] };
      chapters.push(current);
    }
    current.blocks.push(...shift([block], at - 1));
  }
  // A group's heading with nothing before its first chapter is only a group.
  return chapters.filter((c, i) => c.blocks.length > 0 || !(c.group === c.title && chapters[i + 1]?.group === c.group));
}

export function headingText(heading: Heading): string {
  return toString(heading).trim();
}

/** The blocks with their headings `by` levels higher (`##` for level by+2), never above `##` nor below `######`. */
function shift(blocks: RootContent[], by: number): RootContent[] {
  if (by === 0) return blocks;
  return blocks.map((block) =>
    block.type === 'heading'
      ? { ...block, depth: Math.min(6, Math.max(2, block.depth - by)) as Heading['depth'] }
      : block,
  );
}
