import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import { mapElements } from '../map-elements.ts';

const WRAPPER = 'table-scroll';
const isTable = (node: RootContent | ElementContent): node is Element =>
  node.type === 'element' && node.tagName === 'table';

/**
 * Puts each table in a box of its own that scrolls sideways, so that a wide table never makes the
 * page scroll at 320 px or 400% zoom. The box can take the keyboard's focus (to scroll it without
 * a mouse) and is named by the table's caption and its place, unique on the page as landmarks must be.
 */
export function rehypeScrollTables() {
  return (tree: Root): Root => {
    let count = 0;
    const wrap = (table: Element): Element => {
      const caption = table.children.find((c): c is Element => c.type === 'element' && c.tagName === 'caption');
      const label = `Table ${++count}${caption ? `: ${toString(caption).trim()}` : ''}`;
      return {
        type: 'element',
        tagName: 'div',
        properties: { className: [WRAPPER], role: 'region', tabIndex: 0, ariaLabel: label },
        children: [table],
      };
    };
    const wrapIn = <T extends RootContent | ElementContent>(nodes: T[]): T[] =>
      nodes.some(isTable) ? nodes.map((n) => (isTable(n) ? (wrap(n) as T) : n)) : nodes;
    const top = wrapIn(tree.children);
    return mapElements(top === tree.children ? tree : { ...tree, children: top }, (node) => {
      const wrapper = Array.isArray(node.properties.className) && node.properties.className.includes(WRAPPER);
      if (wrapper || !node.children.some(isTable)) return undefined;
      return { ...node, children: wrapIn(node.children) };
    });
  };
}
