import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { shapeOf, type Report, type SizeResult } from './table.ts';

/** A figure more than this much worse (higher) than the committed one is a regression; exactly this much is not. */
export const TOLERANCE = 0.1;
// Binary fractions make 11 / 10 - 1 a hair over 0.1: a change this close to the tolerance is the tolerance.
const ROUNDING = 1e-9;

const seconds = (v: number) => `${v.toFixed(2)} s`;
const times = (v: number) => `${v.toFixed(2)}x`;
const gigabytes = (v: number) => `${(v / 2 ** 30).toFixed(2)} GB`;

/** The figures compared for each shape and size; every one is better lower. */
const FIGURES: { name: string; of: (r: SizeResult) => unknown; show: (v: number) => string }[] = [
  { name: '`check`', of: (r) => r.check?.median, show: seconds },
  { name: 'cold build', of: (r) => r.cold?.median, show: seconds },
  { name: 'cold / floor', of: (r) => r.cold?.ratio, show: times },
  { name: 'rebuild', of: (r) => r.rebuild?.median, show: seconds },
  { name: 'rebuild / floor', of: (r) => r.rebuild?.ratio, show: times },
  { name: 'peak memory', of: (r) => peak(r), show: gigabytes },
  { name: 'EPUB alone', of: (r) => r.epub?.median, show: seconds },
  { name: 'ledger', of: (r) => r.ledger?.median, show: seconds },
];

/** The table's peak: the highest of the cold builds and rebuilds; missing when neither was recorded. */
function peak(r: SizeResult): number | undefined {
  const peaks = [r.cold?.peakBytes, r.rebuild?.peakBytes].filter(usable);
  return peaks.length ? Math.max(...peaks) : undefined;
}

// A median of runs whose step was not found is NaN, written to JSON as null.
const usable = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

export interface Worse {
  size: string;
  figure: string;
  base: number;
  current: number;
  /** (current - base) / base. */
  change: number;
  text: string;
}

export interface Comparison {
  worse: Worse[];
  compared: number;
  /** Each figure, or whole size, that one side lacks. */
  notCompared: string[];
}

/** Every figure of `current` more than TOLERANCE worse than the same shape, size and figure of `base`. */
export function compareResults(base: Report, current: Report, tolerance = TOLERANCE): Comparison {
  const key = (r: SizeResult) => `${shapeOf(r)}, ${r.target} pages`;
  const before = new Map(base.sizes.map((r) => [key(r), r]));
  const now = new Map(current.sizes.map((r) => [key(r), r]));
  const result: Comparison = { worse: [], compared: 0, notCompared: [] };
  for (const [size, r] of now) {
    const b = before.get(size);
    if (!b) result.notCompared.push(`${size}: not in the committed results`);
    else compareSize(size, b, r, tolerance, result);
  }
  for (const size of before.keys()) if (!now.has(size)) result.notCompared.push(`${size}: not measured in this run`);
  return result;
}

function compareSize(size: string, base: SizeResult, current: SizeResult, tolerance: number, into: Comparison) {
  for (const figure of FIGURES) {
    const [was, is] = [figure.of(base), figure.of(current)];
    if (!usable(was) || !usable(is)) {
      const missing = [usable(was) ? '' : 'the committed results', usable(is) ? '' : 'this run'].filter(Boolean);
      into.notCompared.push(`${size}: ${figure.name} (none in ${missing.join(' or ')})`);
      continue;
    }
    into.compared += 1;
    const change = (is - was) / was;
    if (change <= tolerance + ROUNDING) continue;
    const text = `${size}: ${figure.name} ${figure.show(was)} -> ${figure.show(is)} (+${(100 * change).toFixed(1)}%)`;
    into.worse.push({ size, figure: figure.name, base: was, current: is, change, text });
  }
}

/** The comparison as lines for the terminal, naming what it was compared with. */
export function comparisonText(comparison: Comparison, against: string, tolerance = TOLERANCE): string {
  const percent = `${Math.round(tolerance * 100)}%`;
  const lines = [`Compared with ${against}: ${comparison.compared} figures.`];
  if (comparison.worse.length) {
    lines.push(`More than ${percent} worse (${comparison.worse.length}):`);
    lines.push(...comparison.worse.map((w) => `  ${w.text}`));
  } else lines.push(`None is more than ${percent} worse.`);
  if (comparison.notCompared.length) {
    lines.push('Not compared:');
    lines.push(...comparison.notCompared.map((n) => `  ${n}`));
  }
  return `${lines.join('\n')}\n`;
}

/** bench/results.json as the last commit holds it; none when git, the repository or the committed file is missing. */
export function committedResults(repo: string): Report | undefined {
  let text: string;
  try {
    text = execFileSync('git', ['show', 'HEAD:bench/results.json'], {
      cwd: repo,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
  return parseResults(text, 'bench/results.json in the last commit');
}

/** A results file, or none when there is no such file. */
export function resultsFile(file: string): Report | undefined {
  return existsSync(file) ? parseResults(readFileSync(file, 'utf8'), file) : undefined;
}

function parseResults(text: string, from: string): Report {
  const report = JSON.parse(text) as Report;
  if (!Array.isArray(report?.sizes)) throw new Error(`${from} holds no benchmark results (no "sizes" list)`);
  return report;
}

/**
 * `npm run bench -- --compare-only FILE [--against BASE]`: FILE's figures against BASE, else the
 * committed results (else bench/results.json as it is), measuring nothing. The exit status is
 * `compared`'s, or 2 for a file that is missing or holds no results.
 */
export function compareOnly(file: string, against: string, repo: string, out: Writer = process.stdout): number {
  const problem = (what: string) => (process.stderr.write(`bench: ${what}\n`), 2);
  if (!file) return problem('--compare-only takes a results file');
  try {
    const current = resultsFile(file);
    if (!current) return problem(`${file}: no such file`);
    if (against) return compared(current, resultsFile(against), against, out);
    const committed = committedResults(repo);
    if (committed) return compared(current, committed, 'bench/results.json in the last commit', out);
    return compared(current, resultsFile(path.join(repo, 'bench/results.json')), 'bench/results.json', out);
  } catch (e) {
    return problem((e as Error).message);
  }
}

interface Writer {
  write(text: string): unknown;
}

/** Prints the comparison; 1 when a figure is more than 10% worse, else 0 (also when there is nothing to compare with). */
export function compared(current: Report, base: Report | undefined, against: string, out: Writer = process.stdout) {
  if (!base) {
    out.write(`Nothing to compare with: no ${against}.\n`);
    return 0;
  }
  const comparison = compareResults(base, current);
  out.write(comparisonText(comparison, against));
  return comparison.worse.length ? 1 : 0;
}
