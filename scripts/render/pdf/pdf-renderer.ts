import { type Renderer } from '../contract.ts';
import { chromiumOf } from './browsers.ts';

/**
 * Both PDFs: the partner PDF and the binder PDF (see print-editions.ts). Chromium starts while
 * the book is made; what prints is loaded only by a command that prints.
 */
export const pdfRenderer: Renderer = {
  name: 'PDF',
  steps: ['measuring passes', 'partner PDF', 'binder PDF'],
  archived: true,
  publishes: ['partner-pages-planned', 'partner-pages', 'binder-pdf', 'printed-with'],
  warmUp: (resources, settings) => void chromiumOf(resources, settings.print),
  render: async (book, context) => (await import('./print-editions.ts')).printEditions(book, context),
};
