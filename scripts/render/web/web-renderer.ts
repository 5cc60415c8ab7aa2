import type { Book } from '../../core/book.ts';
import type { Renderer } from '../contract.ts';
import type { PagePositions } from '../results.ts';
import { renderWeb } from './render-web.ts';

/**
 * The web edition: a static site of many pages. Its chapter pages say where each chapter starts
 * in the partner PDF, so it is made from the PDF's plan while the PDFs print, and made again from
 * the printed pages only if a chapter did not start where the plan said: its bytes never depend
 * on the timing.
 */
export const webRenderer: Renderer = {
  name: 'web',
  async render(book, { settings, results, time }) {
    const planned = await results.get('partner-pages-planned');
    const early = await time('web edition', () => renderWeb(book, settings.templatesDir, planned));
    const printed = await results.get('partner-pages');
    return sameChapterPages(book, planned, printed)
      ? early
      : time('web edition again, from the printed pages', () => renderWeb(book, settings.templatesDir, printed));
  },
};

/** True when both put every chapter on the same page: all the web edition shows of them. */
export function sameChapterPages(book: Book, a: PagePositions, b: PagePositions): boolean {
  return book.chapters.every((c) => a.pageOf.get(c.anchor) === b.pageOf.get(c.anchor));
}
