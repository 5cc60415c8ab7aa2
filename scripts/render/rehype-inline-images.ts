import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'hast';
import mime from 'mime';
import { visit } from 'unist-util-visit';

/** The data: URI of a file of the manual, for outputs that must carry their images inside them. */
export function dataUri(root: string, file: string): string {
  const type = mime.getType(file) ?? 'application/octet-stream';
  return `data:${type};base64,${readFileSync(path.join(root, file)).toString('base64')}`;
}

/** Replaces each image path (relative to the manual's root, as the model holds it) by its data. */
export function rehypeInlineImages(root: string) {
  return (tree: Root): void => {
    visit(tree, 'element', (node) => {
      const src = node.properties.src;
      if (node.tagName === 'img' && typeof src === 'string' && !/^[a-z]+:/i.test(src)) node.properties.src = dataUri(root, src);
    });
  };
}
