import path from 'node:path';
import type { Book } from '../model/types.ts';
import { renderHtml } from '../render/html/render-html.ts';
import { renderEpub } from '../render/epub/render-epub.ts';
import { launchBrowser } from '../render/pdf/browser.ts';
import { renderPdf } from '../render/pdf/render-pdf.ts';
import { templatesDir } from '../render/templates.ts';
import { writeFileAtomic } from './write-atomic.ts';

export interface RenderOptions {
  /** Milliseconds one Chromium print may take. */
  printTimeout: number;
  timing?: (step: string, milliseconds: number) => void;
}

/** Every output of an edition, by file name. */
export type Editions = Map<string, Uint8Array | string>;

/** Renders every output of the book's current edition; one Chromium serves both PDFs. */
export async function renderEditions(book: Book, options: RenderOptions): Promise<Editions> {
  const templates = templatesDir(book.root);
  const name = `${book.meta.slug}-${book.edition.id}`;
  const time = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    options.timing?.(step, performance.now() - started);
    return result;
  };
  const editions: Editions = new Map([[`${name}.html`, await time('HTML edition', () => renderHtml(book, templates))]]);
  // The EPUB needs no browser: it is assembled while Chromium prints.
  const epub = time('EPUB', () => renderEpub(book, templates));
  const browser = await time('start Chromium', () => launchBrowser());
  try {
    const print = { timeout: options.printTimeout, timing: options.timing };
    editions.set(`${name}.pdf`, await time('partner PDF', () => renderPdf(book, 'partner', browser, templates, print)));
    editions.set(`${name}-print.pdf`, await time('binder PDF', () => renderPdf(book, 'binder', browser, templates, print)));
  } finally {
    await browser.close();
  }
  editions.set(`${name}.epub`, await epub);
  return editions;
}

/** Writes the outputs only once all of them are rendered, each through a temporary file. */
export async function writeEditions(editions: Editions, outDir: string): Promise<string[]> {
  const files = [...editions.keys()].map((name) => path.join(outDir, name));
  await Promise.all([...editions.values()].map((data, i) => writeFileAtomic(files[i], data)));
  return files;
}
