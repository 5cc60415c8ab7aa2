import type { Book } from '../../core/book.ts';
import type { Keep, OutputFile } from '../contract.ts';
import type { PagePositions } from '../results.ts';
import { longDate } from '../../core/dates.ts';
import type { Templates } from '../templates.ts';
import { documentFile } from '../rehype-document-links.ts';
import { editionView } from '../view-parts.ts';
import { numberedTitle } from '../../core/numbered-title.ts';
import { chapterPages } from './chapter-page.ts';
import { documentsView } from './documents-page.ts';
import { SiteImages } from './site-images.ts';
import { DOCUMENTS_PAGE, HOME, historyFile, sitePlan, type SitePage } from './site-plan.ts';
import { contentsView, frameView, linksFrom, trailView, type Site } from './web-view.ts';

/** The web edition's pages, and the site (plan, images) they were made with. */
export function renderPages(book: Book, templates: Templates, pages: PagePositions, keep: Keep) {
  const site: Site = {
    book,
    plan: sitePlan(book),
    images: new SiteImages(book.assets),
    editionDate: longDate(book.edition.date, book.meta.language),
    histories: book.histories?.changed ?? new Set(),
  };
  const files: OutputFile[] = [{ name: HOME, data: templates.render('home', homeView(site)) }];
  for (const { page, view, key } of chapterPages(site, pages, keep))
    files.push({
      name: page.file,
      data: keep(`page ${page.file}`, `${templates.key} ${key}`, () => templates.render('chapter', view)),
    });
  for (const page of site.plan.pages) {
    if (page.kind === 'section')
      files.push({ name: page.file, data: templates.render('section', sectionView(site, page)) });
    if (page.kind === 'amendments')
      files.push({ name: page.file, data: templates.render('amendments', amendmentsView(site, page)) });
    if (page.kind === 'removed')
      files.push({ name: page.file, data: templates.render('removed', removedView(site, page)) });
  }
  if (book.documents.length > 0)
    files.push({ name: DOCUMENTS_PAGE, data: templates.render('documents', documentsView(site)) });
  return { site, files };
}

function homeView(site: Site) {
  const { book } = site;
  return {
    ...frameView(site, HOME, `${book.meta.title} – ${book.edition.label} edition`),
    isHome: true,
    documentCount: book.documents.length,
    sections: book.sections.map((s) => ({
      ...s,
      href: linksFrom(site, HOME).page(s.anchor),
      entries: contentsView(site, HOME, s.entries),
    })),
  };
}

function sectionView(site: Site, page: Extract<SitePage, { kind: 'section' }>) {
  return {
    ...frameView(site, page.file, numberedTitle(page.node)),
    ...page.node,
    trail: trailView(site, page.file, page.trail),
    entries: contentsView(site, page.file, page.node.entries),
  };
}

function amendmentsView(site: Site, page: Extract<SitePage, { kind: 'amendments' }>) {
  const links = linksFrom(site, page.file);
  const frame = frameView(site, page.file, numberedTitle(page.node));
  return {
    ...frame,
    ...editionView(site.book, links.toHtml, links.target, (d) => links.toFile(documentFile(d))),
    ...page.node,
    logo: frame.logo,
    trail: trailView(site, page.file, page.trail),
    level: 1,
  };
}

function removedView(site: Site, page: Extract<SitePage, { kind: 'removed' }>) {
  const links = linksFrom(site, page.file);
  const item = page.edition.removed.find((a) => a.chapter === page.id);
  return {
    ...frameView(site, page.file, `${page.title} (removed)`),
    removedTitle: page.title,
    removedIn: page.edition.label,
    detailsHtml: item?.details ? links.toHtml(item.details) : '',
    contents: links.toFile(HOME),
    amendmentsPage: links.page('amendments'),
    historyHref: site.histories.has(page.id) ? links.toFile(historyFile(page.id)) : undefined,
  };
}
