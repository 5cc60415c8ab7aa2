import type { Element, Root } from 'hast';
import { forEachElement } from './for-each-element.ts';

/**
 * An embedded page (a video, a map, a form) cannot play in print or in an EPUB, and would reach
 * the web: it becomes a link to what it showed, named by its title, so nothing is lost.
 */
export function rehypeIframeLinks() {
  return (tree: Root): void => {
    forEachElement(tree, (node, index, parent) => {
      if (node.tagName !== 'iframe') return;
      const src = typeof node.properties.src === 'string' ? node.properties.src : '';
      const title =
        typeof node.properties.title === 'string' && node.properties.title.trim() ? node.properties.title.trim() : src;
      const link: Element = {
        type: 'element',
        tagName: 'a',
        properties: { href: src },
        children: [{ type: 'text', value: title }],
        position: node.position,
      };
      parent.children[index] = /^https?:\/\//i.test(src) ? link : { type: 'text', value: title };
    });
  };
}
