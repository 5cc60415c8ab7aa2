import path from 'node:path';
import { watch } from 'chokidar';
import { isDocumentName } from '../core/document-kind.ts';

const isDocument = (file: string) => isDocumentName(file) && !/\.(png|jpe?g|gif|webp)$/i.test(file);

/** What a burst of saves touched: the sources (the book is made again) or only what the site is rendered from. */
export interface SourceChange {
  /** A chapter, contents.yml, amendments.yml or a document changed: check and make the book again. */
  sources: boolean;
  /** The files changed, relative to the manual's root where they are inside it. */
  files: string[];
  /** When the first event of the burst came (performance.now()). */
  firstAt: number;
}

export interface Watching {
  /** Watches a base manual's chapters/ too (`folder` relative to the root), as sources. */
  watchBase(folder: string): void;
  close(): Promise<void>;
}

/**
 * Editors write a save as several events (a temporary file, a rename, a change of attributes):
 * events closer together than this are one save.
 */
const QUIET_MS = 30;

/**
 * Watches the manual's chapters/ and the templates folder, and calls `changed` once per burst of
 * events. Resolves once the first scan is done, so that a save right after it is seen.
 */
export async function watchSources(
  root: string,
  templatesDir: string,
  changed: (change: SourceChange) => void,
  failed: (error: Error) => void,
): Promise<Watching> {
  const chaptersDirs = [path.join(root, 'chapters')];
  const watcher = watch([chaptersDirs[0], templatesDir], { ignoreInitial: true, atomic: false });
  let pending: SourceChange | undefined;
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, file) => {
    const relative = path.relative(root, file).split(path.sep).join('/');
    // A document is read by checking (its type, size and what it must not carry), so saving one
    // checks the manual again; an image is only copied into the site.
    const isSource =
      chaptersDirs.some((dir) => file.startsWith(`${dir}${path.sep}`)) &&
      (/\.(md|ya?ml)$/i.test(file) || isDocument(file));
    pending ??= { sources: false, files: [], firstAt: performance.now() };
    pending.sources ||= isSource;
    if (!pending.files.includes(relative)) pending.files.push(relative);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const change = pending!;
      pending = undefined;
      changed(change);
    }, QUIET_MS);
  });
  await new Promise<void>((resolve, reject) => {
    watcher.once('ready', resolve);
    watcher.once('error', reject);
  });
  // Once watching, a folder that cannot be read (removed, no permission) is told, never fatal.
  watcher.on('error', (error) => failed(error as Error));
  return {
    watchBase(folder) {
      const dir = path.join(root, folder, 'chapters');
      if (chaptersDirs.includes(dir)) return;
      chaptersDirs.push(dir);
      watcher.add(dir);
    },
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
