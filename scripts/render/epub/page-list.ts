import { contentsInOrder } from '../../core/contents.ts';
import { DOCUMENTS_ANCHOR, type Book } from '../../core/book.ts';
import type { PagePositions } from '../results.ts';

/** A place in the EPUB that a print page begins at: a document, and an element of it (none: the document's top). */
export interface PagePlace {
  file: string;
  id?: string;
}

/**
 * Maps each page of the partner PDF to the EPUB place where it begins: the first block that
 * starts on the page, or, when a long block (a table, a list) fills the whole page, that block.
 * The title page and the contents pages map to their own documents.
 */
export function printPagePlaces(
  book: Book,
  pages: PagePositions,
  fileOf: (anchor: string) => string,
  titleFile: string,
  contentsFile: string,
): Map<number, PagePlace> {
  const order = readingOrder(book, fileOf).filter((place) => pages.pageOf.has(place.id!));
  const places = new Map<number, PagePlace>();
  let index = 0;
  let current: PagePlace = { file: titleFile };
  for (let page = 1; page <= pages.pageCount; page++) {
    // Advance through everything that starts on or before this page; the first on it wins.
    let first: PagePlace | undefined;
    while (index < order.length && pages.pageOf.get(order[index].id!)! <= page) {
      const place = order[index++];
      if (pages.pageOf.get(place.id!) === page) first ??= place;
      current = place;
    }
    if (page > 1 && current.file === titleFile) current = { file: contentsFile };
    places.set(page, first ?? current);
  }
  return places;
}

/** True when both say the same of every page the EPUB's page list marks: an EPUB made from either has the same bytes. */
export function samePagePlaces(book: Book, a: PagePositions, b: PagePositions): boolean {
  return (
    a.pageCount === b.pageCount &&
    readingOrder(book, () => '').every(({ id }) => a.pageOf.get(id!) === b.pageOf.get(id!))
  );
}

/** Every place with an id the partner PDF reports, in reading order: sections, chapters and their blocks, the appendix, the list of documents. */
function readingOrder(book: Book, fileOf: (anchor: string) => string): PagePlace[] {
  const blocks = new Map(book.chapters.map((c) => [c.anchor, c.blocks]));
  const places = contentsInOrder(book).flatMap((node) => {
    if (node.kind !== 'section' && node.kind !== 'chapter' && node.kind !== 'amendments') return [];
    const file = fileOf(node.anchor);
    return [node.anchor, ...(blocks.get(node.anchor) ?? [])].map((id) => ({ file, id }));
  });
  if (book.documents.length > 0) places.push({ file: fileOf(DOCUMENTS_ANCHOR), id: DOCUMENTS_ANCHOR });
  return places;
}
