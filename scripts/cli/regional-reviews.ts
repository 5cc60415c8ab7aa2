import type { BaseChanges } from '../changes/base-review.ts';
import { whatChanged } from '../changes/base-review.ts';
import { siftAccepted } from '../core/accepted.ts';
import type { Diagnostics } from '../core/diagnostics.ts';

/** The warning `check` gives at a local file over a base chapter the base changed; `manual reviews` lists them instead. */
export const BASE_RULE = 'base-changed-under-local';

/**
 * "Regional changes to review": each local file over a base chapter the base changed since the
 * latest release, with the base's file, the sections changed and what the base says, those whose
 * warning the manual accepts marked. Nothing when the base changed nothing under local content.
 */
export function regionalReviews(changes: BaseChanges | undefined, diagnostics: Diagnostics): string {
  if (!changes || changes.reviews.length === 0) return '';
  const { since, move, reviews } = changes;
  const warned = diagnostics.items.filter((d) => d.ruleId === BASE_RULE);
  const shown = new Set(siftAccepted(warned, diagnostics.acceptances).shown.map((d) => d.file));
  const lines = [
    `Regional changes to review: the base moved from its ${move.from.label} to its ${move.to.label} edition after the ${since.edition.label} release`,
  ];
  for (const { chapter, localFile, kind, baseFile } of reviews) {
    const over = kind === 'substitute' ? 'takes the place of' : 'is placed in';
    const accepted = shown.has(localFile) ? '' : ' (accepted)';
    lines.push(`  ${localFile} ${over} ${baseFile}, "${chapter.title}"${accepted}`);
    lines.push(`    changed: ${whatChanged(chapter)}`);
    for (const says of chapter.says) lines.push(`    the base says: ${says}`);
  }
  return `${lines.join('\n')}\n\n`;
}
