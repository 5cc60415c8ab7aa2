import type { Root } from 'hast';
import type { Assets } from '../../core/book.ts';
import { mapImageSources } from '../map-elements.ts';

/** Points each image (relative to the manual's root in the model) at its file, for the EPUB to embed. */
export function rehypeImageFileUrls(assets: Assets) {
  return (tree: Root): Root => mapImageSources(tree, (file) => assets.url(file));
}
