import { createHash } from 'node:crypto';
import type { ArchivedEdition, Book } from '../../core/book.ts';
import { ManualError, type Diagnostic } from '../../core/diagnostics.ts';
import type { OutputFile, Renderer } from '../contract.ts';
import { bannerOf, BANNER_START, editionFolder, withBanner } from './archived-banner.ts';
import { WEB_FOLDER } from './render-web.ts';
import { replacedEditions, sitePlan, type SitePlan } from './site-plan.ts';

const ARCHIVED_WEB = `${WEB_FOLDER}/`;
const ABOUT = 'about-this-copy.txt';

/**
 * Every replaced edition's archived web edition, under `web/editions/<edition>/`: each file
 * checked against the checksum its release recorded before it is copied, each HTML page given a
 * banner right after its `<body>` tag, every other file copied as released. Not archived itself:
 * a release keeps its own web edition, never the copies of the ones before it. A file that does
 * not match stops the build, so nothing is published that the release did not publish.
 */
export const webEditionsRenderer: Renderer = {
  name: 'web editions',
  // Copying files is no step a reader waits on.
  steps: [],
  archived: false,
  render: async (book) => {
    const editions = replacedEditions(book).filter((edition) => edition.hasWeb);
    if (editions.length === 0) return [];
    const plan = sitePlan(book);
    const problems: Diagnostic[] = [];
    const files = editions.flatMap((edition) => editionFiles(book, plan, edition, problems));
    if (problems.length > 0) throw new ManualError(problems);
    return files;
  },
};

function editionFiles(book: Book, plan: SitePlan, edition: ArchivedEdition, problems: Diagnostic[]): OutputFile[] {
  const folder = `${WEB_FOLDER}/${editionFolder(edition.id)}`;
  const pages: string[] = [];
  const files = edition.files.flatMap((file): OutputFile[] => {
    if (!file.name.startsWith(ARCHIVED_WEB)) return [];
    const page = file.name.slice(ARCHIVED_WEB.length);
    const data = checkedBytes(book, edition, file, problems);
    if (data === undefined) return [];
    if (!page.endsWith('.html')) return [{ name: `${folder}/${page}`, data }];
    pages.push(page);
    return [
      { name: `${folder}/${page}`, data: withBanner(data.toString('utf8'), bannerOf(book, plan, edition, page)) },
    ];
  });
  return [...files, { name: `${folder}/${ABOUT}`, data: aboutThisCopy(edition, pages.length) }];
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
  } catch {
    problems.push({
      severity: 'error',
      file: shown,
      message: 'the archived file is missing',
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
    "with links to the current edition. It is one element, put in right after the page's <body> tag:",
    `it starts with a line break and "${BANNER_START.trim()}" and ends at the first "</section>" after that.`,
    'Take those characters out and the page is byte for byte the page that was released;',
    `its SHA-256 is in ${edition.folder}/release.json. Every other file is copied unchanged.`,
    '',
  ].join('\n');
}
