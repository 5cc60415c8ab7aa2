import { editionName, type Renderer } from '../contract.ts';
import { samePagePlaces } from './page-list.ts';
import { renderEpub } from './render-epub.ts';

/**
 * The EPUB, whose page list gives the partner PDF's page numbers. It is made from the partner
 * PDF's plan while the PDFs print, and made again from the printed pages only if the partner PDF
 * did not land where the plan said, so its bytes never depend on the timing.
 */
export const epubRenderer: Renderer = {
  name: 'EPUB',
  async render(book, { settings, results, time }) {
    const planned = await results.get('partner-pages-planned');
    const early = await time('EPUB', () => renderEpub(book, settings.templatesDir, planned));
    const printed = await results.get('partner-pages');
    const epub = samePagePlaces(book, planned, printed)
      ? early
      : await time('EPUB again, from the printed pages', () => renderEpub(book, settings.templatesDir, printed));
    return [{ name: `${editionName(book)}.epub`, data: epub }];
  },
};
