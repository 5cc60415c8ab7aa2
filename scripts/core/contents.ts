import type { Book, ContentsNode, SectionNode } from './book.ts';

/** Every section and contents entry of the book in reading order: a section, then its entries depth first. */
export function contentsInOrder(book: Book): (SectionNode | ContentsNode)[] {
  const walk = (nodes: ContentsNode[]): ContentsNode[] => nodes.flatMap((node) => (node.kind === 'group' ? [node, ...walk(node.entries)] : [node]));
  return book.sections.flatMap((section) => [section, ...walk(section.entries)]);
}
