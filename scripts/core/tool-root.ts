import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder this tool is installed in (its templates and its cache live there). Found by walking
 * up to our own package.json, because the code runs both from its sources and from a bundle kept
 * elsewhere in the tool's folder.
 */
export function toolRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'manual-editions'
    )
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the manual-editions folder above this script');
    dir = parent;
  }
}
