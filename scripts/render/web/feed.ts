import type { AmendmentView, Edition } from '../../core/book.ts';
import { editionIdentifier } from '../edition-identifier.ts';
import { documentFile } from '../rehype-document-links.ts';
import type { Templates } from '../templates.ts';
import { HOME } from './site-plan.ts';
import { linksFrom, type Site } from './web-view.ts';

/**
 * `feed.xml`: an Atom feed with an entry for every edition, newest first, so readers can register
 * for updates. Ids are URNs made from the manual and the edition, so that they never change when
 * the site moves. Links are absolute where the contents gives the site's address (`site-url`),
 * since feed readers resolve relative ones unreliably, and else relative to the feed, which sits
 * at the top of the site.
 */
export function renderFeed(site: Site, templates: Templates): string {
  const { book } = site;
  const links = linksFrom(site, HOME);
  const siteUrl = book.meta.siteUrl;
  // A link from the top of the site, made absolute against its address.
  const at = (href: string) => (siteUrl ? new URL(href, siteUrl).href : href);
  const documents = new Map(book.documents.map((d) => [d.file, d]));
  const item = (a: AmendmentView) => {
    const document = a.document === undefined ? undefined : documents.get(a.document);
    const href = document ? links.toFile(documentFile(document)) : a.href && links.page(a.href.slice(1));
    return { ...a, href: href && at(href) };
  };
  // Chapters and documents are listed apart, as the amendments appendix lists them.
  const lists = (items: AmendmentView[]) => [
    items.filter((a) => !a.document).map(item),
    items.filter((a) => a.document).map(item),
  ];
  const entry = (edition: Edition) => {
    const [updated, updatedDocuments] = lists(edition.updated);
    const [added, newDocuments] = lists(edition.new);
    const [removed, removedDocuments] = lists(edition.removed);
    return {
      id: editionIdentifier(book.meta.slug, edition.id),
      label: edition.label,
      updated: atomDate(edition.date),
      link: at(links.page('amendments')),
      content: templates.render('feed-entry', {
        ...edition,
        updated,
        new: added,
        removed,
        updatedDocuments,
        newDocuments,
        removedDocuments,
      }),
    };
  };
  return templates.render('feed', {
    meta: book.meta,
    self: at('feed.xml'),
    home: siteUrl ?? HOME,
    id: editionIdentifier(book.meta.slug),
    updated: atomDate(book.edition.date),
    entries: [book.edition, ...book.history.flatMap((y) => y.editions)].map(entry),
  });
}

/** Editions are dated by the day; Atom wants a time, so midnight UTC. */
const atomDate = (date: string) => `${date}T00:00:00Z`;
