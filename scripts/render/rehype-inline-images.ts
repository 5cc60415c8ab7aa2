import type { Root } from 'hast';
import mime from 'mime';
import type { Assets } from '../core/book.ts';
import { mapImageSources } from './map-elements.ts';

/** The data: URI of a file of the manual, for outputs that must carry their images inside them. */
export function dataUri(assets: Assets, file: string): string {
  const type = mime.getType(file) ?? 'application/octet-stream';
  return `data:${type};base64,${assets.read(file).toString('base64')}`;
}

/** Replaces each image path (relative to the manual's root, as the model holds it) by its data. */
export function rehypeInlineImages(assets: Assets) {
  return (tree: Root): Root => mapImageSources(tree, (file) => dataUri(assets, file));
}
