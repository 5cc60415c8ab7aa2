import {
  CONTENTS_ANCHOR,
  DOCUMENTS_ANCHOR,
  DOCUMENTS_TITLE,
  type Book,
  type ContentsNode,
  type SectionNode,
} from './book.ts';
import { contentsInOrder } from './contents.ts';

/**
 * A part of the printed book: a run of pages that starts on a new page (the contents, a
 * section's opening page, a chapter, the amendments appendix, the list of documents). In the
 * binder each starts on a right-hand page and carries its own page numbers, so it can be replaced
 * on its own: the amendment pack's filing steps name them.
 */
export interface BookPart {
  anchor: string;
  kind: 'contents' | 'section' | 'chapter' | 'amendments' | 'documents';
  /** The chapter's id, for chapters. */
  id?: string;
  number?: string;
  title: string;
}

/**
 * The parts of a book, in print order; the contents part titled `contentsTitle`. The list of
 * documents, a reference list, comes last: at the back of the binder, where a reader looks one up.
 */
export function bookParts(book: Book, contentsTitle = 'Contents'): BookPart[] {
  const parts: BookPart[] = [{ anchor: CONTENTS_ANCHOR, kind: 'contents', title: contentsTitle }];
  for (const node of contentsInOrder(book)) {
    if (!isPart(node)) continue;
    const { anchor, kind, number, title } = node;
    parts.push({ anchor, kind, id: node.kind === 'chapter' ? node.id : undefined, number, title });
  }
  if (book.documents.length > 0) parts.push({ anchor: DOCUMENTS_ANCHOR, kind: 'documents', title: DOCUMENTS_TITLE });
  return parts;
}

const isPart = (
  node: SectionNode | ContentsNode,
): node is Extract<SectionNode | ContentsNode, { kind: BookPart['kind'] }> =>
  node.kind === 'section' || node.kind === 'chapter' || node.kind === 'amendments';
