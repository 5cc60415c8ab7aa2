import type { Book } from '../core/book.ts';
import type { PrintSettings } from '../core/settings.ts';
import { renderBook } from '../output/render-book.ts';
import { KEEP_NOTHING, stepTimer, type Keep, type Renderer } from '../render/contract.ts';
import type { Browsers } from '../render/pdf/browsers.ts';
import { Results, type PagePositions } from '../render/results.ts';

/** The web edition's files live under this folder of a build's output; the preview serves it as its root. */
export const SITE_FOLDER = 'web/';

/**
 * The partner PDF's pages when no PDF is printed: no page at all. A renderer reading page
 * numbers finds none for any anchor (`pageOf.get` is undefined) and prints none, as the EPUB does.
 */
export const NO_PAGES: PagePositions = { pageOf: new Map(), pageCount: 0 };

/** A Chromium that is never started: the preview prints nothing, and a renderer that asks fails at once. */
const NO_BROWSERS: Browsers = {
  current: () => Promise.reject(new Error('the preview prints no PDFs: this renderer needs Chromium')),
  restartInLowMemoryMode: () => Promise.reject(new Error('the preview prints no PDFs')),
  version: '',
  close: async () => undefined,
};

export interface SiteSettings {
  templatesDir: string;
  print: PrintSettings;
}

/**
 * Renders the site in memory: the renderers' files under web/, by their path there. The page
 * results they may wait for are published up front as "no page numbers". `keep` holds what the
 * last render made, for the renderers to reuse.
 */
export async function renderSite(
  book: Book,
  renderers: readonly Renderer[],
  settings: SiteSettings,
  keep: Keep = KEEP_NOTHING,
): Promise<Map<string, Uint8Array | string>> {
  const results = new Results();
  results.publish('partner-pages-planned', NO_PAGES);
  results.publish('partner-pages', NO_PAGES);
  const context = { settings, browsers: NO_BROWSERS, results, time: stepTimer(undefined), keep };
  const files = await renderBook(book, renderers, context);
  return new Map(
    files
      .filter((file) => file.name.startsWith(SITE_FOLDER))
      .map((file) => [file.name.slice(SITE_FOLDER.length), file.data]),
  );
}
