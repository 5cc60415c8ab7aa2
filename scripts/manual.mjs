#!/usr/bin/env node
// The `manual` command. The pipeline is TypeScript; running it through a loader hook (tsx) cost
// 0.7 s a run, half of a `manual check`, so it is bundled once into plain JavaScript by esbuild
// and the bundle kept under a hash of the sources: an edited source makes a new bundle, never a
// stale run. Packages stay outside the bundle and load from node_modules as usual.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const scripts = path.dirname(fileURLToPath(import.meta.url));
const bundle = path.join(scripts, '../node_modules/.cache/manual-editions/cli', `main-${sourceHash()}.mjs`);
if (!existsSync(bundle)) {
  const { build } = await import('esbuild');
  const temporary = `${bundle}.tmp-${process.pid}`;
  await build({
    entryPoints: [path.join(scripts, 'cli/main.ts')],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
  });
  renameSync(temporary, bundle);
  for (const old of readdirSync(path.dirname(bundle))) {
    if (old.startsWith('main-') && old !== path.basename(bundle)) rmSync(path.join(path.dirname(bundle), old), { force: true });
  }
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));

function sourceHash() {
  const hash = createHash('sha256');
  const files = readdirSync(scripts, { recursive: true }).filter((f) => f.endsWith('.ts')).sort();
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(path.join(scripts, file))).update('\0');
  return hash.digest('hex').slice(0, 16);
}
