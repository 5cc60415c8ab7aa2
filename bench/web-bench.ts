import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Book } from '../scripts/core/book.ts';
import type { Settings } from '../scripts/core/settings.ts';
import { renderSite } from '../scripts/preview/render-site.ts';
import { SEARCH_INDEX, webRenderer, webSearchRenderer } from '../scripts/render/web/web-renderer.ts';
import { median } from './measure.ts';
import { benchPreview, type PreviewResult } from './preview-bench.ts';

/** What the bench measured of the web edition: its renderers alone, its index's size, the preview and the search. */
export interface WebResult {
  web: { seconds: number[]; median: number };
  searchIndexGzipBytes: number;
  preview: PreviewResult;
}

/** Saves followed in the preview for each size, and words searched: medians of ten. */
const PREVIEW_EDITS = 10;

/**
 * Renders the web edition `runs` times in this process (no page numbers), writes the last one
 * into ROOT/.web-bench for the search to be timed from disk, then runs the preview on the
 * manual with the parse cache in `cacheDir` (filled by an earlier command).
 */
export async function benchWeb(
  book: Book,
  { root, settings, manual, cacheDir }: { root: string; settings: Settings; manual: string; cacheDir: string },
  runs: number,
  log: (what: string) => void,
): Promise<WebResult> {
  log('web edition alone');
  const seconds: number[] = [];
  let site = new Map<string, Uint8Array | string>();
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    site = await renderSite(book, [webRenderer, webSearchRenderer], {
      templatesDir: settings.templatesDir,
      print: settings.print,
    });
    seconds.push((performance.now() - started) / 1000);
  }
  const folder = path.join(root, '.web-bench');
  for (const [name, data] of site) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), data);
  }
  log('preview: start, saves followed in Chromium; the site searched from disk');
  const preview = await benchPreview({ manual, root, site: folder, cacheDir }, runs, PREVIEW_EDITS);
  return {
    web: { seconds, median: median(seconds) },
    searchIndexGzipBytes: gzipSync(site.get(SEARCH_INDEX)!).length,
    preview,
  };
}
