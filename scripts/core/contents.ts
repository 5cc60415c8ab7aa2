import type { Book, ContentsNode, SectionNode } from './book.ts';

/**
 * The one walk of the contents tree: each entry below `entries`, depth first in reading order,
 * with its depth (a section's own entries are at depth 1, a subsection's entries one deeper).
 */
export function* entriesInOrder(entries: readonly ContentsNode[], depth = 1): Generator<[ContentsNode, number]> {
  for (const node of entries) {
    yield [node, depth];
    if (node.kind === 'subsection') yield* entriesInOrder(node.entries, depth + 1);
  }
}

/** Every section and contents entry of the book in reading order: a section, then its entries depth first. */
export function contentsInOrder(book: Book): (SectionNode | ContentsNode)[] {
  return book.sections.flatMap((section) => [section, ...[...entriesInOrder(section.entries)].map(([node]) => node)]);
}

/**
 * The contents tree as another tree: `map` turns each entry into what stands for it (none, one
 * or several), given what its entries became when it is a subsection, and its depth.
 */
export function mapEntries<T>(
  entries: readonly ContentsNode[],
  map: (node: ContentsNode, inner: T[], depth: number) => T | T[],
  depth = 1,
): T[] {
  return entries.flatMap((node) =>
    map(node, node.kind === 'subsection' ? mapEntries(node.entries, map, depth + 1) : [], depth),
  );
}

/**
 * The heading level of an entry when the whole book is one document (the HTML edition, the
 * PDFs): the title h1, sections h2, a section's entries h3, a subsection's one deeper.
 */
export const headingLevel = (depth: number) => depth + 2;

/** How far a chapter's own headings (## is h2) move down to sit below its title at `level`. */
export const bodyShift = (level: number) => level - 1;
