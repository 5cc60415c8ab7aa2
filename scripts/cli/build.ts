import path from 'node:path';
import { Diagnostics } from '../core/diagnostics.ts';
import type { Settings } from '../core/settings.ts';
import { checkOutputs, ledgerLine, reportedTemplateSyntax } from '../output/ledger/ledger.ts';
import { renderOutputs, renderSteps, warmUp, writeOutputs } from '../output/render-outputs.ts';
import type { StepCounter, StepTimer, Timing } from '../render/contract.ts';
import { buildBook, pipelineOptions } from '../pipeline/pipeline.ts';
import { startProgress, type Progress } from './progress.ts';
import { report } from './report.ts';

export function timingsPrinter(enabled: boolean): Timing | undefined {
  return enabled
    ? (step, ms) => void process.stderr.write(`${(ms / 1000).toFixed(2).padStart(7)} s  ${step}\n`)
    : undefined;
}

/** Checks the manual and, only when it has no errors, writes its outputs. */
export async function runBuild(settings: Settings): Promise<number> {
  const started = performance.now();
  const timing = timingsPrinter(settings.timings);
  const diagnostics = new Diagnostics();
  // Chromium starts while the manual is checked, in processes of its own.
  const resources = warmUp(settings);
  const progress = startProgress(settings.progress, BUILD_STEPS);
  let rendering = false;
  let checked = true;
  let written: string[] = [];
  let summary = '';
  try {
    const book = await progress.time('check', () => buildBook(settings.root, diagnostics, pipelineOptions(settings)));
    timing?.('check and book model', performance.now() - started);
    if (!book) {
      checked = false;
      return 1;
    }
    rendering = true; // from here on, renderOutputs closes the shared resources
    const outputs = await renderOutputs(book, settings, timing, resources, shownSteps(progress, timing));
    const reported = reportedTemplateSyntax(diagnostics);
    const ledger = await shownSteps(progress, timing).time('checking the outputs', () =>
      checkOutputs(book, outputs, reported, diagnostics),
    );
    if (diagnostics.hasErrors()) {
      checked = false;
      return 1;
    }
    summary = ledgerLine(ledger, book.meta.language);
    written = await progress.time('writing', () => writeOutputs(outputs.files, settings.out));
  } finally {
    await progress.end();
    if (!rendering) await resources.close();
    // After the progress display, which owns the terminal while it runs; also when rendering failed.
    report(diagnostics);
    if (!checked) process.stderr.write('manual build: nothing was written; fix the errors above and build again\n');
  }
  for (const line of writtenLines(written, settings.out)) process.stdout.write(`${line}\n`);
  process.stdout.write(`checked ${summary}\n`);
  timing?.('whole build', performance.now() - started);
  return 0;
}

/** The steps a build shows: checking, the renderers' own, then reading the outputs back and writing them. */
const BUILD_STEPS = ['check', ...renderSteps(), 'checking the outputs', 'writing'];

/** The renderers' step timer and counter: each step shown and, with --timings, how long it took printed. */
export function shownSteps(progress: Progress, timing: Timing | undefined): { time: StepTimer; count: StepCounter } {
  const time: StepTimer = (step, work) => {
    const started = performance.now();
    return progress.time(step, work).finally(() => timing?.(step, performance.now() - started));
  };
  return { time, count: progress.count };
}

/** What a build says it wrote: each file in the output folder, and each folder below it (the web edition) once. */
function writtenLines(files: string[], outDir: string): string[] {
  const folders = new Map<string, number>();
  const lines: string[] = [];
  const shown = (file: string) => path.relative(process.cwd(), file) || file;
  for (const file of files) {
    const [top, ...below] = path.relative(outDir, file).split(path.sep);
    if (below.length === 0) lines.push(`wrote ${shown(file)}`);
    else folders.set(top, (folders.get(top) ?? 0) + 1);
  }
  for (const [folder, count] of folders) lines.push(`wrote ${shown(path.join(outDir, folder))}/ (${count} files)`);
  return lines;
}
