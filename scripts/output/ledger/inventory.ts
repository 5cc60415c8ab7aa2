import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Book, Chapter } from '../../core/book.ts';
import { publishedAddress } from '../../render/rehype-document-links.ts';

/** The kinds of content the ledger counts in every output. */
export type ItemKind = 'image' | 'link' | 'table' | 'code';

/**
 * One thing a chapter's body holds that every output must carry: found again in an HTML output
 * by its key (an image's text alternative, a link's text, a table's first row, a code block's
 * text), in a PDF by what it draws or leads to (`target`) and by its lines of text.
 */
export interface Item {
  kind: ItemKind;
  key: string;
  /** Where the chapter's source writes it, when the model's node says. */
  line?: number;
  column?: number;
  /** A link's target as a PDF names it: the destination of an `#anchor`, or an outside address. */
  target?: string;
  /** For code and tables: the texts a PDF's text must hold, each a line of code or a cell. */
  texts?: string[];
  /** For an image: its file, when it is a picture of pixels (a PDF draws those as image objects; drawings it draws as lines). */
  raster?: string;
}

export interface ChapterInventory {
  chapter: Pick<Chapter, 'id' | 'file' | 'anchor' | 'title'>;
  items: Item[];
  /** Footnotes the chapter gives (their references are links, counted as such). */
  footnotes: number;
}

/** Text as the ledger compares it: compatibility forms folded, spaces collapsed. */
export const normalText = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim();

/** Every image, link, table and code block of every chapter, with its place in the source. */
export function inventory(book: Book): ChapterInventory[] {
  const address = publishedAddress(book);
  const documents = new Map(book.documents.map((document) => [document.file, document]));
  return book.chapters.map((chapter) => {
    const items: Item[] = [];
    let footnotes = 0;
    walk(chapter.body, undefined, (node, place) => {
      const at = { line: place?.line, column: place?.column };
      if (node.tagName === 'img') {
        const src = String(node.properties.src ?? '');
        const raster = /\.svg$/i.test(src) || /^data:image\/svg/i.test(src) ? undefined : src;
        items.push({ kind: 'image', key: normalText(String(node.properties.alt ?? '')), raster, ...at });
      } else if (node.tagName === 'a' && typeof node.properties.dataDocument === 'string') {
        // Outputs write a document's link where it is published, or its name as text without an address.
        const document = documents.get(node.properties.dataDocument);
        const published = document && address(document);
        const key = normalText(toString(node));
        items.push({ kind: 'link', key, target: published && webAddress(published), texts: [key], ...at });
      } else if (node.tagName === 'a' && typeof node.properties.href === 'string') {
        items.push({ kind: 'link', key: normalText(toString(node)), target: pdfTarget(node.properties.href), ...at });
      } else if (node.tagName === 'table') {
        const cells = cellsOf(node);
        items.push({ kind: 'table', key: normalText(firstRowText(node)), texts: cells, ...at });
      } else if (node.tagName === 'pre') {
        items.push({ kind: 'code', key: normalText(toString(node)), texts: printedText(node).split('\n'), ...at });
      } else if (node.tagName === 'li' && /(^|-)fn-/.test(String(node.properties.id ?? ''))) footnotes++;
    });
    return { chapter, items, footnotes };
  });
}

type Place = { line: number; column: number } | undefined;

/** Visits every element, with the source place of the nearest element that has one. */
function walk(node: Root | Element, place: Place, visit: (element: Element, place: Place) => void): void {
  for (const child of node.children as ElementContent[]) {
    if (child.type !== 'element') continue;
    const own = child.position?.start ?? place;
    visit(child, own);
    walk(child, own, visit);
  }
}

/** `#anchor` as the named destination a PDF gives it; an outside address as a browser writes it; other links none. */
function pdfTarget(href: string): string | undefined {
  if (href.startsWith('#')) return decodeURIComponent(href.slice(1));
  return /^(https?|mailto):/i.test(href) ? webAddress(href) : undefined;
}

/** An address as Chromium writes it into a PDF (`https://example.org` as `https://example.org/`). */
export function webAddress(href: string): string {
  try {
    return new URL(href).href;
  } catch {
    return href;
  }
}

function firstRowText(table: Element): string {
  let first: Element | undefined;
  walk(table, undefined, (node) => {
    if (!first && node.tagName === 'tr') first = node;
  });
  return first ? toString(first) : '';
}

function cellsOf(table: Element): string[] {
  const cells: string[] = [];
  walk(table, undefined, (node) => {
    if (node.tagName === 'td' || node.tagName === 'th') cells.push(printedText(node));
  });
  return cells;
}

/** The text a page prints: without the words a change mark gives screen readers only (`.change-text`, hidden in print). */
function printedText(node: Element): string {
  return node.children
    .map((child) => {
      if (child.type === 'text') return child.value;
      if (child.type !== 'element') return '';
      const classes = Array.isArray(child.properties.className) ? child.properties.className : [];
      return classes.includes('change-text') ? '' : printedText(child);
    })
    .join('');
}
