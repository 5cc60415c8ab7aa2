import type { Where } from '../core/diagnostics.ts';
import type { GateRule } from '../core/rules.ts';
import type { EditionSpec } from '../load/types.ts';
import type { DocumentChanges } from './document-diff.ts';

/** Reports a finding of the release gate: a warning for `check`, an error for `release`. */
export type GateReport = (where: Where, message: string, hint: string, ruleId: GateRule) => void;

/**
 * The release gate for documents, as for chapters: each document changed, added or removed
 * since the release is named by an amendment of the current edition (`document: PATH`), and no
 * amendment lists as updated a document whose bytes are the ones released.
 */
export function checkDocumentAmendments(
  edition: EditionSpec,
  released: ReadonlyMap<string, unknown>,
  changes: DocumentChanges,
  since: string,
  report: GateReport,
): void {
  const named = (items: EditionSpec['updated']) =>
    new Set(items.flatMap((i) => (i.document ? [i.document.slice('chapters/'.length)] : [])));
  const updated = named(edition.updated);
  const added = named(edition.new);
  const removed = named(edition.removed);
  const unlisted = (list: string, what: string, path: string, title: string) =>
    report(
      edition.where,
      `document ${path} ("${title}") ${what} ${since}, but edition ${edition.id} does not list it as ${list}`,
      // A removed document's name can no longer be read from it.
      `add "- document: ${path}"${list === 'removed' ? ` with "title: ${title}"` : ''} and its details under "${list}"`,
      'change-not-listed',
    );
  for (const { path, title } of changes.changed)
    if (!updated.has(path) && !added.has(path)) unlisted('updated', 'has changed', path, title);
  for (const { path, title } of changes.added) if (!added.has(path)) unlisted('new', 'is new', path, title);
  for (const { path, title } of changes.removed)
    if (!removed.has(path)) unlisted('removed', 'was removed', path, title);
  // Documents the release did not have, or that are gone, are named wrongly: checking reports them.
  const unchanged = new Set(released.keys());
  for (const { path } of [...changes.changed, ...changes.removed]) unchanged.delete(path);
  for (const item of edition.updated) {
    const path = item.document?.slice('chapters/'.length);
    if (path === undefined || !unchanged.has(path)) continue;
    report(
      item.where,
      `document ${path} is listed as updated, but its bytes have not changed ${since}`,
      'remove it from "updated", or save the changed document in its place',
      'updated-not-changed',
    );
  }
}
