import { DOCUMENTS_ANCHOR, DOCUMENTS_TITLE, type Book } from '../core/book.ts';
import { numberedTitle } from '../core/numbered-title.ts';
import { documentAbout, type DocumentAddress } from './rehype-document-links.ts';

/** How an output shows a document's address: `link` where it links to it, `address` where it prints it. */
export interface AddressShown {
  link?: string;
  address?: string;
}

/**
 * The list of documents ("Documents referred to") as templates read it, when the manual has
 * documents: each document by title (a reader looks one up by its name), with its type and size,
 * its address or, where the output has none, its file name, and the chapters that link to it.
 * `show` says how the output gives an address; `chapterHref` where it keeps a chapter's anchor.
 */
export function documentsListView(
  book: Book,
  address: DocumentAddress,
  show: (address: string) => AddressShown,
  chapterHref: (anchor: string) => string = (anchor) => `#${anchor}`,
) {
  if (book.documents.length === 0) return undefined;
  const chapters = new Map(book.chapters.map((c) => [c.id, c]));
  const order = new Intl.Collator(book.meta.language, { numeric: true, sensitivity: 'base' });
  const documents = [...book.documents]
    .sort((a, b) => order.compare(a.title, b.title) || order.compare(a.path, b.path))
    .map((document) => {
      const published = address(document);
      const linking = document.linkedFrom.flatMap((id) => (chapters.has(id) ? [chapters.get(id)!] : []));
      return {
        title: document.title,
        about: documentAbout(document),
        name: document.path.split('/').at(-1),
        link: undefined,
        address: undefined,
        ...(published === undefined ? {} : show(published)),
        chapters: linking.map((c) => ({ label: numberedTitle(c), href: chapterHref(c.anchor) })),
        listedOnly: linking.length === 0 && document.listed,
      };
    });
  return {
    kind: 'documents',
    anchor: DOCUMENTS_ANCHOR,
    title: DOCUMENTS_TITLE,
    published: book.meta.siteUrl !== undefined,
    documents,
  };
}
