import type { Book } from '../core/book.ts';
import type { Diagnostics } from '../core/diagnostics.ts';
import { readReleasedUnits, type ReleasedUnits } from '../load/released-units.ts';
import type { Baseline } from '../load/types.ts';
import { withChanges, type ChangeOptions } from './chapter-changes.ts';
import { bookHistories } from './history-words.ts';
import { sinceRelease } from './since-release.ts';

/**
 * The changes stage as a whole: the book as it follows the baseline release (each chapter's
 * issue, the amendment pack's steps), then what changed in each chapter shown in it, and each
 * chapter's history across the archived editions. `released`
 * reads the release's units once for callers that build many times (the preview).
 */
export async function changedBook(
  book: Book,
  baseline: Baseline | undefined,
  diagnostics: Diagnostics,
  options: ChangeOptions & { released?: (baseline: Baseline) => Promise<ReleasedUnits> },
): Promise<Book> {
  const compared = baseline && (!baseline.sameEdition || options.compareReleased) ? baseline : undefined;
  const read = options.released ?? ((b: Baseline) => readReleasedUnits(b, diagnostics));
  const released = compared && (await read(compared));
  const changed = withChanges(sinceRelease(book, baseline), baseline, released, options);
  // Histories are of editions replaced by the current one: none before the first is replaced.
  const replaced = book.archive.editions.some((e) => !e.current);
  return replaced ? { ...changed, histories: bookHistories(changed) } : changed;
}
