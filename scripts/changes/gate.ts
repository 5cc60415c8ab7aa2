import type { Diagnostics, Severity } from '../core/diagnostics.ts';
import type { Baseline, EditionSpec } from '../load/types.ts';
import { regionallyListed, type RegionalUpdate } from '../load/regional-updates.ts';
import { hasChanges, type Changes } from './diff.ts';
import { hasDocumentChanges, type DocumentChanges } from './document-diff.ts';
import { checkDocumentAmendments, type GateReport } from './document-gate.ts';

/**
 * The release gate: the current edition's amendments must account for every change since the
 * last release, and claim no change that did not happen. `manual check` warns; `manual release`
 * refuses. A base chapter's change is listed when the base's items the edition carries list it.
 */
export function checkAmendmentsAgainstChanges(
  edition: EditionSpec,
  baseline: Baseline,
  changes: Changes,
  documents: DocumentChanges | undefined,
  diagnostics: Diagnostics,
  severity: Severity,
  regional: readonly RegionalUpdate[] = [],
): void {
  const report: GateReport = (where, message, hint, ruleId) =>
    severity === 'error'
      ? diagnostics.error(where, message, hint, ruleId)
      : diagnostics.warning(where, message, hint, ruleId);
  const since = `since the ${baseline.edition.label} release`;
  if (baseline.sameEdition) {
    const changed = [hasChanges(changes) && 'chapters', hasDocumentChanges(documents) && 'documents'].filter(Boolean);
    if (changed.length > 0) {
      report(
        edition.where,
        `edition ${edition.id} is already released (${baseline.shownFolder}), and ${changed.join(' and ')} have changed ${since.replace('since the', 'since its')}`,
        'add the next edition at the top of chapters/amendments.yml and list the changes there',
        'edition-already-released',
      );
    }
    return;
  }
  if (documents && baseline.documents) checkDocumentAmendments(edition, baseline.documents, documents, since, report);
  const listed = (items: EditionSpec['updated']) => new Set(items.flatMap((i) => (i.chapter ? [i.chapter] : [])));
  const updated = new Set([...listed(edition.updated), ...regionallyListed(regional, 'updated')]);
  const added = new Set([...listed(edition.new), ...regionallyListed(regional, 'new')]);
  const removedItems = [...edition.removed, ...regional.filter((u) => u.list === 'removed').map((u) => u.item)];
  const removed = new Set([...listed(removedItems), ...removedItems.flatMap((i) => (i.title ? [i.title] : []))]);
  for (const { id } of changes.changed) {
    if (!updated.has(id) && !added.has(id)) {
      report(
        edition.where,
        `chapter "${id}" has changed ${since}, but edition ${edition.id} does not list it as updated`,
        `add "- chapter: ${id}" with its details under "updated"`,
        'change-not-listed',
      );
    }
  }
  for (const { id } of changes.added) {
    if (!added.has(id))
      report(
        edition.where,
        `chapter "${id}" is new ${since}, but edition ${edition.id} does not list it as new`,
        `add "- chapter: ${id}" with its details under "new"`,
        'change-not-listed',
      );
  }
  for (const { id, old } of changes.removed) {
    if (!removed.has(id) && !removed.has(old!.title)) {
      report(
        edition.where,
        `chapter "${id}" (${old!.number ?? ''} ${old!.title}) was removed ${since}, but edition ${edition.id} does not list it as removed`,
        `add "- title: ${old!.title}" under "removed"`,
        'change-not-listed',
      );
    }
  }
  const changed = new Set(changes.changed.map((c) => c.id));
  for (const item of edition.updated) {
    if (item.chapter && baseline.chapters[item.chapter] && !changed.has(item.chapter)) {
      report(
        item.where,
        `chapter "${item.chapter}" is listed as updated, but its source has not changed ${since}`,
        'remove it from "updated", or make the change it describes',
        'updated-not-changed',
      );
    }
  }
}
