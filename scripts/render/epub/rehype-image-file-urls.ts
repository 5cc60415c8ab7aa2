import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Root } from 'hast';
import { mapImageSources } from '../map-elements.ts';

/** Points each image (relative to the manual's root in the model) at its file, for the EPUB to embed. */
export function rehypeImageFileUrls(root: string) {
  return (tree: Root): Root => mapImageSources(tree, (file) => imageUrl(root, file));
}

export function imageUrl(root: string, file: string): string {
  return pathToFileURL(path.join(root, file)).href;
}
