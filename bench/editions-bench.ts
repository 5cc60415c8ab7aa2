import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { settingsFrom } from '../scripts/cli/settings.ts';
import type { Book } from '../scripts/core/book.ts';
import { renderSite } from '../scripts/preview/render-site.ts';
import { webEditionsRenderer } from '../scripts/render/web/archived-editions.ts';
import { generateManual } from './generate-manual.ts';
import { changed, nextEdition } from './marks-bench.ts';
import { median, runMeasured } from './measure.ts';

export interface EditionsResult {
  label: string;
  /** Archived editions the current one replaced. */
  archived: number;
  /** Each release's seconds (two builds each), in order: how long making the archive took. */
  releaseSeconds: number[];
  /** The earlier editions' renderer alone, in this process (copies checked, histories, comparisons): every run's seconds. */
  editionsSeconds: number[];
  /** The same step as a build's --timings prints it: its wall time, while the PDFs print beside it. */
  editionsStepSeconds: number[];
  /** Every run's whole build. */
  buildSeconds: number[];
  /** Every run's `manual check`, which reads every archived release.json. */
  checkSeconds: number[];
  /** Bytes of the whole site (dist/web), and of one edition as the site carries it: its web edition, PDFs, EPUB and pack. */
  siteBytes: number;
  editionBytes: number;
  historyPages: number;
  comparePages: number;
}

const CHANGED_CHAPTERS = 20;

/** What the bench runs: the `manual` command, and a book made in this process. */
interface Tools {
  manual: string;
  loadBook: (root: string) => Promise<Book>;
}

/**
 * Ten six-monthly editions online: a synthetic manual released `editions` times, 20 chapters
 * reworded before each release, then an unreleased next edition with 20 more, built `runs` times
 * with --timings (the cache warm): the `earlier editions` step, the whole build, `manual check`,
 * and the site's size against one edition's.
 */
