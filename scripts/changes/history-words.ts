import { createHash } from 'node:crypto';
import type { Book, ChapterHistories, HistoryEvent, Hunk, ReadHistories, WordedUnit } from '../core/book.ts';
import { chapterHistories, historyEditions } from './chapter-histories.ts';
import { compareUnits } from './compare-units.ts';
import { epubChapterWords, unitsWithWords } from './edition-words.ts';

/**
 * The book's chapter histories: which chapters have one is known from the records at once; their
 * words are read only when a renderer asks (`read`), from each replaced edition's EPUB (when its
 * bytes are the ones its release recorded) and from the current book, and only for the chapters a
 * comparison shows. A change the records could not settle (a release without units, a chapter
 * renumbered or retitled too) is settled by the words: the same words make it no update.
 */
export function bookHistories(book: Book): ChapterHistories {
  const histories = chapterHistories(book);
  let reading: Promise<ReadHistories> | undefined;
  return {
    changed: new Set(histories.keys()),
    read: () => (reading ??= readHistories(book, histories)),
  };
}

async function readHistories(book: Book, histories: ReturnType<typeof chapterHistories>): Promise<ReadHistories> {
  const wanted = new Map<string, Set<string>>();
  const want = (edition: string, chapter: string) =>
    wanted.set(edition, (wanted.get(edition) ?? new Set()).add(chapter));
  for (const [id, history] of histories)
    for (const event of history.events)
      if (event.previous && event.state && event.before && event.changes.includes('updated')) {
        want(event.previous.id, id);
        want(event.edition.id, id);
      }
  const read = new Map<string, Map<string, WordedUnit[]>>();
  for (const [edition, ids] of wanted) {
    if (edition === book.edition.id) {
      const chapters = book.chapters.filter((c) => ids.has(c.id));
      read.set(edition, new Map(chapters.map((c) => [c.id, unitsWithWords(c.body.children)])));
      continue;
    }
    const bytes = recordedEpub(book, edition);
    read.set(edition, bytes ? await epubChapterWords(bytes, ids) : new Map());
  }
  const words = (edition: string, chapter: string) => read.get(edition)?.get(chapter);
  const compared = new Map<string, Hunk[] | undefined>();
  const chapters = new Map(
    [...histories].map(([id, history]) => [id, { ...history, events: settled(history.events, id, words) }]),
  );
  return {
    chapters,
    editions: historyEditions(book).map(({ id, label, date, current }) => ({ id, label, date, current })),
    hunks: (chapter, from, to) => {
      const key = JSON.stringify([chapter, from, to]);
      if (!compared.has(key)) {
        const [before, after] = [words(from, chapter), words(to, chapter)];
        compared.set(key, before && after ? compareUnits(before, after) : undefined);
      }
      return compared.get(key);
    },
  };
}

/** A replaced edition's EPUB, when its bytes are the ones its release recorded. */
function recordedEpub(book: Book, edition: string): Buffer | undefined {
  const archived = book.archive.editions.find((e) => e.id === edition);
  const file = archived?.files.find((f) => f.name === archived.epub);
  if (!archived || !file) return undefined;
  try {
    const bytes = book.archive.read(edition, file.name);
    return createHash('sha256').update(bytes).digest('hex') === file.sha256 ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/** The events with each unknown change of words settled where both editions' words were read. */
function settled(
  events: HistoryEvent[],
  id: string,
  words: (edition: string, chapter: string) => WordedUnit[] | undefined,
): HistoryEvent[] {
  return events.flatMap((event): HistoryEvent[] => {
    if (!event.previous || !event.changes.includes('updated') || event.words === 'same') return [event];
    const [before, now] = [words(event.previous.id, id), words(event.edition.id, id)];
    // Words that could not be read (a release that archived no EPUB) leave the change unknown: no comparison.
    if (!before || !now) return [{ ...event, words: 'unknown' }];
    if (event.words === 'changed') return [event];
    const same = before.map((u) => u.hash).join() === now.map((u) => u.hash).join();
    if (!same) return [{ ...event, words: 'changed' }];
    const changes = event.changes.filter((c) => c !== 'updated' || event.amendment?.list === 'updated');
    return changes.length > 0 ? [{ ...event, changes, words: 'same' }] : [];
  });
}
