import { createHash } from 'node:crypto';
import type { ArchivedEdition, Book } from '../../core/book.ts';
import { ManualError, type Diagnostic } from '../../core/diagnostics.ts';
import type { OutputFile, Renderer } from '../contract.ts';
import { bannerOf, BANNER_START, editionFile, editionFolder, withBanner } from './archived-banner.ts';
import { WEB_FOLDER } from './render-web.ts';
import { longDate } from '../../core/dates.ts';
import { loadTemplates, type Templates } from '../templates.ts';
import { editionsView } from './editions-page.ts';
import { editionsFiles } from './site-files.ts';
import { SiteImages } from './site-images.ts';
import { EDITIONS_PAGE, replacedEditions, sitePlan, type SitePlan } from './site-plan.ts';
import { comparePages } from './compare-pages.ts';
import { historyPages, type PageMaker } from './history-pages.ts';

const ARCHIVED_WEB = `${WEB_FOLDER}/`;
const ABOUT = 'about-this-copy.txt';

/** Copying the replaced editions and making their histories and comparisons, as progress names it. */
const STEP = 'earlier editions';

/**
 * Every replaced edition's archived files: its web edition under `web/editions/<edition>/`, its
 * PDFs, EPUB and amendment pack in `web/editions/`. Each file is checked against the checksum its
 * release recorded before it is copied; each HTML page gets a banner right after its skip link
 * (or its `<body>` tag), every other file is copied as released. Not archived itself: a release
 * keeps its own web edition, never the copies of the ones before it. A file that does not match
 * stops the build, so nothing is published that the release did not publish. Then the pages made
 * from the archive: the editions page, each changed chapter's history and the comparisons.
 */
export const webEditionsRenderer: Renderer = {
  name: 'web editions',
  steps: [STEP],
  archived: false,
  // An archive can run to gigabytes, which no save should copy again: the preview makes each file
  // of this renderer alone, when it is asked for.
  preview: 'onDemand',
  render: async (book, { settings, time, only }) => {
    const editions = replacedEditions(book);
    if (editions.length === 0) return [];
    const wanted = (name: string) => only === undefined || name === only;
    return time(STEP, async () => {
      const plan = sitePlan(book);
      const problems: Diagnostic[] = [];
      const files = editions.flatMap((edition) => editionFiles(book, plan, edition, problems, wanted));
      if (problems.length > 0) throw new ManualError(problems);
      const templates = await loadTemplates(settings.templatesDir, 'web');
      const inSite = (made: { name: string }) => wanted(`${WEB_FOLDER}/${made.name}`);
      const makers = await madePages(book, plan, templates, only);
      const made = makers.filter(inSite).map(({ name, make }) => ({ name, data: make() }));
      const assets = (await editionsFiles(templates)).filter(inSite);
      return [...files, ...[...made, ...assets].map((f) => ({ ...f, name: `${WEB_FOLDER}/${f.name}` }))];
    });
  },
};

/**
 * The pages made from the archive as it is now: the editions page (at the site's top and at each
 * copy's top, where its pages' own "Editions" link leads), the chapters' histories and the comparisons.
 */
async function madePages(book: Book, plan: SitePlan, templates: Templates, only?: string): Promise<PageMaker[]> {
  // The words of every change are read only when a page made of them may be the one wanted.
  const ofHistories = only === undefined || /^web\/compare\/|\.(history|compare\.[^/]+)\.html$/.test(only);
  const histories = ofHistories ? await book.histories?.read() : undefined;
  const site = {
    book,
    plan,
    images: new SiteImages(book.assets),
    editionDate: longDate(book.edition.date, book.meta.language),
    histories: book.histories?.changed ?? new Set<string>(),
  };
  const tops = [
    EDITIONS_PAGE,
    ...replacedEditions(book)
      .filter((e) => e.hasWeb)
      .map((e) => `${editionFolder(e.id)}/${EDITIONS_PAGE}`),
  ];
  return [
    ...tops.map((page) => ({ name: page, make: () => templates.render('editions', editionsView(site, page)) })),
    ...(histories ? [...historyPages(site, histories, templates), ...comparePages(site, histories, templates)] : []),
  ];
}

