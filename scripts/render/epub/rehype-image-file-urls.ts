import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/** Points each image (relative to the manual's root in the model) at its file, for the EPUB to embed. */
export function rehypeImageFileUrls(root: string) {
  return (tree: Root): void => {
    visit(tree, 'element', (node) => {
      const src = node.properties.src;
      if (node.tagName === 'img' && typeof src === 'string' && !/^[a-z]+:/i.test(src)) node.properties.src = imageUrl(root, src);
    });
  };
}

export function imageUrl(root: string, file: string): string {
  return pathToFileURL(path.join(root, file)).href;
}
