import { slug } from 'github-slugger';
import { DOCUMENTS_ANCHOR, type Book, type ContentsNode, type Origin, type SectionNode } from '../../core/book.ts';
import { rehypeRetargetLinks } from '../rehype-retarget-links.ts';
import type { Templates } from '../templates.ts';
import { bodyOf, editionView, htmlOf } from '../view-parts.ts';
import type { PagePositions } from '../results.ts';
import { printPagePlaces, type PagePlace } from './page-list.ts';
import { documentEntry, publishedAddress, rehypeDocumentLinks } from '../rehype-document-links.ts';
import { documentsListView } from '../documents-list.ts';
import { rehypeImageFileUrls } from './rehype-image-file-urls.ts';
import { rehypePageBreaks } from './rehype-page-breaks.ts';
import { entriesInOrder, mapEntries } from '../../core/contents.ts';
import { numberedTitle } from '../../core/numbered-title.ts';

/** One XHTML document of the EPUB: its body, rendered from the templates. */
export interface EpubDocument {
  filename: string;
  title: string;
  body: string;
}

/** A subsection heading, shown at the top of its first document (where its anchor lives). */
interface SubsectionMark {
  label: string;
  anchor?: string;
}

/** A document of the reading order after the contents page, and the contents node it shows. */
type SpineItem = { file: string; subsections: SubsectionMark[] } & (
  | { kind: 'section'; node: SectionNode }
  | {
      kind: 'chapter' | 'amendments' | 'outside-document';
      node: Extract<ContentsNode, { kind: 'chapter' | 'amendments' | 'outside-document' }>;
    }
);

interface NavItem {
  label: string;
  href: string;
  /** The manual's own entry, in a manual built on a regional base: the label says so in words, as reading systems show it unstyled. */
  local?: boolean;
  children: NavItem[];
}

export const TITLE_FILE = 'title.xhtml';
export const CONTENTS_FILE = 'contents.xhtml';
/** The list of documents, the last document of the reading order when the manual has documents. */
const DOCUMENTS_FILE = `${DOCUMENTS_ANCHOR}.xhtml`;

const outsideId = (node: { number?: string; title: string }) => `outside-${node.number ?? slug(node.title)}`;
const outsideFile = (node: { number?: string; title: string }) => `${outsideId(node)}.xhtml`;

/**
 * The documents after the contents page, in reading order: each section's opening, then its
 * chapters, outside documents (a page saying where the document is) and the appendix, each with
 * the headings of the subsections opened since the document before it.
 */
function spineOf(book: Book): SpineItem[] {
  const spine: SpineItem[] = [];
  for (const section of book.sections) {
    spine.push({ kind: 'section', node: section, file: `${section.anchor}.xhtml`, subsections: [] });
    const pending: SubsectionMark[] = [];
    for (const [node] of entriesInOrder(section.entries)) {
      if (node.kind === 'subsection') pending.push({ label: numberedTitle(node), anchor: node.anchor });
      else if (node.kind === 'chapter' || node.kind === 'amendments' || node.kind === 'outside-document') {
        const file = node.kind === 'outside-document' ? outsideFile(node) : `${node.anchor}.xhtml`;
        spine.push({ kind: node.kind, node, file, subsections: pending.splice(0) });
      }
    }
  }
  return spine;
}

/** Which document holds each anchor the book's links can point at. */
function documentOf(book: Book, spine: SpineItem[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const item of spine) {
    if ('anchor' in item.node) files.set(item.node.anchor, item.file);
    for (const subsection of item.subsections) if (subsection.anchor) files.set(subsection.anchor, item.file);
  }
  for (const chapter of book.chapters)
    for (const heading of chapter.headings) files.set(heading.anchor, `${chapter.anchor}.xhtml`);
  if (book.documents.length > 0) files.set(DOCUMENTS_ANCHOR, DOCUMENTS_FILE);
  return files;
}

/**
 * The EPUB's documents in reading order and its navigation document. With the partner PDF's
 * pages, each page's start is marked where it falls, and the navigation lists them (a page list).
 */
