import path from 'node:path';
import { Diagnostics } from '../diagnostics.ts';
import { defaultCacheDir } from '../load/markdown-cache.ts';
import { renderEditions, writeEditions } from '../output/render-editions.ts';
import { buildBook } from '../pipeline.ts';
import { report } from './report.ts';

/** Checks the manual and, only when it has no errors, writes its editions. */
export async function runBuild(root: string, out?: string, timings = false): Promise<number> {
  const started = performance.now();
  const timing = timings ? (step: string, ms: number) => process.stderr.write(`${(ms / 1000).toFixed(2).padStart(7)} s  ${step}\n`) : undefined;
  const diagnostics = new Diagnostics();
  const book = await buildBook(root, diagnostics, { cacheDir: defaultCacheDir() });
  timing?.('check and book model', performance.now() - started);
  report(diagnostics);
  if (!book) {
    process.stderr.write('manual build: nothing was written; fix the errors above and build again\n');
    return 1;
  }
  const outDir = path.resolve(out ?? path.join(root, 'dist'));
  const editions = await renderEditions(book, { printTimeout: 600_000, timing });
  for (const file of await writeEditions(editions.files, outDir)) process.stdout.write(`wrote ${path.relative(process.cwd(), file) || file}\n`);
  timing?.('whole build', performance.now() - started);
  return 0;
}
