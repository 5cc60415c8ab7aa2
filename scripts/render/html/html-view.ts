import type { Book, ContentsNode } from '../../core/book.ts';
import { bodyShift, headingLevel, mapEntries } from '../../core/contents.ts';
import { bodyOf, editionView, htmlOf } from '../view-parts.ts';
import { documentEntry, publishedAddress } from '../rehype-document-links.ts';

/**
 * What the HTML edition's templates see: the book's contents with each entry's heading level and
 * each chapter's body as an HTML string with its images inlined, so the page stands alone.
 */
export function htmlView(book: Book, css: string) {
  const toHtml = htmlOf(book);
  const body = bodyOf(book);
  const entries = (nodes: ContentsNode[]) =>
    mapEntries<object>(nodes, (node, inner, depth) => {
      const level = headingLevel(depth);
      if (node.kind === 'subsection') return { ...node, level, entries: inner };
      if (node.kind === 'chapter') return { ...node, level, html: toHtml(body(node.id), bodyShift(level)) };
      if (node.kind === 'document') return { ...documentEntry(book, node, publishedAddress(book)), level };
      return { ...node, level };
    });
  return {
    ...editionView(book),
    css,
    sections: book.sections.map((s) => ({ ...s, entries: entries(s.entries) })),
  };
}
