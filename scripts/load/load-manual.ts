import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostics, Where } from '../core/diagnostics.ts';
import { KEEP_NO_CHECKS, type KeepChecked } from '../core/kept.ts';
import { AMENDMENTS_FILE, parseAmendments } from './amendments.ts';
import { readArchivedReleases } from './archived-releases.ts';
import { readBaselines } from './baseline.ts';
import { chapterEnding, isSiteGeneratorPart, withoutChapterEnding } from '../core/chapter-files.ts';
import { chapterFile, readChapter } from './chapter.ts';
import { checkAmendmentChapters } from './check-amendments.ts';
import { MANIFEST_FILE, parseManifest } from './manifest.ts';
import { baseSource, buildOnBase } from './build-on-base.ts';
import { checkOwnTemplates } from './own-templates.ts';
import { uncachedParser, type ParseMarkdown } from './markdown-cache.ts';
import type { ChapterEntry, ChapterSource, ManifestSpec, ManualSource } from './types.ts';
import { warnOverdueReviews } from './review.ts';
import { walkEntries } from './walk-entries.ts';

/**
 * The load stage: reads the manifest, the amendments and every listed chapter of the manual in
 * `root`, reporting every problem it finds. Returns undefined when the manual cannot be read far
 * enough to go on; the caller decides what errors mean.
 */
export interface LoadOptions {
  parse?: ParseMarkdown;
  /** The archive of releases; the latest one before the current edition is the baseline. */
  archiveDir?: string;
  /** Keeps what was read of texts read before (the contents, the amendments, each chapter); default: nothing. */
  keep?: KeepChecked;
}

export async function loadManual(
  root: string,
  diagnostics: Diagnostics,
  options: LoadOptions = {},
): Promise<ManualSource | undefined> {
  const { parse = uncachedParser, keep = KEEP_NO_CHECKS } = options;
  const manifestText = await readSourceText(root, MANIFEST_FILE, diagnostics, 'the contents manifest');
  const errorsBefore = diagnostics.errors.length;
  const manifest =
    manifestText === undefined
      ? undefined
      : keep('contents', manifestText, diagnostics, (found) => parseManifest(manifestText, found));
  const manifestHasErrors = diagnostics.errors.length > errorsBefore;
  if (!manifest) return undefined;
  const amendmentsText = await readSourceText(root, AMENDMENTS_FILE, diagnostics, 'the edition history');
  const { language } = manifest.meta;
  const editions =
    amendmentsText === undefined
      ? undefined
      : keep('amendments', `${language}\n${amendmentsText}`, diagnostics, (found) =>
          parseAmendments(amendmentsText, language, found),
        );
  // Like a compiler after a syntax error: checking chapters against a contents known to be wrong
  // would only report the consequences of its mistakes.
  if (manifestHasErrors) return undefined;
  const onBase = manifest.base ? await buildOnBase(root, manifest, diagnostics) : undefined;
  if (manifest.base && !onBase) return undefined;
  const contents = onBase?.manifest ?? manifest;

  // Each listed chapter's file, found once: reading it and the unlisted files' warning both need it.
  const entries = await Promise.all(
    uniqueChapterEntries(contents, diagnostics).map(async (entry) => ({
      ...entry,
      file: await chapterFile(root, entry),
    })),
  );
  const chapters = await readChapters(root, entries, diagnostics, parse, keep);
  const base = onBase && (await baseSource(root, onBase, chapters, diagnostics, parse));
  // A local information file's front matter accepts warnings in it, as a chapter's does.
  const accepting = [...chapters.values(), ...(base?.information.map((i) => i.source) ?? [])];
  diagnostics.acceptances.push(...manifest.accept, ...accepting.flatMap((chapter) => chapter.accept));
  if (editions) checkAmendmentChapters(editions, new Set(entries.map((e) => e.id)), diagnostics);
  const meta = { ...manifest.meta, logo: checkLogo(root, manifest, diagnostics) };
  const listed = new Set([
    ...entries.map((entry) => entry.file),
    ...(base?.information.map((i) => i.source.file) ?? []),
  ]);
  const files = await filesUnder(root);
  warnUnlisted(files, listed, diagnostics);
  await checkOwnTemplates(root, diagnostics);
  if (!editions) return undefined;
  warnOverdueReviews(chapters.values(), editions[0], manifest.meta.language, diagnostics);
  const archive = options.archiveDir ?? path.join(root, 'archive');
  const { baseline, released } = await readBaselines(archive, editions[0].id, diagnostics, root);
  const archived = await readArchivedReleases(archive, root, diagnostics, editions[0].id);
  return {
    root,
    baseline,
    released,
    archive: archived,
    manifest: { ...contents, meta },
    ...(base && { base }),
    editions,
    chapters,
    files,
  };
}

