import type { Book } from '../../core/book.ts';
import { houseStyles, loadTemplates } from '../templates.ts';
import { htmlView } from './html-view.ts';

/** The HTML edition: one self-contained page, styles and images inside it. */
export async function renderHtml(book: Book, templatesDir: string): Promise<string> {
  const templates = await loadTemplates(templatesDir, 'html');
  const css = await templates.styles(...houseStyles(book));
  return templates.render('edition', htmlView(book, css));
}