export function epubView(book: Book, templates: Templates, printed?: PagePositions) {
  const spine = spineOf(book);
  const files = documentOf(book, spine);
  const href = (anchor: string) => `${files.get(anchor)}#${anchor}`;
  const link = (target: string) =>
    target.startsWith('#') && files.has(target.slice(1)) ? href(target.slice(1)) : target;
  const places = printed
    ? printPagePlaces(book, printed, (anchor) => files.get(anchor) ?? '', TITLE_FILE, CONTENTS_FILE)
    : new Map<number, PagePlace>();
  const pagesAt = new Map<string, number[]>();
  for (const [page, place] of places)
    pagesAt.set(place.id ?? place.file, [...(pagesAt.get(place.id ?? place.file) ?? []), page]);
  const toHtmlIn = (file: string) =>
    htmlOf(book, [
      [rehypeRetargetLinks, files, file],
      [rehypeImageFileUrls, book.assets],
      [rehypeDocumentLinks, book, publishedAddress(book)],
      [rehypePageBreaks, pagesAt],
    ]);
  const shared = { ...editionView(book, toHtmlIn(''), link), logo: book.meta.logo && book.assets.url(book.meta.logo) };
  const contents = (nodes: ContentsNode[]) =>
    mapEntries<object>(nodes, (node, inner) => {
      if (node.kind === 'subsection') return { ...node, href: href(node.anchor), entries: inner };
      if (node.kind === 'chapter' || node.kind === 'amendments') return { ...node, href: href(node.anchor) };
      if (node.kind === 'see-also') return { ...node, links: node.links.map((l) => ({ ...l, href: link(l.href) })) };
      if (node.kind === 'document') return documentEntry(book, node, publishedAddress(book));
      return node;
    });
  const sections = book.sections.map((s) => ({ ...s, href: href(s.anchor), entries: contents(s.entries) }));
  // An address outside the EPUB is a link only where the manual says where documents are published.
  const list = documentsListView(book, publishedAddress(book), (address) => ({ link: address, address }), href);
  const documentsEntry = list && { title: list.title, href: href(list.anchor) };
  const entriesOf = new Map(sections.map((s) => [s.anchor, s.entries]));
  const body = bodyOf(book);
  const documents: EpubDocument[] = [
    {
      filename: TITLE_FILE,
      title: book.meta.title,
      body: templates.render('title', { ...shared, pageBreaks: pagesAt.get(TITLE_FILE) }),
    },
    {
      filename: CONTENTS_FILE,
      title: 'Contents',
      body: templates.render('contents', {
        ...shared,
        sections,
        documentsEntry,
        pageBreaks: pagesAt.get(CONTENTS_FILE),
      }),
    },
    ...spine.map((item) => {
      const pageBreaks = 'anchor' in item.node ? pagesAt.get(item.node.anchor) : undefined;
      const view = {
        ...shared,
        ...item.node,
        subsections: item.subsections,
        id: item.node.kind === 'outside-document' ? outsideId(item.node) : undefined,
        pageBreaks,
      };
      if (item.kind === 'section')
        return {
          filename: item.file,
          title: numberedTitle(item.node),
          body: templates.render('section', { ...view, entries: entriesOf.get(item.node.anchor) }),
        };
      const html = item.node.kind === 'chapter' ? toHtmlIn(item.file)(body(item.node.id)) : '';
      return {
        filename: item.file,
        title: numberedTitle(item.node),
        body: templates.render(item.kind, { ...view, html, level: 1 }),
      };
    }),
    ...(list ? [documentsDocument(templates, { ...shared, ...list, pageBreaks: pagesAt.get(DOCUMENTS_ANCHOR) })] : []),
  ];
  const nav: NavItem[] = [
    ...book.sections.map((s) => ({
      ...navLabel(s),
      href: href(s.anchor),
      children: navItems(s.entries, files),
    })),
    ...(documentsEntry ? [{ label: documentsEntry.title, href: documentsEntry.href, children: [] }] : []),
  ];
  const pageList = [...places].map(([page, place]) => ({ label: String(page), href: `${place.file}#page-${page}` }));
  const navDocument = templates.render('nav', {
    ...shared,
    nav,
    pageList,
    firstSection: spine[0]?.file ?? CONTENTS_FILE,
  });
  return { documents, navDocument, shared: { ...shared, printPageNumbers: places.size > 0 } };
}

/** The list of documents, after everything else: each document's address, and the chapters that refer to it. */
const documentsDocument = (templates: Templates, view: { title: string } & Record<string, unknown>): EpubDocument => ({
  filename: DOCUMENTS_FILE,
  title: view.title,
  body: templates.render('documents', view),
});

/** The navigation document's entries, each pointing into the book in reading order. */
function navItems(nodes: ContentsNode[], files: Map<string, string>): NavItem[] {
  return mapEntries<NavItem>(nodes, (node, children) => {
    if (node.kind === 'subsection')
      return { ...navLabel(node), href: `${files.get(node.anchor)}#${node.anchor}`, children };
    if (node.kind === 'chapter' || node.kind === 'amendments')
      return { ...navLabel(node), href: `${files.get(node.anchor)}#${node.anchor}`, children: [] };
    if (node.kind === 'outside-document')
      return { ...navLabel(node), href: `${outsideFile(node)}#${outsideId(node)}`, children: [] };
    return [];
  });
}

/** A navigation entry's words, and whether it is the manual's own (only a manual built on a regional base has any). */
function navLabel(node: { number?: string; title: string; origin?: Origin }): Pick<NavItem, 'label' | 'local'> {
  return { label: numberedTitle(node), ...(node.origin && node.origin !== 'base' ? { local: true } : {}) };
}
