import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Book } from '../core/book.ts';
import { writeFileAtomic } from '../core/write-atomic.ts';
import {
  stepTimer,
  type ReadBack,
  type Renderer,
  type RenderSettings,
  type StepCounter,
  type StepTimer,
  type Timing,
} from '../render/contract.ts';
import { epubRenderer } from '../render/epub/epub-renderer.ts';
import { htmlRenderer } from '../render/html/html-renderer.ts';
import { amendmentPackRenderer } from '../render/pdf/amendment-pack.ts';
import { pdfRenderer } from '../render/pdf/pdf-renderer.ts';
import { Results } from '../render/results.ts';
import { SharedResources } from '../render/shared-resources.ts';
import { webDocumentsRenderer, webRenderer, webSearchRenderer } from '../render/web/web-renderer.ts';
import { webEditionsRenderer } from '../render/web/archived-editions.ts';
import { renderBook } from './render-book.ts';

/** Files written at once: enough to keep the disk busy, far fewer than a process may hold open. */
const WRITING_AT_ONCE = 64;

/** Every output of an edition, in the order their files are listed (release.json keeps it). */
export const RENDERERS: readonly Renderer[] = [
  htmlRenderer,
  pdfRenderer,
  amendmentPackRenderer,
  epubRenderer,
  webRenderer,
  webSearchRenderer,
  webDocumentsRenderer,
  webEditionsRenderer,
];

/** Every output of an edition, by file name, and what a release records of how they were made. */
export interface Outputs {
  files: Map<string, Uint8Array | string>;
  /** The files a release keeps: those of the renderers that say their files are archived. */
  archived: ReadonlySet<string>;
  /** How the fidelity ledger reads each file it reads back. */
  readBack: ReadonlyMap<string, ReadBack>;
  /** Pages of each part of the binder PDF. */
  binderPages: ReadonlyMap<string, number>;
  /** The version of the Chromium that printed the PDFs. */
  chromium: string;
}

/** The steps the renderers report, in the order of the list: what progress shows of rendering. */
export const renderSteps = (renderers: readonly Renderer[] = RENDERERS) => renderers.flatMap((r) => r.steps);

/** The build's shared resources, with what the renderers start before the book is made (Chromium) already starting. */
export function warmUp(settings: RenderSettings, renderers: readonly Renderer[] = RENDERERS): SharedResources {
  const resources = new SharedResources();
  for (const renderer of renderers) renderer.warmUp?.(resources, settings);
  return resources;
}

/**
 * Renders every output of the book's current edition, sharing `resources` (the caller's, warmed
 * up while it checked the manual, or new ones), which it closes.
 */
export async function renderOutputs(
  book: Book,
  settings: RenderSettings,
  timing?: Timing,
  resources: SharedResources = warmUp(settings),
  shown: { time?: StepTimer; count?: StepCounter } = {},
  renderers: readonly Renderer[] = RENDERERS,
): Promise<Outputs> {
  const results = new Results();
  try {
    const time = shown.time ?? stepTimer(timing);
    const context = { settings, resources, results, time, timing, count: shown.count };
    const made = await renderBook(book, renderers, context);
    const files = made.flatMap((m) => m.files);
    const binder = renderers.some((r) => r.publishes?.includes('binder-pdf'))
      ? await results.get('binder-pdf')
      : undefined;
    return {
      files: new Map(files.map((file) => [file.name, file.data])),
      archived: new Set(made.filter((m) => m.renderer.archived).flatMap((m) => m.files.map((f) => f.name))),
      readBack: new Map(files.flatMap((file) => (file.readBack ? [[file.name, file.readBack] as const] : []))),
      binderPages: binder?.layout.counts ?? new Map(),
      chromium: await results.get('printed-with'),
    };
  } finally {
    await resources.close();
  }
}

/**
 * Writes the outputs only once all of them are rendered, each through a temporary file. An
 * output's folder (the web edition's) then holds only what this build wrote: a page an earlier
 * build left there and no output wrote now is removed, so the site never serves a stale page.
 */
export async function writeOutputs(files: Outputs['files'], outDir: string): Promise<string[]> {
  const paths = [...files.keys()].map((name) => path.join(outDir, name));
  const data = [...files.values()];
  // A site with its earlier editions is tens of thousands of files: writing them all at once
  // would hold a descriptor each, past a CI machine's limit (often 1,024).
  let next = 0;
  const writer = async () => {
    for (let i = next++; i < paths.length; i = next++) await writeFileAtomic(paths[i], data[i]);
  };
  await Promise.all(Array.from({ length: Math.min(WRITING_AT_ONCE, paths.length) }, writer));
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
