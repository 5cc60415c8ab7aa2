// The shapes of synthetic manual the benchmark measures. `derby` is the Derby sample's: 10
// sections, 190 chapters that grow with the page count. `council` is the shape of many councils'
// manuals: 14 sections, three and a half times as many chapters (665 from about 930 pages; fewer
// below, since every chapter starts a new page), each short, with a `##` heading every few
// paragraphs and more `###` ones.

export const SHAPES = ['derby', 'council'] as const;
export type ShapeName = (typeof SHAPES)[number];

export interface Section {
  title: string;
  folder: string;
  /** Subsections (a title) or the section's own chapters (none), and how many chapters each holds. */
  groups: [string | undefined, number][];
}

export interface Outside {
  title: string;
  url: string;
  numbered?: boolean;
}

export interface Shape {
  name: ShapeName;
  title: string;
  shortTitle: string;
  publisher: string;
  slug: string;
  /** The sections, their chapter counts scaled for about `pages` pages of partner PDF. */
  sections(pages: number): Section[];
  /** Outside documents (numbered links to the web), by section index. */
  outside: Record<number, Outside>;
  /** Each chapter's bytes of markdown, from its weight, for about `pages` pages in all. */
  chapterBytes(pages: number, weights: number[], sections: number): number[];
  /** A `##` heading for every so many bytes of a chapter (at least two). */
  headingBytes: number;
  /** Cumulative chances of a paragraph, a bulleted list, a numbered list and a table; the rest are `###` headings. */
  blocks: readonly [number, number, number, number];
  /** Where a chapter's title must be unique: one manual-wide pool of titles is too small for the council's. */
  titlesUniqueIn: 'manual' | 'section';
}

// Derby: calibrated on partner PDFs built from its own output; every chapter and section starts on
// a new page, so the page count is a fixed part (title, contents, section pages, half-empty last
// pages of chapters) plus the text at a roughly constant number of markdown bytes per page.
// Measured: 519 kB gave 302 pages and 2,337 kB gave 946 (about 2,820 bytes a page above 118
// pages); chapters also end some 220 bytes past their share, which FIXED_PAGES absorbs.
const FIXED_PAGES = 133;
const BYTES_PER_PAGE = 2820;
export const MIN_CHAPTER_BYTES = 900;