async function readSourceText(
  root: string,
  file: string,
  diagnostics: Diagnostics,
  what: string,
): Promise<string | undefined> {
  try {
    return (await readFile(path.join(root, file), 'utf8')).replace(/^\uFEFF/, '');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    diagnostics.error(
      { file },
      `${what} ${file} does not exist in ${root}`,
      `create ${file} (the README describes it), or point --root at the manual's folder`,
      'manual-file-missing',
    );
    return undefined;
  }
}

/** The chapter entries in contents order; a chapter listed twice is an error at its second place. */
function uniqueChapterEntries(manifest: ManifestSpec, diagnostics: Diagnostics): ChapterEntry[] {
  const first = new Map<string, Where>();
  const unique: ChapterEntry[] = [];
  for (const entry of walkEntries(manifest.sections)) {
    if (entry.kind !== 'chapter') continue;
    const earlier = first.get(entry.id);
    if (earlier) {
      diagnostics.error(
        entry.where,
        `chapter "${entry.id}" is listed twice in the contents (first on line ${earlier.line})`,
        'list each chapter once; use "see-also" to point at it from another place',
        'chapter-listed-twice',
      );
      continue;
    }
    first.set(entry.id, entry.where);
    unique.push(entry);
  }
  return unique;
}

async function readChapters(
  root: string,
  entries: ChapterEntry[],
  diagnostics: Diagnostics,
  parse: ParseMarkdown,
  keep: KeepChecked,
): Promise<Map<string, ChapterSource>> {
  const read = await Promise.all(entries.map((entry) => readChapter(root, entry, diagnostics, parse, keep)));
  return new Map(read.flatMap((chapter) => (chapter ? [[chapter.id, chapter] as const] : [])));
}

/** The logo's path relative to the root, when that file is inside chapters/ and exists. */
function checkLogo(root: string, manifest: ManifestSpec, diagnostics: Diagnostics): string | undefined {
  const file = manifest.meta.logo;
  if (file === undefined) return undefined;
  if (!file.startsWith('chapters/') || !existsSync(path.join(root, file))) {
    diagnostics.error(
      manifest.meta.logoAt ?? { file: MANIFEST_FILE },
      `the logo ${file} does not exist`,
      'give the image path relative to chapters/, or remove the "logo" line',
      'logo-missing',
    );
    return undefined;
  }
  return file;
}

/** Every file and folder under chapters/, as paths from the root, sorted. */
async function filesUnder(root: string): Promise<string[]> {
  const files = await readdir(path.join(root, 'chapters'), { recursive: true });
  return files.map((f) => `chapters/${f.split(path.sep).join('/')}`).sort();
}

/** A markdown file that the contents never lists is usually a chapter someone forgot to add. */
function warnUnlisted(files: readonly string[], listed: Set<string>, diagnostics: Diagnostics): void {
  for (const name of files) {
    if (!chapterEnding(name) || listed.has(name) || isSiteGeneratorPart(name)) continue;
    const id = withoutChapterEnding(name.slice('chapters/'.length));
    diagnostics.warning(
      { file: name },
      'this markdown file is not listed in the contents, so no edition includes it',
      `add "- chapter: ${name.endsWith('.md') ? id : name.slice('chapters/'.length)}" to chapters/contents.yml, or delete the file`,
      'unlisted-chapter',
    );
  }
}
