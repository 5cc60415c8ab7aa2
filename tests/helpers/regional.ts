import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { manual, REPO, scratchDir } from './fixture.ts';

export const REGIONAL = path.join(REPO, 'tests/fixtures/regional');

/** A copy of the regional fixture: the base at its first edition and the two local manuals on it. */
export interface Region {
  dir: string;
  base: string;
  torbay: string;
  plymouth: string;
}

export function copyRegion(): Region {
  const dir = scratchDir('region-');
  for (const name of ['base', 'torbay', 'plymouth'])
    cpSync(path.join(REGIONAL, name), path.join(dir, name), { recursive: true });
  return { dir, base: path.join(dir, 'base'), torbay: path.join(dir, 'torbay'), plymouth: path.join(dir, 'plymouth') };
}

export function run(args: string[], root: string): string {
  const result = manual([...args, '--root', root, '-q']);
  if (result.status !== 0) throw new Error(`manual ${args.join(' ')} in ${root}: ${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** The base moves to its second edition, August 2026: three chapters changed, as its amendments list them. */
export function moveBase(region: Region): void {
  cpSync(path.join(REGIONAL, 'base-2026-08'), region.base, { recursive: true });
}

/** A local manual's next edition, September 2026, with no local amendment of its own. */
export function nextLocalEdition(root: string, id = '2026-09', date = '2026-09-07'): void {
  const file = path.join(root, 'chapters/amendments.yml');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace('editions:\n', `editions:\n  - edition: ${id}\n    date: ${date}\n`),
  );
}

/**
 * The region's story: the base releases February 2026, both local manuals release March 2026
 * on it, then the base releases August 2026. The local manuals are left at a September 2026
 * edition, unreleased, on the moved base.
 */
export function regionStory(): Region {
  const region = copyRegion();
  run(['release'], region.base);
  run(['release'], region.torbay);
  run(['release'], region.plymouth);
  moveBase(region);
  run(['release'], region.base);
  nextLocalEdition(region.torbay);
  nextLocalEdition(region.plymouth);
  return region;
}

/**
 * A copy of the region's story, which is made once per test run (about 40 s): the first caller
 * makes it in the run's folder while holding a lock, the others wait for it. Outside a test run's
 * folder (a single file run alone) each caller makes its own.
 */
export async function sharedRegionStory(): Promise<Region> {
  const runFolder = tmpdir();
  if (!path.basename(runFolder).startsWith('manual-tests-')) return regionStory();
  const shared = path.join(runFolder, 'region-story');
  const done = path.join(shared, 'made');
  try {
    mkdirSync(`${shared}.lock`);
    const made = regionStory();
    for (const name of ['base', 'torbay', 'plymouth'])
      cpSync(path.join(made.dir, name), path.join(shared, name), { recursive: true });
    writeFileSync(done, '');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    for (let waited = 0; !existsSync(done); waited += 500) {
      if (waited > 300_000) throw new Error(`the region story in ${shared} was never finished`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  const dir = scratchDir('region-');
  for (const name of ['base', 'torbay', 'plymouth'])
    cpSync(path.join(shared, name), path.join(dir, name), { recursive: true });
  return { dir, base: path.join(dir, 'base'), torbay: path.join(dir, 'torbay'), plymouth: path.join(dir, 'plymouth') };
}
