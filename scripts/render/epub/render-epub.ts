import type { Assets, Book } from '../../core/book.ts';
import { ManualError } from '../../core/diagnostics.ts';
import { editionIdentifier } from '../edition-identifier.ts';
import { houseStyles, loadTemplates } from '../templates.ts';
import { epubView } from './epub-view.ts';
import type { PagePositions } from '../results.ts';
import { StableEPub, type EpubImage } from './stable-epub.ts';

/**
 * The EPUB 3 edition, assembled by epub-gen-memory from our templates; the same sources give the
 * same bytes. `printed`, the partner PDF's pages, gives it a page list of that edition's numbers.
 */
export async function renderEpub(book: Book, templatesDir: string, printed?: PagePositions): Promise<Uint8Array> {
  const templates = await loadTemplates(templatesDir, 'epub');
  const css = await templates.styles(...houseStyles(book), 'epub.css');
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
      // svgo takes half a second to load: loaded here, beside the prints, not before Chromium starts.
      imageData: imageReader(book.assets, (await import('./clean-svg.ts')).cleanSvgForEpub),
    },
  );
  return epub.bytes();
}

/** Each image's bytes for the EPUB: SVGs cleaned of what EPUB 3 refuses, others as they are. */
function imageReader(assets: Assets, cleanSvgForEpub: (bytes: Uint8Array) => Uint8Array) {
  return (file: string, image: EpubImage): Uint8Array => {
    const bytes = assets.read(file);
    if (image.mediaType !== 'image/svg+xml') return bytes;
    try {
      return cleanSvgForEpub(bytes);
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'SvgoParserError') throw error;
      const { reason, line, column } = error as Error & { reason: string; line: number; column: number };
      throw new ManualError([
        {
          severity: 'error',
          file,
          line,
          column,
          message: `image ${file} is not a well-formed SVG (${reason}), so the EPUB cannot carry it`,
          hint: 'open the image in its drawing tool and export it as SVG again, or save it as PNG and link to that',
          ruleId: 'svg-not-well-formed',
        },
      ]);
    }
  };
}
