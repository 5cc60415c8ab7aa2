import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Diagnostics, formatDiagnostic } from '../core/diagnostics.ts';
import { AMENDMENTS_FILE, parseAmendments } from '../load/amendments.ts';
import { chapterFile } from '../load/chapter.ts';
import { MANIFEST_FILE, parseManifest } from '../load/manifest.ts';
import { walkEntries } from '../load/walk-entries.ts';

/** What a local manual's starter files take from its base, as the template's `{{fields}}`. */
export type BaseFields = Record<string, string>;

/**
 * Reads the regional manual at `written` (relative to the new manual's folder `root`) for the
 * starter files of a local manual on it; a string says why it is no base to start on.
 */
export async function baseFields(root: string, written: string): Promise<BaseFields | string> {
  const baseRoot = path.resolve(root, written);
  const shown = `--base ${written} (${baseRoot})`;
  const fix = "give --base the regional manual's folder, relative to the new manual's folder";
  if (baseRoot === root) return `${shown} is the new manual's own folder\n  fix: ${fix}`;
  for (const file of [MANIFEST_FILE, AMENDMENTS_FILE])
    if (!existsSync(path.join(baseRoot, file))) return `${shown} holds no manual: ${file} is not there\n  fix: ${fix}`;
  const found = new Diagnostics();
  const read = (file: string) => readFileSync(path.join(baseRoot, file), 'utf8').replace(/^\uFEFF/, '');
  const manifest = parseManifest(read(MANIFEST_FILE), found, path.posix.join(written, MANIFEST_FILE));
  const editions =
    manifest &&
    parseAmendments(read(AMENDMENTS_FILE), manifest.meta.language, found, path.posix.join(written, AMENDMENTS_FILE));
  if (!manifest || !editions || found.hasErrors())
    return `the base ${written} cannot be read:\n${found.errors.map(formatDiagnostic).join('\n')}`;
  // One level of base only: the local manual would be on a base that is itself on one.
  if (manifest.base) return `the base ${written} is itself built on a base (${manifest.base.path})\n  fix: ${fix}`;
  const chapters = [...walkEntries(manifest.sections)].flatMap((e) => (e.kind === 'chapter' ? [e] : []));
  if (chapters.length === 0) return `the base ${written} lists no chapters\n  fix: ${fix}`;
  const [first, second = first] = chapters;
  const last = chapters[chapters.length - 1];
  const name = (id: string) => id.slice(id.lastIndexOf('/') + 1);
  const edition = editions[0];
  return {
    basePath: written,
    baseTitle: manifest.meta.title,
    language: manifest.meta.language,
    baseEdition: edition.id,
    firstChapter: first.id,
    firstChapterLink: (await chapterFile(baseRoot, first)).slice('chapters/'.length),
    substituteExample: second.id,
    substituteChapter: `local/${name(second.id)}`,
    leaveOutExample: last.id,
    informationFile: `local/${name(first.id)}-information.md`,
    firstDetails: `The first edition of the local manual, on the base's ${edition.label} edition.`,
  };
}
