import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { HeadingInfo } from '../model/types.ts';

/**
 * Carries each heading's anchor and number into the HTML conversion, as properties remark-rehype
 * copies onto the heading element. `headings` is in the order `visit` meets heading nodes.
 */
export function remarkHeadingAnchors(headings: readonly HeadingInfo[]) {
  return (tree: Root): void => {
    let i = 0;
    visit(tree, 'heading', (node) => {
      const heading = headings[i++];
      node.data = { ...node.data, hProperties: { id: heading.anchor, dataHeadingNumber: heading.number } };
    });
  };
}
