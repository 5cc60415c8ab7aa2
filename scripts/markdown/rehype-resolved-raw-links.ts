import type { Root } from 'hast';
import { forEachElement } from './for-each-element.ts';
import type { ResolvedLinks } from './resolve-links.ts';

/**
 * Writes in the addresses checking resolved for the links and images of raw HTML (see
 * rawReferences), each found by where it starts in the source: `<a href="../care/visits.md">`
 * leads where a markdown link to that chapter does, `<img src="flow.png">` shows the image a
 * markdown image of it shows. Runs once raw HTML is parsed into the tree.
 */
export function rehypeResolvedRawLinks(resolved: ResolvedLinks) {
  return (tree: Root): void => {
    forEachElement(tree, (node) => {
      const offset = node.tagName === 'a' || node.tagName === 'img' ? node.position?.start.offset : undefined;
      const url = offset === undefined ? undefined : resolved.get(offset)?.url;
      if (url === undefined) return;
      if (node.tagName === 'a') node.properties.href = url;
      else node.properties.src = url;
    });
  };
}
