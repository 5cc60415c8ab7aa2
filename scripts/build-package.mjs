// `npm pack` runs this first (prepack): the command as plain JavaScript in lib/cli/, so that an
// installed copy never compiles at run time and never writes inside its own folder.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleEntry } from './run-bundled.mjs';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const lib = path.join(repo, 'lib');
if (process.argv[2] === '--clean') rmSync(lib, { recursive: true, force: true });
else {
  rmSync(lib, { recursive: true, force: true });
  await bundleEntry('scripts/cli/main.ts', path.join(lib, 'cli'), { sourcemap: false });
}
