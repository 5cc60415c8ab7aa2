import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Moves headings down by `by` levels (never past h6): a chapter's "## Section" is an h2 in its
 * own EPUB document but must sit below the section and chapter headings on a single page.
 */
export function rehypeShiftHeadings(by: number) {
  return (tree: Root): void => {
    if (by === 0) return;
    visit(tree, 'element', (node) => {
      const match = /^h([1-6])$/.exec(node.tagName);
      if (match) node.tagName = `h${Math.min(6, Number(match[1]) + by)}`;
    });
  };
}
