import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Book } from '../core/book.ts';
import { siftAccepted } from '../core/accepted.ts';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { keptValues, type Renderer } from '../render/contract.ts';
import { documentFile } from '../render/rehype-document-links.ts';
import { BUILT_IN_TEMPLATES } from '../render/templates.ts';
import { LiveReload, problemsOf } from './live-reload.ts';
import { morphLibraryFile } from './morph-library.ts';
import { onDemandFiles, type OnDemandRenderers } from './on-demand.ts';
import { previewServer } from './preview-server.ts';
import type { PipelineOptions } from '../pipeline/pipeline.ts';
import { sourceBuilder } from './rebuild.ts';
import { renderSite, type SiteSettings } from './render-site.ts';
import { servedSite, waitingSite, type ServedSite } from './site-files.ts';
import { watchSources, type SourceChange, type Watching } from './watch-sources.ts';

export interface PreviewOptions extends SiteSettings {
  /** The manual's folder. */
  root: string;
  /** How the pipeline runs, as `build` runs it (the command's settings give it). */
  pipeline: PipelineOptions;
  port: number;
  host: string;
  /**
   * The renderers of an edition: the preview serves what those that declare a `preview` use make
   * under web/, on every save or, for the files a renderer makes on demand, when first asked for.
   */
  renderers: readonly Renderer[];
  /** Tells the terminal what each rebuild found and how long it took. */
  report: (rebuild: Rebuild) => void;
  /** Tells the terminal that watching failed somewhere (the preview goes on). */
  warn: (message: string) => void;
}

/** What one rebuild found. */
export interface Rebuild {
  /** Every problem `manual check` reports, and any failure to render. */
  problems: Diagnostic[];
  /** Whether the site served changed (false: the last good site is kept). */
  built: boolean;
  /** What the rebuild was for: none for the first build. */
  change?: SourceChange;
  /** Milliseconds from the first event of the save to the pages being told (or from the start, for the first build). */
  ms: number;
}

export interface Preview {
  url: string;
  /** Stops watching and serving; resolves once every handle is closed. */
  close(): Promise<void>;
}

/**
 * The renderers the preview uses, as each declares: those whose files under web/ are the site,
 * made again on every save, and those made only when a file is first asked for: by the file each
 * names, and those asked for any file (`onDemandRenderers` finds the ones for a file).
 */
export function previewRenderers(renderers: readonly Renderer[]): { served: Renderer[] } & OnDemandRenderers {
  const named = renderers.flatMap((renderer) =>
    typeof renderer.preview === 'object' ? renderer.preview.onDemand.map((file) => [file, renderer] as const) : [],
  );
  return {
    served: renderers.filter((renderer) => renderer.preview === 'served'),
    named: new Map(named),
    anyFile: renderers.filter((renderer) => renderer.preview === 'onDemand'),
  };
}

