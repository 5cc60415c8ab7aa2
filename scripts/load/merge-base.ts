import { closest } from 'fastest-levenshtein';
import type { Diagnostics, Where } from '../core/diagnostics.ts';
import type { EntrySpec, LocalChange, SectionSpec } from './types.ts';

/** What merging the base's contents with the local changes gives, beside the merged sections. */
export interface MergedContents {
  sections: SectionSpec[];
  leftOut: { target: string; title: string; reason: string; where: Where }[];
  /** Substituted base chapters by id: the base file each local chapter replaces. */
  substituted: Map<string, { baseFile: string; where: Where }>;
  /** Every base chapter left out, alone or with its section, by id: its file. */
  leftOutChapters: Map<string, string>;
  /** `information` changes whose base chapter is in the merged contents. */
  information: Extract<LocalChange, { kind: 'information' }>[];
}

type Item = SectionSpec | EntrySpec;
/** Where an entry or section is: the list holding it, and its index there. */
interface Place {
  list: Item[];
  item: Item;
}

/**
 * The local manual's contents: the base's sections (their entries marked `origin: 'base'`) with
 * the local changes applied, each naming its base entry by its stable id, then the local
 * manual's own sections. A change naming no base entry is an error at its line.
 */
export function mergeBase(
  baseSections: readonly SectionSpec[],
  localSections: readonly SectionSpec[],
  changes: readonly LocalChange[],
  diagnostics: Diagnostics,
): MergedContents {
  const sections = structuredClone(baseSections) as SectionSpec[];
  const ids = stableIds(sections);
  const merged: MergedContents = {
    sections,
    leftOut: [],
    leftOutChapters: new Map(),
    substituted: new Map(),
    information: [],
  };
  const claimed = new Map<string, LocalChange>();
  for (const change of changes) {
    const place = findPlace(sections, change.target);
    if (!place) {
      missing(change, ids, diagnostics);
      continue;
    }
    if (!placeFits(change, place, diagnostics)) continue;
    const exclusive = change.kind === 'substitute' || change.kind === 'leave-out';
    const earlier = claimed.get(change.target);
    if (exclusive && earlier) {
      diagnostics.error(
        change.targetAt,
        `"${change.target}" is already ${earlier.kind === 'substitute' ? 'substituted' : 'left out'} (line ${earlier.where.line})`,
        'keep one change for each base entry',
        'local-change-conflict',
      );
      continue;
    }
    if (exclusive) claimed.set(change.target, change);
    apply(change, place, merged);
  }
  merged.information = merged.information.filter((change) => {
    const gone = claimed.get(change.target);
    if (gone?.kind !== 'leave-out') return true;
    diagnostics.error(
      change.targetAt,
      `local information is placed in "${change.target}", which is left out (line ${gone.where.line})`,
      'remove the local information, or keep the chapter',
      'local-change-conflict',
    );
    return false;
  });
  sections.push(...localSections.map((section) => ({ ...section, entries: marked(section.entries) })));
  return merged;
}

function apply(change: LocalChange, place: Place, merged: MergedContents): void {
  const index = place.list.indexOf(place.item);
  if (change.kind === 'add') {
    const entries = marked(change.entries);
    if (change.place === 'end') (place.item as { entries: EntrySpec[] }).entries.push(...entries);
    else place.list.splice(change.place === 'after' ? index + 1 : index, 0, ...entries);
  } else if (change.kind === 'substitute') {
    const base = place.item as Extract<EntrySpec, { kind: 'chapter' }>;
    merged.substituted.set(change.target, { baseFile: base.file!, where: change.targetAt });
    place.list[index] = {
      ...change.chapter,
      id: base.id,
      numbered: base.numbered,
      remark: base.remark,
      origin: 'substituted',
    };
  } else if (change.kind === 'leave-out') {
    place.list.splice(index, 1);
    for (const chapter of chaptersIn(place.item)) merged.leftOutChapters.set(chapter.id, chapter.file!);
    merged.leftOut.push({
      target: change.target,
      title: titleOf(place.item),
      reason: change.reason,
      where: change.where,
    });
  } else {
    merged.information.push(change);
  }
}

/** A substitute and local information need a chapter; `end` needs a section or subsection. */
function placeFits(change: LocalChange, place: Place, diagnostics: Diagnostics): boolean {
  const isChapter = 'kind' in place.item && place.item.kind === 'chapter';
  const needsChapter = change.kind === 'substitute' || change.kind === 'information';
  if (!needsChapter || isChapter) return true;
  diagnostics.error(
    change.targetAt,
    `"${change.target}" is a section of the base, and a ${change.kind === 'substitute' ? 'substitute' : 'local information file'} goes in place of or into a chapter`,
    'name a base chapter by its path, e.g. "care/placements"',
    'base-entry-missing',
  );
  return false;
}

function findPlace(sections: SectionSpec[], target: string): Place | undefined {
  const search = (list: Item[]): Place | undefined => {
    for (const item of list) {
      if (matches(item, target)) return { list, item };
      const inner = 'entries' in item ? search(item.entries) : undefined;
      if (inner) return inner;
    }
    return undefined;
  };
  return search(sections);
}

function matches(item: Item, target: string): boolean {
  if (target.startsWith('#')) return (!('kind' in item) || item.kind === 'subsection') && item.id === target.slice(1);
  return 'kind' in item && item.kind === 'chapter' && item.id === target;
}

/** Every id a change may name: chapter paths and `#id`s of sections and subsections. */
function stableIds(sections: SectionSpec[]): string[] {
  const ids: string[] = [];
  const walk = (list: Item[]) => {
    for (const item of list) {
      if ('kind' in item && item.kind === 'chapter') ids.push(item.id);
      else if (!('kind' in item) || item.kind === 'subsection') if (item.id !== undefined) ids.push(`#${item.id}`);
      if ('entries' in item) walk(item.entries);
    }
  };
  walk(sections);
  return ids;
}

function missing(change: LocalChange, ids: string[], diagnostics: Diagnostics): void {
  const nearest = ids.length > 0 ? closest(change.target, ids) : undefined;
  diagnostics.error(
    change.targetAt,
    `"${change.target}" is not an entry of the base manual`,
    nearest
      ? `did you mean "${nearest}"? A change names a base chapter by its path or a section by "#id"; the base may have moved or removed it`
      : 'name a base chapter by its path or a section by "#id"',
    'base-entry-missing',
  );
}

function chaptersIn(item: Item): Extract<EntrySpec, { kind: 'chapter' }>[] {
  if ('kind' in item && item.kind === 'chapter') return [item];
  return 'entries' in item ? item.entries.flatMap(chaptersIn) : [];
}

function marked(entries: EntrySpec[]): EntrySpec[] {
  return entries.map((entry) =>
    entry.kind === 'subsection'
      ? { ...entry, origin: 'local', entries: marked(entry.entries) }
      : { ...entry, origin: 'local' },
  );
}

function titleOf(item: Item): string {
  if ('kind' in item && item.kind === 'chapter') return item.id;
  return 'title' in item && typeof item.title === 'string' ? item.title : '';
}
