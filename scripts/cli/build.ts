import path from 'node:path';
import { Diagnostics } from '../core/diagnostics.ts';
import type { Settings } from '../core/settings.ts';
import { renderOutputs, writeOutputs } from '../output/render-outputs.ts';
import type { Timing } from '../render/contract.ts';
import { startBrowsers } from '../render/pdf/browsers.ts';
import { buildBook } from './pipeline.ts';
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
  const browsers = startBrowsers(settings.print);
  let rendering = false;
  try {
    const book = await buildBook(settings.root, diagnostics, {
      cacheDir: settings.cacheDir,
      archiveDir: settings.archive,
      changeMarks: settings.changeMarks,
    });
    timing?.('check and book model', performance.now() - started);
    report(diagnostics);
    if (!book) {
      process.stderr.write('manual build: nothing was written; fix the errors above and build again\n');
      return 1;
    }
    rendering = true; // from here on, renderOutputs closes the browser
    const outputs = await renderOutputs(book, settings, timing, browsers);
    const written = await writeOutputs(outputs.files, settings.out);
    for (const line of writtenLines(written, settings.out)) process.stdout.write(`${line}\n`);
  } finally {
    if (!rendering) await browsers.close();
  }
  timing?.('whole build', performance.now() - started);
  return 0;
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
