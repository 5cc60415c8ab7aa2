import path from 'node:path';
import type {
  ArchivedEdition,
  Book,
  ChapterNode,
  ContentsNode,
  Edition,
  SectionNode,
  SubsectionNode,
} from '../../core/book.ts';
import { AMENDMENTS_ANCHOR, CONTENTS_ANCHOR } from '../../core/book.ts';
import { chapterFile } from '../site-addresses.ts';

/**
 * The web edition's pages and where each anchor of the book lives. Addresses are made from ids
 * and anchors, never numbers, so a renumbering moves no page: a chapter is
 * `chapters/<its id>.html`, a section or subsection `sections/<anchor>.html`.
 */

export const HOME = 'index.html';
export const AMENDMENTS_PAGE = 'amendments.html';
/** Every document the manual links to, by section and chapter: made only when it links to any. */
export const DOCUMENTS_PAGE = 'documents.html';
/** Every archived edition, with its dates in force and files: made only when an edition has been replaced. */
export const EDITIONS_PAGE = 'editions.html';
/** The styles of the editions page and of the banner of each archived page. */
export const EDITIONS_CSS = 'editions.css';
/** The date field of the editions page, which names the edition in force on a date. */
export const EDITIONS_SCRIPT = 'editions.js';

/** A chapter's history, beside its page: every edition that changed it. */
export const historyFile = (id: string) => `chapters/${id}.history.html`;
/** One chapter's words in two editions compared, beside its page. */
export const compareFile = (id: string, from: string, to: string) => `chapters/${id}.compare.${from}.${to}.html`;
/** Two editions of the whole manual compared: the chapters added, removed and changed between them. */
export const editionsCompareFile = (from: string, to: string) => `compare/${from}.${to}.html`;

/** A section or subsection: the trail above it, for breadcrumbs. */
export interface Crumb {
  label: { number?: string; title: string };
  file: string;
}

export type SitePage =
  | { kind: 'section'; file: string; node: SectionNode | SubsectionNode; trail: Crumb[] }
  | { kind: 'chapter'; file: string; node: ChapterNode; trail: Crumb[] }
  | { kind: 'amendments'; file: string; node: Extract<ContentsNode, { kind: 'amendments' }>; trail: Crumb[] }
  | { kind: 'removed'; file: string; id: string; title: string; edition: Edition };

export interface SitePlan {
  pages: SitePage[];
  /** The page (its file, from the site's folder) holding each anchor links can point at. */
  fileOf: Map<string, string>;
}

/** The archived editions the current one replaced, newest first: the editions page lists them, `editions/` holds their web editions. */
export const replacedEditions = (book: Book): ArchivedEdition[] =>
  book.archive.editions.filter((edition) => !edition.current && edition.until !== undefined);

const sectionFile = (anchor: string) => `sections/${anchor}.html`;

export function sitePlan(book: Book): SitePlan {
  const pages: SitePage[] = [];
  const fileOf = new Map<string, string>([[CONTENTS_ANCHOR, HOME]]);
  for (const section of book.sections) {
    const sectionCrumb = { label: section, file: sectionFile(section.anchor) };
    pages.push({ kind: 'section', file: sectionCrumb.file, node: section, trail: [] });
    const walk = (entries: ContentsNode[], trail: Crumb[]) => {
      for (const node of entries) {
        if (node.kind === 'subsection') {
          const file = sectionFile(node.anchor);
          pages.push({ kind: 'section', file, node, trail });
          walk(node.entries, [...trail, { label: node, file }]);
        } else if (node.kind === 'chapter') pages.push({ kind: 'chapter', file: chapterFile(node.id), node, trail });
        else if (node.kind === 'amendments') pages.push({ kind: 'amendments', file: AMENDMENTS_PAGE, node, trail });
      }
    };
    walk(section.entries, [sectionCrumb]);
  }
  for (const page of pages) if (page.kind !== 'removed') fileOf.set(page.node.anchor, page.file);
  fileOf.set(AMENDMENTS_ANCHOR, AMENDMENTS_PAGE);
  for (const chapter of book.chapters)
    for (const heading of chapter.headings) fileOf.set(heading.anchor, chapterFile(chapter.id));
  pages.push(...removedPages(book));
  return { pages, fileOf };
}

/**
 * A page at the old address of each chapter an edition removed, when its amendment names the
 * chapter's id (an amendment giving only the title leaves no address to keep), unless a chapter
 * of the current contents has taken that id again. The latest removal is the one told.
 */
function removedPages(book: Book): SitePage[] {
  const live = new Set(book.chapters.map((c) => c.id));
  const pages = new Map<string, SitePage>();
  const editions = [book.edition, ...book.history.flatMap((y) => y.editions)];
  for (const edition of editions)
    for (const item of edition.removed)
      if (item.chapter !== undefined && !live.has(item.chapter) && !pages.has(item.chapter))
        pages.set(item.chapter, {
          kind: 'removed',
          file: chapterFile(item.chapter),
          id: item.chapter,
          title: item.title,
          edition,
        });
  return [...pages.values()];
}

/** The chapters and the appendix, in contents order: what previous and next step through. */
export function readingOrder(plan: SitePlan): Extract<SitePage, { kind: 'chapter' | 'amendments' }>[] {
  return plan.pages.filter((p) => p.kind === 'chapter' || p.kind === 'amendments');
}

/** A link from the page `from` to the site file `to`, relative, each path segment percent-encoded. */
export function relativeHref(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to) || path.posix.basename(to);
  return relative.split('/').map(encodeURIComponent).join('/');
}

/** The way up from a page to the site's folder: "" at the top, "../" one folder down. */
export function rootOf(file: string): string {
  return '../'.repeat(file.split('/').length - 1);
}
