import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostics } from '../core/diagnostics.ts';
import type { ReleasedBase, ReleasedChapter, ReleasedDocument } from './types.ts';

/** `archive/<edition>/release.json`: what went out, and how to prove it. */
export interface ReleaseRecord {
  format: 1;
  edition: { id: string; label: string; date: string };
  /** The sources' git commit, and whether chapters or templates had uncommitted changes. */
  sources: { commit: string | null; dirty: boolean };
  /** The Chromium that printed the PDFs: the same sources and the same Chromium give the same bytes. */
  chromium: string;
  files: { name: string; bytes: number; sha256: string }[];
  /** Binder pages of the contents and the amendments appendix. */
  contents: { pages: number };
  appendix: { pages: number };
  /** Binder pages of the list of documents, when the edition had one (releases before it have none). */
  documentList?: { pages: number };
  sections: { number: string; title: string; anchor: string }[];
  chapters: Record<string, ReleasedChapter>;
  /** Every document the edition published, in the order first linked; releases before documents were recorded have none. */
  documents?: ReleasedDocument[];
  /** The regional base the edition carried, for a manual built on one. */
  base?: ReleasedBase;
}

export const RELEASE_FILE = 'release.json';
export const EDITION_FOLDER = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Reads a release.json, or says in one line what is wrong with it. */
export function parseReleaseRecord(text: string): ReleaseRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `it is not valid JSON (${(e as Error).message})`;
  }
  const record = value as Partial<ReleaseRecord>;
  if (record.format !== 1) return 'it is not a release record of format 1';
  for (const key of ['edition', 'files', 'chapters', 'sections', 'contents', 'appendix'] as const) {
    if (!record[key]) return `it has no "${key}"`;
  }
  if (record.documents !== undefined && !Array.isArray(record.documents)) return 'its "documents" is not a list';
  return record as ReleaseRecord;
}

/**
 * The record of the release archived in `folder`, or undefined when it cannot be read: reported
 * at the file when `diagnostics` is given (a release the current edition is read against).
 */
export async function readReleaseRecord(
  folder: string,
  root: string,
  diagnostics?: Diagnostics,
): Promise<ReleaseRecord | undefined> {
  const file = path.join(folder, RELEASE_FILE);
  const record = parseReleaseRecord(await readFile(file, 'utf8'));
  if (typeof record !== 'string') return record;
  diagnostics?.error(
    { file: path.relative(root, file) },
    `the archived release record cannot be read: ${record}`,
    'restore it from version control; `manual verify` checks every archived file',
    'release-record-unreadable',
  );
  return undefined;
}
