// A deterministic synthetic manual for benchmarks, in one of two shapes (bench/manual-shapes.ts):
// `derby`, the Derby sample's (10 sections, subsections, outside documents, 190 chapters), or
// `council`, many more and shorter chapters, denser in headings. At any size, so build times can
// be measured at 300, 1,000 or 2,000 pages without real content. Same seed, same bytes: a seeded
// PRNG (mulberry32) replaces Math.random, and nothing depends on the clock or the file system order.
//
// `npm run bench` calls it; run alone, bundled by esbuild, it takes `<dir> <pages> [seed]
// [--shape derby|council]` and the result builds with `node scripts/manual.mjs build --root <dir>`.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { slug } from 'github-slugger';
import { chapterText, headingsFor, mulberry32, pick, type Chapter, type Rng } from './chapter-text.ts';
import { FORMS, TOPICS } from './generator-words.ts';
import { SHAPES, shapeNamed, type Section, type Shape, type ShapeName } from './manual-shapes.ts';

// The sample's two flowcharts, kept where the sample keeps them (relative to chapters/).
const IMAGES = [
  {
    file: 'children-in-need/images/initial-response-flowchart.svg',
    alt: 'Flowchart: how the Initial Response Team handles a contact, from receipt to decision',
  },
  {
    file: 'prevention/images/intentionally-homeless-flowchart.svg',
    alt: 'Flowchart: a family found intentionally homeless is referred to MASH, screened and assessed under section 17',
  },
];
const LOGO = 'assets/derby-logo.svg';
// The amendments name chapters at these positions of Derby's 190, scaled to the manual's count.
const DERBY_CHAPTERS = 190;

/** Writes a complete manual (`dir/chapters/...`) with about `pages` pages of partner PDF. */
export async function generateManual(
  dir: string,
  options: { pages: number; seed?: number; shape?: ShapeName },
): Promise<{ chapters: number; bytes: number }> {
  const root = path.join(dir, 'chapters');
  // Never write over a manual: stale chapters would be unlisted files, and dir might be a real one.
  if (existsSync(root)) throw new Error(`${root} already exists; give a new folder`);
  const sample = sampleFolder();
  const shape = shapeNamed(options.shape ?? 'derby');
  const seed = options.seed ?? 1;
  const rng = mulberry32(seed);
  const sections = shape.sections(options.pages);
  const chapters = planChapters(rng, options.pages, shape, sections);
  const texts = chapters.map((chapter, i) => chapterText(chapter, chapters, mulberry32(seed * 7919 + i), shape));
  for (const folder of new Set([
    ...chapters.map((c) => c.folder),
    'assets',
    ...IMAGES.map((i) => path.dirname(i.file)),
  ])) {
    await mkdir(path.join(root, folder), { recursive: true });
  }
  for (const file of [LOGO, ...IMAGES.map((i) => i.file)])
    await copyFile(path.join(sample, file), path.join(root, file));
  await Promise.all(chapters.map((c, i) => writeFile(path.join(root, `${c.id}.md`), texts[i])));
  const named = shape.name === 'derby' ? '' : `${shape.name} shape, `;
  await writeFile(
    path.join(root, 'contents.yml'),
    `# A synthetic manual for benchmarks (${named}seed ${seed}, ${options.pages} pages).\n${toYaml(contents(chapters, shape, sections))}`,
  );
  await writeFile(path.join(root, 'amendments.yml'), toYaml(amendments(chapters)));
  return { chapters: chapters.length, bytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) };
}

/** Titles, paths, sizes and level-2 headings of every chapter, known before any is written so links can point at them. */
function planChapters(rng: Rng, pages: number, shape: Shape, sections: Section[]): Chapter[] {
  const plan: Omit<Chapter, 'bytes' | 'headings'>[] = [];
  const used = new Set<string>();
  for (const section of sections) {
    if (shape.titlesUniqueIn === 'section') used.clear();
    const count = section.groups.reduce((n, [, c]) => n + c, 0);
    for (let i = 0; i < count; i++) {
      let title: string;
      do title = pick(rng, FORMS).replace('{t}', pick(rng, TOPICS));
      while (used.has(slug(title)));
      used.add(slug(title));
      plan.push({ id: `${section.folder}/${slug(title)}`, folder: section.folder, title });
    }
  }
  // Varied lengths as in the sample: mostly 0.4 to 1.6 times the mean, with a few long ones.
  const weights = plan.map(() => (0.4 + rng() * 1.2) * (rng() < 0.08 ? 2.5 : 1));
  const bytes = shape.chapterBytes(pages, weights, sections.length);
  const every = Math.floor(plan.length / 4); // four chapters show a flowchart
  return plan.map((chapter, i) => {
    const image = i % every === 5 ? IMAGES[Math.floor(i / every) % 2] : undefined;
    const headings = headingsFor(rng, Math.max(2, Math.round(bytes[i] / shape.headingBytes)));
    return { ...chapter, bytes: bytes[i], headings, image };
  });
}

