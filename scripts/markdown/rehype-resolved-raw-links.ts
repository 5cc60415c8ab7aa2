import type { Root } from 'hast';
import { forEachElement } from './for-each-element.ts';
import type { ResolvedLinks } from './resolve-links.ts';

/**
 * Writes in the addresses checking resolved for the links of raw HTML (see rawLinks), each found
 * by where it starts in the source: `<a href="../care/visits.md">` leads where a markdown link
 * to that chapter does. Runs once raw HTML is parsed into the tree.
 */
export function rehypeResolvedRawLinks(resolved: ResolvedLinks) {
  return (tree: Root): void => {
    forEachElement(tree, (node) => {
      const offset = node.tagName === 'a' ? node.position?.start.offset : undefined;
      const url = offset === undefined ? undefined : resolved.get(offset)?.url;
      if (url !== undefined) node.properties.href = url;
    });
  };
}
