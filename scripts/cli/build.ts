import path from 'node:path';
import { Diagnostics } from '../diagnostics.ts';
import { defaultCacheDir } from '../load/markdown-cache.ts';
import { renderEditions, writeEditions } from '../output/render-editions.ts';
import { launchBrowser, printTimeout } from '../render/pdf/browser.ts';
import { buildBook } from '../pipeline.ts';
import type { CommandOptions } from './main.ts';
import { report } from './report.ts';


export function timingsPrinter(enabled: boolean) {
  return enabled ? (step: string, ms: number) => void process.stderr.write(`${(ms / 1000).toFixed(2).padStart(7)} s  ${step}\n`) : undefined;
}

/** Checks the manual and, only when it has no errors, writes its editions. */
export async function runBuild({ root, out, archive, timings }: CommandOptions): Promise<number> {
  const started = performance.now();
  const timing = timingsPrinter(timings);
  const diagnostics = new Diagnostics();
  const cacheDir = defaultCacheDir();
  // Chromium takes 1-2 s to start, in processes of its own: it starts while the manual is checked.
  const browser = launchBrowser();
  browser.catch(() => undefined); // a missing Chromium is reported when the PDFs need it
  let rendering = false;
  try {
    const book = await buildBook(root, diagnostics, { cacheDir, archiveDir: archive });
    timing?.('check and book model', performance.now() - started);
    report(diagnostics);
    if (!book) {
      process.stderr.write('manual build: nothing was written; fix the errors above and build again\n');
      return 1;
    }
    rendering = true; // from here on, renderEditions closes the browser
    const editions = await renderEditions(book, { printTimeout: printTimeout(), cacheDir, browser, timing });
    for (const file of await writeEditions(editions.files, out)) process.stdout.write(`wrote ${path.relative(process.cwd(), file) || file}\n`);
  } finally {
    if (!rendering) await browser.then((b) => b.close()).catch(() => undefined);
  }
  timing?.('whole build', performance.now() - started);
  return 0;
}
