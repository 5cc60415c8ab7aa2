import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostics } from '../core/diagnostics.ts';
import { EDITION_FOLDER, readReleaseRecord, RELEASE_FILE } from './release-record.ts';
import type { Baseline } from './types.ts';

/** The archived editions of an archive folder, oldest first. */
export function archivedEditions(archiveDir: string): string[] {
  if (!existsSync(archiveDir)) return [];
  return readdirSync(archiveDir)
    .filter((name) => EDITION_FOLDER.test(name) && existsSync(path.join(archiveDir, name, RELEASE_FILE)))
    .sort();
}

/**
 * The releases the current edition is read against: `baseline`, the latest archived release
 * before it (what the binder holders have, what change detection compares the sources with, so a
 * build of an edition already released makes the files its release archived), and `released`,
 * the current edition's own release when it is archived (sources changed since it are refused).
 */
export async function readBaselines(
  archiveDir: string,
  current: string,
  diagnostics: Diagnostics,
  root: string,
): Promise<{ baseline?: Baseline; released?: Baseline }> {
  const editions = archivedEditions(archiveDir);
  const before = editions.filter((id) => id < current).at(-1);
  const baseline =
    before === undefined ? undefined : await readBaseline(archiveDir, before, current, diagnostics, root);
  const released = editions.includes(current)
    ? await readBaseline(archiveDir, current, current, diagnostics, root)
    : undefined;
  return { baseline, released };
}

/** One archived release, as the current edition is read against it. */
async function readBaseline(
  archiveDir: string,
  edition: string,
  current: string,
  diagnostics: Diagnostics,
  root: string,
): Promise<Baseline | undefined> {
  const record = await readReleaseRecord(path.join(archiveDir, edition), root, diagnostics);
  if (!record) return undefined;
  return {
    edition: record.edition,
    folder: path.join(archiveDir, edition),
    shownFolder: path.relative(root, path.join(archiveDir, edition)),
    chapters: record.chapters,
    sections: record.sections,
    contentsPages: record.contents.pages,
    appendixPages: record.appendix.pages,
    documentListPages: record.documentList?.pages ?? 0,
    sameEdition: edition === current,
    epub: record.files.map((f) => f.name).find((name) => name.endsWith('.epub') && !name.includes('/')),
    documents: record.documents && new Map(record.documents.map((d) => [d.path, d])),
    ...(record.base && { base: record.base }),
  };
}
