import type { Element, ElementContent } from 'hast';
import type { Hunk, WordedUnit, WordRun } from '../../core/book.ts';
import { element, text } from '../../core/hast-build.ts';

/** What a screen reader hears for each mark, in the manual's language. */
export interface CompareWords {
  inserted: string;
  deleted: string;
  moved: string;
  /** The summary of a folded stretch of `count` unchanged units. */
  unchanged: (count: number) => string;
}

export const ENGLISH_COMPARE_WORDS: CompareWords = {
  inserted: 'inserted:',
  deleted: 'deleted:',
  moved: 'moved here:',
  unchanged: (count) => `${count} unchanged ${count === 1 ? 'paragraph' : 'paragraphs'}`,
};

/** Unchanged units shown on each side of a change, as the text comparison shows them. */
const CONTEXT = 1;

/**
 * A chapter's hunks as HTML for a page comparing two editions: one `<div class="compare-…">` per
 * unit, inserted and deleted words in `<ins>` and `<del>` that start with visually hidden words
 * (colour and strike-through are not all readers' cues), the middle of each unchanged stretch in
 * a closed `<details>`.
 */
export function hunksToHast(hunks: Hunk[], words: CompareWords = ENGLISH_COMPARE_WORDS): Element[] {
  return hunks.flatMap((hunk, i): Element[] => {
    switch (hunk.change) {
      case 'same':
        return sameStretch(hunk.units, i > 0, i < hunks.length - 1, words);
      case 'deleted':
        return [unitDiv('deleted', hunk.unit, [mark('del', words.deleted, hunk.unit.words)])];
      case 'inserted':
        return [unitDiv('inserted', hunk.unit, [mark('ins', words.inserted, hunk.unit.words)])];
      case 'moved':
        return [unitDiv('moved', hunk.unit, [hidden(words.moved), text(hunk.unit.words)])];
      case 'changed':
        return [
          unitDiv(
            'changed',
            hunk.unit,
            hunk.words.map((run) => runNode(run, words)),
          ),
        ];
    }
  });
}

function sameStretch(units: WordedUnit[], afterChange: boolean, beforeChange: boolean, words: CompareWords) {
  const plain = (u: WordedUnit) => unitDiv('same', u, [text(u.words)]);
  const head = afterChange ? units.slice(0, CONTEXT) : [];
  const tail = beforeChange ? units.slice(Math.max(head.length, units.length - CONTEXT)) : [];
  const middle = units.slice(head.length, units.length - tail.length);
  // Folding a single unit would take as much room as showing it.
  if (middle.length <= 1) return units.map(plain);
  const summary = element('summary', {}, [text(words.unchanged(middle.length))]);
  const folded = element('details', { className: ['compare-folded'] }, [summary, ...middle.map(plain)]);
  return [...head.map(plain), folded, ...tail.map(plain)];
}

/** A unit's line: its kind as a class, a heading's number before its words. */
function unitDiv(change: string, unit: WordedUnit, children: ElementContent[]): Element {
  const number = unit.kind === 'heading' && unit.heading?.number ? [text(`${unit.heading.number} `)] : [];
  return element('div', { className: [`compare-${change}`, `compare-${unit.kind}`] }, [...number, ...children]);
}

function runNode(run: WordRun, words: CompareWords): ElementContent {
  if (run.change === 'same') return text(run.text);
  return run.change === 'deleted' ? mark('del', words.deleted, run.text) : mark('ins', words.inserted, run.text);
}

function mark(tagName: 'ins' | 'del', said: string, value: string): Element {
  return element(tagName, {}, [hidden(said), text(value)]);
}

const hidden = (value: string) => element('span', { className: ['sr-only'] }, [text(`${value} `)]);
