import { closest } from 'fastest-levenshtein';
import type { Diagnostics, Where } from '../core/diagnostics.ts';
import type { EntrySpec, LocalChange, SectionSpec } from './types.ts';

/** What merging the base's contents with the local changes gives, beside the merged sections. */
export interface MergedContents {
  sections: SectionSpec[];
  leftOut: { target: string; title: string; reason: string; where: Where }[];
  /** Every base chapter left out, alone or with its section, by id: its file. */
  leftOutChapters: Map<string, string>;
  /** Substituted base chapters by id: the base file each local chapter replaces. */
  substituted: Map<string, { baseFile: string; where: Where }>;
  /** `information` changes whose base chapter is in the merged contents. */
  information: Extract<LocalChange, { kind: 'information' }>[];
}

type Item = SectionSpec | EntrySpec;
/** Where an entry or section is: the list holding it, and the item itself. */
interface Place {
  list: Item[];
  item: Item;
}

/** What the changes applied so far have done, beside the merged contents. */
interface Merging extends MergedContents {
  /** The substitute or leave-out that claimed each base entry. */
  claimed: Map<string, LocalChange>;
  /** The leave-outs, applied once every other change has found its place. */
  leaving: { change: Extract<LocalChange, { kind: 'leave-out' }>; place: Place }[];
  /** The last entry added after each base entry: the next one added after it goes after that. */
  lastAfter: Map<string, Item>;
  /** The adds and substitutes applied, checked once the leave-outs are known. */
  applied: LocalChange[];
}

/**
 * The local manual's contents: the base's sections (their entries marked `origin: 'base'`) with
 * the local changes applied, each naming its base entry by its stable id, then the local
 * manual's own sections. A change naming no base entry is an error at its line. Leave-outs are
 * applied last, so an entry may be added after a chapter that is left out, whichever is listed first.
 */
export function mergeBase(
  baseSections: readonly SectionSpec[],
  localSections: readonly SectionSpec[],
  changes: readonly LocalChange[],
  diagnostics: Diagnostics,
): MergedContents {
  const sections = structuredClone(baseSections) as SectionSpec[];
  const ids = stableIds(sections);
  const merging: Merging = {
    sections,
    leftOut: [],
    leftOutChapters: new Map(),
    substituted: new Map(),
    information: [],
    claimed: new Map(),
    leaving: [],
    lastAfter: new Map(),
    applied: [],
  };
  for (const change of changes) {
    const place = findPlace(sections, change.target);
    if (!place) missing(change, ids, diagnostics);
    else if (placeFits(change, place, diagnostics) && !claimedTwice(change, merging, diagnostics))
      apply(change, place, merging);
  }
  leaveOut(merging, diagnostics);
  sections.push(...localSections.map((section) => ({ ...section, entries: marked(section.entries) })));
  const { sections: merged, leftOut, leftOutChapters, substituted, information } = merging;
  return { sections: merged, leftOut, leftOutChapters, substituted, information };
}

/** A base entry is substituted or left out once. */
function claimedTwice(change: LocalChange, merging: Merging, diagnostics: Diagnostics): boolean {
  if (change.kind !== 'substitute' && change.kind !== 'leave-out') return false;
  const earlier = merging.claimed.get(change.target);
  if (!earlier) {
    merging.claimed.set(change.target, change);
    return false;
  }
  diagnostics.error(
    change.targetAt,
    `"${change.target}" is already ${earlier.kind === 'substitute' ? 'substituted' : 'left out'} (line ${earlier.where.line})`,
    'keep one change for each base entry',
    'local-change-conflict',
  );
  return true;
}

