import type { ArchivedEdition, Book } from '../../core/book.ts';
import { longDate } from '../../core/dates.ts';
import { chapterFile } from '../site-addresses.ts';
import { EDITIONS_CSS, EDITIONS_PAGE, HOME, relativeHref, type SitePlan } from './site-plan.ts';

/** Where a superseded edition's web pages are copied in the site: `editions/<edition>/<page>`. */
export const editionFolder = (edition: string) => `editions/${edition}`;

/** Where a replaced edition's PDFs, EPUB and amendment pack are copied in the site: beside its folder, as they were beside `web/`. */
export const editionFile = (name: string) => `editions/${name}`;

/** What opens the banner: the one element added to each archived page, right after its `<body>` tag. */
export const BANNER_START = '\n<section class="archived-edition" aria-label="Replaced edition">';
const BANNER_END = '</section>';

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The banner of one archived page (`page`, its file in the archived web edition): which edition it
 * is, the dates it was in force, and where the same page is now. A chapter page links to the same
 * chapter in the current edition, by its id, or says the chapter was removed and links to the
 * contents. Plain elements, no script: the archived pages allow only their own scripts.
 */
export function bannerOf(book: Book, plan: SitePlan, edition: ArchivedEdition, page: string): string {
  const here = `${editionFolder(edition.id)}/${page}`;
  const link = (to: string, text: string) => `<a href="${relativeHref(here, to)}">${escape(text)}</a>`;
  const language = book.meta.language;
  const dates = `in force from ${longDate(edition.from, language)} to ${longDate(edition.until!, language)}`;
  const current = `the current edition (${escape(book.edition.label)})`;
  const where = pageNow(book, plan, page);
  const replaced =
    where.kind === 'same'
      ? `It has been replaced: see ${link(where.file, `this ${where.what} in the current edition`)}.`
      : where.kind === 'removed'
        ? `It has been replaced. This chapter was removed${where.in ? ` in the ${escape(where.in)} edition` : ''}: see ${link(HOME, `the contents of ${current}`)}.`
        : `It has been replaced: see ${link(HOME, `the contents of ${current}`)}.`;
  return [
    BANNER_START,
    `<link rel="stylesheet" href="${relativeHref(here, EDITIONS_CSS)}">`,
    `<p><strong>This is the ${escape(edition.label)} edition</strong>, ${dates}. ${replaced}`,
    ` ${link(EDITIONS_PAGE, 'All editions')}.</p>`,
    BANNER_END,
  ].join('');
}

type PageNow = { kind: 'same'; file: string; what: string } | { kind: 'removed'; in?: string } | { kind: 'elsewhere' };

/** Where the archived page `page` is in the current edition: the same page, a removed chapter's, or nowhere. */
function pageNow(book: Book, plan: SitePlan, page: string): PageNow {
  const chapter = /^chapters\/(.+)\.html$/.exec(page)?.[1];
  if (chapter !== undefined) {
    if (book.chapters.some((c) => c.id === chapter))
      return { kind: 'same', file: chapterFile(chapter), what: 'chapter' };
    const editions = [book.edition, ...book.history.flatMap((y) => y.editions)];
    const removal = editions.find((e) => e.removed.some((item) => item.chapter === chapter));
    return { kind: 'removed', in: removal?.label };
  }
  const live = plan.pages.some((p) => p.kind !== 'removed' && p.file === page);
  return live || page === HOME ? { kind: 'same', file: page, what: 'page' } : { kind: 'elsewhere' };
}

/**
 * The page with its banner: right after its skip link when the page opens with one (a skip link
 * must stay the first thing to reach), else right after the first `<body...>` tag, else at the start.
 */
export function withBanner(html: string, banner: string): string {
  const opening = /<body\b[^>]*>(\s*<a class="skip-link"[^>]*>[^<]*<\/a>)?/i.exec(html);
  const at = opening ? opening.index + opening[0].length : 0;
  return html.slice(0, at) + banner + html.slice(at);
}
