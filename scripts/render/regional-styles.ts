import type { Book } from '../core/book.ts';

/** The stylesheet of what tells a local manual's own content from its regional base's: its labels and its credit line. */
export const REGIONAL_STYLES = 'regional.css';

/**
 * An output's stylesheets, `names`, then the regional one when the book is built on a regional
 * base. A manual without a base loads only its own: its outputs stay byte for byte the same.
 */
export function stylesFor(book: Book, ...names: string[]): string[] {
  return book.base ? [...names, REGIONAL_STYLES] : names;
}
