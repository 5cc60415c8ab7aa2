import { editionName, type Renderer } from '../contract.ts';
import { renderHtml } from './render-html.ts';

/** The HTML edition: one self-contained page. */
export const htmlRenderer: Renderer = {
  name: 'HTML',
  steps: ['HTML edition'],
  // A preview of what the archive keeps: the web edition's site is archived.
  archived: false,
  startsAfter: 'partner-pages-planned',
  async render(book, { settings, time }) {
    return [
      {
        name: `${editionName(book)}.html`,
        data: await time('HTML edition', () => renderHtml(book, settings.templatesDir)),
        readBack: { output: 'the HTML edition', format: 'html' },
      },
    ];
  },
};
