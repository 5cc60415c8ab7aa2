// A deterministic synthetic manual for benchmarks: the Derby sample's shape (10 sections,
// sub-sections, outside documents, 190 chapters) at any size, so build times can be measured at
// 300, 1,000 or 2,000 pages without real content. Same seed, same bytes: a seeded PRNG
// (mulberry32) replaces Math.random, and nothing depends on the clock or the file system order.
//
// `npm run bench` calls it; run alone, bundled by esbuild, it takes `<dir> <pages> [seed]` and the
// result builds with `node scripts/manual.mjs build --root <dir>`.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { slug } from 'github-slugger';

// Calibrated on partner PDFs built from this generator: every chapter and section starts on a
// new page, so the page count is a fixed part (title, contents, section pages, half-empty last
// pages of chapters) plus the text at a roughly constant number of markdown bytes per page.
// Measured: 519 kB gave 302 pages and 2,337 kB gave 946 (about 2,820 bytes a page above 118
// pages); chapters also end some 220 bytes past their share, which FIXED_PAGES absorbs.
const FIXED_PAGES = 133;
const BYTES_PER_PAGE = 2820;
const MIN_CHAPTER_BYTES = 900;

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const between = (rng: Rng, low: number, high: number): number => low + Math.floor(rng() * (high - low + 1));

// Sections and their sub-sections, with chapter counts adding up to 190 as in the design's benchmark.
const SECTIONS: { title: string; folder: string; groups: [string | undefined, number][] }[] = [
  {
    title: 'All Children',
    folder: 'all-children',
    groups: [
      ['General Principles', 16],
      ['Complaints and Whistleblowing', 8],
    ],
  },
  { title: 'Prevention and Early Intervention', folder: 'prevention', groups: [[undefined, 16]] },
  {
    title: 'Children in Need',
    folder: 'children-in-need',
    groups: [
      ['Contacts Referrals and Assessments', 8],
      ['Homeless 16 and 17 Year Olds', 6],
      ['Children with Disabilities and Complex Health Needs', 10],
      ['Mental Health and Capacity', 6],
    ],
  },
  { title: 'Significant Harm', folder: 'significant-harm', groups: [[undefined, 14]] },
  { title: 'Children Away from Home with Friends and Family', folder: 'friends-and-family', groups: [[undefined, 12]] },
  {
    title: 'Children in Care',
    folder: 'children-in-care',
    groups: [
      ['Care Planning and Family Time', 8],
      ['Children Involved in the Youth Justice System', 7],
      ['Placements', 8],
      ['Monitoring and Reviews', 6],
      ['Education and Trips', 5],
      ['Health and Wellbeing', 10],
    ],
  },
  { title: 'Fostering Services', folder: 'fostering', groups: [[undefined, 18]] },
  { title: 'Adoption', folder: 'adoption', groups: [[undefined, 20]] },
  { title: 'Permanence', folder: 'permanence', groups: [[undefined, 4]] },
  { title: 'Appendices', folder: 'appendices', groups: [[undefined, 8]] },
];
// Outside documents (numbered links to the web), by section index.
const OUTSIDE: Record<number, { title: string; url: string; numbered?: boolean }> = {
  1: {
    title: 'Derby City and Derbyshire Thresholds Guidance',
    url: 'https://www.ddscp.org.uk/staff-and-volunteers/thresholds-guidance/',
  },
  3: {
    title: 'Working Together to Safeguard Children',
    url: 'https://www.gov.uk/government/publications/working-together-to-safeguard-children--2',
  },
  6: {
    title: 'Fostering Services National Minimum Standards',
    url: 'https://www.gov.uk/government/publications/fostering-services-national-minimum-standards',
    numbered: false,
  },
  7: {
    title: 'Adoption National Minimum Standards',
    url: 'https://www.gov.uk/government/publications/adoption-national-minimum-standards',
    numbered: false,
  },
  9: {
    title: 'Ofsted Inspection Framework',
    url: 'https://www.gov.uk/government/publications/inspecting-local-authority-childrens-services-from-2018',
  },
};
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

