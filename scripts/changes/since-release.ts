import type { Book, Chapter } from '../core/book.ts';
import type { Baseline } from '../load/types.ts';
import { documentsSinceRelease } from './document-flags.ts';
import { filingSteps } from './filing-steps.ts';

/**
 * The book as it follows the archived release binder holders have: each chapter keeps the issue
 * of its pages while what it prints has not changed since that release, each document its flag
 * and the issue of its bytes (document-flags.ts), and, when the release is
 * an earlier edition, the amendment pack's filing steps lead from it to this edition.
 */
export function sinceRelease(book: Book, baseline: Baseline | undefined): Book {
  const flagged = documentsSinceRelease(book, baseline);
  if (!baseline) return flagged;
  const chapters = flagged.chapters.map((chapter): Chapter => {
    const released = baseline.chapters[chapter.id];
    return released?.content === chapter.contentSha256 ? { ...chapter, issue: released.issue } : chapter;
  });
  const reissued = { ...flagged, chapters };
  if (baseline.sameEdition) return reissued;
  return { ...reissued, pack: { since: baseline.edition, steps: filingSteps(reissued, baseline) } };
}