const DERBY_SECTIONS: Section[] = [
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

const THRESHOLDS = {
  title: 'Derby City and Derbyshire Thresholds Guidance',
  url: 'https://www.ddscp.org.uk/staff-and-volunteers/thresholds-guidance/',
};
const WORKING_TOGETHER = {
  title: 'Working Together to Safeguard Children',
  url: 'https://www.gov.uk/government/publications/working-together-to-safeguard-children--2',
};
const FOSTERING_STANDARDS = {
  title: 'Fostering Services National Minimum Standards',
  url: 'https://www.gov.uk/government/publications/fostering-services-national-minimum-standards',
  numbered: false,
};
const ADOPTION_STANDARDS = {
  title: 'Adoption National Minimum Standards',
  url: 'https://www.gov.uk/government/publications/adoption-national-minimum-standards',
  numbered: false,
};
const OFSTED = {
  title: 'Ofsted Inspection Framework',
  url: 'https://www.gov.uk/government/publications/inspecting-local-authority-childrens-services-from-2018',
};

const DERBY: Shape = {
  name: 'derby',
  title: "Synthetic City Children's Social Care Procedures",
  shortTitle: "Children's Social Care Procedures",
  publisher: 'Synthetic City Council',
  slug: 'synthetic-childrens-social-care',
  sections: () => DERBY_SECTIONS,
  outside: { 1: THRESHOLDS, 3: WORKING_TOGETHER, 6: FOSTERING_STANDARDS, 7: ADOPTION_STANDARDS, 9: OFSTED },
  chapterBytes: (pages, weights) => {
    const total = Math.max(0, pages - FIXED_PAGES) * BYTES_PER_PAGE;
    const sum = weights.reduce((a, b) => a + b, 0);
    return weights.map((w) => Math.max(MIN_CHAPTER_BYTES, Math.round((total * w) / sum)));
  },
  headingBytes: 1300,
  blocks: [0.5, 0.65, 0.75, 0.82],
  titlesUniqueIn: 'manual',
};

const COUNCIL_SECTIONS: Section[] = [
  {
    title: 'All Children',
    folder: 'all-children',
    groups: [
      ['General Principles', 30],
      ['Information Sharing and Recording', 22],
    ],
  },
  { title: 'Early Help', folder: 'early-help', groups: [[undefined, 40]] },
  {
    title: 'Contacts, Referrals and Assessments',
    folder: 'contacts-and-assessments',
    groups: [
      ['The Front Door', 28],
      ['Assessments', 26],
    ],
  },
  {
    title: 'Child Protection',
    folder: 'child-protection',
    groups: [
      ['Strategy Discussions and Enquiries', 30],
      ['Conferences and Child Protection Plans', 28],
      ['Specific Risks', 36],
    ],
  },
  { title: 'Children in Need', folder: 'children-in-need', groups: [[undefined, 40]] },
  {
    title: 'Children in Care',
    folder: 'children-in-care',
    groups: [
      ['Care Planning', 34],
      ['Placements', 30],
      ['Health and Education', 28],
      ['Reviews and Monitoring', 20],
    ],
  },
  { title: 'Care Leavers', folder: 'care-leavers', groups: [[undefined, 36]] },
  {
    title: 'Fostering',
    folder: 'fostering',
    groups: [
      ['Assessment and Approval', 26],
      ['Supervision and Support of Carers', 30],
    ],
  },
  {
    title: 'Adoption',
    folder: 'adoption',
    groups: [
      ['Adopters', 24],
      ['Children', 24],
      ['Adoption Support', 14],
    ],
  },
  { title: 'Youth Justice', folder: 'youth-justice', groups: [[undefined, 30]] },
  { title: 'Disabled Children', folder: 'disabled-children', groups: [[undefined, 34]] },
  { title: 'Workforce and Supervision', folder: 'workforce', groups: [[undefined, 28]] },
  { title: 'Legal Planning', folder: 'legal-planning', groups: [[undefined, 18]] },
  { title: 'Appendices', folder: 'appendices', groups: [[undefined, 9]] },
];
const COUNCIL_CHAPTERS = 665;
// Never fewer chapters than Derby's: the amendments name chapters by Derby's positions, scaled.
const MIN_COUNCIL_CHAPTERS = 190;
// Every chapter starts a new page, so below about 930 pages there are fewer: one every 1.4 pages.
const PAGES_PER_SHORT_CHAPTER = 1.4;
// Pages besides the chapters: title and appendix, one per section, one of contents per 30 chapters.
const COUNCIL_FRONT_PAGES = 3;
const CONTENTS_LINES_PER_PAGE = 30;
// Fitted to a 300-page build's partner PDF (294 pages; 217 chapters): 2,700 bytes of its markdown
// a page, against Derby's 2,820, as its denser headings take room; a chapter's text runs some 220
// bytes past its planned share (its last block is finished).
const COUNCIL_BYTES_PER_PAGE = 2700;
const PAST_SHARE_BYTES = 220;

/** How many pages a council manual of chapters this long prints: each chapter ends part-way down its last page. */
function councilPages(bytes: number[], sections: number): number {
  const front = COUNCIL_FRONT_PAGES + sections + Math.ceil(bytes.length / CONTENTS_LINES_PER_PAGE);
  return bytes.reduce((pages, b) => pages + 1 + Math.floor((b + PAST_SHARE_BYTES) / COUNCIL_BYTES_PER_PAGE), front);
}

const COUNCIL: Shape = {
  name: 'council',
  title: "Synthetic County Council Children's Services Procedures Manual",
  shortTitle: "Children's Services Procedures",
  publisher: 'Synthetic County Council',
  slug: 'synthetic-county-childrens-services',
  sections: (pages) => {
    const wanted = Math.round(pages / PAGES_PER_SHORT_CHAPTER);
    const scale = Math.min(COUNCIL_CHAPTERS, Math.max(MIN_COUNCIL_CHAPTERS, wanted)) / COUNCIL_CHAPTERS;
    return COUNCIL_SECTIONS.map((s) => ({
      ...s,
      groups: s.groups.map(([title, count]) => [title, Math.max(1, Math.round(count * scale))]),
    }));
  },
  outside: { 1: THRESHOLDS, 3: WORKING_TOGETHER, 7: FOSTERING_STANDARDS, 8: ADOPTION_STANDARDS, 12: OFSTED },
  // The most markdown whose chapters, each at least a page, fit the pages asked for.
  chapterBytes: (pages, weights, sections) => {
    const sum = weights.reduce((a, b) => a + b, 0);
    const at = (total: number) => weights.map((w) => Math.max(MIN_CHAPTER_BYTES, Math.round((total * w) / sum)));
    let [low, high] = [0, pages * COUNCIL_BYTES_PER_PAGE];
    while (high - low > 1000) {
      const middle = (low + high) / 2;
      if (councilPages(at(middle), sections) <= pages) low = middle;
      else high = middle;
    }
    return at(low);
  },
  headingBytes: 700,
  blocks: [0.38, 0.52, 0.62, 0.68],
  titlesUniqueIn: 'section',
};

export function shapeNamed(name: string): Shape {
  if (name === 'derby') return DERBY;
  if (name === 'council') return COUNCIL;
  throw new Error(`no shape "${name}": give one of ${SHAPES.join(', ')}`);
}
