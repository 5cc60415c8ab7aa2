import type { Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { compareUnits, wordRuns, type WordRun, type WordedUnit } from '../../scripts/changes/compare-units.ts';
import { diffUnits } from '../../scripts/changes/diff-blocks.ts';
import { hunksToHast } from '../../scripts/render/web/compare-html.ts';
import { hunkLines } from '../../scripts/cli/compare-text.ts';
import { blockUnits } from '../../scripts/core/block-units.ts';
import { chapterElements, parseXhtml } from '../../scripts/load/released-units.ts';

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

describe('hunkLines', () => {
  it('folds the middle of an unchanged stretch, keeping one unit beside each change', () => {
    const kept = ['k1', 'k2', 'k3', 'k4', 'k5'];
    const lines = hunkLines(compareUnits(units('a', ...kept, 'b'), units('x', ...kept, 'y')));
    expect(lines).toEqual(['~ [-a-]{+x+}', '  k1', '  ... 3 unchanged paragraphs ...', '  k5', '~ [-b-]{+y+}']);
  });

  it('shows a stretch folding one unit would not shorten, and headings, items and rows as a reader knows them', () => {
    const heading: WordedUnit = {
      kind: 'heading',
      hash: 'h',
      words: 'Frequency',
      heading: { number: '1', title: 'F' },
    };
    const item: WordedUnit = { kind: 'item', hash: 'i', words: 'apples' };
    const row: WordedUnit = { kind: 'row', hash: 'r', words: 'x 1' };
    expect(hunkLines(compareUnits([heading, row, unit('a')], [heading, row, unit('b'), item]))).toEqual([
      '  § 1 Frequency',
      '  | x 1',
      '~ [-a-]{+b+}',
      '+ • apples',
    ]);
    expect(hunkLines(compareUnits(units('a', 'b', 'c'), units('a', 'c', 'b')))).toEqual(['  a', '  c', '> b']);
  });
});

describe('parseXhtml', () => {
  it("closes an EPUB's empty page-break markers, so they hold none of the chapter", () => {
    const tree = parseXhtml(
      '<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body><section class="chapter" id="ch-a"><span epub:type="pagebreak" role="doc-pagebreak" id="page-6" aria-label="6"/><p>One.<br/>Two.</p><span epub:type="pagebreak" id="page-7" aria-label="a/b>c"/><p>Three.</p></section></body></html>',
    );
    const [chapter] = chapterElements(tree);
    expect(blockUnits(chapter.children).map((u) => u.kind)).toEqual(['block', 'block']);
  });
});

describe('hunksToHast', () => {
  const html = (hunks: Parameters<typeof hunksToHast>[0]) =>
    unified()
      .use(rehypeStringify)
      .stringify({ type: 'root', children: hunksToHast(hunks) } as Root);

  it('marks words in <ins> and <del> that say so to a screen reader, and folds unchanged units in <details>', () => {
    const heading: WordedUnit = {
      kind: 'heading',
      hash: 'h',
      words: 'Frequency',
      heading: { number: '1', title: 'F' },
    };
    const hunks = compareUnits(
      [heading, ...units('k1', 'k2', 'k3', 'Write a short note.', 'Gone.', 'End.')],
      [heading, ...units('k1', 'k2', 'k3', 'Write a full note.', 'End.', 'New.')],
    );
    expect(html(hunks)).toBe(
      [
        '<details class="compare-folded"><summary>3 unchanged paragraphs</summary>',
        '<div class="compare-same compare-heading">1 Frequency</div>',
        '<div class="compare-same compare-block">k1</div><div class="compare-same compare-block">k2</div></details>',
        '<div class="compare-same compare-block">k3</div>',
        '<div class="compare-changed compare-block">Write a <del><span class="sr-only">deleted: </span>short</del>',
        '<ins><span class="sr-only">inserted: </span>full</ins> note.</div>',
        '<div class="compare-deleted compare-block"><del><span class="sr-only">deleted: </span>Gone.</del></div>',
        '<div class="compare-same compare-block">End.</div>',
        '<div class="compare-inserted compare-block"><ins><span class="sr-only">inserted: </span>New.</ins></div>',
      ].join(''),
    );
  });
});
