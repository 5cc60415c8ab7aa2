import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Diagnostics } from '../scripts/core/diagnostics.ts';
import { buildBook } from '../scripts/pipeline/pipeline.ts';
import { renderEpub } from '../scripts/render/epub/render-epub.ts';
import { settingsFrom } from '../scripts/cli/settings.ts';
import { launchBrowser } from '../scripts/render/pdf/browser.ts';
import { printView } from '../scripts/render/pdf/print-view.ts';
import { pdfJob } from '../scripts/render/pdf/render-pdf.ts';
import { toolRoot } from '../scripts/core/tool-root.ts';
import type { Book } from '../scripts/core/book.ts';
import { committedResults, compared, compareOnly, resultsFile } from './compare.ts';
import { baseTable, benchBase } from './base-bench.ts';
import { generateManual } from './generate-manual.ts';
import { SHAPES, type ShapeName } from './manual-shapes.ts';
import { benchWeb } from './web-bench.ts';
import { benchMarks, type MarksResult } from './marks-bench.ts';
import { editionsOnly } from './editions-bench.ts';
import { median, runMeasured, type Run } from './measure.ts';
import { resultsTable, webTable, type SizeResult, type WebRow } from './table.ts';

const REPO = toolRoot();
const MANUAL = path.join(REPO, 'scripts/manual.mjs');
const RESULTS = path.join(REPO, 'bench/results.json');

/**
 * `npm run bench [-- --sizes 300,1000,2000 --runs 3 --shapes derby,council --compare]`: for each
 * shape and size, a synthetic manual, and in one run the medians of `manual check`, a cold build
 * (printing the PDFs as the memory budget decides), a cold build printing them one after the
 * other as on a machine short of memory, a rebuild after one chapter changed, the EPUB alone, the
 * web edition alone (with its search index's gzipped size), `manual preview` (its start, and saves
 * followed in Chromium), the built site's search, and the floor: one bare Chromium print of the
 * partner PDF's own HTML. Ratios are to the floor measured in the same run. `--compare` then
 * prints every figure more than 10% worse than the committed results' and exits 1 if there is one.
 */
export async function main(argv: string[]): Promise<number> {
  const sizes = option(argv, '--sizes', '300,1000,2000').split(',').map(Number);
  const runs = Number(option(argv, '--runs', '3'));
  if (argv.includes('--compare-only'))
    return compareOnly(option(argv, '--compare-only', ''), option(argv, '--against', ''), REPO);
  if (argv.includes('--web-only')) return webOnly(sizes, runs);
  if (argv.includes('--marks-only')) return marksOnly(option(argv, '--sizes', '1000').split(',').map(Number), runs);
  if (argv.includes('--editions-only')) {
    const work = mkdtempSync(path.join(os.tmpdir(), 'manual-bench-'));
    const results = path.join(REPO, 'bench/results-editions.json');
    const editions = Number(option(argv, '--editions', '10'));
    try {
      const pages = option(argv, '--sizes', '2000').split(',').map(Number);
      return await editionsOnly(pages, editions, runs, { manual: MANUAL, loadBook, work, results, machine: machine() });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  if (argv.includes('--base-only')) return baseOnly(option(argv, '--sizes', '2000').split(',').map(Number), runs);
  const shapes = option(argv, '--shapes', SHAPES.join(',')).split(',') as ShapeName[];
  if (!shapes.every((shape) => SHAPES.includes(shape)))
    return usage(`--shapes takes ${SHAPES.join(', ')} or both, not "${shapes.join(',')}"`);
  // Read before this run overwrites it: what --compare falls back on when git has no committed copy.
  const before = argv.includes('--compare') ? resultsFile(RESULTS) : undefined;
  const work = mkdtempSync(path.join(os.tmpdir(), 'manual-bench-'));
  const results: SizeResult[] = [];
  try {
    for (const shape of shapes)
      for (const pages of sizes)
        results.push(await benchSize(path.join(work, `manual-${shape}-${pages}`), pages, runs, shape));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const report = { date: new Date().toISOString(), machine: machine(), runs, sizes: results };
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${resultsTable(report)}\nwritten to bench/results.json\n`);
  if (!argv.includes('--compare')) return 0;
  const committed = committedResults(REPO);
  if (committed) return compared(report, committed, 'bench/results.json in the last commit');
  return compared(report, before, 'bench/results.json as it was before this run');
}

function usage(problem: string): number {
  process.stderr.write(`bench: ${problem}\n`);
  return 2;
}

/**
 * `npm run bench -- --web-only`: the web edition alone, the preview and the search for each
 * size, without printing any PDF (minutes instead of most of an hour), into bench/results-web.json.
 */
async function webOnly(sizes: number[], runs: number): Promise<number> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'manual-bench-'));
  const rows: WebRow[] = [];
  try {
    for (const target of sizes) {
      const root = path.join(work, `manual-${target}`);
      const generated = await generateManual(root, { pages: target });
      const log = (what: string) =>
        process.stderr.write(`[${target} pages] ${what}
`);
      const cacheDir = path.join(root, '.cache-check');
      log('check, filling the parse cache');
      await runMeasured(process.execPath, [MANUAL, 'check', '--root', root], { MANUAL_CACHE_DIR: cacheDir });
      const settings = settingsFrom({ root }, process.env);
      const web = await benchWeb(await loadBook(root), { root, settings, manual: MANUAL, cacheDir }, runs, log);
      rows.push({ label: `~${target} (${generated.chapters} chapters)`, web });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const report = { date: new Date().toISOString(), machine: machine(), runs, sizes: rows };
  writeFileSync(path.join(REPO, 'bench/results-web.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${webTable(rows).join('\n')}\nwritten to bench/results-web.json\n`);
  return 0;
}

/**
 * `npm run bench -- --marks-only [--sizes 1000]`: what change marks cost a cold build of the next
 * edition, into bench/results-marks.json.
 */
async function marksOnly(sizes: number[], runs: number): Promise<number> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'manual-bench-'));
  const rows: MarksResult[] = [];
  try {
    for (const pages of sizes)
      rows.push(
        await benchMarks(path.join(work, `manual-${pages}`), pages, runs, MANUAL, (what) =>
          process.stderr.write(`[${pages} pages] ${what}\n`),
        ),
      );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const report = { date: new Date().toISOString(), machine: machine(), runs, sizes: rows };
  writeFileSync(path.join(REPO, 'bench/results-marks.json'), `${JSON.stringify(report, null, 2)}\n`);
  const table = [
    '| Pages | Next edition, nothing changed | 20 chapters changed | the same, --no-change-marks | changed / nothing changed |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${r.none.toFixed(1)} s | ${r.changed.toFixed(1)} s | ${r.changedWithoutMarks.toFixed(1)} s | ${r.ratio.toFixed(3)} |`,
    ),
  ];
  process.stdout.write(`${table.join('\n')}\nwritten to bench/results-marks.json\n`);
  return 0;
}

