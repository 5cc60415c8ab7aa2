import { describe, expect, it } from 'vitest';
import type { Root } from 'hast';
import { chapterHistories } from '../../scripts/changes/chapter-histories.ts';
import { unitsOf } from '../../scripts/core/block-units.ts';
import type { ArchivedChapter, Book } from '../../scripts/core/book.ts';

const paragraph = (words: string): Root => ({
  type: 'root',
  children: [{ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: words }] }],
});
const hashes = (words: string) => unitsOf(paragraph(words)).map((u) => u.hash);
const archived = (id: string, number: string, title: string, words: string, recorded = true): ArchivedChapter => ({
  id,
  number,
  title,
  content: `${number} ${title} ${words}`,
  ...(recorded ? { units: hashes(words) } : {}),
});
const edition = (id: string, label: string, chapters: ArchivedChapter[]) => ({
  id,
  label,
  from: `${id}-01`,
  folder: `archive/${id}`,
  files: [],
  hasWeb: true,
  current: false,
  chapters,
});
const amendments = (id: string, updated: string[] = [], removed: string[] = []) => ({
  id,
  updated: updated.map((chapter) => ({ chapter, title: chapter, editorial: false })),
  new: [],
  removed: removed.map((chapter) => ({ chapter, title: chapter, editorial: false })),
});

/** Two archived editions and the current one, built from what each printed of each chapter. */
function book(first: ArchivedChapter[], second: ArchivedChapter[], current: [string, string, string, string][]): Book {
  return {
    edition: { ...amendments('2026-02', ['care/visits']), label: 'February 2026', date: '2026-02-02' },
    history: [{ year: '2025', editions: [amendments('2025-08', [], ['help/early-help']), amendments('2025-02')] }],
    chapters: current.map(([id, number, title, words]) => ({
      id,
      number,
      title,
      contentSha256: `${number} ${title} ${words}`,
      body: paragraph(words),
    })),
    archive: {
      editions: [edition('2025-08', 'August 2025', second), edition('2025-02', 'February 2025', first)],
      read: () => Buffer.alloc(0),
    },
  } as unknown as Book;
}

describe('chapter histories', () => {
  const histories = chapterHistories(
    book(
      [
        archived('care/visits', '2.1', 'Visits', 'Every six weeks.'),
        archived('care/plans', '2.2', 'Plans', 'Plan first.'),
        archived('care/pledge', '2.3', 'Pledge', 'We promise.'),
        archived('help/early-help', '1.1', 'Early Help', 'Help early.'),
      ],
      [
        archived('care/visits', '2.1', 'Visits', 'Every six weeks.'),
        archived('care/contact', '2.2', 'Contact', 'Family time.'),
        archived('care/plans', '2.3', 'Care Plans', 'Plan first.'),
        archived('care/pledge', '2.4', 'Pledge', 'We promise.'),
      ],
      [
        ['care/visits', '2.1', 'Visits', 'Every four weeks.'],
        ['care/contact', '2.2', 'Contact', 'Family time.'],
        ['care/plans', '2.3', 'Care Plans', 'Plan first.'],
        ['care/pledge', '2.4', 'Pledge', 'We promise.'],
      ],
    ),
  );
  const changes = (id: string) => histories.get(id)?.events.map((e) => [e.edition.id, e.changes, e.words]);

  it('tells each edition that changed a chapter, newest first, and no edition that did not', () => {
    expect(changes('care/visits')).toEqual([
      ['2026-02', ['updated'], 'changed'],
      ['2025-02', [], 'changed'],
    ]);
    expect(changes('care/plans')).toEqual([
      ['2025-08', ['retitled', 'renumbered'], 'same'],
      ['2025-02', [], 'changed'],
    ]);
    expect(changes('care/contact')).toEqual([['2025-08', ['new'], 'changed']]);
    expect(histories.get('help/early-help')).toMatchObject({ removed: true, latest: { number: '1.1' } });
    expect(changes('help/early-help')).toEqual([
      ['2025-08', ['removed'], 'changed'],
      ['2025-02', [], 'changed'],
    ]);
    expect(histories.get('help/early-help')!.events[0].amendment?.list).toBe('removed');
  });

  it('gives no history to a chapter every edition printed alike', () => {
    // Moved down by the new chapter before it: renumbered only.
    expect(changes('care/pledge')).toEqual([
      ['2025-08', ['renumbered'], 'same'],
      ['2025-02', [], 'changed'],
    ]);
    const unchanged = chapterHistories(
      book(
        [archived('care/visits', '1', 'Visits', 'Every four weeks.')],
        [archived('care/visits', '1', 'Visits', 'Every four weeks.')],
        [['care/visits', '1', 'Visits', 'Every four weeks.']],
      ),
    );
    // Listed as updated by the current edition's amendments, with the same words: told so.
    expect(unchanged.get('care/visits')?.events[0]).toMatchObject({ changes: ['updated'], words: 'same' });
    const quiet = chapterHistories(
      book(
        [archived('care/other', '1', 'Other', 'Same.')],
        [archived('care/other', '1', 'Other', 'Same.')],
        [['care/other', '1', 'Other', 'Same.']],
      ),
    );
    expect(quiet.size).toBe(0);
  });

  it('leaves the words unknown where a release recorded no units and the number moved too', () => {
    const old = chapterHistories(
      book(
        [archived('care/plans', '2.2', 'Plans', 'Plan first.', false)],
        [archived('care/plans', '2.3', 'Plans', 'Plan first.', false)],
        [['care/plans', '2.3', 'Plans', 'Plan first, with the family.']],
      ),
    );
    expect(old.get('care/plans')!.events.map((e) => [e.edition.id, e.changes, e.words])).toEqual([
      ['2026-02', ['updated'], 'changed'],
      ['2025-08', ['updated', 'renumbered'], 'unknown'],
      ['2025-02', [], 'changed'],
    ]);
  });
});
