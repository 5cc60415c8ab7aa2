import type { ArchivedEdition, Edition } from '../../core/book.ts';
import { longDate } from '../../core/dates.ts';
import { editionFolder } from './archived-banner.ts';
import {
  AMENDMENTS_PAGE,
  EDITIONS_CSS,
  EDITIONS_PAGE,
  EDITIONS_SCRIPT,
  HOME,
  relativeHref,
  replacedEditions,
} from './site-plan.ts';
import { frameView, type Site } from './web-view.ts';

const TITLE = 'Editions';
const WEB = 'web/';

/**
 * The editions page: the current edition, then each edition it replaced, newest first, with the
 * dates it was in force, what it changed, where its pages are and its archived files with their
 * checksums. It reads only the current edition and the ones before it, so it is the same before
 * and after the current edition's release.
 */
export function editionsView(site: Site) {
  const { book } = site;
  const language = book.meta.language;
  const history = new Map(book.history.flatMap((year) => year.editions).map((e) => [e.id, e]));
  const replaced = replacedEditions(book).map((edition) => ({
    id: edition.id,
    label: edition.label,
    current: false,
    from: edition.from,
    fromDate: longDate(edition.from, language),
    until: edition.until,
    untilDate: longDate(edition.until!, language),
    summary: summaryOf(history.get(edition.id)),
    amendmentsHref: relativeHref(EDITIONS_PAGE, AMENDMENTS_PAGE),
    href: edition.hasWeb ? relativeHref(EDITIONS_PAGE, `${editionFolder(edition.id)}/${HOME}`) : undefined,
    folder: edition.folder,
    files: edition.files.filter((f) => !f.name.startsWith(WEB)).map(fileView),
    webFiles: edition.files.filter((f) => f.name.startsWith(WEB)).length,
  }));
  const current = {
    id: book.edition.id,
    label: book.edition.label,
    current: true,
    from: book.edition.date,
    fromDate: longDate(book.edition.date, language),
    until: undefined,
    untilDate: '',
    summary: summaryOf(book.edition),
    amendmentsHref: relativeHref(EDITIONS_PAGE, AMENDMENTS_PAGE),
    href: HOME,
    folder: '',
    files: [],
    webFiles: 0,
  };
  const editions = [current, ...replaced];
  return {
    ...frameView(site, EDITIONS_PAGE, TITLE),
    title: TITLE,
    editions,
    earliest: editions.at(-1)!.from,
    editionsCss: EDITIONS_CSS,
    editionsScript: EDITIONS_SCRIPT,
  };
}

/** "3 updated, 1 new, 1 removed": what the edition's amendments list, chapters and documents alike. */
function summaryOf(edition: Edition | undefined): string {
  if (!edition) return '';
  const parts = [
    [edition.updated.length, 'updated'],
    [edition.new.length, 'new'],
    [edition.removed.length, 'removed'],
  ] as const;
  const said = parts.filter(([count]) => count > 0).map(([count, what]) => `${count} ${what}`);
  return said.length === 0 ? 'No amendments listed' : `Amendments: ${said.join(', ')}`;
}

const KINDS: [RegExp, string][] = [
  [/-amendment-pack\.pdf$/, 'Amendment pack (replacement binder pages)'],
  [/-print\.pdf$/, 'PDF for printing (binder pages)'],
  [/\.pdf$/, 'PDF (for reading on screen)'],
  [/\.epub$/, 'EPUB (for e-readers)'],
];

function fileView(file: ArchivedEdition['files'][number]) {
  const description = KINDS.find(([pattern]) => pattern.test(file.name))?.[1] ?? 'File';
  return { ...file, description, size: sizeOf(file.bytes) };
}

const sizeOf = (bytes: number) =>
  bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} KB`;
