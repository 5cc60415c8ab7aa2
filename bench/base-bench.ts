import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { slug } from 'github-slugger';
import { generateManual } from './generate-manual.ts';
import { median, runMeasured } from './measure.ts';

export interface BaseResult {
  label: string;
  /** What the local manual changes of its base. */
  changes: { added: number; substituted: number; leftOut: number; information: number };
  baseBuildSeconds: number[];
  localBuildSeconds: number[];
  baseCheckSeconds: number[];
  localCheckSeconds: number[];
}

const ADDED = 10;
const SUBSTITUTED = 5;
const LEFT_OUT = 3;
const INFORMATION = 10;

/**
 * A local manual on the synthetic manual as its base: ten local chapters added after base
 * chapters, five substituted, three left out, local information in ten, each built and checked
 * `runs` times, alternating with the base alone (each with its own warm cache).
 */
export async function benchBase(
  work: string,
  { pages, runs }: { pages: number; runs: number },
  manual: string,
  log: (what: string) => void,
): Promise<BaseResult> {
  const base = path.join(work, 'base');
  const local = path.join(work, 'local');
  const generated = await generateManual(base, { pages });
  const ids = readdirSync(path.join(base, 'chapters'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.replace(/\.md$/, ''))
    .sort();
  writeLocalManual(base, local, ids);
  const run = (root: string, args: string[]) =>
    runMeasured(process.execPath, [manual, ...args, '--root', root, '-q'], {
      MANUAL_CACHE_DIR: path.join(root, '.cache'),
    });
  log('filling the caches');
  await run(base, ['build']);
  await run(local, ['build']);
  const times = {
    baseBuild: [] as number[],
    localBuild: [] as number[],
    baseCheck: [] as number[],
    localCheck: [] as number[],
  };
  for (let i = 0; i < runs; i++) {
    log(`run ${i + 1} of ${runs}: builds, the base alone then the local manual`);
    times.baseBuild.push((await run(base, ['build'])).seconds);
    times.localBuild.push((await run(local, ['build'])).seconds);
    log(`run ${i + 1} of ${runs}: checks`);
    times.baseCheck.push((await run(base, ['check'])).seconds);
    times.localCheck.push((await run(local, ['check'])).seconds);
  }
  return {
    label: `~${pages} (${generated.chapters} chapters)`,
    changes: { added: ADDED, substituted: SUBSTITUTED, leftOut: LEFT_OUT, information: INFORMATION },
    baseBuildSeconds: times.baseBuild,
    localBuildSeconds: times.localBuild,
    baseCheckSeconds: times.baseCheck,
    localCheckSeconds: times.localCheck,
  };
}

/** The local manual: chapters spread over the base's, taken in turn for each kind of change. */
function writeLocalManual(base: string, local: string, ids: string[]): void {
  mkdirSync(path.join(local, 'chapters/local'), { recursive: true });
  const step = Math.floor(ids.length / (ADDED + SUBSTITUTED + LEFT_OUT + INFORMATION));
  const pick = (k: number) => ids[k * step];
  const changes: string[] = [];
  let k = 0;
  for (let i = 0; i < ADDED; i++, k++) {
    const name = `local/added-${i + 1}`;
    writeFileSync(path.join(local, `chapters/${name}.md`), localChapter(`Local Procedure ${i + 1}`, ids[1], name));
    changes.push(`  - add:\n      - chapter: ${name}\n    after: ${pick(k)}`);
  }
  for (let i = 0; i < SUBSTITUTED; i++, k++) {
    const name = `local/substitute-${i + 1}`;
    writeFileSync(path.join(local, `chapters/${name}.md`), localChapter(`Local Version ${i + 1}`, ids[1], name));
    changes.push(`  - substitute: ${pick(k)}\n    chapter: ${name}`);
  }
  for (let i = 0; i < LEFT_OUT; i++, k++)
    changes.push(`  - leave-out: ${pick(k)}\n    reason: Not a service this council runs.`);
  for (let i = 0; i < INFORMATION; i++, k++) {
    const name = `local/information-${i + 1}.md`;
    const heading = /^## (.+)$/m.exec(readFileSync(path.join(base, 'chapters', `${pick(k)}.md`), 'utf8'))?.[1];
    const marker = heading ? `<!-- after: #${slug(heading.replace(/\{#.*\}$/, '').trim())} -->` : '<!-- end -->';
    writeFileSync(path.join(local, 'chapters', name), `${marker}\n\nCall the council's duty team on 01234 567890.\n`);
    changes.push(`  - information: ${pick(k)}\n    file: ${name}`);
  }
  writeFileSync(
    path.join(local, 'chapters/contents.yml'),
    `title: Local Procedures\npublisher: A Council\nlanguage: en-GB\nbase:\n  path: ../base\nlocal:\n${changes.join('\n')}\n`,
  );
  writeFileSync(path.join(local, 'chapters/amendments.yml'), 'editions:\n  - edition: 2026-09\n    date: 2026-09-07\n');
}

function localChapter(title: string, linked: string, own: string): string {
  const back = path.posix.relative(path.posix.dirname(own), linked);
  return `# ${title}\n\nThe council's own procedure. See [](${back}.md).\n\n## Contacts\n\nThe duty team answers on 01234 567890.\n`;
}

export const baseTable = (rows: BaseResult[]) => [
  '| Pages | Base alone: build | Local manual: build | Ratio | Base alone: check | Local manual: check |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => {
    const [b, l] = [median(r.baseBuildSeconds), median(r.localBuildSeconds)];
    return `| ${r.label} | ${b.toFixed(1)} s | ${l.toFixed(1)} s | ${(l / b).toFixed(3)} | ${median(r.baseCheckSeconds).toFixed(2)} s | ${median(r.localCheckSeconds).toFixed(2)} s |`;
  }),
];