async function benchSize(root: string, target: number, runs: number, shape: ShapeName): Promise<SizeResult> {
  const generated = await generateManual(root, { pages: target, shape });
  const log = (what: string) => process.stderr.write(`[${shape}, ${target} pages] ${what}\n`);
  const manual = (args: string[], cache: string, env: NodeJS.ProcessEnv = {}) =>
    runMeasured(process.execPath, [MANUAL, ...args, '--root', root], { MANUAL_CACHE_DIR: cache, ...env });
  const out = path.join(root, 'dist');

  log('check');
  await manual(['check'], path.join(root, '.cache-check')); // fills the parse cache, as any earlier check would
  const checks: number[] = [];
  for (let i = 0; i < runs; i++) checks.push((await manual(['check'], path.join(root, '.cache-check'))).seconds);
  const check = summary(checks);

  // Each run measures the floor and then the builds it is the floor of, so that a slow spell of
  // this shared machine weighs on both sides of a ratio: ratios are medians of each run's ratios.
  const book = await loadBook(root);
  const runsOf: { floor: number; cold: Run; coldOneAtATime: Run; rebuild: Run }[] = [];
  let pdfPages: SizeResult['pages'] | undefined;
  for (let i = 0; i < runs; i++) {
    log(`run ${i + 1} of ${runs}: floor (one bare print of the partner PDF)`);
    const floor = await timed(() => barePrint(book, root));
    log(`run ${i + 1} of ${runs}: cold build (empty cache)`);
    const cold = await manual(['build', '--timings'], path.join(root, `.cache-cold-${i}`));
    pdfPages ??= pagesOf(out);
    log(`run ${i + 1} of ${runs}: cold build, one PDF after the other`);
    const coldOneAtATime = await manual(['build'], path.join(root, `.cache-one-${i}`), {
      MANUAL_PRINT_ONE_AT_A_TIME: '1',
    });
    log(`run ${i + 1} of ${runs}: rebuild after changing one chapter`);
    changeOneChapter(root, i);
    const rebuild = await manual(['build', '--timings'], path.join(root, '.cache-cold-0'));
    runsOf.push({ floor, cold, coldOneAtATime, rebuild });
  }
  const floor = summary(runsOf.map((r) => r.floor));
  const builds = (kind: 'cold' | 'coldOneAtATime' | 'rebuild') => ({
    ...summary(runsOf.map((r) => r[kind].seconds)),
    peakBytes: Math.max(...runsOf.map((r) => r[kind].peakBytes)),
    ratio: median(runsOf.map((r) => r[kind].seconds / r.floor)),
  });
  const [cold, coldOneAtATime, rebuild] = [builds('cold'), builds('coldOneAtATime'), builds('rebuild')];
  const ledgerSeconds = runsOf.map((r) => stepSeconds(r.cold.stderr, 'checking the outputs'));
  const ledger = { ...summary(ledgerSeconds), share: median(runsOf.map((r, i) => ledgerSeconds[i] / r.cold.seconds)) };

  const settings = settingsFrom({ root }, process.env);
  log('EPUB alone');
  const epub = await repeatInProcess(runs, () => renderEpub(book, settings.templatesDir));
  const web = await benchWeb(
    book,
    { root, settings, manual: MANUAL, cacheDir: path.join(root, '.cache-cold-0') },
    runs,
    log,
  );
  return {
    shape,
    target,
    chapters: generated.chapters,
    markdownBytes: generated.bytes,
    pages: pdfPages!,
    check,
    floor,
    cold,
    rebuild,
    coldOneAtATime,
    epub,
    ledger,
    ...web,
    lastBuildTimings: runsOf.at(-1)!.cold.stderr,
  };
}

