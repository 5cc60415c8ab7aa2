// Runs a TypeScript entry point of this repository as plain JavaScript. A loader hook (tsx) would
// cost half of a `manual check` on every run, so each entry is bundled once by esbuild and the
// bundle kept under a hash of the sources it may import and of the installed packages: an edited
// source or a new package version makes a new bundle, never a stale run. The unified, YAML and
// other small packages go into the bundle too: loading some 500 package files one by one is a
// large part of a check. Packages that read files beside their code, load a native binary or are
// used only by a build stay in node_modules.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const EXTERNAL = ['puppeteer-core', 'pdf-lib', 'epub-gen-memory', 'handlebars', 'esbuild', 'svgo'];

/** Imports `entry` (relative to the repository) from its bundle; `folders` hold every source it imports. */
export async function importBundled(entry, folders) {
  const name = path.basename(entry, '.ts');
  // A folder per bundle: code behind a dynamic import() goes into chunks loaded only when used.
  const bundle = path.join(repo, 'node_modules/.cache/manual-editions/cli', `${name}-${sourceHash(folders)}`);
  if (!existsSync(bundle)) {
    const temporary = `${bundle}.tmp-${process.pid}`;
    await bundleEntry(entry, temporary);
    try {
      renameSync(temporary, bundle);
    } catch {
      rmSync(temporary, { recursive: true, force: true }); // another run made the same bundle first
    }
    removeUnused(name, bundle);
  }
  // Marks the bundle as in use: a run still loading chunks from it keeps it from removeUnused.
  const now = new Date();
  utimesSync(bundle, now, now);
  return import(pathToFileURL(path.join(bundle, `${name}.mjs`)).href);
}

/** A day: longer than a build or a working day's preview loads chunks from the bundle it started with. */
const KEPT_UNUSED_MS = 24 * 60 * 60 * 1000;

/** Removes the entry's other bundles that no run has started from for a day (about 8 MB each). */
function removeUnused(name, bundle) {
  const folder = path.dirname(bundle);
  for (const old of readdirSync(folder)) {
    if (!old.startsWith(`${name}-`) || old === path.basename(bundle)) continue;
    const at = path.join(folder, old);
    try {
      if (Date.now() - statSync(at).mtimeMs > KEPT_UNUSED_MS) rmSync(at, { recursive: true, force: true });
    } catch {
      // another run removed it first
    }
  }
}

/** Bundles `entry` (relative to the repository) into `outdir` as `<name>.mjs` and its chunks. */
export async function bundleEntry(entry, outdir, { sourcemap = 'linked' } = {}) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(repo, entry)],
    outdir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    sourcemap,
    // Bundled CommonJS packages (yaml) call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __manualRequire } from 'node:module'; const require = __manualRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
}

function sourceHash(folders) {
  const hash = createHash('sha256');
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  const installed = path.join(repo, 'node_modules/.package-lock.json');
  hash.update(existsSync(installed) ? readFileSync(installed) : readFileSync(path.join(repo, 'package-lock.json')));
  for (const folder of folders) {
    const files = readdirSync(path.join(repo, folder), { recursive: true })
      .filter((f) => f.endsWith('.ts'))
      .sort();
    for (const file of files)
      hash
        .update(`${folder}/${file}\0`)
        .update(readFileSync(path.join(repo, folder, file)))
        .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}