/** Builds the site, serves it and keeps it current until closed. */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const started = performance.now();
  const live = new LiveReload();
  const previewDir = previewFolder(options.templatesDir);
  const buildSources = sourceBuilder(options.root, options.pipeline);
  const keep = keptValues();
  const { served, ...onDemand } = previewRenderers(options.renderers);
  let book: Book | undefined;
  let checkProblems: Diagnostic[] = [];
  let site: ServedSite = waitingSite(await readFile(path.join(previewDir, 'waiting.html'), 'utf8'));
  // What the last rebuild found, and what each file of the site made on demand since found.
  let shown = { problems: [] as Diagnostic[], savedAt: Date.now() };
  const unmade = new Map<string, Diagnostic[]>();
  const publish = () =>
    live.publish({
      pages: site.pages,
      problems: problemsOf([...shown.problems, ...[...unmade.values()].flat()]),
      savedAt: shown.savedAt,
    });
  // A file that could not be made is in the overlay until it is made, or the site is built again.
  const told = (of: Book) => (name: string, problems: Diagnostic[]) => {
    if (of !== book || JSON.stringify(problems) === JSON.stringify(unmade.get(name) ?? [])) return;
    if (problems.length > 0) unmade.set(name, problems);
    else unmade.delete(name);
    if (problems.length > 0) options.warn(`${name} could not be made:\n${problems.map(formatDiagnostic).join('\n')}`);
    publish();
  };

  const rebuild = async (change?: SourceChange) => {
    let problems = checkProblems;
    let newBook = book;
    if (!change || change.sources) {
      const checked = await buildSources().catch((error: unknown) => ({ failure: error }));
      if ('failure' in checked) problems = [failed('chapters', 'the manual could not be read', checked.failure)];
      else {
        problems = checkProblems = siftAccepted(checked.diagnostics.items, checked.diagnostics.acceptances).shown;
        newBook = checked.book ?? book;
      }
    }
    let built = false;
    const renders = newBook && (newBook !== book || !change?.sources);
    if (newBook && renders) {
      try {
        site = servedSite(
          await renderSite(newBook, served, options, keep),
          site,
          onDemandFiles(newBook, onDemand, options, told(newBook)),
          documentsOf(newBook),
        );
        book = newBook;
        if (book.base) watching?.watchBase(book.base.folder);
        unmade.clear();
        built = true;
      } catch (error) {
        problems = [
          ...problems,
          failed(path.relative(options.root, options.templatesDir), 'the site could not be rendered', error),
        ];
      }
    }
    shown = { problems, savedAt: Date.now() };
    publish();
    options.report({ problems, built, change, ms: performance.now() - (change?.firstAt ?? started) });
  };

  let watching: Watching | undefined;
  const queue = oneAtATime(rebuild);
  await queue();
  let hosts: Set<string> | undefined;
  const morphLibrary = morphLibraryFile();
  if (!morphLibrary)
    options.warn('the page morphing library (idiomorph) is not installed: open pages reload on every save');
  const server = previewServer({
    manualDir: options.root,
    previewDir,
    morphLibrary,
    site: () => site,
    live,
    hosts: () => hosts,
  });
  const port = await listen(server, options.port, options.host);
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  if (isLoopback(options.host)) hosts = new Set([host, 'localhost', '127.0.0.1', '[::1]'].map((h) => `${h}:${port}`));
  watching = await watchSources(
    options.root,
    options.templatesDir,
    (change) => void queue(change),
    (error) => options.warn(`watching the sources: ${error.message}`),
  );
  if (book?.base) watching.watchBase(book.base.folder);
  return {
    url: `http://${host}:${port}/`,
    async close() {
      await watching.close();
      await queue.idle();
      live.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The manual's file of each document the site publishes, by its path in the site: the preview serves them from disk. */
function documentsOf(book: Book): Map<string, string> {
  return new Map(book.documents.map((document) => [documentFile(document), document.file]));
}

/** Listening on this machine only: then only its own names are answered. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** The manual's own templates/preview/ when it has one, else the built-in one. */
function previewFolder(templatesDir: string): string {
  const own = path.join(templatesDir, 'preview');
  return existsSync(path.join(own, 'client.js')) ? own : path.join(BUILT_IN_TEMPLATES, 'preview');
}

function failed(file: string, what: string, error: unknown): Diagnostic {
  return {
    severity: 'error',
    file,
    message: `${what}: ${(error as Error)?.message ?? String(error)}`,
    ruleId: 'preview-failed',
  };
}

type Queue = ((change?: SourceChange) => Promise<void>) & { idle(): Promise<void> };

/**
 * Runs one rebuild at a time; saves made during one are merged into a single next rebuild, so a
 * burst of saves never queues a rebuild per save.
 */
function oneAtATime(run: (change?: SourceChange) => Promise<void>): Queue {
  let running: Promise<void> | undefined;
  let next: SourceChange | undefined;
  const queue = async (change?: SourceChange): Promise<void> => {
    if (running) {
      next = change && next ? merged(next, change) : change;
      return;
    }
    running = run(change).finally(() => (running = undefined));
    await running;
    if (next) {
      const waiting = next;
      next = undefined;
      await queue(waiting);
    }
  };
  return Object.assign(queue, {
    /** Resolves once no rebuild runs or waits to. */
    async idle() {
      while (running || next) await (running ?? new Promise((resolve) => setImmediate(resolve)));
    },
  });
}

function merged(a: SourceChange, b: SourceChange): SourceChange {
  return { sources: a.sources || b.sources, files: [...new Set([...a.files, ...b.files])], firstAt: a.firstAt };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
