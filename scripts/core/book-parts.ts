import { CONTENTS_ANCHOR, type Book, type ContentsNode, type SectionNode } from './book.ts';
import { contentsInOrder } from './contents.ts';

/**
 * A part of the printed book: a run of pages that starts on a new page (the contents, a
 * section's opening page, a chapter, the amendments appendix). In the binder each starts on a
 * right-hand page and carries its own page numbers, so it can be replaced on its own: the
 * amendment pack's filing steps name them.
 */
export interface BookPart {
  anchor: string;
  kind: 'contents' | 'section' | 'chapter' | 'amendments';
  /** The chapter's id, for chapters. */
  id?: string;
  number?: string;
  title: string;
}

/** The parts of a book, in print order; the contents part titled `contentsTitle`. */
export function bookParts(book: Book, contentsTitle = 'Contents'): BookPart[] {
  const parts: BookPart[] = [{ anchor: CONTENTS_ANCHOR, kind: 'contents', title: contentsTitle }];
  for (const node of contentsInOrder(book)) {
    if (!isPart(node)) continue;
    const { anchor, kind, number, title } = node;
    parts.push({ anchor, kind, id: node.kind === 'chapter' ? node.id : undefined, number, title });
  }
  return parts;
}

const isPart = (
  node: SectionNode | ContentsNode,
): node is Extract<SectionNode | ContentsNode, { kind: BookPart['kind'] }> =>
  node.kind === 'section' || node.kind === 'chapter' || node.kind === 'amendments';
