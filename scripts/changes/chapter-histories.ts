import { unitsOf } from '../core/block-units.ts';
import type {
  Book,
  Chapter,
  ChapterHistory,
  ChapterState,
  Edition,
  HistoryChange,
  HistoryEdition,
  HistoryEvent,
} from '../core/book.ts';

interface Version extends ChapterState {
  content: string;
  /** Its units' hashes, made only when asked for: none for a release that recorded none. */
  units: () => string[] | undefined;
}

/**
 * The history of each chapter any edition changed, from the archived releases' records and the
 * current book: new, updated (its words' units differ), retitled, renumbered, removed, with the
 * amendment that names it. Chapters no edition after the first changed have none. Only hashes are compared: the
 * words themselves are read when a comparison is shown.
 */
export function chapterHistories(book: Book): Map<string, ChapterHistory> {
  const editions = historyEditions(book);
  const amendments = amendmentsOf(book);
  const ids = new Set(editions.flatMap((e) => [...e.chapters.keys()]));
  const histories = new Map<string, ChapterHistory>();
  for (const id of ids) {
    const events = eventsOf(id, editions, amendments);
    // A history is of changes between editions: the first edition's own list changes nothing.
    if (!events.some((e) => e.previous && e.changes.length > 0)) continue;
    const last = editions.findLast((e) => e.chapters.has(id))!;
    const { number, title } = last.chapters.get(id)!;
    histories.set(id, {
      id,
      latest: { ...(number === undefined ? {} : { number }), title },
      removed: !editions.at(-1)!.chapters.has(id),
      events: events.reverse(),
    });
  }
  return histories;
}

/** The editions the current one follows, oldest first, then the current one, each with its chapters. */
export function historyEditions(book: Book): (HistoryEdition & { chapters: Map<string, Version> })[] {
  const archived = book.archive.editions
    .filter((e) => !e.current)
    .reverse()
    .map((e) => ({
      id: e.id,
      label: e.label,
      date: e.from,
      current: false,
      chapters: new Map(e.chapters.map((c) => [c.id, { ...c, units: () => c.units }])),
    }));
  const current = {
    id: book.edition.id,
    label: book.edition.label,
    date: book.edition.date,
    current: true,
    chapters: new Map(book.chapters.map((c) => [c.id, currentVersion(c)])),
  };
  return [...archived, current];
}

function currentVersion(chapter: Chapter): Version {
  let units: string[] | undefined;
  return {
    ...(chapter.number === undefined ? {} : { number: chapter.number }),
    title: chapter.title,
    content: chapter.contentSha256,
    units: () => (units ??= unitsOf(chapter.body).map((u) => u.hash)),
  };
}

function eventsOf(
  id: string,
  editions: ReturnType<typeof historyEditions>,
  amendments: Map<string, Edition>,
): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  editions.forEach(({ chapters, ...edition }, i) => {
    const previous = i > 0 ? stripped(editions[i - 1]) : undefined;
    const [before, now] = [editions[i - 1]?.chapters.get(id), chapters.get(id)];
    if (!before && !now) return;
    const amendment = amendmentNaming(amendments.get(edition.id), id);
    const base = { edition, ...(previous ? { previous } : {}), ...(amendment ? { amendment } : {}) };
    if (!before) {
      // The first edition's chapters are new only when its amendments say so.
      const isNew = i > 0 || amendment?.list === 'new';
      events.push({ ...base, changes: isNew ? ['new'] : [], state: stateOf(now!), words: 'changed' });
      return;
    }
    if (!now) {
      events.push({ ...base, changes: ['removed'], before: stateOf(before), words: 'changed' });
      return;
    }
    const words = wordsChanged(before, now);
    const changes: HistoryChange[] = [];
    if (words !== 'same' || amendment?.list === 'updated') changes.push('updated');
    if (before.title !== now.title) changes.push('retitled');
    if ((before.number ?? '') !== (now.number ?? '')) changes.push('renumbered');
    if (changes.length > 0) events.push({ ...base, changes, state: stateOf(now), before: stateOf(before), words });
  });
  return events;
}

/** Same printed chapter: same words. Else the units say, or, without them, a changed number or title leaves it unknown. */
function wordsChanged(before: Version, now: Version): HistoryEvent['words'] {
  if (before.content === now.content) return 'same';
  const [a, b] = [before.units(), now.units()];
  if (a && b) return a.join() === b.join() ? 'same' : 'changed';
  return before.title === now.title && (before.number ?? '') === (now.number ?? '') ? 'changed' : 'unknown';
}

const stateOf = ({ number, title }: Version): ChapterState => ({ ...(number === undefined ? {} : { number }), title });
const stripped = ({ id, label, date, current }: HistoryEdition): HistoryEdition => ({ id, label, date, current });

/** Each edition's amendments by its id: the current edition's and those of the history. */
function amendmentsOf(book: Book): Map<string, Edition> {
  return new Map([book.edition, ...book.history.flatMap((y) => y.editions)].map((e) => [e.id, e]));
}

/** The amendment of an edition that names the chapter, with the list it is in. */
function amendmentNaming(edition: Edition | undefined, id: string) {
  if (!edition) return undefined;
  for (const list of ['updated', 'new', 'removed'] as const) {
    const item = edition[list].find((a) => a.chapter === id);
    if (item) return { ...item, list };
  }
  return undefined;
}
