import path from 'node:path';
import type { Diagnostics } from '../core/diagnostics.ts';
import type { EditionSpec, ManualSource } from '../load/types.ts';
import { isFile } from './link-chapters.ts';
import type { LinkedDocuments } from './linked-documents.ts';

/**
 * The current edition's "updated" and "new" lists flag documents and name them in the amendment
 * pack, so they must name documents the editions publish (a chapter or the contents links to
 * them); "removed" ones must no longer be published. Earlier editions may name documents since
 * removed.
 */
export function checkAmendmentDocuments(
  current: EditionSpec,
  documents: LinkedDocuments,
  root: string,
  diagnostics: Diagnostics,
): void {
  for (const item of [...current.updated, ...current.new]) {
    if (item.document === undefined || documents.isLinked(item.document)) continue;
    const shown = item.document.slice('chapters/'.length);
    const exists = isFile(path.join(root, item.document));
    diagnostics.error(
      item.where,
      exists
        ? `the current edition names document ${shown}, which no chapter or contents entry links to, so no edition publishes it`
        : `the current edition names document ${shown}, which does not exist in chapters/`,
      exists
        ? `link to it from the chapter it belongs to, or list it in chapters/contents.yml ("- document: ${shown}" with a "title")`
        : 'correct the path (relative to chapters/), or put the file there',
      'amendment-no-document',
    );
  }
  for (const item of current.removed) {
    if (item.document === undefined || !documents.isLinked(item.document)) continue;
    diagnostics.error(
      item.where,
      `document ${item.document.slice('chapters/'.length)} is listed as removed, but the editions still publish it`,
      'remove the links and the contents entry that lead to it, or take it off the "removed" list',
      'removed-still-listed',
    );
  }
}

/**
 * An amendment naming a document the editions no longer publish must say what it was called:
 * every edition's appendix then reads the same whichever release it follows.
 */
export function checkRemovedDocumentTitles(
  { editions, baseline }: Pick<ManualSource, 'editions' | 'baseline'>,
  documents: LinkedDocuments,
  diagnostics: Diagnostics,
): void {
  // The current edition's updated and new documents must be published (checkAmendmentDocuments).
  const [current, ...earlier] = editions;
  for (const item of [...current.removed, ...earlier.flatMap((e) => [...e.updated, ...e.new, ...e.removed])]) {
    if (item.document === undefined || item.title !== undefined || documents.isLinked(item.document)) continue;
    const shown = item.document.slice('chapters/'.length);
    const released = baseline?.documents?.get(shown)?.title;
    diagnostics.error(
      item.where,
      `document ${shown} is no longer published, so its name cannot be looked up`,
      released
        ? `add "title: ${released}", the name the last release gave it`
        : 'add "title:" with the name the document had',
      'amendment-needs-title',
    );
  }
}
