import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostics } from '../core/diagnostics.ts';
import { chapterFile, readChapter } from './chapter.ts';
import { Diagnostics as Found } from '../core/diagnostics.ts';
import { informationBlocks } from './local-information.ts';
import { readBaseManual, type ReadBase } from './load-base.ts';
import type { ParseMarkdown } from './markdown-cache.ts';
import { mergeBase, type MergedContents } from './merge-base.ts';
import type { BaseSource, ChapterSource, LocalInformation, ManifestSpec } from './types.ts';
import { walkEntries } from './walk-entries.ts';

/** A manual on a base, its contents merged: what the rest of loading reads, and what it still has to read of the base. */
export interface OnBase {
  manifest: ManifestSpec;
  base: ReadBase;
  merged: MergedContents;
}

/** Reads the base `manifest.base` names and merges its contents with the local changes; undefined after an error. */
export async function buildOnBase(
  root: string,
  manifest: ManifestSpec,
  diagnostics: Diagnostics,
): Promise<OnBase | undefined> {
  const spec = manifest.base!;
  const base = await readBaseManual(root, spec, diagnostics);
  if (!base) return undefined;
  const errors = diagnostics.errors.length;
  // A substitute's file is found under its own path; in the book it takes the base chapter's id.
  const changes = await Promise.all(
    spec.changes.map(async (change) =>
      change.kind === 'substitute'
        ? { ...change, chapter: { ...change.chapter, file: await chapterFile(root, change.chapter) } }
        : change,
    ),
  );
  const merged = mergeBase(base.manifest.sections, manifest.sections, changes, diagnostics);
  if (diagnostics.errors.length > errors) return undefined;
  return { manifest: { ...manifest, sections: merged.sections }, base, merged };
}

/**
 * What the book keeps of its base, once the chapters are read: the local information files read
 * and split into blocks, and the SHA-256 of every base chapter's file (substituted ones too).
 */
export async function baseSource(
  root: string,
  onBase: OnBase,
  chapters: ReadonlyMap<string, ChapterSource>,
  diagnostics: Diagnostics,
  parse: ParseMarkdown,
): Promise<BaseSource> {
  const { base, merged, manifest } = onBase;
  const information = await Promise.all(
    merged.information.map(async (change): Promise<LocalInformation | undefined> => {
      const found = new Found();
      const source = await readChapter(
        root,
        { id: change.target, file: change.file, where: change.targetAt },
        found,
        parse,
      );
      // Local information is placed under the base chapter's headings: it has no title of its own.
      diagnostics.items.push(...found.items.filter((d) => d.ruleId !== 'chapter-no-title'));
      return (
        source && {
          chapter: change.target,
          source,
          blocks: informationBlocks(source, diagnostics),
          where: change.where,
        }
      );
    }),
  );
  const meta = base.manifest.meta;
  const credit = (manifest.base!.credit ?? 'Regional procedures by {base}, with local content by {council}')
    .replaceAll('{base}', meta.publisher)
    .replaceAll('{council}', manifest.meta.publisher);
  return {
    root: base.root,
    prefix: base.prefix,
    title: meta.title,
    publisher: meta.publisher,
    editions: base.editions,
    pinned: manifest.base!.edition !== undefined,
    credit,
    leftOut: merged.leftOut,
    leftOutChapters: await titlesOf(root, merged.leftOutChapters),
    substituted: merged.substituted,
    information: information.flatMap((i) => i ?? []),
    chapterSha256: await baseChapterSha256(root, base, chapters, merged),
    where: manifest.base!.where,
  };
}

async function baseChapterSha256(
  root: string,
  base: ReadBase,
  chapters: ReadonlyMap<string, ChapterSource>,
  merged: MergedContents,
): Promise<Map<string, string>> {
  const shas = new Map<string, string>();
  for (const entry of walkEntries(base.manifest.sections)) {
    if (entry.kind !== 'chapter') continue;
    const substituted = merged.substituted.get(entry.id);
    const read = substituted ? undefined : chapters.get(entry.id);
    if (read && read.file === entry.file) shas.set(entry.id, read.sha256);
    else if (substituted) shas.set(entry.id, await sha256Of(path.join(root, substituted.baseFile)));
  }
  return shas;
}

/** The titles of left-out chapters, which links from base chapters to them print: the front matter's or the first "# " line's, else the id. */
async function titlesOf(root: string, files: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const [id, file] of files) {
    const text = await readFile(path.join(root, file), 'utf8').catch(() => '');
    const title =
      /^title:\s*["']?(.+?)["']?\s*$/m.exec(text.split(/^---\s*$/m)[1] ?? '')?.[1] ??
      /^#\s+(.+?)\s*#*\s*$/m.exec(text)?.[1];
    titles.set(id, title ?? id);
  }
  return titles;
}

async function sha256Of(file: string): Promise<string> {
  try {
    return createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  } catch {
    return '';
  }
}
