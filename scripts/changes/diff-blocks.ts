import type { UnitRecord } from '../core/block-units.ts';

/** What became of a unit of the current chapter since the release. */
export type UnitStatus = 'same' | 'moved' | 'changed' | 'added';

export interface UnitsDiff {
  /** One status per current unit, in order. */
  status: UnitStatus[];
  /** For each current unit that is the same, moved or changed: the index of the released unit it stands for. */
  from: (number | undefined)[];
  /**
   * The released units no current unit stands for, each with the index of the current unit it
   * went before (the current units' length when it was last).
   */
  removed: { unit: UnitRecord; index: number; before: number }[];
}

/** Above this many cells the longest common run is found greedily: a chapter rewritten beyond recognition. */
const MAX_CELLS = 4_000_000;

/**
 * Compares a chapter's released units with its current ones. Units in the longest common
 * subsequence are the same; a current unit whose words stand elsewhere among the released units
 * left over moved; between two same units, the released and current units left over pair off in
 * order as changed, the current ones beyond as added and the released ones beyond as removed.
 */
export function diffUnits(released: readonly UnitRecord[], current: readonly UnitRecord[]): UnitsDiff {
  const pairs = commonRun(
    released.map((u) => u.hash),
    current.map((u) => u.hash),
  );
  const status: UnitStatus[] = current.map(() => 'added');
  const from: (number | undefined)[] = current.map(() => undefined);
  const gaps: { released: number[]; current: number[]; closedBy: number }[] = [];
  let [i, j] = [0, 0];
  for (const [a, b] of [...pairs, [released.length, current.length]]) {
    gaps.push({ released: range(i, a), current: range(j, b), closedBy: b });
    if (a < released.length) [status[b], from[b]] = ['same', a];
    [i, j] = [a + 1, b + 1];
  }
  const leftOver = new Map<string, number[]>();
  for (const r of gaps.flatMap((g) => g.released))
    leftOver.set(released[r].hash, [...(leftOver.get(released[r].hash) ?? []), r]);
  const movedFrom = new Set<number>();
  for (const c of gaps.flatMap((g) => g.current)) {
    const was = leftOver.get(current[c].hash)?.shift();
    if (was === undefined) continue;
    [status[c], from[c]] = ['moved', was];
    movedFrom.add(was);
  }
  const removed: UnitsDiff['removed'] = [];
  for (const gap of gaps) {
    const stillReleased = gap.released.filter((r) => !movedFrom.has(r));
    const stillCurrent = gap.current.filter((c) => status[c] !== 'moved');
    stillCurrent.forEach((c, k) => {
      if (k < stillReleased.length) [status[c], from[c]] = ['changed', stillReleased[k]];
    });
    for (const r of stillReleased.slice(stillCurrent.length))
      removed.push({ unit: released[r], index: r, before: gap.closedBy });
  }
  return { status, from, removed };
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);

/** Index pairs of a longest common subsequence of `a` and `b`, in order. */
export function commonRun(a: readonly string[], b: readonly string[]): [number, number][] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) [endA, endB] = [endA - 1, endB - 1];
  const head = range(0, start).map((k): [number, number] => [k, k]);
  const tail = range(0, a.length - endA).map((k): [number, number] => [endA + k, endB + k]);
  const n = endA - start;
  const m = endB - start;
  const middle = n * m > MAX_CELLS ? greedy(a, b, start, endA, endB) : table(a, b, start, n, m);
  return [...head, ...middle, ...tail];
}

function table(a: readonly string[], b: readonly string[], start: number, n: number, m: number): [number, number][] {
  const lengths = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let x = n - 1; x >= 0; x--)
    for (let y = m - 1; y >= 0; y--)
      lengths[x][y] =
        a[start + x] === b[start + y] ? lengths[x + 1][y + 1] + 1 : Math.max(lengths[x + 1][y], lengths[x][y + 1]);
  const pairs: [number, number][] = [];
  let [x, y] = [0, 0];
  while (x < n && y < m) {
    if (a[start + x] === b[start + y]) {
      pairs.push([start + x, start + y]);
      [x, y] = [x + 1, y + 1];
    } else if (lengths[x + 1][y] >= lengths[x][y + 1]) x++;
    else y++;
  }
  return pairs;
}

function greedy(a: readonly string[], b: readonly string[], start: number, endA: number, endB: number) {
  const pairs: [number, number][] = [];
  let y = start;
  for (let x = start; x < endA && y < endB; x++) {
    const found = b.indexOf(a[x], y);
    if (found !== -1 && found < endB) {
      pairs.push([x, found] as [number, number]);
      y = found + 1;
    }
  }
  return pairs;
}