function contents(chapters: Chapter[], shape: Shape, sections: Section[]): object {
  let next = 0;
  const chapterEntry = (): object => {
    const entry = { chapter: chapters[next].id, ...(next % 37 === 11 ? { remark: 'under review' } : {}) };
    next += 1;
    return entry;
  };
  const listed = sections.map((section, s) => {
    const groups = section.groups.map(([title, count]) => ({
      title,
      entries: Array.from({ length: count }, chapterEntry) as object[],
    }));
    const entries: object[] =
      groups.length === 1
        ? groups[0].entries
        : groups.map((g) => ({ title: g.title, id: slug(g.title!), entries: g.entries }));
    if (s === 5) entries.splice(0, 0, { note: 'In an emergency, please refer to the following procedures:' });
    if (s === 5)
      entries.push({
        'see-also': 'https://www.nice.org.uk/guidance/ng205',
        title: 'NICE Guideline: Looked After Children and Young People',
      });
    if (shape.outside[s]) entries.splice(s % 2, 0, shape.outside[s]);
    if (s === sections.length - 1) entries.push({ generated: 'amendments' });
    return { title: section.title, id: section.folder, entries };
  });
  return {
    title: shape.title,
    'short-title': shape.shortTitle,
    publisher: shape.publisher,
    language: 'en-GB',
    logo: LOGO,
    slug: shape.slug,
    sections: listed,
  };
}

/** One current edition; with no archive there is no release gate, so every list is accepted as it is. */
function amendments(chapters: Chapter[]): object {
  const at = (i: number) => chapters[Math.round((i * chapters.length) / DERBY_CHAPTERS)];
  const item = (i: number, details: string) => ({ chapter: at(i).id, details });
  return {
    editions: [
      {
        edition: '2026-08',
        date: '2026-08-03',
        'next-update': 'February 2027',
        updated: [
          item(3, 'The timescales for recording management decisions have been revised.'),
          item(27, 'Updated for the revised statutory guidance, including the role of the lead practitioner.'),
          item(64, 'The escalation route for disagreements between agencies has been clarified.'),
          item(101, `A cross-reference to [${at(120).title}](${at(120).id}.md) has been added.`),
          item(150, 'The table of timescales now includes the first review.'),
          item(188, 'Contact details for the out of hours service have been updated.'),
        ],
        new: [
          item(45, 'A new chapter on the multi-agency response, replacing the local guidance note.'),
          item(133, 'A new chapter setting out the roles of each partner agency.'),
        ],
        removed: [
          { title: 'Placement Stability Protocol 2021', details: 'Replaced by the new guidance in this edition.' },
        ],
      },
    ],
  };
}

/**
 * YAML for the manifest and amendments, every string quoted as JSON (which YAML reads as it is).
 * Hand-written because the yaml package's CommonJS build cannot be bundled into one ES module.
 */
function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) return value.map((v) => `${indent}- ${toYaml(v, `${indent}  `).trimStart()}`).join('');
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) =>
        typeof v === 'object' ? `${indent}${k}:\n${toYaml(v, `${indent}  `)}` : `${indent}${k}: ${toYaml(v)}`,
      )
      .join('');
  }
  return `${typeof value === 'string' ? JSON.stringify(value) : String(value)}\n`;
}

/** The sample manual, whose logo and flowcharts are copied: beside this file, or in the working folder when bundled elsewhere. */
function sampleFolder(): string {
  const candidates = [fileURLToPath(new URL('../chapters/', import.meta.url)), path.resolve('chapters')];
  const sample = candidates.find((dir) => existsSync(path.join(dir, LOGO)));
  if (!sample)
    throw new Error(`the sample manual's images were not found in ${candidates.join(' or ')}; run from the repository`);
  return sample;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const shapeAt = process.argv.indexOf('--shape');
  const shape = (shapeAt > 0 ? process.argv[shapeAt + 1] : 'derby') as ShapeName;
  const [dir, pages, seed] = process.argv.slice(2).filter((_, i) => i + 2 !== shapeAt && i + 2 !== shapeAt + 1);
  const wrong = !dir || !(Number(pages) > 0) || (seed !== undefined && !Number.isInteger(Number(seed)));
  if (wrong || !SHAPES.includes(shape)) {
    console.error('usage: generate-manual DIR PAGES [SEED] [--shape derby|council]');
    process.exit(2);
  }
  try {
    const result = await generateManual(dir, {
      pages: Number(pages),
      seed: seed === undefined ? undefined : Number(seed),
      shape,
    });
    console.log(`${dir}: ${result.chapters} chapters, ${result.bytes} bytes of markdown`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
