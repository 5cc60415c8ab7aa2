import path from 'node:path';
import { Diagnostics } from '../diagnostics.ts';
import { defaultCacheDir } from '../load/markdown-cache.ts';
import { writeFileAtomic } from '../output/write-atomic.ts';
import { buildBook } from '../pipeline.ts';
import { renderHtml } from '../render/html/render-html.ts';
import { templatesDir } from '../render/templates.ts';
import { report } from './report.ts';

/** Checks the manual and, only when it has no errors, writes its editions. */
export async function runBuild(root: string, out?: string): Promise<number> {
  const diagnostics = new Diagnostics();
  const book = await buildBook(root, diagnostics, { cacheDir: defaultCacheDir() });
  report(diagnostics);
  if (!book) {
    process.stderr.write('manual build: nothing was written; fix the errors above and build again\n');
    return 1;
  }
  const outDir = path.resolve(out ?? path.join(root, 'dist'));
  const name = `${book.meta.slug}-${book.edition.id}`;
  const html = await renderHtml(book, templatesDir(book.root));
  const file = path.join(outDir, `${name}.html`);
  await writeFileAtomic(file, html);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file) || file}\n`);
  return 0;
}
