import type { Book } from '../../core/book.ts';
import { replacedEditions } from './site-plan.ts';

/**
 * The search index's name in an archived release's files. Releases already made fixed it, so it
 * is written here rather than taken from the name the current build gives its own index.
 */
const ARCHIVED_INDEX = 'web/search-index.js';

/** A replaced edition as the search box's "All editions" switch reads it from the page. */
export interface SearchEdition {
  id: string;
  label: string;
  /** True when its copy under `editions/<id>/` has a search index: false for a release made before the web edition. */
  index: boolean;
}

/**
 * The replaced editions, newest first, as the JSON of the search box's `data-editions` attribute
 * (the site's Content-Security-Policy runs no inline script, and an attribute needs none): none
 * when no replaced edition has an index to search, and the box then has no switch.
 */
export function searchEditionsOf(book: Book): string | undefined {
  const editions: SearchEdition[] = replacedEditions(book).map((edition) => ({
    id: edition.id,
    label: edition.label,
    index: edition.files.some((file) => file.name === ARCHIVED_INDEX),
  }));
  return editions.some((edition) => edition.index) ? JSON.stringify(editions) : undefined;
}
