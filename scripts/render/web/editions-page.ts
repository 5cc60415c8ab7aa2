import type { ArchivedEdition, Edition } from '../../core/book.ts';
import { longDate } from '../../core/dates.ts';
import { editionFile, editionFolder } from './archived-banner.ts';
import {
  AMENDMENTS_PAGE,
  EDITIONS_CSS,
  EDITIONS_SCRIPT,
  editionsCompareFile,
  HOME,
  relativeHref,
  replacedEditions,
} from './site-plan.ts';
import { frameView, type Site } from './web-view.ts';

const TITLE = 'Editions';
const WEB = 'web/';

/**
 * The editions page, made at `file` (the site's top, or a replaced edition's folder, where its
 * pages' own "Editions" link leads): the current edition, then each edition it replaced, newest first, with the
 * dates it was in force, what it changed, where its pages are and its archived files with their
 * checksums. It describes the archive as it is now, so no release keeps it: it is made again
 * by every build, beside the replaced editions it links to.
 */
export function editionsView(site: Site, file: string) {
  const { book } = site;
  const language = book.meta.language;
  // The appendix heads each edition's amendments with its id (templates/shared/amendments.hbs).
  const amendmentsOf = (id: string) => `${relativeHref(file, AMENDMENTS_PAGE)}#amendments-${id}`;
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
    amendmentsHref: amendmentsOf(edition.id),
    href: edition.hasWeb ? relativeHref(file, `${editionFolder(edition.id)}/${HOME}`) : undefined,
    folder: edition.folder,
    files: edition.files.filter((f) => !f.name.startsWith(WEB)).map((f) => fileView(file, f)),
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
    amendmentsHref: amendmentsOf(book.edition.id),
    href: relativeHref(file, HOME),
    folder: '',
    files: [],
    webFiles: 0,
  };
  const editions = [current, ...replaced].map((edition, i, all) => ({
    ...edition,
    compareHref: all[i + 1] && relativeHref(file, editionsCompareFile(all[i + 1].id, edition.id)),
    previousLabel: all[i + 1]?.label,
  }));
  return {
    ...frameView(site, file, TITLE),
    title: TITLE,
    editions,
    earliest: editions.at(-1)!.from,
    // The comparison pages' folder from this page: editions.js opens `<it><from>.<to>.html`.
    compareBase: relativeHref(file, editionsCompareFile('x', 'y')).replace(/x\.y\.html$/, ''),
    editionsCss: relativeHref(file, EDITIONS_CSS),
    editionsScript: relativeHref(file, EDITIONS_SCRIPT),
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

function fileView(page: string, file: ArchivedEdition['files'][number]) {
  const description = KINDS.find(([pattern]) => pattern.test(file.name))?.[1] ?? 'File';
  return { ...file, description, size: sizeOf(file.bytes), href: relativeHref(page, editionFile(file.name)) };
}

const sizeOf = (bytes: number) =>
  bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} KB`;
