import type { ContentsNode, ManualDocument, SectionNode } from '../../core/book.ts';
import { numberedTitle } from '../../core/numbered-title.ts';
import { documentAbout, documentFile } from '../rehype-document-links.ts';
import { DOCUMENTS_PAGE, type SitePage } from './site-plan.ts';
import { frameView, linksFrom, trailView, type Site } from './web-view.ts';

/** A page a document can be listed under: a section, a subsection, a chapter or the appendix. */
type Place = Exclude<SitePage, { kind: 'removed' }>;

const TITLE = 'Documents';

/**
 * The documents page: every document once, under the place it belongs to, in contents order. A
 * document the contents lists is under the section or subsection that lists it; any other under
 * the first chapter that links to it (one linked only from the amendments, under the appendix).
 * Each says what it is, when it last changed and every chapter that links to it, so a form
 * linked from twenty chapters is one entry, not twenty.
 */
export function documentsView(site: Site) {
  const { book, plan } = site;
  const links = linksFrom(site, DOCUMENTS_PAGE);
  const places = plan.pages.filter((page): page is Place => page.kind !== 'removed');
  const chapters = new Map(places.flatMap((page) => (page.kind === 'chapter' ? [[page.node.id, page] as const] : [])));
  const byPlace = documentsByPlace(site, places);
  const entry = (document: ManualDocument) => ({
    number: document.number,
    title: capitalised(document.title),
    flag: document.flag,
    href: links.toFile(documentFile(document)),
    about: documentAbout(document),
    name: document.path.split('/').at(-1),
    issue: document.issue,
    chapters: document.linkedFrom.flatMap((id) => {
      const page = chapters.get(id);
      return page ? [{ label: numberedTitle(page.node), href: links.toFile(page.file) }] : [];
    }),
  });
  const sectionOf = (page: Place) => page.trail[0]?.file ?? page.file;
  const sections = places
    .filter((section) => section.kind === 'section' && section.trail.length === 0)
    .map((section) => ({
      label: { number: section.node.number, title: section.node.title },
      href: links.toFile(section.file),
      groups: places
        .filter((page) => byPlace.has(page.file) && sectionOf(page) === section.file)
        .map((page) => ({
          // The section's own documents come first, under its heading alone.
          heading:
            page === section
              ? undefined
              : { number: page.node.number, title: page.node.title, href: links.toFile(page.file) },
          documents: byPlace.get(page.file)!.map(entry),
        })),
    }))
    .filter((section) => section.groups.length > 0);
  const elsewhere = byPlace.get(undefined);
  return {
    ...frameView(site, DOCUMENTS_PAGE, TITLE),
    title: TITLE,
    count: book.documents.length,
    trail: trailView(site, DOCUMENTS_PAGE, []),
    sections,
    elsewhere: elsewhere?.map(entry) ?? [],
  };
}

/**
 * The documents under each place (by its page's file), in contents order where the contents
 * lists them, else in the order first linked; undefined holds those with no place (linked only
 * from amendments in a manual whose contents has no appendix).
 */
function documentsByPlace(site: Site, places: Place[]): Map<string | undefined, ManualDocument[]> {
  const { book, plan } = site;
  const listed = listedIn(book.sections);
  const appendix = places.find((page) => page.kind === 'amendments')?.file;
  const listedOrder = new Map([...listed.keys()].map((file, i) => [file, i]));
  const rank = (document: ManualDocument) => listedOrder.get(document.file) ?? book.documents.indexOf(document);
  const byPlace = new Map<string | undefined, ManualDocument[]>();
  for (const document of [...book.documents].sort((a, b) => rank(a) - rank(b))) {
    const parent = listed.get(document.file);
    const place =
      parent !== undefined
        ? plan.fileOf.get(parent)
        : (places.find((page) => page.kind === 'chapter' && page.node.id === document.linkedFrom[0])?.file ?? appendix);
    byPlace.set(place, [...(byPlace.get(place) ?? []), document]);
  }
  return byPlace;
}

/** A document's title as a list shows it: one taken from a link's text ("the contacts list") starts with a capital. */
const capitalised = (title: string) => title.charAt(0).toUpperCase() + title.slice(1);

/** Each document the contents lists, in contents order, with the anchor of the section or subsection listing it. */
function listedIn(sections: readonly SectionNode[]): Map<string, string> {
  const listed = new Map<string, string>();
  const walk = (parent: { anchor: string; entries: ContentsNode[] }) => {
    for (const node of parent.entries) {
      if (node.kind === 'document' && !listed.has(node.file)) listed.set(node.file, parent.anchor);
      if (node.kind === 'subsection') walk(node);
    }
  };
  sections.forEach(walk);
  return listed;
}
