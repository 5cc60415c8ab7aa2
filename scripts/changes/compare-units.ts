import type { Hunk, WordedUnit, WordRun } from '../core/book.ts';

export type { Hunk, WordedUnit, WordRun };
import { commonRun, diffUnits } from './diff-blocks.ts';

/** Lines units up as change marks do (`diffUnits`), then says what became of each. */
export function compareUnits(from: readonly WordedUnit[], to: readonly WordedUnit[]): Hunk[] {
  const diff = diffUnits(from, to);
  const hunks: Hunk[] = [];
  const removedBefore = (i: number) =>
    diff.removed.filter((r) => r.before === i).forEach((r) => hunks.push({ change: 'deleted', unit: from[r.index] }));
  to.forEach((unit, i) => {
    removedBefore(i);
    const status = diff.status[i];
    const last = hunks.at(-1);
    if (status === 'same') {
      if (last?.change === 'same') last.units.push(unit);
      else hunks.push({ change: 'same', units: [unit] });
    } else if (status === 'changed') {
      const was = from[diff.from[i]!];
      hunks.push({ change: 'changed', from: was, unit, words: wordRuns(was.words, unit.words) });
    } else if (status === 'moved') hunks.push({ change: 'moved', unit });
    else hunks.push({ change: 'inserted', unit });
  });
  removedBefore(to.length);
  return hunks;
}

/** Words, the spaces between them and punctuation, each a token, so the runs join back into the text. */
const TOKEN = /\s+|[\p{L}\p{N}'’-]+|[^\s\p{L}\p{N}'’-]/gu;

/** The runs of two texts' words: the longest common run of tokens kept, the rest deleted then inserted. */
export function wordRuns(before: string, after: string): WordRun[] {
  const a = before.match(TOKEN) ?? [];
  const b = after.match(TOKEN) ?? [];
  const runs: WordRun[] = [];
  const add = (change: WordRun['change'], tokens: string[]) => {
    if (tokens.length === 0) return;
    const last = runs.at(-1);
    if (last?.change === change) last.text += tokens.join('');
    else runs.push({ change, text: tokens.join('') });
  };
  let [i, j] = [0, 0];
  for (const [x, y] of [...commonRun(a, b), [a.length, b.length]]) {
    add('deleted', a.slice(i, x));
    add('inserted', b.slice(j, y));
    add('same', a.slice(x, x + 1));
    [i, j] = [x + 1, y + 1];
  }
  return absorbSpaces(runs);
}

/** A lone space kept between two changes reads as part of them: "[-a b-]{+c d+}", not "[-a-]{+c+} [-b-]{+d+}". */
function absorbSpaces(runs: WordRun[]): WordRun[] {
  const out: WordRun[] = [];
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k];
    if (run.change === 'same' && /^\s+$/.test(run.text) && betweenReplacements(runs, k)) {
      mergeInto(out, { change: 'deleted', text: run.text });
      mergeInto(out, { change: 'inserted', text: run.text });
    } else mergeInto(out, run);
  }
  return out;
}

/** Whether changes stand on both sides of run `k`, and among them both deleted and inserted words. */
function betweenReplacements(runs: WordRun[], k: number): boolean {
  const side = (step: number) => {
    const kinds: string[] = [];
    for (let n = k + step; runs[n] && runs[n].change !== 'same' && kinds.length < 2; n += step)
      kinds.push(runs[n].change);
    return kinds;
  };
  const [before, after] = [side(-1), side(1)];
  const kinds = new Set([...before, ...after]);
  return before.length > 0 && after.length > 0 && kinds.has('deleted') && kinds.has('inserted');
}

/** Adds a run, joining it with the deleted or inserted run of its kind just before (across the other kind). */
function mergeInto(out: WordRun[], run: WordRun): void {
  const last = out.at(-1);
  if (last?.change === run.change) last.text += run.text;
  else if (run.change !== 'same' && last?.change !== 'same' && out.at(-2)?.change === run.change)
    out.at(-2)!.text += run.text;
  else out.push({ ...run });
}
