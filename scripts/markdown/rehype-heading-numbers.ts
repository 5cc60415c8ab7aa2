import type { Root } from 'hast';
import { forEachElement } from './for-each-element.ts';

/** Writes a numbered heading's number in front of its text: `<h2><span class="heading-number">1.2</span> Title</h2>`. */
export function rehypeHeadingNumbers() {
  return (tree: Root): void => {
    forEachElement(tree, (node) => {
      const number = node.properties.dataHeadingNumber;
      if (number === undefined) return;
      delete node.properties.dataHeadingNumber;
      node.children.unshift(
        {
          type: 'element',
          tagName: 'span',
          properties: { className: ['heading-number'] },
          children: [{ type: 'text', value: String(number) }],
        },
        { type: 'text', value: ' ' },
      );
    });
  };
}
