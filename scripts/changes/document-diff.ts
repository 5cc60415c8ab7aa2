import type { Baseline } from '../load/types.ts';
import type { ResolvedManual } from '../markdown/resolve-manual.ts';

/** A document as a diff names it: by its path under chapters/, with its title and kind. */
export interface DocumentDiff {
  path: string;
  title: string;
  /** "Word document"; empty when nothing recorded it. */
  type: string;
}

/** What changed in the documents since a release: their bytes, or whether the editions publish them. */
export interface DocumentChanges {
  changed: DocumentDiff[];
  added: DocumentDiff[];
  removed: DocumentDiff[];
}

/** A document published now, as the diff reads it. */
export interface CurrentDocument extends DocumentDiff {
  sha256: string;
}

/**
 * Compares the documents published now with those a release recorded, by their bytes' SHA-256;
 * undefined when the release was made before documents were recorded, so nothing is known of them.
 */
export function diffDocuments(documents: readonly CurrentDocument[], baseline: Baseline): DocumentChanges | undefined {
  const released = baseline.documents;
  if (!released) return undefined;
  const changes: DocumentChanges = { changed: [], added: [], removed: [] };
  const now = new Set<string>();
  for (const { path, title, type, sha256 } of documents) {
    now.add(path);
    const before = released.get(path);
    if (!before) changes.added.push({ path, title, type });
    else if (before.sha256 !== sha256) changes.changed.push({ path, title, type });
  }
  for (const { path, title, type } of released.values())
    if (!now.has(path)) changes.removed.push({ path, title, type });
  return changes;
}

/** The documents checking found published, as the diff reads them. */
export function checkedDocuments(resolved: Pick<ResolvedManual, 'documents' | 'documentTitles'>): CurrentDocument[] {
  return resolved.documents.map(({ file, type, sha256 }) => ({
    path: file.slice('chapters/'.length),
    title: resolved.documentTitles.get(file) ?? file,
    type,
    sha256,
  }));
}

export function hasDocumentChanges(changes: DocumentChanges | undefined): boolean {
  return !!changes && Object.values(changes).some((list) => list.length > 0);
}
