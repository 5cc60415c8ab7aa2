import type { Book } from '../../core/book.ts';
import type { OutputFile } from '../contract.ts';
import type { PagePositions } from '../results.ts';
import { loadTemplates } from '../templates.ts';
import { renderFeed } from './feed.ts';
import { searchIndexScript } from './search-index.ts';
import { staticFiles } from './site-files.ts';
import { renderPages } from './web-pages.ts';

/** Where the web edition's files go in the output folder, beside the PDFs and the EPUB it links to. */
export const WEB_FOLDER = 'web';

/** The web edition: every page, the feed, the search index, images and fixed files, under `web/`, sorted by name. */
export async function renderWeb(book: Book, templatesDir: string, pages: PagePositions): Promise<OutputFile[]> {
  const templates = await loadTemplates(templatesDir, 'web');
  const { site, files } = renderPages(book, templates, pages);
  const all = [
    ...files,
    { name: 'feed.xml', data: renderFeed(site, templates) },
    { name: 'search-index.js', data: searchIndexScript(book) },
    ...site.images.files(),
    ...(await staticFiles(templates)),
  ];
  return all
    .map((file) => ({ ...file, name: `${WEB_FOLDER}/${file.name}` }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
