import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostics } from '../core/diagnostics.ts';
import { AMENDMENTS_FILE, parseAmendments } from './amendments.ts';
import { chapterFile } from './chapter.ts';
import { MANIFEST_FILE, parseManifest } from './manifest.ts';
import { readReleaseRecord, type ReleaseRecord } from './release-record.ts';
import type { BaseSpec, EditionSpec, EntrySpec, ManifestSpec, SectionSpec } from './types.ts';

/** The base manual as read from its folder: its contents with every chapter's file found, and its editions. */
export interface ReadBase {
  root: string;
  prefix: string;
  manifest: ManifestSpec;
  editions: EditionSpec[];
  /** The base's release of the edition carried, when it is archived. */
  release?: ReleaseRecord;
}

/**
 * Reads the regional manual `spec` names, relative to `root`: its contents (every entry marked as
 * the base's, every chapter's file found and held from this manual's root) and its edition history,
 * and, when `edition:` pins one, proves by checksum that its chapters are that release's.
 */
export async function readBaseManual(
  root: string,
  spec: BaseSpec,
  diagnostics: Diagnostics,
): Promise<ReadBase | undefined> {
  const baseRoot = path.resolve(root, spec.path);
  const prefix = `${path.relative(root, baseRoot).split(path.sep).join('/')}/`;
  if (baseRoot === path.resolve(root) || !existsSync(path.join(baseRoot, MANIFEST_FILE))) {
    diagnostics.error(
      spec.where,
      baseRoot === path.resolve(root)
        ? 'the base is this manual itself'
        : `the base ${spec.path} has no ${MANIFEST_FILE} (looked in ${baseRoot})`,
      "give the path of the regional manual's folder, relative to this manual's folder (a git submodule, node_modules/..., or ../regional)",
      'base-missing',
    );
    return undefined;
  }
  const read = async (file: string) => (await readFile(path.join(baseRoot, file), 'utf8')).replace(/^\uFEFF/, '');
  const manifest = parseManifest(await read(MANIFEST_FILE), diagnostics, prefix + MANIFEST_FILE);
  if (!manifest) return undefined;
  if (manifest.base) {
    diagnostics.error(
      manifest.base.where,
      'a base manual is itself built on a base; only one level is supported',
      "build on the regional manual's own base, or make the base a manual of its own",
      'base-missing',
    );
    return undefined;
  }
  const amendments = existsSync(path.join(baseRoot, AMENDMENTS_FILE)) ? await read(AMENDMENTS_FILE) : undefined;
  const editions =
    amendments === undefined
      ? undefined
      : parseAmendments(amendments, manifest.meta.language, diagnostics, prefix + AMENDMENTS_FILE);
  if (!editions) {
    if (amendments === undefined)
      diagnostics.error(
        spec.where,
        `the base ${spec.path} has no ${AMENDMENTS_FILE}`,
        'a base must be a whole manual, with its edition history',
        'base-missing',
      );
    return undefined;
  }
  const release = await readBaseRelease(baseRoot, root, editions[0].id, diagnostics);
  const sections = await Promise.all(
    manifest.sections.map((section) => inBase(section, baseRoot, prefix, diagnostics)),
  );
  const base = { root: baseRoot, prefix, manifest: { ...manifest, sections }, editions, release };
  return spec.edition === undefined || (await checkPin(base, spec, diagnostics)) ? base : undefined;
}

async function readBaseRelease(baseRoot: string, root: string, edition: string, diagnostics: Diagnostics) {
  const folder = path.join(baseRoot, 'archive', edition);
  return existsSync(path.join(folder, 'release.json')) ? readReleaseRecord(folder, root, diagnostics) : undefined;
}

async function inBase(
  section: SectionSpec,
  baseRoot: string,
  prefix: string,
  diagnostics: Diagnostics,
): Promise<SectionSpec> {
  return { ...section, entries: await inBaseEntries(section.entries, baseRoot, prefix, diagnostics) };
}

async function inBaseEntries(
  entries: EntrySpec[],
  baseRoot: string,
  prefix: string,
  diagnostics: Diagnostics,
): Promise<EntrySpec[]> {
  const marked = await Promise.all(
    entries.map(async (entry): Promise<EntrySpec | undefined> => {
      if (entry.kind === 'chapter')
        return { ...entry, origin: 'base', file: prefix + (await chapterFile(baseRoot, entry)) };
      if (entry.kind === 'subsection')
        return { ...entry, origin: 'base', entries: await inBaseEntries(entry.entries, baseRoot, prefix, diagnostics) };
      if (entry.kind === 'document') {
        diagnostics.error(
          entry.where,
          `the base's document ${entry.file} cannot be carried into a local manual yet`,
          `leave it out ("- leave-out: ..." is not possible for documents): copy the file into this manual and list it with "add"`,
          'base-document',
        );
        return undefined;
      }
      return { ...entry, origin: 'base' };
    }),
  );
  return marked.flatMap((entry) => entry ?? []);
}

/** A pinned base must be that release: its edition history's newest, and its chapters' files the ones the release recorded. */
async function checkPin(base: ReadBase, spec: BaseSpec, diagnostics: Diagnostics): Promise<boolean> {
  const pinned = spec.edition!;
  const fail = (message: string, hint: string) => {
    diagnostics.error(spec.where, message, hint, 'base-edition-mismatch');
    return false;
  };
  if (base.editions[0].id !== pinned)
    return fail(
      `the base ${spec.path} is at its edition ${base.editions[0].id}, not ${pinned} as "edition" pins it`,
      `pin "edition: ${base.editions[0].id}" to move to it, or check the base out at its ${pinned} release`,
    );
  if (!base.release)
    return fail(
      `the base's edition ${pinned} is not released: ${spec.path}/archive/${pinned}/release.json does not exist`,
      'pin only a released edition of the base, or leave "edition" out to take the base as it is',
    );
  const changed = await changedChapters(base);
  if (changed.length === 0) return true;
  const commit = base.release.sources.commit;
  return fail(
    `the base's chapters are not its ${pinned} release: ${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ` and ${changed.length - 3} more` : ''} changed since`,
    commit
      ? `check the base out at its release (git -C ${spec.path} checkout ${commit})`
      : 'restore the base to its release, or leave "edition" out',
  );
}

/** The base chapters whose files differ from the release's record of them (by SHA-256). */
async function changedChapters(base: ReadBase): Promise<string[]> {
  const recorded = base.release!.chapters;
  const changed: string[] = [];
  for (const [id, chapter] of Object.entries(recorded)) {
    const file = await chapterFile(base.root, { id });
    const bytes = existsSync(path.join(base.root, file)) ? await readFile(path.join(base.root, file)) : undefined;
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== chapter.sha256) changed.push(id);
  }
  return changed;
}