export async function benchEditions(
  root: string,
  { pages, editions, runs }: { pages: number; editions: number; runs: number },
  { manual, loadBook }: Tools,
  log: (what: string) => void,
): Promise<EditionsResult> {
  const generated = await generateManual(root, { pages });
  const cache = path.join(root, '.cache');
  const run = (args: string[]) =>
    runMeasured(process.execPath, [manual, ...args, '--root', root], { MANUAL_CACHE_DIR: cache });
  const chapters = readdirSync(path.join(root, 'chapters'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .sort();
  const amendments = path.join(root, 'chapters/amendments.yml');
  const releaseSeconds: number[] = [];
  for (let k = 0; k < editions; k++) {
    if (k > 0) reword(root, chapters, k, amendments);
    log(`release ${k + 1} of ${editions}`);
    releaseSeconds.push((await run(['release'])).seconds);
  }
  reword(root, chapters, editions, amendments);
  const times = { editions: [] as number[], step: [] as number[], build: [] as number[], check: [] as number[] };
  const { templatesDir, print } = settingsFrom({ root }, { ...process.env, MANUAL_CACHE_DIR: cache });
  for (let i = 0; i < runs; i++) {
    log(`run ${i + 1} of ${runs}: build of the next edition, ${editions} editions archived`);
    const built = await run(['build', '--timings']);
    times.step.push(step(built.stderr, 'earlier editions'));
    times.build.push(built.seconds);
    log(`run ${i + 1} of ${runs}: the earlier editions alone`);
    const book = await loadBook(root);
    const started = performance.now();
    await renderSite(book, [webEditionsRenderer], { templatesDir, print });
    times.editions.push((performance.now() - started) / 1000);
    log(`run ${i + 1} of ${runs}: check`);
    times.check.push((await run(['check'])).seconds);
  }
  const web = path.join(root, 'dist/web');
  const site = filesUnder(web);
  const last = readdirSync(path.join(root, 'archive'))
    .filter((name) => /^\d{4}-\d{2}$/.test(name))
    .sort()
    .at(-1)!;
  const edition = filesUnder(path.join(root, 'archive', last)).filter((f) => !f.name.endsWith('release.json'));
  return {
    label: `~${pages} (${generated.chapters} chapters)`,
    archived: editions,
    releaseSeconds,
    editionsSeconds: times.editions,
    editionsStepSeconds: times.step,
    buildSeconds: times.build,
    checkSeconds: times.check,
    siteBytes: sum(site),
    editionBytes: sum(edition),
    historyPages: site.filter((f) => f.name.endsWith('.history.html') && !f.name.startsWith('editions/')).length,
    comparePages: site.filter((f) => /\.compare\.[^/]+\.html$/.test(f.name)).length,
  };
}

/** Edition `k` after the first: 20 chapters reworded (a different 20 each time) and listed as updated. */
function reword(root: string, chapters: string[], k: number, amendments: string) {
  const step = Math.floor(chapters.length / CHANGED_CHAPTERS);
  const chosen = chapters.filter((_, i) => i % step === k % step).slice(0, CHANGED_CHAPTERS);
  for (const file of chosen) {
    const full = path.join(root, 'chapters', file);
    writeFileSync(full, changed(full, readFileSync(full, 'utf8'), `In edition ${k + 1}: `));
  }
  const ids = chosen.map((f) => f.replace(/\.md$/, ''));
  writeFileSync(amendments, nextEdition(readFileSync(amendments, 'utf8'), ids, editionAfter(k)));
}

/** The generated manual's edition is 2026-08; edition `k` comes k six-month steps after it. */
function editionAfter(k: number): { id: string; date: string } {
  const months = 2026 * 12 + 7 + 6 * k;
  const id = `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}`;
  return { id, date: `${id}-03` };
}

/** A step's seconds as `--timings` printed it. */
function step(stderr: string, name: string): number {
  const line = stderr.split('\n').find((l) => l.trim().endsWith(`s  ${name}`));
  if (!line) throw new Error(`the build printed no timing for "${name}":\n${stderr}`);
  return Number.parseFloat(line);
}

function filesUnder(dir: string): { name: string; bytes: number }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => ({ name: name.split(path.sep).join('/'), bytes: statSync(path.join(dir, name)) }))
    .filter((f) => f.bytes.isFile())
    .map((f) => ({ name: f.name, bytes: f.bytes.size }));
}

const sum = (files: { bytes: number }[]) => files.reduce((total, f) => total + f.bytes, 0);

export const editionsTable = (rows: EditionsResult[]) => [
  '| Pages | Editions archived | Earlier editions alone | Its step in a build | Whole build | Check | Site / one edition | History / compare pages |',
  '|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.label} | ${r.archived} | ${median(r.editionsSeconds).toFixed(2)} s | ${median(r.editionsStepSeconds).toFixed(2)} s | ${median(r.buildSeconds).toFixed(1)} s | ${median(r.checkSeconds).toFixed(2)} s | ${(r.siteBytes / 1e6).toFixed(0)} MB / ${(r.editionBytes / 1e6).toFixed(0)} MB = ${(r.siteBytes / r.editionBytes).toFixed(1)}x | ${r.historyPages} / ${r.comparePages} |`,
  ),
];

/**
 * `npm run bench -- --editions-only [--sizes 2000] [--editions 10] [--runs 3]`: the earlier
 * editions online, into bench/results-editions.json.
 */
export async function editionsOnly(
  sizes: number[],
  editions: number,
  runs: number,
  { work, results, machine, ...tools }: Tools & { work: string; results: string; machine: object },
): Promise<number> {
  const rows: EditionsResult[] = [];
  for (const pages of sizes)
    rows.push(
      await benchEditions(path.join(work, `manual-${pages}`), { pages, editions, runs }, tools, (what) =>
        process.stderr.write(`[${pages} pages, ${editions} editions] ${what}\n`),
      ),
    );
  writeFileSync(
    results,
    `${JSON.stringify({ date: new Date().toISOString(), machine, runs, sizes: rows }, null, 2)}\n`,
  );
  process.stdout.write(`${editionsTable(rows).join('\n')}\nwritten to ${path.basename(results)}\n`);
  return 0;
}
