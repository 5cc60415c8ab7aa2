import type { Element, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import MiniSearch from 'minisearch';
import type { Book, Chapter, ManualDocument } from '../../core/book.ts';
import { documentAbout, documentPath } from '../rehype-document-links.ts';
import { chapterFile } from '../site-addresses.ts';
import { entriesInOrder } from '../../core/contents.ts';

/**
 * The site's search index, built here with MiniSearch and loaded in the browser with
 * `MiniSearch.loadJS`: one document for each part of a chapter, its opening and each `##` or
 * `###` heading's part, and one for each document of the manual, found by its title and its path
 * (`forms/pet-assessment.docx`). The index stores only short fields (the part's number and title,
 * which chapter or document, a snippet), and the chapters' and documents' labels once each, so it
 * stays small for large manuals.
 */

/** The options the browser must load the index with: the same fields, the same stored fields. */
export const SEARCH_OPTIONS = { fields: ['title', 'text'], storeFields: ['title', 'n', 'c', 'd', 'f', 'x'] };

/** How many characters of a part's text the results show. */
const SNIPPET = 140;

/**
 * Words left out of an English manual's index (and of every query, by the same rule in the
 * browser): they are in nearly every part, so they find nothing and their lists of parts were a
 * sixth of the index. Single letters ("s" of "child's") go in every language.
 */
const ENGLISH_STOP_WORDS = (
  'a an and are as at be been by can for from had has have in is it its may must not of on or ' +
  'should that the their there they this to was were which will with'
).split(' ');

/** The words of a manual in `language` that its index leaves out. */
export const stopWordsFor = (language: string) => (/^en\b/i.test(language) ? ENGLISH_STOP_WORDS : []);

/** MiniSearch's term rule with the stop words and single letters left out; the browser builds the same. */
export function termRule(stopWords: readonly string[]) {
  const stop = new Set(stopWords);
  return (term: string) => {
    const word = term.toLowerCase();
    return word.length < 2 || stop.has(word) ? null : word;
  };
}

interface Part {
  id: number;
  title: string;
  text: string;
  /** The part's number: the heading's, none for a chapter's opening. */
  n?: string;
  /** The chapter's place in `chapters` of the index file; none for a document. */
  c?: number;
  /** The document's place in `documents` of the index file; none for a part of a chapter. */
  d?: number;
  /** The heading's anchor; none for the opening. */
  f?: string;
  x: string;
}

/** The contents of `search-index.js`: a script that assigns the index to a global, so it loads from file:// too. */
export function searchIndexScript(book: Book): string {
  const sectionOf = sectionTitles(book);
  const chapters = book.chapters.map((c) => ({
    n: c.number,
    t: c.title,
    s: sectionOf.get(c.id) ?? '',
    u: chapterFile(c.id),
  }));
  const stopWords = stopWordsFor(book.meta.language);
  const search = new MiniSearch<Part>({ ...SEARCH_OPTIONS, processTerm: termRule(stopWords) });
  let id = 0;
  book.chapters.forEach((chapter, c) => search.addAll(partsOf(chapter).map((part) => ({ ...part, id: id++, c }))));
  search.addAll(book.documents.map((document, d) => ({ ...documentPart(document), id: id++, d })));
  const documents = book.documents.map((document) => ({ a: documentAbout(document), u: documentPath(document) }));
  const data = { options: SEARCH_OPTIONS, stopWords, chapters, documents, index: search.toJSON() };
  return `globalThis.manualSearch = ${JSON.stringify(data)};\n`;
}

/** A document as the index holds it: found by its title and its path, its file name shown under its title. */
function documentPart(document: ManualDocument): Omit<Part, 'id'> {
  return { title: document.title, n: document.number, text: document.path, x: document.path.split('/').at(-1)! };
}

/** A chapter's opening and each part under a numbered heading, as documents to index. */
function partsOf(chapter: Chapter): Omit<Part, 'id' | 'c' | 'd'>[] {
  const headings = new Map(chapter.headings.filter((h) => h.depth <= 3).map((h) => [h.anchor, h]));
  const parts: Omit<Part, 'id' | 'c' | 'd'>[] = [];
  let part: { title: string; n?: string; f?: string; nodes: RootContent[] } = { title: chapter.title, nodes: [] };
  const finish = () => {
    const text = part.nodes
      .map((n) => toString(n as Element))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    // The opening is always a document, so that a chapter's title finds it even when it opens with a heading.
    if (text || part.f === undefined) parts.push({ title: part.title, text, n: part.n, f: part.f, x: snippet(text) });
  };
  for (const node of (chapter.body as Root).children) {
    const id = node.type === 'element' ? node.properties.id : undefined;
    const heading = typeof id === 'string' ? headings.get(id) : undefined;
    if (!heading) part.nodes.push(node);
    else {
      finish();
      part = { title: heading.text, n: heading.number, f: heading.anchor, nodes: [] };
    }
  }
  finish();
  return parts;
}

function snippet(text: string): string {
  if (text.length <= SNIPPET) return text;
  const cut = text.lastIndexOf(' ', SNIPPET);
  return `${text.slice(0, cut > SNIPPET / 2 ? cut : SNIPPET)}…`;
}

/** The number and title of the section each chapter is in. */
function sectionTitles(book: Book): Map<string, string> {
  return new Map(
    book.sections.flatMap((section) =>
      [...entriesInOrder(section.entries)].flatMap(([e]) =>
        e.kind === 'chapter' ? [[e.id, `${section.number} ${section.title}`] as const] : [],
      ),
    ),
  );
}