/**
 * One edition's files: its web edition under `editions/<edition>/`, its PDFs, EPUB and amendment
 * pack beside that folder, in `editions/`, where its pages' download links (`../<file>`) find
 * them, as they found them beside `web/` in its release.
 */
function editionFiles(
  book: Book,
  plan: SitePlan,
  edition: ArchivedEdition,
  problems: Diagnostic[],
  wanted: (name: string) => boolean,
): OutputFile[] {
  const folder = `${WEB_FOLDER}/${editionFolder(edition.id)}`;
  const pages: string[] = [];
  const files = edition.files.flatMap((file): OutputFile[] => {
    const page = file.name.startsWith(ARCHIVED_WEB) ? file.name.slice(ARCHIVED_WEB.length) : undefined;
    const name = page === undefined ? `${WEB_FOLDER}/${editionFile(file.name)}` : `${folder}/${page}`;
    if (page?.endsWith('.html')) pages.push(page);
    // A file not wanted is not read: the preview asks for one file of the archive at a time.
    const data = wanted(name) ? checkedBytes(book, edition, file, problems) : undefined;
    if (data === undefined) return [];
    if (!page?.endsWith('.html')) return [{ name, data }];
    return [{ name, data: withBanner(data.toString('utf8'), bannerOf(book, plan, edition, page)) }];
  });
  const about = { name: `${folder}/${ABOUT}`, data: aboutThisCopy(edition, pages.length) };
  return edition.hasWeb && wanted(about.name) ? [...files, about] : files;
}

/** The archived file's bytes when they are the ones its release recorded; otherwise a problem naming it. */
function checkedBytes(
  book: Book,
  edition: ArchivedEdition,
  file: ArchivedEdition['files'][number],
  problems: Diagnostic[],
): Buffer | undefined {
  const shown = `${edition.folder}/${file.name}`;
  const hint = `run \`manual verify\`, and restore ${shown} from version control: the ${edition.label} edition's pages are published as released or not at all`;
  let data: Buffer;
  try {
    data = book.archive.read(edition.id, file.name);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    problems.push({
      severity: 'error',
      file: shown,
      message: missing
        ? 'the archived file is missing'
        : `the archived file cannot be read: ${(error as Error).message}`,
      hint,
      ruleId: 'archived-file-changed',
    });
    return undefined;
  }
  const found = createHash('sha256').update(data).digest('hex');
  if (found === file.sha256) return data;
  problems.push({
    severity: 'error',
    file: shown,
    message: `the archived file has changed: its SHA-256 is ${found}, the ${edition.label} release recorded ${file.sha256}`,
    hint,
    ruleId: 'archived-file-changed',
  });
  return undefined;
}

/** What a reader of the copy is told was added to it, in terms that need no release.json to follow. */
function aboutThisCopy(edition: ArchivedEdition, pages: number): string {
  return [
    `This folder is the ${edition.label} edition's web edition, as it was released (${edition.folder}/web in the manual's archive).`,
    '',
    `One thing was added to each of its ${pages} HTML pages: a banner saying that the edition has been replaced,`,
    "with links to the current edition. It is one element, put in right after the page's skip link",
    '("Skip to main content", the first thing in its <body>), or right after its <body> tag when it has none:',
    `it starts with a line break and "${BANNER_START.trim()}" and ends at the first "</section>" after that.`,
    'Take those characters out and the page is byte for byte the page that was released;',
    `its SHA-256 is in ${edition.folder}/release.json. Every other file is copied unchanged,`,
    "the edition's PDFs, EPUB and amendment pack too, in the folder above this one.",
    '',
    `${EDITIONS_PAGE} here, where the pages' "Editions" link leads, is no part of the release: it is the current`,
    'list of editions, made by each build of the current edition (no release keeps one).',
    '',
  ].join('\n');
}
