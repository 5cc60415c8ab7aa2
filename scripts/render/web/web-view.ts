import { createHash } from 'node:crypto';
import type { Book, ContentsNode, ManualDocument } from '../../core/book.ts';
import { mapEntries } from '../../core/contents.ts';
import { ownerOfRawAnchor } from '../../core/raw-anchors.ts';
import { editionName } from '../contract.ts';
import { documentEntry, documentFile, rehypeDocumentLinks } from '../rehype-document-links.ts';
import { rehypeRetargetLinks } from '../rehype-retarget-links.ts';
import { htmlOf, type ToHtml } from '../view-parts.ts';
import { rehypeScrollTables } from './rehype-scroll-tables.ts';
import { searchEditionsOf } from './search-editions.ts';
import type { SiteImages } from './site-images.ts';
import {
  DOCUMENTS_PAGE,
  EDITIONS_PAGE,
  HOME,
  replacedEditions,
  relativeHref,
  rootOf,
  type Crumb,
  type SitePlan,
} from './site-plan.ts';

/** What every page of the site is made with: the book, the plan, and how links are written from a page. */
export interface Site {
  book: Book;
  plan: SitePlan;
  images: SiteImages;
  /** The edition's date as every page's frame gives it: one date format is made for the whole site. */
  editionDate: string;
  /** The chapters, current or removed, that have a history page: those an edition changed. */
  histories: ReadonlySet<string>;
}

/** How a page links to the rest of the site, relative to its own folder. */
export function linksFrom(site: Site, file: string) {
  const { fileOf } = site.plan;
  const toFile = (to: string) => relativeHref(file, to);
  /** A book-wide `#anchor` (or an outside address) as a link from this page. */
  const target = (href: string) => {
    if (!href.startsWith('#')) return href;
    const anchor = href.slice(1);
    const to = fileOf.get(anchor) ?? fileOf.get(ownerOfRawAnchor(anchor) ?? '');
    return to === undefined ? href : to === file ? href : `${toFile(to)}${href}`;
  };
  /** The page of a section, subsection, chapter or the appendix, without a fragment. */
  const page = (anchor: string) => toFile(fileOf.get(anchor) ?? HOME);
  const toHtml: ToHtml = htmlOf(site.book, [
    [rehypeRetargetLinks, fileOf, file, toFile],
    site.images.transform(toFile),
    [rehypeDocumentLinks, site.book, (document: ManualDocument) => toFile(documentFile(document))],
    rehypeScrollTables,
  ]);
  return { toFile, target, page, toHtml };
}

/** What every page's frame shows: the manual, the edition, the way to the site's top, the downloads. */
export function frameView(site: Site, file: string, title: string) {
  const { book } = site;
  const links = linksFrom(site, file);
  const root = rootOf(file);
  const name = encodeURIComponent(editionName(book));
  const download = (suffix: string, label: string) => ({ href: `${root}../${name}${suffix}`, label });
  return {
    meta: book.meta,
    // The regional manual the book is built on, for the credit line of the home page and the footer.
    base: book.base,
    edition: book.edition,
    editionDate: site.editionDate,
    logo: book.meta.logo && links.toFile(site.images.fileOf(book.meta.logo)),
    // A browser tab, a bookmark and a search result name the manual as well as the page.
    pageTitle: file === HOME ? title : `${title} – ${book.meta.shortTitle}`,
    canonical: book.meta.siteUrl && publishedPage(book.meta.siteUrl, file),
    root,
    home: links.toFile(HOME),
    amendments: links.page('amendments'),
    documentsPage: book.documents.length > 0 ? links.toFile(DOCUMENTS_PAGE) : undefined,
    editionsPage: replacedEditions(book).length > 0 ? links.toFile(EDITIONS_PAGE) : undefined,
    searchEditions: searchEditionsOf(book),
    downloads: [
      download('.pdf', 'PDF (for reading on screen)'),
      download('-print.pdf', 'PDF for printing (binder pages)'),
      download('.epub', 'EPUB (for e-readers)'),
      ...(book.pack ? [download('-amendment-pack.pdf', 'Amendment pack (replacement binder pages)')] : []),
    ],
  };
}

/**
 * A page's address where the site is published (`siteUrl` ends in "/"): the home page is the
 * site's own address, the one readers are given; every other page its file, each part encoded.
 */
export function publishedPage(siteUrl: string, file: string): string {
  return file === HOME ? siteUrl : `${siteUrl}${file.split('/').map(encodeURIComponent).join('/')}`;
}

/** A hash of what `frameView` reads of the site: with the page's file and title it stands for the whole frame. */
export function frameKey(site: Site): string {
  const { book } = site;
  const logo = book.meta.logo && site.images.fileOf(book.meta.logo);
  const documents = book.documents.length > 0;
  const editions = replacedEditions(book).length > 0;
  const read = [
    book.meta,
    book.base,
    book.edition,
    site.editionDate,
    logo,
    editionName(book),
    Boolean(book.pack),
    documents,
    editions,
    searchEditionsOf(book),
  ];
  return createHash('sha256').update(JSON.stringify(read)).digest('hex');
}

/** The contents entries below `nodes`, each linked from the page `file`. */
export function contentsView(site: Site, file: string, nodes: ContentsNode[]): object[] {
  const { page, target } = linksFrom(site, file);
  return mapEntries<object>(nodes, (node, inner) => {
    if (node.kind === 'subsection') return { ...node, href: page(node.anchor), entries: inner };
    if (node.kind === 'chapter' || node.kind === 'amendments') return { ...node, href: page(node.anchor) };
    if (node.kind === 'see-also') return { ...node, links: node.links.map((l) => ({ ...l, href: target(l.href) })) };
    if (node.kind === 'document') return documentEntry(site.book, node, (d) => relativeHref(file, documentFile(d)));
    return node;
  });
}

/** A breadcrumb trail from the page `file`: the home page, then each section above it. */
export function trailView(site: Site, file: string, trail: Crumb[]) {
  return trail.map((crumb) => ({ ...crumb.label, href: relativeHref(file, crumb.file) }));
}
