import path from 'node:path';
import type { Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified, type Pluggable } from 'unified';
import type { AmendmentView, Book, Edition } from '../core/book.ts';
import { longDate } from '../core/dates.ts';
import { changeNote, sectionName } from '../core/numbered-title.ts';
import { dataUri, rehypeInlineImages } from './rehype-inline-images.ts';
import { documentAbout, publishedAddress, rehypeDocumentLinks, type DocumentAddress } from './rehype-document-links.ts';
import { rehypeShiftHeadings } from './rehype-shift-headings.ts';

/** What every renderer's templates share: metadata, logo, dates and the edition history. */

/** Turns an HTML tree of the model into a string for a template. */
export type ToHtml = (tree: Root, shift?: number) => string;

/**
 * An HTML tree as an HTML string, headings moved down by `shift`, after the output's own
 * transforms (by default: images inlined and documents linked where the web edition publishes them, for outputs that must stand alone). Each transform
 * returns a new tree (see map-elements.ts): renderers never change the model's trees.
 */
export function htmlOf(
  book: Book,
  transforms: Pluggable[] = [
    [rehypeInlineImages, book.assets],
    [rehypeDocumentLinks, book, publishedAddress(book)],
  ],
): ToHtml {
  return (tree, shift = 0) => {
    const processor = unified().use(rehypeShiftHeadings, shift).use(transforms).use(rehypeStringify);
    return processor.stringify(processor.runSync(tree) as Root);
  };
}

export function bodyOf(book: Book): (id: string) => Root {
  const chapters = new Map(book.chapters.map((c) => [c.id, c.body]));
  return (id) => chapters.get(id) ?? { type: 'root', children: [] };
}

/**
 * The title block and the amendments appendix's data, as the templates read them: each edition's
 * chapters in `updated`, `new` and `removed`, its documents in `updatedDocuments` and so on.
 * `link` maps a book-wide `#anchor` to where the output keeps it, `address` a document to where
 * the output links to it.
 */
export function editionView(
  book: Book,
  toHtml: ToHtml = htmlOf(book),
  link = (href: string) => href,
  address: DocumentAddress = publishedAddress(book),
) {
  const sections = changedSectionsByHref(book, link);
  const documents = new Map(book.documents.map((d) => [d.file, d]));
  const edition = (e: Edition, current: boolean) => {
    const item = (a: AmendmentView) => ({
      ...a,
      number: current ? a.number : undefined,
      href: a.href && link(a.href),
      detailsHtml: a.details ? toHtml(a.details) : '',
      changedSections: (current && a.href && !a.editorial && sections.get(a.href)) || [],
    });
    const documentItem = (a: AmendmentView) => {
      const document = documents.get(a.document!);
      const about = document && { href: address(document), about: documentAbout(document), type: document.type };
      return {
        ...a,
        ...about,
        name: path.posix.basename(a.document!),
        detailsHtml: a.details ? toHtml(a.details) : '',
      };
    };
    // Chapters and documents are listed apart: a document has no number, pages or changed sections.
    const split = (items: AmendmentView[]) => [
      items.filter((a) => !a.document).map(item),
      items.filter((a) => a.document).map(documentItem),
    ];
    const [updated, updatedDocuments] = split(e.updated);
    const [added, newDocuments] = split(e.new);
    const [removed, removedDocuments] = split(e.removed);
    return { ...e, updated, new: added, removed, updatedDocuments, newDocuments, removedDocuments };
  };
  return {
    meta: book.meta,
    // The regional manual the book is built on, for the title page's credit line: absent for a manual without one.
    base: book.base,
    logo: book.meta.logo && dataUri(book.assets, book.meta.logo),
    edition: edition(book.edition, true),
    editionDate: longDate(book.edition.date, book.meta.language),
    history: book.history.map((y) => ({ year: y.year, editions: y.editions.map((e) => edition(e, false)) })),
  };
}

/** The sections each updated chapter's diff found changed, as the appendix lists them, by the chapter's `#anchor`. */
function changedSectionsByHref(book: Book, link: (href: string) => string) {
  return new Map(
    book.chapters.flatMap((chapter) =>
      chapter.changes?.sections
        ? [
            [
              `#${chapter.anchor}`,
              chapter.changes.sections.map((s, i, all) => ({
                label: sectionName(s),
                href: s.change === 'removed' ? undefined : link(s.href ?? `#${chapter.anchor}`),
                note: changeNote(s.change),
                last: i === all.length - 1,
              })),
            ] as [string, object[]],
          ]
        : [],
    ),
  );
}
