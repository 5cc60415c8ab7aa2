import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Assets } from '../core/book.ts';

/** The files of the manual in `root`, as the book model hands them to renderers. */
export function manualAssets(root: string): Assets {
  return {
    read: (file) => readFileSync(path.join(root, file)),
    url: (file) => pathToFileURL(path.join(root, file)).href,
    baseUrl: pathToFileURL(`${root}/`).href,
    key: createHash('sha256').update(root).digest('hex').slice(0, 16),
  };
}
