import type { Root } from 'hast';
import { ownerOfRawAnchor } from '../core/raw-anchors.ts';
import { mapElements, withProperties } from './map-elements.ts';

/**
 * In an output of many files (EPUB, web), points each book-wide `#anchor` link at the file that
 * holds the anchor (an id of raw HTML is in the file of the chapter that owns it); links inside
 * the same file, and to anchors no file claims (footnotes), stay as they are. `address` writes a
 * file's name as a link from the current file (the web edition's files sit in folders).
 */
export function rehypeRetargetLinks(
  fileOf: ReadonlyMap<string, string>,
  currentFile: string,
  address: (file: string) => string = (file) => file,
) {
  return (tree: Root): Root =>
    mapElements(tree, (node) => {
      const href = node.properties.href;
      if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return undefined;
      const anchor = href.slice(1);
      const file = fileOf.get(anchor) ?? fileOf.get(ownerOfRawAnchor(anchor) ?? '');
      return file && file !== currentFile ? withProperties(node, { href: `${address(file)}${href}` }) : undefined;
    });
}
