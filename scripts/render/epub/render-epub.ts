import type { Book } from '../../core/book.ts';
import { editionIdentifier } from '../edition-identifier.ts';
import { loadTemplates } from '../templates.ts';
import { epubView } from './epub-view.ts';
import type { PagePositions } from '../results.ts';
import { StableEPub, type EpubImage } from './stable-epub.ts';

/**
 * The EPUB 3 edition, assembled by epub-gen-memory from our templates; the same sources give the
 * same bytes. `printed`, the partner PDF's pages, gives it a page list of that edition's numbers.
 */
export async function renderEpub(book: Book, templatesDir: string, printed?: PagePositions): Promise<Uint8Array> {
  const templates = await loadTemplates(templatesDir, 'epub');
  const css = await templates.styles('manual.css', 'epub.css');
  const { documents, navDocument, shared } = epubView(book, templates, printed);
  const { meta, edition } = book;
  const identifier = editionIdentifier(meta.slug, edition.id);
  const description = `${meta.title}, ${edition.label} edition, published by ${meta.publisher}.`;
  const packageDocument = (images: EpubImage[]) =>
    templates.render('package', {
      ...shared,
      identifier,
      description,
      modified: `${edition.date}T00:00:00Z`,
      images,
      documents,
    });
  const epub = new StableEPub(
    {
      title: meta.title,
      author: meta.publisher,
      publisher: meta.publisher,
      description,
      lang: meta.language,
      css,
      date: `${edition.date}T00:00:00Z`,
      prependChapterTitles: false,
      version: 3,
    },
    documents.map((d) => ({ title: d.title, content: d.body, filename: d.filename })),
    {
      identifier,
      date: new Date(`${edition.date}T00:00:00Z`),
      rootUrl: book.assets.baseUrl,
      packageDocument,
      navDocument,
    },
  );
  return epub.bytes();
}
