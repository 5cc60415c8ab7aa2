import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/** Writes a numbered heading's number in front of its text: `<h2><span class="heading-number">1.2</span> Title</h2>`. */
export function rehypeHeadingNumbers() {
  return (tree: Root): void => {
    visit(tree, 'element', (node) => {
      const number = node.properties.dataHeadingNumber;
      if (number === undefined) return;
      delete node.properties.dataHeadingNumber;
      node.children.unshift(
        { type: 'element', tagName: 'span', properties: { className: ['heading-number'] }, children: [{ type: 'text', value: String(number) }] },
        { type: 'text', value: ' ' },
      );
    });
  };
}
