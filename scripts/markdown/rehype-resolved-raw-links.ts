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
      const fix = offset === undefined ? undefined : resolved.get(offset);
      if (fix?.url === undefined) return;
      if (node.tagName === 'a') node.properties.href = fix.url;
      else node.properties.src = fix.url;
    });
  };
}

/**
 * Marks each link that checking found leads to a document with its file (`data-document`), for
 * renderers to write where they publish it. Runs after sanitizing, which drops any such mark an
 * author wrote.
 */
export function rehypeDocumentMarks(resolved: ResolvedLinks) {
  return (tree: Root): void => {
    forEachElement(tree, (node) => {
      const offset = node.tagName === 'a' ? node.position?.start.offset : undefined;
      const document = offset === undefined ? undefined : resolved.get(offset)?.document;
      if (document !== undefined) node.properties.dataDocument = document;
    });
  };
}
