import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { HeadingInfo } from '../core/book.ts';

/**
 * Carries each heading's anchor and number into the HTML conversion, as properties remark-rehype
 * copies onto the heading element. `headings` is in the order `visit` meets heading nodes.
 */
export function remarkHeadingAnchors(headings: readonly HeadingInfo[]) {
  return (tree: Root): void => {
    let i = 0;
    visit(tree, 'heading', (node) => {
      const heading = headings[i++];
      // The class keeps the markdown level, which styles need once renderers shift the h-level.
      node.data = { ...node.data, hProperties: { id: heading.anchor, className: [`level-${node.depth}`], dataHeadingNumber: heading.number } };
    });
  };
}
