import type { Hunk, WordedUnit, WordRun } from '../changes/compare-units.ts';

/** Unchanged units shown on each side of a change; the rest of an unchanged stretch is folded. */
const CONTEXT = 1;

/** What the marks of a comparison mean, said once at its top. */
export const LEGEND =
  'Lines: "  " unchanged, "- " deleted, "+ " inserted, "~ " changed with [-deleted words-]{+inserted words+}, "> " moved here.';

/**
 * A chapter's hunks as the lines of a unified diff by unit: unchanged units indented, deleted `-`,
 * inserted `+`, changed `~` with their words marked wdiff style, moved `>`, and the middle of
 * each unchanged stretch folded to "... N unchanged paragraphs ...".
 */
export function hunkLines(hunks: Hunk[]): string[] {
  return hunks.flatMap((hunk, i) => {
    switch (hunk.change) {
      case 'same':
        return sameLines(hunk.units, i > 0, i < hunks.length - 1);
      case 'deleted':
        return [`- ${shown(hunk.unit)}`];
      case 'inserted':
        return [`+ ${shown(hunk.unit)}`];
      case 'moved':
        return [`> ${shown(hunk.unit)}`];
      case 'changed':
        return [`~ ${shown(hunk.unit, marked(hunk.words))}`];
    }
  });
}

/** An unchanged stretch: the units next to changes, the others counted. */
function sameLines(units: WordedUnit[], afterChange: boolean, beforeChange: boolean): string[] {
  const head = afterChange ? units.slice(0, CONTEXT) : [];
  const tail = beforeChange ? units.slice(Math.max(head.length, units.length - CONTEXT)) : [];
  const folded = units.length - head.length - tail.length;
  // Folding a single unit would take as much room as showing it.
  if (folded <= 1) return units.map((u) => `  ${shown(u)}`);
  return [
    ...head.map((u) => `  ${shown(u)}`),
    `  ... ${folded} unchanged paragraphs ...`,
    ...tail.map((u) => `  ${shown(u)}`),
  ];
}

/** A unit as a reader knows it: a heading with its number, a list item with its bullet, a table row with its bar. */
function shown(unit: WordedUnit, words = unit.words): string {
  if (unit.kind === 'heading') return `§ ${[unit.heading?.number, words].filter(Boolean).join(' ')}`;
  if (unit.kind === 'item') return `• ${words}`;
  if (unit.kind === 'row') return `| ${words}`;
  return words;
}

/** Runs of words, wdiff style. */
export function marked(runs: WordRun[]): string {
  return runs
    .map((r) => (r.change === 'same' ? r.text : r.change === 'deleted' ? `[-${r.text}-]` : `{+${r.text}+}`))
    .join('');
}