const TOPICS = [
  'Placements with Parents',
  'Family Time',
  'Care Planning',
  'Strategy Discussions',
  'Private Fostering',
  'Missing Children',
  'Secure Accommodation',
  'Short Breaks',
  'Direct Payments',
  'Life Story Work',
  'Later Life Letters',
  'Staying Put',
  'Pathway Planning',
  'Health Assessments',
  'Delegated Authority',
  'Independent Visitors',
  'Advocacy',
  'Child Protection Conferences',
  'Core Groups',
  'Pre-Birth Assessments',
  'Parenting Assessments',
  'Connected Persons',
  'Special Guardianship',
  'Kinship Care',
  'Foster Carer Reviews',
  'Supervising Foster Carers',
  'Allegations against Carers',
  'Adoption Support',
  'Adoption Panels',
  'Inter-Country Adoption',
  'Early Permanence',
  'Care Leavers',
  'Personal Advisers',
  'Unaccompanied Children',
  'Young Carers',
  'Child Exploitation',
  'Harmful Sexual Behaviour',
  'Domestic Abuse',
  'Parental Mental Health',
  'Substance Misuse',
  'Neglect',
  'Female Genital Mutilation',
  'Forced Marriage',
  'Radicalisation',
  'Online Safety',
  'Education of Children in Care',
  'Virtual School Support',
  'School Exclusions',
  'Transitions to Adulthood',
  'Disabled Children',
  'Deprivation of Liberty',
  'Mental Capacity',
  'Homeless Young People',
  'Youth Justice',
  'Remands',
  'Case Recording',
  'Supervision',
  'Information Sharing',
  'Complaints',
  'Managing Allegations',
  'Escalation and Resolution',
  'Case Transfers',
  'Court Proceedings',
  'Legal Gateway Meetings',
  'Placement Stability',
  'Residential Care',
  'Out of Area Placements',
  'Holidays and Trips',
  'Change of Name',
  'Medication',
];
const FORMS = [
  '{t}',
  '{t} Procedure',
  '{t} Protocol',
  '{t} Guidance',
  'Practice Guidance on {t}',
  '{t} Policy',
  '{t}: Roles and Responsibilities',
  '{t} for Practitioners',
];
const ACTIONS = [
  'Planning',
  'Reviewing',
  'Recording',
  'Assessing',
  'Agreeing',
  'Monitoring',
  'Supporting',
  'Escalating',
  'Ending',
  'Authorising',
  'Arranging',
  'Notifying',
];
const OBJECTS = [
  'the Placement',
  'Family Time',
  'the Care Plan',
  'Health Needs',
  'Education',
  'Contact with Siblings',
  'the Assessment',
  "the Child's Views",
  'Risk',
  'Support for Carers',
  'the Pathway Plan',
  'Legal Planning',
  'Transitions',
  'the Referral',
  'Visits',
  'Financial Support',
  'Cultural Identity',
  'the Review Meeting',
  'Complaints',
  'Decisions',
];
const SUBHEADINGS = [
  'Who is Responsible',
  'Timescales',
  'Recording',
  'Management Oversight',
  'Working with Parents',
  "Hearing the Child's Voice",
  'Disputes and Escalation',
  'Out of Hours',
  'Information to Share',
  'Checks to Complete',
  'Consent',
  'Exceptions',
];
const SUBJECTS = [
  'The social worker',
  'The team manager',
  'The Independent Reviewing Officer',
  "The child's carer",
  'The lead practitioner',
  'The Deputy Head of Service',
  'The supervising social worker',
  'Each partner agency',
  'The placing authority',
  'The Designated Safeguarding Lead',
  'The Early Help practitioner',
  'The Agency Decision Maker',
];
const MODALS = ['must', 'should', 'will', 'is expected to', 'may need to'];
const ACTS = [
  "record the decision on the child's electronic record",
  "consult the child's parents and anyone with parental responsibility",
  'seek advice from Legal Services',
  'arrange a strategy discussion with the police and health',
  'review the care plan with the family',
  'share relevant information with partner agencies',
  'complete the assessment and agree the next steps',
  'notify the Independent Reviewing Officer',
  'visit the child and see them alone',
  "update the child's chronology",
  'escalate the concern to a manager',
  'agree a written plan with clear outcomes',
  'check who holds parental responsibility',
  'ask the child for their wishes and feelings',
  'arrange an interpreter where one is needed',
  'make a referral to the Multi-Agency Safeguarding Hub',
];
const CLAUSES = [
  'within five working days',
  'before the next review',
  'wherever it is safe to do so',
  'unless this would place the child at risk of significant harm',
  'in line with Working Together to Safeguard Children',
  'as soon as practicable',
  'and the reasons must be recorded',
  "taking account of the child's age and understanding",
  'and a copy must be given to the family',
  'at least every six weeks',
  'with the agreement of the team manager',
  'using the templates on the electronic record',
];
const STATEMENTS = [
  'Decisions must be proportionate and explained to the family in plain language.',
  "The child's welfare is the paramount consideration throughout.",
  'Where agencies disagree, the escalation procedure should be followed without delay.',
  'Practitioners should be alert to the needs of brothers and sisters as well as the child.',
  "Any delay must be explained on the child's record together with the plan to resolve it.",
  'Parents are entitled to bring a friend or advocate to meetings.',
  'Information must only be shared where it is necessary and proportionate to do so.',
  'Management oversight must be recorded at every key decision point.',
];
const STAGES = [
  'Contact received',
  'Strategy discussion',
  'Single assessment completed',
  'Initial child protection conference',
  'First review',
  'Plan agreed',
  'Case closure',
  'Placement made',
  'Visit completed',
];
const TIMESCALES = [
  'Within 24 hours',
  'Within 5 working days',
  'Within 15 working days',
  'Within 45 working days',
  'Every 6 months',
  'At least every 3 months',
  'Within 20 working days',
];
const OWNERS = [
  'Head of Service, Children in Care',
  'Head of Service, Early Help and Prevention',
  'Head of Service, Safeguarding and Quality Assurance',
  'Service Manager, Fostering',
];

