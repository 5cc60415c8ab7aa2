import { toString } from 'mdast-util-to-string';
import type { UnitRecord } from '../core/block-units.ts';
import type { ChangedSection } from '../core/book.ts';
import type { EditionSpec } from '../load/types.ts';
import { changedSections } from './changed-sections.ts';
import { diffUnits } from './diff-blocks.ts';

/** One edition of a regional base, as far as it is known: its chapters' files and, where they can be read, their units. */
export interface BaseSide {
  edition: { id: string; label: string };
  /** SHA-256 of each base chapter's file, by id, in the base's order. */
  chapters: ReadonlyMap<string, string>;
  /** Each chapter's title, where known. */
  titles: ReadonlyMap<string, string>;
  /** The units of a chapter whose file has this SHA-256, when its printed text can be read. */
  units: (id: string, sha256: string) => UnitRecord[] | undefined;
}

/** What the base did to one of its chapters between two of its editions. */
export interface BaseChapterChange {
  id: string;
  title: string;
  change: 'changed' | 'added' | 'removed';
  /** For a changed chapter, its sections whose words changed; undefined when either text could not be read. */
  sections?: ChangedSection[];
  /** What the base's amendments since the earlier edition say of it (their details), newest first. */
  says: string[];
}

/** The base's move from the edition a release carried to the one the manual is on now. */
export interface BaseMove {
  from: { id: string; label: string };
  to: { id: string; label: string };
  chapters: BaseChapterChange[];
}

/**
 * Compares two editions of a base chapter by chapter: a chapter whose file changed is compared
 * unit by unit, as change marks compare a chapter with its release, so the sections it touched
 * can be named. `editions` is the base's history, newest first, whose amendments say why.
 */
export function baseMove(before: BaseSide, after: BaseSide, editions: readonly EditionSpec[]): BaseMove {
  const says = amendmentsSince(editions, before.edition.id);
  const title = (id: string) => after.titles.get(id) ?? before.titles.get(id) ?? id;
  const chapters: BaseChapterChange[] = [];
  for (const [id, sha256] of after.chapters) {
    const was = before.chapters.get(id);
    if (was === sha256) continue;
    const change = was === undefined ? 'added' : 'changed';
    const sections = was === undefined ? undefined : sectionsChanged(before.units(id, was), after.units(id, sha256));
    chapters.push({ id, title: title(id), change, ...(sections && { sections }), says: says(id) });
  }
  for (const id of before.chapters.keys())
    if (!after.chapters.has(id)) chapters.push({ id, title: title(id), change: 'removed', says: says(id) });
  return { from: before.edition, to: after.edition, chapters };
}

/** The sections of the later text that differ from the earlier; undefined when either is not known. */
export function sectionsChanged(
  before: readonly UnitRecord[] | undefined,
  after: readonly UnitRecord[] | undefined,
): ChangedSection[] | undefined {
  if (!before || !after) return undefined;
  const units = after.map((unit) => ({ ...unit, path: [] }));
  return changedSections(units, diffUnits(before, after), () => undefined);
}

/** The details of every amendment of a chapter in the editions after `since`, newest first. */
function amendmentsSince(editions: readonly EditionSpec[], since: string): (id: string) => string[] {
  const items = editions
    .filter((edition) => edition.id > since)
    .flatMap((edition) => [...edition.updated, ...edition.new, ...edition.removed]);
  return (id) => items.flatMap((item) => (item.chapter === id && item.details ? [toString(item.details).trim()] : []));
}

/** `"Timescales" changed, opening changed`: sections as a line names them, by their headings' words. */
export function sectionWords(sections: readonly ChangedSection[]): string {
  return sections.map((s) => `${s.title ? `"${s.title}"` : 'its opening'} ${s.change}`).join(', ');
}
