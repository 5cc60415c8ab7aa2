#!/usr/bin/env node
// The `manual` command. An installed package runs the JavaScript built before packing (lib/); a
// clone of the repository runs its TypeScript sources from a bundle (see run-bundled.mjs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// A reader that stops early (`manual diff | head`) closes the pipe: the rest is not wanted.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const packed = new URL('../lib/cli/main.mjs', import.meta.url);
const { main } = existsSync(fileURLToPath(packed))
  ? await import(packed.href)
  : await (await import('./run-bundled.mjs')).importBundled('scripts/cli/main.ts', ['scripts']);
process.exitCode = await main(process.argv.slice(2));
