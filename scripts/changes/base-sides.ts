import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { blockUnits, unitOfRecord, type BlockUnit, type UnitRecord } from '../core/block-units.ts';
import { Diagnostics } from '../core/diagnostics.ts';
import { chapterFile, readChapter } from '../load/chapter.ts';
import { uncachedParser } from '../load/markdown-cache.ts';
import { readReleaseRecord, RELEASE_FILE, type ReleaseRecord } from '../load/release-record.ts';
import type { BaseSource, ManualSource, ReleasedBase } from '../load/types.ts';
import type { BaseSide } from './base-move.ts';

/**
 * The base as a local release carried it (`reviewed`) and as the manual is on it now. The units
 * of each come from the base's own releases (`<base>/archive/<edition>/release.json`), for a
 * chapter whose file is the one that release recorded; a chapter the base changed since its
 * latest release is read from its file instead.
 */
export async function baseSides(
  source: ManualSource,
  base: BaseSource,
  reviewed: ReleasedBase,
): Promise<{ before: BaseSide; after: BaseSide }> {
  const earlier = await baseRelease(base, reviewed.edition.id, source.root);
  const current = base.editions[0];
  const latest = await baseRelease(base, current.id, source.root);
  const changed = [...base.chapterSha256].filter(([id, sha]) => reviewed.chapters[id] !== sha);
  const parsed = new Map<string, { title: string; units: UnitRecord[] }>();
  for (const [id, sha] of changed)
    if (!recordedUnits(latest, id, sha)) {
      const read = await readBaseFile(source, base, id);
      if (read) parsed.set(id, read);
    }
  const titles = (record?: ReleaseRecord) =>
    new Map(Object.entries(record?.chapters ?? {}).map(([id, chapter]) => [id, chapter.title]));
  const before: BaseSide = {
    edition: reviewed.edition,
    chapters: new Map(Object.entries(reviewed.chapters)),
    titles: titles(earlier),
    units: (id, sha) => recordedUnits(earlier, id, sha),
  };
  const now = titles(latest);
  for (const [id, read] of parsed) now.set(id, read.title);
  const after: BaseSide = {
    edition: { id: current.id, label: current.label },
    chapters: await withLeftOut(base, reviewed),
    titles: now,
    units: (id, sha) => recordedUnits(latest, id, sha) ?? parsed.get(id)?.units,
  };
  return { before, after };
}

/**
 * Every base chapter's SHA-256 now: the book's, and for a chapter the release carried that this
 * manual now leaves out, its file's in the base, so leaving a chapter out is not read as the
 * base removing it.
 */
async function withLeftOut(base: BaseSource, reviewed: ReleasedBase): Promise<ReadonlyMap<string, string>> {
  const shas = new Map(base.chapterSha256);
  for (const id of Object.keys(reviewed.chapters)) {
    if (shas.has(id)) continue;
    const file = path.join(base.root, await chapterFile(base.root, { id }));
    if (existsSync(file))
      shas.set(
        id,
        createHash('sha256')
          .update(await readFile(file))
          .digest('hex'),
      );
  }
  return shas;
}

async function baseRelease(base: BaseSource, edition: string, root: string): Promise<ReleaseRecord | undefined> {
  const folder = path.join(base.root, 'archive', edition);
  // The base's own `check` reports a record it cannot read; here its units are only not known.
  return existsSync(path.join(folder, RELEASE_FILE)) ? readReleaseRecord(folder, root) : undefined;
}

/** The units a base release recorded of a chapter, when its file then had this SHA-256. */
function recordedUnits(record: ReleaseRecord | undefined, id: string, sha256: string): UnitRecord[] | undefined {
  const chapter = record?.chapters[id];
  if (chapter?.sha256 !== sha256 || !Array.isArray(chapter.units)) return undefined;
  return chapter.units.flatMap((unit) => unitOfRecord(unit) ?? []);
}

/**
 * The units of a base chapter's file as it is now, its links and images as written: close to what
 * the base prints (a link whose text the base fills in differs), and enough to name its sections.
 */
async function readBaseFile(
  source: ManualSource,
  base: BaseSource,
  id: string,
): Promise<{ title: string; units: UnitRecord[] } | undefined> {
  const substituted = base.substituted.get(id);
  // A substitute stands in the book under the base chapter's id: the base's file is read apart.
  const read = substituted
    ? await readChapter(
        source.root,
        { id, file: substituted.baseFile, where: substituted.where },
        new Diagnostics(),
        uncachedParser,
      )
    : source.chapters.get(id);
  if (!read) return undefined;
  const tree = (await unified().use(remarkRehype).run(read.tree())) as Root;
  return { title: read.title, units: numberHeadings(blockUnits(tree.children), tree) };
}

/** Numbers the headings of the two highest levels a chapter uses, as the book numbers a chapter's sections. */
function numberHeadings(units: BlockUnit[], tree: Root): BlockUnit[] {
  const level = (unit: BlockUnit) => Number(elementAt(tree, unit.path).tagName.slice(1));
  const levels = [...new Set(units.filter((u) => u.kind === 'heading').map(level))].sort().slice(0, 2);
  const counts = [0, 0];
  return units.map((unit) => {
    const at = unit.kind === 'heading' ? levels.indexOf(level(unit)) : -1;
    if (at === -1) return unit;
    counts[at] += 1;
    if (at === 0) counts[1] = 0;
    return { ...unit, heading: { ...unit.heading!, number: counts.slice(0, at + 1).join('.') } };
  });
}

function elementAt(tree: Root, at: readonly number[]): Element {
  let node: Root | Element = tree;
  for (const i of at) node = node.children[i] as Element;
  return node as Element;
}
