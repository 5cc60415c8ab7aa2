import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Book } from '../../core/book.ts';
import { keptValues, type Renderer } from '../contract.ts';
import { documentFile } from '../rehype-document-links.ts';
import type { PagePositions } from '../results.ts';
import { WEB_FOLDER, renderWeb } from './render-web.ts';
import { searchIndexScript } from './search-index.ts';

/** The search index's file in the site: its pages' search box loads it on first use. */
export const SEARCH_INDEX = 'search-index.js';

/**
 * The web edition: a static site of many pages. Its chapter pages say where each chapter starts
 * in the partner PDF, so it is made from the PDF's plan while the PDFs print, and made again from
 * the printed pages only if a chapter did not start where the plan said: its bytes never depend
 * on the timing. The second render reuses the first one's chapter bodies, which no page number
 * changes.
 */
export const webRenderer: Renderer = {
  name: 'web',
  steps: ['web edition'],
  archived: true,
  preview: 'served',
  async render(book, { settings, results, time, keep = keptValues() }) {
    const planned = await results.get('partner-pages-planned');
    const early = await time('web edition', () => renderWeb(book, settings.templatesDir, planned, keep));
    const printed = await results.get('partner-pages');
    const files = sameChapterPages(book, planned, printed)
      ? early
      : await time('web edition again, from the printed pages', () =>
          renderWeb(book, settings.templatesDir, printed, keep),
        );
    return files.map((file) => (file.name.endsWith('.html') ? { ...file, readBack: WEB_PAGE } : file));
  },
};

const WEB_PAGE = { output: 'the web edition', format: 'html' } as const;

/**
 * The web edition's search index, a renderer of its own: it reads only the book, so it runs
 * beside the PDFs' prints, and the preview makes it only when a page asks for it.
 */
export const webSearchRenderer: Renderer = {
  name: 'web search',
  steps: ['search index'],
  archived: true,
  preview: { onDemand: [SEARCH_INDEX] },
  startsAfter: 'partner-pages-planned',
  render: async (book, { time }) => [
    { name: `${WEB_FOLDER}/${SEARCH_INDEX}`, data: await time('search index', async () => searchIndexScript(book)) },
  ],
};

/**
 * The documents the web edition publishes, each copied as it is to `documents/<its path>`: a
 * renderer of its own, which the preview leaves out, so that a save reads no document again and
 * the preview holds none in memory (it serves each from the manual's folder when asked for).
 */
export const webDocumentsRenderer: Renderer = {
  name: 'web documents',
  // Copying files is no step a reader waits on.
  steps: [],
  archived: true,
  render: (book) =>
    Promise.all(
      book.documents.map(async (document) => ({
        name: `${WEB_FOLDER}/${documentFile(document)}`,
        data: await readFile(fileURLToPath(book.assets.url(document.file))),
      })),
    ),
};

/** True when both put every chapter on the same page: all the web edition shows of them. */
export function sameChapterPages(book: Book, a: PagePositions, b: PagePositions): boolean {
  return book.chapters.every((c) => a.pageOf.get(c.anchor) === b.pageOf.get(c.anchor));
}
