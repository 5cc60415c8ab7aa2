// The markdown of one synthetic chapter: procedural prose with headings, lists, tables and
// cross-references, from a seeded PRNG (mulberry32) so the same seed gives the same bytes.
import path from 'node:path';
import { slug } from 'github-slugger';
import type { Shape } from './manual-shapes.ts';
import {
  ACTIONS,
  ACTS,
  CLAUSES,
  MODALS,
  OBJECTS,
  OWNERS,
  STAGES,
  STATEMENTS,
  SUBHEADINGS,
  SUBJECTS,
  TIMESCALES,
} from './generator-words.ts';

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const between = (rng: Rng, low: number, high: number): number => low + Math.floor(rng() * (high - low + 1));

export interface Chapter {
  id: string;
  folder: string;
  title: string;
  /** Its `##` headings, known before any chapter is written so that links can point at them. */
  headings: string[];
  bytes: number;
  image?: { file: string; alt: string };
}

export function headingsFor(rng: Rng, count: number): string[] {
  const headings = new Set<string>(rng() < 0.5 ? ['Legal Framework'] : []);
  while (headings.size < Math.min(count, ACTIONS.length * OBJECTS.length))
    headings.add(`${pick(rng, ACTIONS)} ${pick(rng, OBJECTS)}`);
  return [...headings];
}

/** One chapter's markdown: a title as the sample writes it (a `#` line, or front matter for one in five), then its sections. */
export function chapterText(chapter: Chapter, all: Chapter[], rng: Rng, shape: Shape): string {
  const purpose = `This chapter sets out how Children's Social Care carries out this part of its work, who is responsible for each step and the timescales that apply. It applies to social workers, team managers and ${pick(rng, ['foster carers', 'residential staff', 'Early Help practitioners', 'partner agencies'])}. ${sentence(rng)}`;
  const blocks =
    rng() < 0.2
      ? [
          `---\ntitle: ${JSON.stringify(chapter.title)}\nowner: ${pick(rng, OWNERS)}\nlast-reviewed: 2026-0${between(rng, 1, 7)}-1${between(rng, 0, 9)}\n---`,
          `**Purpose:** ${purpose}`,
        ]
      : [`# ${chapter.title}`, purpose];
  const subheadings = new Set<string>();
  // Sections end where the chapter's running length reaches their share, so overshoot never accumulates.
  let written = blocks.reduce((n, b) => n + b.length + 2, 0);
  const push = (block: string) => {
    blocks.push(block);
    written += block.length + 2;
  };
  chapter.headings.forEach((heading, k) => {
    push(`## ${heading}`);
    push(paragraph(rng, all, chapter));
    if (k === 0 && chapter.image)
      push(`![${chapter.image.alt}](${path.posix.relative(chapter.folder, chapter.image.file)})`);
    while (written < (chapter.bytes * (k + 1)) / chapter.headings.length)
      push(nextBlock(rng, all, chapter, subheadings, shape.blocks));
  });
  return `${blocks.join('\n\n')}\n`;
}

function nextBlock(
  rng: Rng,
  all: Chapter[],
  chapter: Chapter,
  subheadings: Set<string>,
  [paragraphs, bullets, steps, tables]: Shape['blocks'],
): string {
  const r = rng();
  if (r < paragraphs) return paragraph(rng, all, chapter);
  if (r < bullets) return `${pick(rng, SUBJECTS)} ${pick(rng, MODALS)}:\n\n${list(rng, () => '-')}`;
  if (r < steps) return `The steps are:\n\n${list(rng, (i) => `${i + 1}.`)}`;
  if (r < tables) return table(rng);
  // A level-3 heading, unique in the chapter so its slug carries no "-1" suffix.
  const sub = pick(rng, SUBHEADINGS);
  const heading = [sub, `${sub} for ${pick(rng, OBJECTS)}`].find((h) => !subheadings.has(h));
  if (!heading) return paragraph(rng, all, chapter);
  subheadings.add(heading);
  return `### ${heading}\n\n${paragraph(rng, all, chapter)}`;
}

function sentence(rng: Rng): string {
  if (rng() < 0.25) return pick(rng, STATEMENTS);
  return `${pick(rng, SUBJECTS)} ${pick(rng, MODALS)} ${pick(rng, ACTS)} ${pick(rng, CLAUSES)}.`;
}

/** Two to five sentences; one in four ends with a link to another chapter, written as the sample does. */
function paragraph(rng: Rng, all: Chapter[], chapter: Chapter): string {
  const sentences = Array.from({ length: between(rng, 2, 5) }, () => sentence(rng));
  if (rng() < 0.25) sentences.push(crossReference(rng, all, chapter));
  return sentences.join(' ');
}

function crossReference(rng: Rng, all: Chapter[], from: Chapter): string {
  const target = pick(
    rng,
    all.filter((c) => c !== from),
  );
  const file = path.posix.relative(from.folder, `${target.id}.md`);
  // Empty link text is filled in by the build with the target's number and title (and heading).
  if (rng() < 0.5) return `See [](${file}#${slug(pick(rng, target.headings))}).`;
  return `For more detail, see [${target.title}](${file}).`;
}

function list(rng: Rng, marker: (i: number) => string): string {
  const n = between(rng, 3, 6);
  return Array.from(
    { length: n },
    (_, i) => `${marker(i)} ${pick(rng, ACTS)} ${pick(rng, CLAUSES)}${i === n - 1 ? '.' : ';'}`,
  ).join('\n');
}

function table(rng: Rng): string {
  const rows = Array.from(
    { length: between(rng, 3, 6) },
    () =>
      `| ${pick(rng, STAGES)} | ${pick(rng, TIMESCALES)} | ${pick(rng, SUBJECTS).replace(/^The (.)/, (_, c: string) => c.toUpperCase())} |`,
  );
  return ['| Stage | Timescale | Responsible |', '| --- | --- | --- |', ...rows].join('\n');
}
