import type { Book } from '../core/book.ts';

/**
 * Where the web edition keeps a chapter's page, from the site's folder: by the chapter's id,
 * never its number, so a renumbering moves no page and an address printed on paper keeps working.
 * The web edition writes its pages here, and the printed editions name them.
 */
export const chapterFile = (id: string) => `chapters/${id}.html`;

/** A file of the site as the path of an address: each segment percent-encoded (`chapters/care/a%20b.html`). */
export const sitePath = (file: string) => file.split('/').map(encodeURIComponent).join('/');

/** The published address of a chapter's web page: none when the contents does not say where the web edition is (`site-url`). */
export const chapterAddress = (book: Book, id: string): string | undefined =>
  book.meta.siteUrl && `${book.meta.siteUrl}${sitePath(chapterFile(id))}`;
