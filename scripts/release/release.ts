import { existsSync } from 'node:fs';
import path from 'node:path';
import { ManualError, type Diagnostics } from '../diagnostics.ts';
import type { ReleaseRecord } from '../load/release-record.ts';
import { renderEditions, type RenderOptions } from '../output/render-editions.ts';
import { buildBook, type PipelineOptions } from '../pipeline.ts';
import { alreadyArchived, fileRelease, mendArchive } from './file-release.ts';
import { releaseRecord } from './record.ts';

export interface ReleaseOptions extends RenderOptions {
  root: string;
  archiveDir: string;
  cacheDir?: string;
}

/**
 * Releases the current edition: checks it (the release gate refuses unlisted changes), builds it
 * twice and refuses if the two builds differ, then files the PDFs, the EPUB, the amendment pack
 * and release.json under `archive/<edition>/`, written to a temporary folder and renamed, so an
 * archived edition is whole or absent. An archived edition is never overwritten. First it mends
 * what a release killed part way may have left in the archive.
 */
export async function releaseEdition(options: ReleaseOptions, diagnostics: Diagnostics): Promise<{ folder: string; record: ReleaseRecord } | undefined> {
  const pipeline: PipelineOptions = { cacheDir: options.cacheDir, archiveDir: options.archiveDir, gate: 'error' };
  const book = await buildBook(options.root, diagnostics, pipeline);
  if (!book) return undefined;
  await mendArchive(options.archiveDir, book.meta.language);
  const folder = path.join(options.archiveDir, book.edition.id);
  if (existsSync(folder)) throw alreadyArchived(book.edition.id, folder);
  const first = await renderEditions(book, options);
  const second = await renderEditions(book, options);
  const files = new Map([...first.files].filter(([name]) => !name.endsWith('.html')));
  for (const [name, data] of files) {
    if (!Buffer.from(second.files.get(name)!).equals(Buffer.from(data))) {
      throw new ManualError([{ severity: 'error', file: name, message: 'two builds from the same sources differ, so the release could not be reproduced', hint: 'nothing was archived; report this as a bug: something in the build (a date, an id, a font) is not fixed' }]);
    }
  }
  const record = releaseRecord(book, first, files);
  await fileRelease(options.archiveDir, folder, files, record, book.meta.language);
  return { folder, record };
}
