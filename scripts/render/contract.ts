import type { Book } from '../core/book.ts';
import type { PrintSettings } from '../core/settings.ts';
import type { ResultName, Results } from './results.ts';
import type { SharedResources } from './shared-resources.ts';

/**
 * The renderer contract. Every output is a renderer: one entry that takes the book model and a
 * context, and returns the output's files. A renderer reads only the book, its templates and its
 * settings; what one renderer needs of another (the partner PDF's pages, the printed binder PDF)
 * comes through `results`, what they share (Chromium) through `resources`. It declares what the
 * rest of the tool needs to know of it: the steps progress shows, whether a release archives its
 * files, how the preview uses it, how the ledger reads its files back. Adding an output is adding
 * its folder under render/ and one line to the list in output/render-outputs.ts.
 */
export interface Renderer {
  /** Names the renderer in messages. */
  name: string;
  /**
   * The steps it reports through `context.time`, in the order they start: progress lists them. A
   * label that starts with a step's name and a space (`partner PDF, pass 1`) is a part of it.
   */
  steps: readonly string[];
  /** False for an output a release does not keep (the one-page HTML edition, a preview of what the archive keeps). */
  archived: boolean;
  /**
   * How `manual preview` uses it: its files under web/ are the site, made again on every save
   * (`served`); or they are made only when first asked for, those named (`{ onDemand }`, their
   * names under web/) or every file it makes (`onDemand`: asked for any path the site has no file
   * at), one file at a time (`RenderContext.only`). None: the preview leaves it out.
   */
  preview?: 'served' | 'onDemand' | { onDemand: readonly string[] };
  /** Starts, in the build's shared resources, what its render will need, while the book is still being made (Chromium takes seconds to start). */
  warmUp?(resources: SharedResources, settings: RenderSettings): void;
  /** The results it publishes: whatever it has not published when it ends is withdrawn. */
  publishes?: readonly ResultName[];
  /**
   * Starts once this result is there. For work of the Node process alone (HTML, EPUB), which
   * belongs beside Chromium's final prints: during the measuring passes the Node process keeps
   * Chromium's queue of prints full.
   */
  startsAfter?: ResultName;
  render(book: Book, context: RenderContext): Promise<OutputFile[]>;
}

export interface OutputFile {
  /** The file's name in the output folder. */
  name: string;
  data: Uint8Array | string;
  /** How the fidelity ledger reads it back: the output it is part of ("the EPUB") and its format. None: it is not read back. */
  readBack?: ReadBack;
}

export interface ReadBack {
  output: string;
  format: 'html' | 'epub' | 'pdf';
}

export interface RenderSettings {
  /** The folder of templates and styles. */
  templatesDir: string;
  /** Where a renderer may keep what the next build can reuse; none keeps nothing. */
  cacheDir?: string;
  print: PrintSettings;
}

export interface RenderContext {
  settings: RenderSettings;
  /** What the build's renderers share (Chromium), started once and closed when the build ends. */
  resources: SharedResources;
  results: Results;
  /** Runs a step of the build and reports how long it took. */
  time: StepTimer;
  /** Told how long each step took, when the user asked (`--timings`). */
  timing?: Timing;
  /** Told how far a step whose work can be counted has gone (parts measured), for a progress bar. */
  count?: StepCounter;
  /** What the last render of the same manual made, for a renderer to reuse (the preview); none: nothing is kept. */
  keep?: Keep;
  /**
   * The one file wanted, by its name (`web/editions.html`), when the preview makes a file on
   * demand: a renderer may make that file alone, and must make it as a build would. None: every file.
   */
  only?: string;
}

/**
 * Returns the value kept in `slot` when it was made under the same `key`, else makes it and
 * keeps it there in place of the old one: one value per slot. A key names everything the value
 * is made from, so a kept value is always the one `make` would return now.
 */
export type Keep = <T>(slot: string, key: string, make: () => T) => T;

/** Keeps nothing: every value is made. */
export const KEEP_NOTHING: Keep = (_slot, _key, make) => make();

/** A keep for renders of one manual, one after another. */
export function keptValues(): Keep {
  const slots = new Map<string, { key: string; value: unknown }>();
  return <T>(slot: string, key: string, make: () => T): T => {
    const found = slots.get(slot);
    if (found?.key === key) return found.value as T;
    const value = make();
    slots.set(slot, { key, value });
    return value;
  };
}

export type Timing = (step: string, milliseconds: number) => void;
export type StepCounter = (step: string, done: number, total: number) => void;
export type StepTimer = <T>(step: string, work: () => Promise<T>) => Promise<T>;

export function stepTimer(timing: Timing | undefined): StepTimer {
  return async (step, work) => {
    const started = performance.now();
    const result = await work();
    timing?.(step, performance.now() - started);
    return result;
  };
}

/** The start of every output file's name: the manual's slug and the edition, `derby-childrens-social-care-2025-02`. */
export function editionName(book: Book): string {
  return `${book.meta.slug}-${book.edition.id}`;
}
