import type { Book } from '../../core/book.ts';
import { KEEP_NOTHING, type Keep, type OutputFile } from '../contract.ts';
import type { PagePositions } from '../results.ts';
import { loadTemplates } from '../templates.ts';
import { renderFeed } from './feed.ts';
import { staticFiles } from './site-files.ts';
import { sitemap } from './sitemap.ts';
import { renderPages } from './web-pages.ts';

/** Where the web edition's files go in the output folder, beside the PDFs and the EPUB it links to. */
export const WEB_FOLDER = 'web';

/**
 * The web edition but its search index and documents: every page, the feed (and the sitemap,
 * where the site's address is known), images and fixed files, under `web/`, sorted by name.
 * `keep` holds what the last render of the manual made.
 */
export async function renderWeb(
  book: Book,
  templatesDir: string,
  pages: PagePositions,
  keep: Keep = KEEP_NOTHING,
): Promise<OutputFile[]> {
  const loaded = await loadTemplates(templatesDir, 'web');
  // The templates kept are already compiled: handlebars compiles each on its first use.
  const templates = keep('web templates', loaded.key, () => loaded);
  const { site, files } = renderPages(book, templates, pages, keep);
  const all = [
    ...files,
    { name: 'feed.xml', data: renderFeed(site, templates) },
    ...(book.meta.siteUrl ? [{ name: 'sitemap.xml', data: sitemap(site, book.meta.siteUrl) }] : []),
    ...site.images.files(),
    ...(await staticFiles(templates, book)),
  ];
  return all
    .map((file) => ({ ...file, name: `${WEB_FOLDER}/${file.name}` }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