async function repeatInProcess(
  runs: number,
  run: () => Promise<unknown>,
): Promise<{ seconds: number[]; median: number }> {
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) seconds.push(await timed(run));
  return summary(seconds);
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

const summary = (seconds: number[]) => ({ seconds, median: median(seconds) });

/** The seconds `--timings` printed for a step ("   4.44 s  checking the outputs"). */
function stepSeconds(timings: string, step: string): number {
  const line = timings.split('\n').find((l) => l.trim().endsWith(`s  ${step}`));
  return line ? Number.parseFloat(line) : Number.NaN;
}

/** The floor: start Chromium as a build does, print the partner PDF's HTML once (no page numbers, no second pass), stop it. */
async function barePrint(book: Book, root: string): Promise<void> {
  const { print, templatesDir } = settingsFrom({ root }, process.env);
  const browser = await launchBrowser({ executable: print.chromium, timeout: print.timeout });
  try {
    const job = await pdfJob(book, browser, templatesDir, { timeout: print.timeout });
    await browser.print(
      job.templates.render('edition', printView(book, 'partner', job.parts, job.chapters, undefined, job.css.partner)),
      job.options,
    );
  } finally {
    await browser.close();
  }
}

/**
 * `npm run bench -- --base-only [--sizes 2000] [--runs 3]`: a local manual on the synthetic
 * manual as its regional base against the base alone, into bench/results-base.json.
 */
async function baseOnly(sizes: number[], runs: number): Promise<number> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'manual-bench-'));
  try {
    const rows = [];
    for (const pages of sizes)
      rows.push(
        await benchBase(path.join(work, `region-${pages}`), { pages, runs }, MANUAL, (what) =>
          process.stderr.write(`[${pages} pages, on a base] ${what}\n`),
        ),
      );
    const results = path.join(REPO, 'bench/results-base.json');
    writeFileSync(
      results,
      `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), runs, sizes: rows }, null, 2)}\n`,
    );
    process.stdout.write(`${baseTable(rows).join('\n')}\nwritten to ${path.basename(results)}\n`);
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function loadBook(root: string): Promise<Book> {
  const diagnostics = new Diagnostics();
  const book = await buildBook(root, diagnostics);
  if (!book) throw new Error(`the generated manual has errors:\n${diagnostics.items.map((d) => d.message).join('\n')}`);
  return book;
}

/** A small real edit: one sentence added to the first paragraph of a chapter in the middle of the book. */
function changeOneChapter(root: string, run: number): void {
  const chapters = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .sort();
  const file = path.join(root, chapters[Math.floor(chapters.length / 2)]);
  const text = readFileSync(file, 'utf8');
  const paragraph = /\n\n([A-Z][^\n]*)\n/.exec(text);
  if (!paragraph) throw new Error(`no paragraph to change in ${file}`);
  const at = paragraph.index + 2 + paragraph[1].length;
  writeFileSync(file, `${text.slice(0, at)} This was reviewed again in run ${run + 1}.${text.slice(at)}`);
}

function pagesOf(out: string): { partner: number; binder: number } {
  const pdfs = readdirSync(out).filter((f) => f.endsWith('.pdf'));
  const count = (file: string) =>
    Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [path.join(out, file)], { encoding: 'utf8' }))![1]);
  return {
    partner: count(pdfs.find((f) => !f.endsWith('-print.pdf'))!),
    binder: count(pdfs.find((f) => f.endsWith('-print.pdf'))!),
  };
}

function machine() {
  const chromium = execFileSync(process.env.MANUAL_CHROMIUM ?? '/usr/bin/chromium', ['--version'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    chromium,
  };
}

function option(argv: string[], name: string, fallback: string): string {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
}
