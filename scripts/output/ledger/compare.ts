import type { ChapterInventory, Item, ItemKind } from './inventory.ts';
import type { PdfContents } from './read-pdf.ts';
import type { FoundInHtml } from './read-html.ts';
import { normalText, webAddress } from './inventory.ts';

/** What one output shows, read back: an HTML output's chapters, or a PDF's pages. */
export interface OutputReading {
  /** "the EPUB", "the partner PDF" ... as messages name it. */
  output: string;
  html?: Map<number, FoundInHtml>;
  pdf?: { contents: PdfContents; pages: string[] };
}

/** Something of a chapter an output does not show: the item, and for code and tables the line or cell lost. */
export interface Loss {
  chapter: number;
  item: Item;
  /** The line of code or the cell text lost, when the item is there only in part. */
  part?: string;
}

/** What an HTML output lost: each item of a chapter whose key the output's part of that chapter shows fewer times. */
export function lostInHtml(inventory: readonly ChapterInventory[], html: Map<number, FoundInHtml>): Loss[] {
  const losses: Loss[] = [];
  inventory.forEach(({ items }, chapter) => {
    const shown = html.get(chapter);
    const left = new Map<ItemKind, Map<string, number>>();
    for (const [kind, keys] of shown?.keys ?? []) left.set(kind, tally(keys));
    for (const item of items) if (!take(left.get(item.kind), item.key)) losses.push({ chapter, item });
  });
  return losses;
}

/**
 * What a PDF lost: on each chapter's pages (from its anchor's page to the page before the next
 * part's), its images with a text alternative as figures with it, and as many different pictures
 * as it shows different files of pixels (an image without one is decoration, no figure), its
 * links as link annotations with their targets, and each line of its code and each table cell
 * in the pages' text.
 */
export function lostInPdf(
  inventory: readonly ChapterInventory[],
  pdf: { contents: PdfContents; pages: string[] },
  partAnchors: readonly string[],
): Loss[] {
  const starts = [...new Set(partAnchors.map((a) => pdf.contents.pageOf.get(a)).filter((p) => p !== undefined))].sort(
    (a, b) => a - b,
  );
  const losses: Loss[] = [];
  inventory.forEach(({ chapter: { anchor }, items }, chapter) => {
    const first = pdf.contents.pageOf.get(anchor);
    if (first === undefined) return void losses.push(...items.map((item) => ({ chapter, item })));
    const last = (starts.find((page) => page > first) ?? pdf.contents.pageCount + 1) - 1;
    const pages = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    const figures = tally(pages.flatMap((page) => pdf.contents.figures.get(page) ?? []).map(normalText));
    const links = tally(pages.flatMap((page) => pdf.contents.links.get(page) ?? []).map(webAddress));
    const pictures = new Set(pages.flatMap((page) => pdf.contents.images.get(page) ?? []));
    const rasters = [...new Set(items.flatMap((item) => item.raster ?? []))];
    const text = letters(pages.map((page) => pdf.pages[page - 1] ?? '').join(' '));
    if (pictures.size < rasters.length) {
      const decorations = items.filter((item) => item.raster !== undefined && item.key === '');
      losses.push(...decorations.slice(0, rasters.length - pictures.size).map((item) => ({ chapter, item })));
    }
    for (const item of items) {
      if (item.kind === 'image' && item.key !== '' && !take(figures, item.key)) losses.push({ chapter, item });
      if (item.kind === 'link' && item.target !== undefined && !take(links, item.target))
        losses.push({ chapter, item });
      for (const part of item.texts ?? []) {
        const sign = letters(part).slice(-24);
        if (sign && !text.includes(sign)) losses.push({ chapter, item, part });
      }
    }
  });
  return losses;
}

function tally(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Takes one of `key` from the tally; false when none is left. */
function take(counts: Map<string, number> | undefined, key: string): boolean {
  const left = counts?.get(key) ?? 0;
  if (left === 0) return false;
  counts!.set(key, left - 1);
  return true;
}

/** Letters and digits only, lower-cased: how a PDF's text and the model's agree whatever the line breaks, hyphens and spacing. */
const letters = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
