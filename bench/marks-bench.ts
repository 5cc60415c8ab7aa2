import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateManual } from './generate-manual.ts';
import { median, runMeasured } from './measure.ts';

export interface MarksResult {
  label: string;
  /** Median seconds of a cold build of the next edition, by what changed since the release. */
  none: number;
  changed: number;
  changedWithoutMarks: number;
  /** Median of each run's changed / none. */
  ratio: number;
  changedChapters: number;
  /** Every run's seconds, in the order they ran. */
  seconds: { none: number[]; changed: number[]; changedWithoutMarks: number[] };
}

const CHANGED_CHAPTERS = 20;

/**
 * The cost of change marks: a synthetic manual released, then cold builds of its next edition
 * with no chapter changed, with 20 chapters changed (a sentence each, so 20 banners and marks in
 * every output, and the binder waiting for where its bars fall), and the same without marks.
 * Each run builds all three, one after the other, so a slow spell of the machine weighs on all.
 */
export async function benchMarks(
  root: string,
  pages: number,
  runs: number,
  manual: string,
  log: (what: string) => void,
): Promise<MarksResult> {
  const generated = await generateManual(root, { pages });
  const run = (args: string[], cache: string) =>
    runMeasured(process.execPath, [manual, ...args, '--root', root], { MANUAL_CACHE_DIR: path.join(root, cache) });
  log('release of the first edition (two builds)');
  await run(['release'], '.cache-release');
  const chapters = readdirSync(path.join(root, 'chapters'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .sort();
  const picked = chapters.filter((_, i) => i % Math.floor(chapters.length / CHANGED_CHAPTERS) === 0);
  const chosen = picked.slice(0, CHANGED_CHAPTERS).map((f) => path.join(root, 'chapters', f));
  const originals = new Map(chosen.map((file) => [file, readFileSync(file, 'utf8')]));
  const amendments = path.join(root, 'chapters/amendments.yml');
  const released = readFileSync(amendments, 'utf8');
  const variants = {
    none: () => {
      for (const [file, text] of originals) writeFileSync(file, text);
      writeFileSync(amendments, nextEdition(released, []));
    },
    changed: () => {
      for (const [file, text] of originals) writeFileSync(file, changed(file, text));
      writeFileSync(
        amendments,
        nextEdition(
          released,
          [...originals.keys()].map((f) => idOf(root, f)),
        ),
      );
    },
  };
  const times = { none: [] as number[], changed: [] as number[], changedWithoutMarks: [] as number[] };
  for (let i = 0; i < runs; i++) {
    log(`run ${i + 1} of ${runs}: next edition, nothing changed`);
    variants.none();
    times.none.push((await run(['build'], `.cache-none-${i}`)).seconds);
    log(`run ${i + 1} of ${runs}: next edition, ${CHANGED_CHAPTERS} chapters changed`);
    variants.changed();
    times.changed.push((await run(['build'], `.cache-changed-${i}`)).seconds);
    log(`run ${i + 1} of ${runs}: the same, --no-change-marks`);
    times.changedWithoutMarks.push((await run(['build', '--no-change-marks'], `.cache-plain-${i}`)).seconds);
  }
  return {
    label: `~${pages} (${generated.chapters} chapters)`,
    none: median(times.none),
    changed: median(times.changed),
    changedWithoutMarks: median(times.changedWithoutMarks),
    ratio: median(times.changed.map((t, i) => t / times.none[i])),
    changedChapters: CHANGED_CHAPTERS,
    seconds: times,
  };
}

const idOf = (root: string, file: string) => path.relative(path.join(root, 'chapters'), file).replace(/\.md$/, '');

/** A sentence of the chapter's first paragraph reworded: its words change, not its length much. */
export function changed(file: string, text: string, words = 'In this edition: '): string {
  const paragraph = /\n\n([A-Z][^\n]*\.)( |\n)/.exec(text);
  if (!paragraph) throw new Error(`no paragraph to change in ${file}`);
  const at = paragraph.index + 2;
  return `${text.slice(0, at)}${words}${text.slice(at)}`;
}

/** The amendments with a new edition on top, updating the chapters `updated`. */
export function nextEdition(
  released: string,
  updated: string[],
  edition = { id: '2027-02', date: '2027-02-01' },
): string {
  const items = updated.map((id) => `      - chapter: "${id}"\n        details: "Reworded."\n`).join('');
  return released.replace(
    /^editions:\n/m,
    `editions:\n  - edition: "${edition.id}"\n    date: "${edition.date}"\n    updated:${items ? `\n${items}` : ' []\n'}`,
  );
}
