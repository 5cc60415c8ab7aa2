import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Book } from '../core/book.ts';
import { writeFileAtomic } from '../core/write-atomic.ts';
import {
  stepTimer,
  type Renderer,
  type RenderSettings,
  type StepCounter,
  type StepTimer,
  type Timing,
} from '../render/contract.ts';
import { epubRenderer } from '../render/epub/epub-renderer.ts';
import { htmlRenderer } from '../render/html/html-renderer.ts';
import { amendmentPackRenderer } from '../render/pdf/amendment-pack.ts';
import { startBrowsers, type Browsers } from '../render/pdf/browsers.ts';
import { pdfRenderer } from '../render/pdf/pdf-renderer.ts';
import { Results } from '../render/results.ts';
import { webRenderer, webSearchRenderer } from '../render/web/web-renderer.ts';
import { renderBook } from './render-book.ts';

/** Every output of an edition, in the order their files are listed (release.json keeps it). */
export const RENDERERS: readonly Renderer[] = [
  htmlRenderer,
  pdfRenderer,
  amendmentPackRenderer,
  epubRenderer,
  webRenderer,
  webSearchRenderer,
];

/** Every output of an edition, by file name, and what a release records of how they were made. */
export interface Outputs {
  files: Map<string, Uint8Array | string>;
  /** Pages of each unit of the binder PDF. */
  binderPages: ReadonlyMap<string, number>;
  /** The version of the Chromium that printed the PDFs. */
  chromium: string;
}

/**
 * Renders every output of the book's current edition with one Chromium, which it closes: the
 * caller's, started early (while it checked the manual), or its own.
 */
export async function renderOutputs(
  book: Book,
  settings: RenderSettings,
  timing?: Timing,
  browsers: Browsers = startBrowsers(settings.print),
  shown: { time?: StepTimer; count?: StepCounter } = {},
): Promise<Outputs> {
  const results = new Results();
  try {
    const time = shown.time ?? stepTimer(timing);
    const files = await renderBook(book, RENDERERS, { settings, browsers, results, time, timing, count: shown.count });
    const binder = await results.get('binder-pdf');
    return {
      files: new Map(files.map((file) => [file.name, file.data])),
      binderPages: binder.layout.counts,
      chromium: browsers.version,
    };
  } finally {
    await browsers.close();
  }
}

/**
 * Writes the outputs only once all of them are rendered, each through a temporary file. An
 * output's folder (the web edition's) then holds only what this build wrote: a page an earlier
 * build left there and no output wrote now is removed, so the site never serves a stale page.
 */
export async function writeOutputs(files: Outputs['files'], outDir: string): Promise<string[]> {
  const paths = [...files.keys()].map((name) => path.join(outDir, name));
  await Promise.all([...files.values()].map((data, i) => writeFileAtomic(paths[i], data)));
  const written = new Set(paths);
  const folders = new Set([...files.keys()].filter((n) => n.includes('/')).map((n) => n.split('/')[0]));
  for (const folder of folders) {
    const entries = await readdir(path.join(outDir, folder), { recursive: true, withFileTypes: true });
    const stale = entries
      .filter((e) => e.isFile() && !e.name.includes('.tmp-')) // another build's file being written
      .map((e) => path.join(e.parentPath, e.name))
      .filter((file) => !written.has(file));
    await Promise.all(stale.map((file) => rm(file, { force: true })));
  }
  return paths;
}
