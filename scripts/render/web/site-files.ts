import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Book } from '../../core/book.ts';
import { toolRoot } from '../../core/tool-root.ts';
import type { OutputFile } from '../contract.ts';
import { houseStyles, type Templates } from '../templates.ts';
import { EDITIONS_CSS, EDITIONS_SCRIPT } from './site-plan.ts';

/** The MiniSearch browser bundle, from the installed package: the site asks no CDN for anything. */
async function miniSearchBundle(): Promise<string> {
  const require = createRequire(path.join(toolRoot(), 'package.json'));
  const main = require.resolve('minisearch');
  return readFile(path.join(path.dirname(main), '..', 'umd', 'index.js'), 'utf8');
}

/**
 * The site's fixed files: its stylesheet (the shared house style, then the web's own), the
 * search script from the templates, and MiniSearch's browser bundle.
 */
export async function staticFiles(templates: Templates, book: Pick<Book, 'base'>): Promise<OutputFile[]> {
  const [css, script, miniSearch] = await Promise.all([
    templates.styles(...houseStyles(book), 'web.css'),
    readFile(templates.file('web/assets/search.js'), 'utf8'),
    miniSearchBundle(),
  ]);
  return [
    { name: 'web.css', data: css },
    { name: 'search.js', data: script },
    { name: 'minisearch.js', data: miniSearch },
  ];
}

/** The editions page's stylesheet, which the banner of each replaced edition's pages also loads, and its date field. */
export async function editionsFiles(templates: Templates): Promise<OutputFile[]> {
  const [css, script] = await Promise.all(
    [EDITIONS_CSS, EDITIONS_SCRIPT].map((name) => readFile(templates.file(`web/assets/${name}`), 'utf8')),
  );
  return [
    { name: EDITIONS_CSS, data: css },
    { name: EDITIONS_SCRIPT, data: script },
  ];
}
