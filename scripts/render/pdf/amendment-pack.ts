import { editionName, type Renderer } from '../contract.ts';
import { chromiumOf } from './browsers.ts';

/** The amendment pack, for an edition that follows an archived release: made from the printed binder PDF (see pack-pdf.ts). */
export const amendmentPackRenderer: Renderer = {
  name: 'amendment pack',
  steps: ['amendment pack'],
  archived: true,
  async render(book, { settings, resources, results, time, timing }) {
    if (!book.pack) return [];
    const binder = await results.get('binder-pdf');
    const browser = await chromiumOf(resources, settings.print).current();
    const { renderAmendmentPack } = await import('./pack-pdf.ts');
    const pack = await time('amendment pack', () =>
      renderAmendmentPack(book, binder, browser, settings.templatesDir, { timeout: settings.print.timeout, timing }),
    );
    return [{ name: `${editionName(book)}-amendment-pack.pdf`, data: pack }];
  },
};
