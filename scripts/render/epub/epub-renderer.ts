import { editionName, type Renderer } from '../contract.ts';
import { samePagePlaces } from './page-list.ts';

/**
 * The EPUB, whose page list gives the partner PDF's page numbers. It is made from the partner
 * PDF's plan while the PDFs print, and made again from the printed pages only if the partner PDF
 * did not land where the plan said, so its bytes never depend on the timing.
 */
export const epubRenderer: Renderer = {
  name: 'EPUB',
  steps: ['EPUB'],
  archived: true,
  async render(book, { settings, results, time }) {
    // epub-gen-memory takes a fifth of a second to load: only a command that makes an EPUB loads it.
    const { renderEpub } = await import('./render-epub.ts');
    const planned = await results.get('partner-pages-planned');
    const early = await time('EPUB', () => renderEpub(book, settings.templatesDir, planned));
    const printed = await results.get('partner-pages');
    const epub = samePagePlaces(book, planned, printed)
      ? early
      : await time('EPUB again, from the printed pages', () => renderEpub(book, settings.templatesDir, printed));
    return [{ name: `${editionName(book)}.epub`, data: epub, readBack: { output: 'the EPUB', format: 'epub' } }];
  },
};