interface Chapter {
  id: string;
  folder: string;
  title: string;
  headings: string[];
  bytes: number;
  image?: (typeof IMAGES)[number];
}

/** Writes a complete manual (`dir/chapters/...`) with about `pages` pages of partner PDF. */
export async function generateManual(
  dir: string,
  options: { pages: number; seed?: number },
): Promise<{ chapters: number; bytes: number }> {
  const root = path.join(dir, 'chapters');
  // Never write over a manual: stale chapters would be unlisted files, and dir might be a real one.
  if (existsSync(root)) throw new Error(`${root} already exists; give a new folder`);
  const sample = sampleFolder();
  const seed = options.seed ?? 1;
  const rng = mulberry32(seed);
  const chapters = planChapters(rng, options.pages);
  const texts = chapters.map((chapter, i) => chapterText(chapter, chapters, mulberry32(seed * 7919 + i)));
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
  await writeFile(
    path.join(root, 'contents.yml'),
    `# A synthetic manual for benchmarks (seed ${seed}, ${options.pages} pages).\n${toYaml(contents(chapters))}`,
  );
  await writeFile(path.join(root, 'amendments.yml'), toYaml(amendments(chapters)));
  return { chapters: chapters.length, bytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) };
}

/** Titles, paths, sizes and level-2 headings of every chapter, known before any is written so links can point at them. */
function planChapters(rng: Rng, pages: number): Chapter[] {
  const plan: Omit<Chapter, 'bytes' | 'headings'>[] = [];
  const used = new Set<string>();
  for (const section of SECTIONS) {
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
  const total = Math.max(0, pages - FIXED_PAGES) * BYTES_PER_PAGE;
  const sum = weights.reduce((a, b) => a + b, 0);
  return plan.map((chapter, i) => {
    const bytes = Math.max(MIN_CHAPTER_BYTES, Math.round((total * weights[i]) / sum));
    const image = i % 47 === 5 ? IMAGES[Math.floor(i / 47) % 2] : undefined; // four chapters
    return { ...chapter, bytes, headings: headingsFor(rng, Math.max(2, Math.round(bytes / 1300))), image };
  });
}

function headingsFor(rng: Rng, count: number): string[] {
  const headings = new Set<string>(rng() < 0.5 ? ['Legal Framework'] : []);
  while (headings.size < Math.min(count, ACTIONS.length * OBJECTS.length))
    headings.add(`${pick(rng, ACTIONS)} ${pick(rng, OBJECTS)}`);
  return [...headings];
}

/** One chapter's markdown: a title as the sample writes it (a `#` line, or front matter for one in five), then its sections. */
function chapterText(chapter: Chapter, all: Chapter[], rng: Rng): string {
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
      push(nextBlock(rng, all, chapter, subheadings));
  });
  return `${blocks.join('\n\n')}\n`;
}

function nextBlock(rng: Rng, all: Chapter[], chapter: Chapter, subheadings: Set<string>): string {
  const r = rng();
  if (r < 0.5) return paragraph(rng, all, chapter);
  if (r < 0.65) return `${pick(rng, SUBJECTS)} ${pick(rng, MODALS)}:\n\n${list(rng, () => '-')}`;
  if (r < 0.75) return `The steps are:\n\n${list(rng, (i) => `${i + 1}.`)}`;
  if (r < 0.82) return table(rng);
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

/** The manifest: sections, sub-sections with ids, outside documents, a note, a see-also, remarks and the appendix. */
function contents(chapters: Chapter[]): object {
  let next = 0;
  const chapterEntry = (): object => {
    const entry = { chapter: chapters[next].id, ...(next % 37 === 11 ? { remark: 'under review' } : {}) };
    next += 1;
    return entry;
  };
  const sections = SECTIONS.map((section, s) => {
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
    if (OUTSIDE[s]) entries.splice(s % 2, 0, OUTSIDE[s]);
    if (s === SECTIONS.length - 1) entries.push({ generated: 'amendments' });
    return { title: section.title, id: section.folder, entries };
  });
  return {
    title: "Synthetic City Children's Social Care Procedures",
    'short-title': "Children's Social Care Procedures",
    publisher: 'Synthetic City Council',
    language: 'en-GB',
    logo: LOGO,
    slug: 'synthetic-childrens-social-care',
    sections,
  };
}

/** One current edition; with no archive there is no release gate, so every list is accepted as it is. */
function amendments(chapters: Chapter[]): object {
  const item = (i: number, details: string) => ({ chapter: chapters[i].id, details });
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
          item(101, `A cross-reference to [${chapters[120].title}](${chapters[120].id}.md) has been added.`),
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
  const [dir, pages, seed] = process.argv.slice(2);
  if (!dir || !(Number(pages) > 0) || (seed !== undefined && !Number.isInteger(Number(seed)))) {
    console.error('usage: generate-manual DIR PAGES [SEED]');
    process.exit(2);
  }
  try {
    const result = await generateManual(dir, {
      pages: Number(pages),
      seed: seed === undefined ? undefined : Number(seed),
    });
    console.log(`${dir}: ${result.chapters} chapters, ${result.bytes} bytes of markdown`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
