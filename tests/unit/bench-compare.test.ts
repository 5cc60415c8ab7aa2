import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareOnly, compareResults } from '../../bench/compare.ts';
import type { Report, SizeResult } from '../../bench/table.ts';
import { REPO } from '../helpers/fixture.ts';

type Figures = Partial<
  Record<'check' | 'cold' | 'coldRatio' | 'rebuild' | 'rebuildRatio' | 'peak' | 'epub', number>
> & {
  ledger?: number | null;
};

const BASE: Figures = {
  check: 0.5,
  cold: 40,
  coldRatio: 2.5,
  rebuild: 20,
  rebuildRatio: 1.5,
  peak: 2 * 2 ** 30,
  epub: 1,
};

/** Made-up results for one size: only the fields the comparison reads, as the benchmark writes them. */
function size(shape: 'derby' | 'council' | undefined, target: number, f: Figures): SizeResult {
  const measured = (median: number | null | undefined) => ({ seconds: [], median });
  return {
    ...(shape ? { shape } : {}),
    target,
    chapters: 190,
    markdownBytes: 1,
    pages: { partner: target, binder: target },
    check: measured(f.check),
    floor: measured(16),
    cold: { ...measured(f.cold), ratio: f.coldRatio, peakBytes: f.peak },
    rebuild: { ...measured(f.rebuild), ratio: f.rebuildRatio, peakBytes: f.peak },
    coldOneAtATime: { ...measured(50), ratio: 3, peakBytes: 1 },
    epub: measured(f.epub),
    ...(f.ledger === undefined ? {} : { ledger: { ...measured(f.ledger), share: 0.04 } }),
    lastBuildTimings: '',
  } as unknown as SizeResult;
}

const report = (...sizes: SizeResult[]): Report =>
  ({ date: '2026-12-01T00:00:00.000Z', machine: {}, runs: 1, sizes }) as unknown as Report;

describe('comparing benchmark results with the committed ones', () => {
  it('flags a figure more than 10% worse, with both values', () => {
    const base = report(size('derby', 1000, { ...BASE, ledger: 2 }));
    const current = report(size('derby', 1000, { ...BASE, ledger: 2, cold: 44.4, peak: 2.5 * 2 ** 30 }));
    const { worse, compared, notCompared } = compareResults(base, current);
    expect(worse.map((w) => w.text)).toEqual([
      'derby, 1000 pages: cold build 40.00 s -> 44.40 s (+11.0%)',
      'derby, 1000 pages: peak memory 2.00 GB -> 2.50 GB (+25.0%)',
    ]);
    expect(compared).toBe(8);
    expect(notCompared).toEqual([]);
  });

  it('does not flag an improvement', () => {
    const halved = Object.fromEntries(Object.entries(BASE).map(([k, v]) => [k, v! / 2]));
    const { worse, compared } = compareResults(report(size('derby', 300, BASE)), report(size('derby', 300, halved)));
    expect(worse).toEqual([]);
    expect(compared).toBe(7);
  });

  it('does not flag a figure exactly 10% worse, and flags one just over', () => {
    const exactly = { check: 0.55, cold: 44, coldRatio: 2.75, rebuild: 22, rebuildRatio: 1.65, epub: 1.1 };
    const base = report(size('council', 2000, BASE));
    expect(compareResults(base, report(size('council', 2000, { ...BASE, ...exactly }))).worse).toEqual([]);
    const over = compareResults(base, report(size('council', 2000, { ...BASE, ...exactly, check: 0.551 })));
    expect(over.worse.map((w) => w.figure)).toEqual(['`check`']);
  });

  it('lists a figure missing on either side as not compared, never as worse', () => {
    const old = report(size(undefined, 1000, { ...BASE, epub: undefined }));
    const current = report(size('derby', 1000, { ...BASE, ledger: 100, epub: 9, rebuild: undefined }));
    const { worse, compared, notCompared } = compareResults(old, current);
    expect(worse).toEqual([]);
    expect(compared).toBe(5);
    expect(notCompared).toEqual([
      'derby, 1000 pages: rebuild (none in this run)',
      'derby, 1000 pages: EPUB alone (none in the committed results)',
      'derby, 1000 pages: ledger (none in the committed results)',
    ]);
    // A ledger step the run did not find has a median of NaN, which JSON writes as null.
    const unfound = compareResults(
      report(size('derby', 1000, { ...BASE, ledger: 2 })),
      report(size('derby', 1000, { ...BASE, ledger: null })),
    );
    expect(unfound.notCompared).toEqual(['derby, 1000 pages: ledger (none in this run)']);
  });

  it('compares by shape and size: results without a shape are Derby, and a size on one side only is not compared', () => {
    const base = report(size(undefined, 1000, BASE), size(undefined, 2000, BASE));
    const current = report(size('derby', 1000, { ...BASE, cold: 80 }), size('council', 1000, { ...BASE, cold: 80 }));
    const { worse, notCompared } = compareResults(base, current);
    expect(worse.map((w) => w.size)).toEqual(['derby, 1000 pages']);
    expect(notCompared).toContain('council, 1000 pages: not in the committed results');
    expect(notCompared).toContain('derby, 2000 pages: not measured in this run');
  });
});

describe('npm run bench -- --compare-only', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'bench-compare-'));
  const file = (name: string, results: Report) => {
    writeFileSync(path.join(folder, name), JSON.stringify(results));
    return path.join(folder, name);
  };
  const base = file('base.json', report(size('derby', 1000, BASE)));

  it('exits 1 when a figure is more than 10% worse, naming it, and measures nothing', () => {
    const worse = file('worse.json', report(size('derby', 1000, { ...BASE, rebuild: 30 })));
    const run = spawnSync(process.execPath, ['bench/run.mjs', '--compare-only', worse, '--against', base], {
      cwd: REPO,
      encoding: 'utf8',
    });
    expect(run.stdout).toContain('derby, 1000 pages: rebuild 20.00 s -> 30.00 s (+50.0%)');
    expect(run.status).toBe(1);
  });

  it('exits 0 when none is, and 2 for a file that is not there', () => {
    const out: string[] = [];
    const writer = { write: (text: string) => out.push(text) };
    expect(compareOnly(file('same.json', report(size('derby', 1000, BASE))), base, REPO, writer)).toBe(0);
    expect(out.join('')).toContain('None is more than 10% worse.');
    expect(compareOnly(path.join(folder, 'none.json'), base, REPO, writer)).toBe(2);
  });

  it('compares with the committed results when given no other', () => {
    const out: string[] = [];
    const elsewhere = file('elsewhere.json', report(size('council', 12345, BASE)));
    expect(compareOnly(elsewhere, '', REPO, { write: (text: string) => out.push(text) })).toBe(0);
    expect(out.join('')).toMatch(/^Compared with bench\/results\.json( in the last commit)?: 0 figures\./);
    expect(out.join('')).toContain('council, 12345 pages: not in the committed results');
  });
});
