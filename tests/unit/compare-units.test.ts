import { describe, expect, it } from 'vitest';
import { compareUnits, wordRuns, type WordRun, type WordedUnit } from '../../scripts/changes/compare-units.ts';
import { diffUnits } from '../../scripts/changes/diff-blocks.ts';

/** A paragraph unit known by its words, hashed by them as block-units does (here: the words themselves). */
const unit = (words: string): WordedUnit => ({ kind: 'block', hash: words, words });
const units = (...words: string[]) => words.map(unit);
/** Runs written wdiff style, the way a case file reads them. */
const wdiff = (runs: WordRun[]) =>
  runs.map((r) => (r.change === 'same' ? r.text : r.change === 'deleted' ? `[-${r.text}-]` : `{+${r.text}+}`)).join('');
const joined = (runs: WordRun[], keep: WordRun['change']) =>
  runs
    .filter((r) => r.change === 'same' || r.change === keep)
    .map((r) => r.text)
    .join('');

describe('wordRuns', () => {
  it('marks the words deleted and inserted, punctuation apart from words', () => {
    const runs = wordRuns(
      "Write a short note and keep it on the child's file.",
      "Write a full note and keep it on the child's file for a year.",
    );
    expect(wdiff(runs)).toBe("Write a [-short-]{+full+} note and keep it on the child's file{+ for a year+}.");
  });

  it('gives back both texts exactly', () => {
    const [before, after] = ['Visit every six weeks, or less.', 'Visit every four weeks; or sooner when asked.'];
    const runs = wordRuns(before, after);
    expect(joined(runs, 'deleted')).toBe(before);
    expect(joined(runs, 'inserted')).toBe(after);
  });

  it('keeps a replaced phrase together rather than word by word', () => {
    expect(wdiff(wordRuns('see the old red form here', 'see the new blue form here'))).toBe(
      'see the [-old red-]{+new blue+} form here',
    );
    expect(wdiff(wordRuns('x y', 'x c d y'))).toBe('x {+c d +}y');
  });
});

describe('compareUnits', () => {
  it('says which units stayed, changed, were inserted and deleted, in reading order', () => {
    const hunks = compareUnits(
      units('Title', 'Keep one.', 'Keep two.', 'Write a short note.', 'Gone soon.', 'End.'),
      units('Title', 'Keep one.', 'Keep two.', 'Write a full note.', 'End.', 'Brand new.'),
    );
    expect(hunks.map((h) => h.change)).toEqual(['same', 'changed', 'deleted', 'same', 'inserted']);
    expect(hunks[0]).toEqual({ change: 'same', units: units('Title', 'Keep one.', 'Keep two.') });
    expect(hunks[1]).toMatchObject({ from: unit('Write a short note.'), unit: unit('Write a full note.') });
    expect(hunks[1].change === 'changed' && wdiff(hunks[1].words)).toBe('Write a [-short-]{+full+} note.');
    expect(hunks[2]).toEqual({ change: 'deleted', unit: unit('Gone soon.') });
    expect(hunks[4]).toEqual({ change: 'inserted', unit: unit('Brand new.') });
  });

  it('says a unit moved where it now stands, not deleted and inserted', () => {
    const hunks = compareUnits(units('a', 'b', 'c', 'd'), units('a', 'c', 'd', 'b'));
    expect(hunks).toEqual([
      { change: 'same', units: units('a', 'c', 'd') },
      { change: 'moved', unit: unit('b') },
    ]);
  });

  it('puts units deleted at the end after the last, and compares with nothing', () => {
    expect(compareUnits(units('a', 'b'), units('a'))).toEqual([
      { change: 'same', units: units('a') },
      { change: 'deleted', unit: unit('b') },
    ]);
    expect(compareUnits([], units('a'))).toEqual([{ change: 'inserted', unit: unit('a') }]);
    expect(compareUnits(units('a'), [])).toEqual([{ change: 'deleted', unit: unit('a') }]);
  });

  it('follows the pairing change marks make: diffUnits names the released unit each stands for', () => {
    const diff = diffUnits(units('a', 'b', 'c', 'd'), units('a', 'x', 'd', 'b'));
    expect(diff.status).toEqual(['same', 'changed', 'same', 'moved']);
    expect(diff.from).toEqual([0, 2, 3, 1]);
  });
});