function apply(change: LocalChange, place: Place, merging: Merging): void {
  const index = place.list.indexOf(place.item);
  if (change.kind === 'add' || change.kind === 'substitute') merging.applied.push(change);
  if (change.kind === 'add') {
    const entries = marked(change.entries);
    if (change.place === 'end') (place.item as { entries: EntrySpec[] }).entries.push(...entries);
    else if (change.place === 'before') place.list.splice(index, 0, ...entries);
    else {
      // Two adds after one entry keep the order the local list gives them.
      const last = merging.lastAfter.get(change.target);
      const after = last && place.list.includes(last) ? place.list.indexOf(last) : index;
      place.list.splice(after + 1, 0, ...entries);
      merging.lastAfter.set(change.target, entries[entries.length - 1]);
    }
  } else if (change.kind === 'substitute') {
    const base = place.item as Extract<EntrySpec, { kind: 'chapter' }>;
    merging.substituted.set(change.target, { baseFile: base.file!, where: change.targetAt });
    place.list[index] = {
      ...change.chapter,
      id: base.id,
      numbered: base.numbered,
      remark: base.remark,
      origin: 'substituted',
    };
  } else if (change.kind === 'leave-out') {
    merging.leaving.push({ change, place });
  } else {
    merging.information.push(change);
  }
}

/**
 * Takes out what is left out; a change aimed inside what is left out (into a left-out section,
 * at a chapter of it, or local information in a left-out chapter) is an error, as it would vanish.
 */
function leaveOut(merging: Merging, diagnostics: Diagnostics): void {
  const within = new Map<string, LocalChange>();
  for (const { change, place } of merging.leaving) {
    const index = place.list.indexOf(place.item);
    if (index >= 0) place.list.splice(index, 1);
    for (const chapter of chaptersIn(place.item)) merging.leftOutChapters.set(chapter.id, chapter.file!);
    merging.leftOut.push({
      target: change.target,
      title: titleOf(place.item),
      reason: change.reason,
      where: change.where,
    });
    for (const id of stableIds([place.item])) within.set(id, change);
  }
  const vanishes = (change: LocalChange) => {
    const gone = within.get(change.target);
    if (!gone || gone === change) return false;
    // An entry added beside the left-out entry itself takes its place.
    if (change.kind === 'add' && change.place !== 'end' && gone.target === change.target) return false;
    diagnostics.error(
      change.targetAt,
      change.kind === 'information'
        ? `local information is placed in "${change.target}", which is left out (line ${gone.where.line})`
        : `"${change.target}" is ${gone.target === change.target ? '' : `in "${gone.target}", which is `}left out (line ${gone.where.line})`,
      change.kind === 'information'
        ? 'remove the local information, or keep the chapter'
        : 'keep one change for each base entry',
      'local-change-conflict',
    );
    return true;
  };
  for (const change of merging.applied) vanishes(change);
  merging.information = merging.information.filter((change) => !vanishes(change));
  for (const target of merging.substituted.keys()) if (within.has(target)) merging.substituted.delete(target);
}

/**
 * A substitute and local information need a chapter; `end` needs a section or subsection; an
 * entry added after or before a section would stand among the sections, where entries cannot.
 */
function placeFits(change: LocalChange, place: Place, diagnostics: Diagnostics): boolean {
  const isChapter = 'kind' in place.item && place.item.kind === 'chapter';
  const isSection = !('kind' in place.item);
  const wrong = (message: string, hint: string) => {
    diagnostics.error(change.targetAt, message, hint, 'base-entry-missing');
    return false;
  };
  if (change.kind === 'add' && change.place !== 'end' && isSection)
    return wrong(
      `"${change.target}" is a section of the base, and entries are added ${change.place} a chapter or a subsection`,
      `write "end: '${change.target}'" to add them at the end of that section, or name a chapter of it`,
    );
  const needsChapter = change.kind === 'substitute' || change.kind === 'information';
  if (!needsChapter || isChapter) return true;
  return wrong(
    `"${change.target}" is a section of the base, and a ${change.kind === 'substitute' ? 'substitute' : 'local information file'} goes in place of or into a chapter`,
    'name a base chapter by its path, e.g. "care/placements"',
  );
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
function stableIds(sections: readonly Item[]): string[] {
  const ids: string[] = [];
  const walk = (list: readonly Item[]) => {
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

function chaptersIn(item: Item): Extract<EntrySpec, { kind: 'chapter' }>[] {
  if ('kind' in item && item.kind === 'chapter') return [item];
  return 'entries' in item ? item.entries.flatMap(chaptersIn) : [];
}
