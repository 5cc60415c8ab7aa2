import type { Book } from '../core/book.ts';
import type { PrintSettings } from '../core/settings.ts';
import { renderBook } from '../output/render-book.ts';
import { KEEP_NOTHING, stepTimer, type Keep, type Renderer } from '../render/contract.ts';
import { Results } from '../render/results.ts';
import { SharedResources } from '../render/shared-resources.ts';

/** The web edition's files live under this folder of a build's output; the preview serves it as its root. */
export const SITE_FOLDER = 'web/';

export interface SiteSettings {
  templatesDir: string;
  print: PrintSettings;
}

/**
 * Renders the site in memory: the renderers' files under web/, by their path there. No PDF is
 * printed, so a renderer reading page numbers finds none (the scheduler's absent results). `keep`
 * holds what the last render made, for the renderers to reuse; `only` names the one file wanted
 * (`web/editions.html`), which a renderer may make alone.
 */
export async function renderSite(
  book: Book,
  renderers: readonly Renderer[],
  settings: SiteSettings,
  keep: Keep = KEEP_NOTHING,
  only?: string,
): Promise<Map<string, Uint8Array | string>> {
  const resources = new SharedResources();
  try {
    const context = { settings, resources, results: new Results(), time: stepTimer(undefined), keep, only };
    const files = (await renderBook(book, renderers, context)).flatMap((made) => made.files);
    return new Map(
      files
        .filter((file) => file.name.startsWith(SITE_FOLDER))
        .map((file) => [file.name.slice(SITE_FOLDER.length), file.data]),
    );
  } finally {
    await resources.close();
  }
}
