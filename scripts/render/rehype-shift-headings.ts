import type { Root } from 'hast';
import { mapElements } from './map-elements.ts';

/**
 * Moves headings down by `by` levels (never past h6): a chapter's "## Section" is an h2 in its
 * own EPUB document but must sit below the section and chapter headings on a single page.
 */
export function rehypeShiftHeadings(by: number) {
  return (tree: Root): Root => {
    if (by === 0) return tree;
    return mapElements(tree, (node) => {
      const match = /^h([1-6])$/.exec(node.tagName);
      return match ? { ...node, tagName: `h${Math.min(6, Number(match[1]) + by)}` } : undefined;
    });
  };
}
