import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Book } from '../core/book.ts';
import { Diagnostics, ManualError } from '../core/diagnostics.ts';
import type { Settings } from '../core/settings.ts';
import type { ReleaseRecord } from '../load/release-record.ts';
import { checkOutputs } from '../output/ledger/ledger.ts';
import { RENDERERS, renderOutputs } from '../output/render-outputs.ts';
import type { StepCounter, StepTimer, Timing } from '../render/contract.ts';
import { alreadyArchived, fileRelease, mendArchive } from './file-release.ts';
import { releaseRecord } from './record.ts';

/** What a release makes: the outputs the archive keeps. */
const ARCHIVED_RENDERERS = RENDERERS.filter((renderer) => renderer.archived);

/**
 * Releases the current edition of a book that passed the release gate: builds it twice and
 * refuses if the first lost anything of the book (the fidelity ledger) or the two builds differ, then files the PDFs, the EPUB, the amendment pack and
 * release.json under `archive/<edition>/`, written to a temporary folder and renamed, so an
 * archived edition is whole or absent. An archived edition is never overwritten. First it mends
 * what a release killed part way may have left in the archive.
 */
export async function releaseEdition(
  book: Book,
  settings: Settings,
  timing?: Timing,
  shown: { time?: StepTimer; count?: StepCounter } = {},
  reportedSyntax: ReadonlySet<string> = new Set(),
): Promise<{ folder: string; record: ReleaseRecord }> {
  await mendArchive(settings.archive, book.meta.language);
  const folder = path.join(settings.archive, book.edition.id);
  if (existsSync(folder)) throw alreadyArchived(book.edition.id, folder, settings.root);
  const time = shown.time ?? ((_step, work) => work());
  // Only what the archive keeps is made, twice: not the HTML edition, nor the earlier editions' copies.
  const build = () => renderOutputs(book, settings, timing, undefined, shown, ARCHIVED_RENDERERS);
  const first = await time('first build', build);
  // What goes into the archive is read back first, as a build does before it writes.
  const ledger = new Diagnostics();
  await time('checking the outputs', () => checkOutputs(book, first, reportedSyntax, ledger));
  if (ledger.hasErrors()) throw new ManualError(ledger.errors);
  const second = await time('second build, to compare', build);
  const files = new Map([...first.files].filter(([name]) => first.archived.has(name)));
  for (const [name, data] of files) {
    if (!Buffer.from(second.files.get(name)!).equals(Buffer.from(data))) {
      throw new ManualError([
        {
          severity: 'error',
          file: name,
          message: 'two builds from the same sources differ, so the release could not be reproduced',
          hint: 'nothing was archived; report this as a bug: something in the build (a date, an id, a font) is not fixed',
          ruleId: 'release-not-reproducible',
        },
      ]);
    }
  }
  const record = releaseRecord(book, settings.root, first, files);
  await time('archiving', () =>
    fileRelease(settings.archive, folder, files, record, book.meta.language, settings.root),
  );
  return { folder, record };
}
