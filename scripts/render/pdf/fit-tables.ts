import type { Element, ElementContent, Root, Text } from 'hast';
import { mapElements, withProperties } from '../map-elements.ts';
import { spanPieces } from './span-pieces.ts';
import { wordWidth, type Face } from './word-width.ts';

/** The class of a word too long to keep whole in its table: print may break it between any two characters. */
export const LONG_WORD = 'long-word';

/**
 * How print sets a table, by its number of columns: a class (print.css sets the font size and
 * cell padding it names), how many ems of that size the text width (165 mm) holds, and the ems a
 * cell's padding and border take from a column.
 */
const SIZES = [
  { columns: 10, className: 'many-columns', lineEms: 62.4, paddingEms: 0.75 }, // 7.5 pt, padding 0.3 em
  { columns: 6, className: 'several-columns', lineEms: 52, paddingEms: 0.95 }, // 9 pt, padding 0.4 em
  { columns: 0, className: undefined, lineEms: 44.5, paddingEms: 1.15 }, // the body's 10.5 pt, padding 0.5 em
];

/** Words this narrow (three letters or so) are never broken, however many columns a table has. */
const NARROWEST_BROKEN = 1.8;

/**
 * Every table fitted to the text width in print. A table is only as narrow as the sum of its
 * columns' widest unbreakable words, so a URL or a long word can push it off the page, which
 * clips it. Each word wider than a cap is marked `LONG_WORD`, breakable anywhere, with the cap as
 * high as lets the columns' widest words, none counted wider, fill at most the line: a table that
 * fits keeps every word whole. Tables of many columns are set smaller (a class), so fewer break.
 */
export function fitTables(tree: Root): Root {
  return mapElements(tree, (element) => (element.tagName === 'table' ? fitTable(element) : undefined));
}

function fitTable(table: Element): Element | undefined {
  const widest = widestWords(table);
  const size = SIZES.find((s) => widest.length >= s.columns)!;
  const children = markLongWords(table.children, wordCap(widest, size.lineEms, size.paddingEms), 'regular');
  if (!size.className) return children === table.children ? undefined : { ...table, children };
  return { ...withProperties(table, { className: [...classNames(table), size.className] }), children };
}

/**
 * The widest a word may be and stay whole, in ems: the most for which the columns' widest words,
 * none counted wider, and the cells' padding fill at most `lineEms` (Infinity if all fit).
 */
export function wordCap(widest: number[], lineEms: number, paddingEms: number): number {
  const sorted = [...widest].sort((a, b) => a - b);
  let budget = lineEms - paddingEms * sorted.length;
  for (let i = 0; i < sorted.length; i++) {
    const share = budget / (sorted.length - i);
    if (sorted[i] > share) return Math.max(NARROWEST_BROKEN, share);
    budget -= sorted[i];
  }
  return Infinity;
}

/**
 * The width of each column's widest word, in ems, from the cells that span one column; its
 * length is the table's number of columns. Tables nested in it are fitted on their own.
 */
export function widestWords(table: Element): number[] {
  const widest: number[] = [];
  const visit = (nodes: ElementContent[]) => {
    for (const node of nodes) {
      if (node.type !== 'element' || node.tagName === 'table') continue;
      if (node.tagName === 'tr') measureRow(node, widest);
      else visit(node.children);
    }
  };
  visit(table.children);
  return widest;
}

function measureRow(row: Element, widest: number[]): void {
  let column = 0;
  for (const cell of row.children) {
    if (cell.type !== 'element' || (cell.tagName !== 'td' && cell.tagName !== 'th')) continue;
    const span = Math.max(1, Number(cell.properties.colSpan) || 1);
    for (let i = column; i < column + span; i++) widest[i] ??= 0;
    if (span === 1) widest[column] = Math.max(widest[column], widestWord([cell], 'regular'));
    column += span;
  }
}

/** The widest word of some cell content, in ems; a word split by markup counts as its parts, and code blocks wrap. */
function widestWord(nodes: ElementContent[], face: Face): number {
  let widest = 0;
  for (const node of nodes) {
    if (node.type === 'text')
      for (const word of node.value.split(/\s+/u)) widest = Math.max(widest, wordWidth(word, face));
    else if (node.type === 'element' && !SKIPPED.has(node.tagName) && !unprinted(node))
      widest = Math.max(widest, widestWord(node.children, faceOf(node, face)));
  }
  return widest;
}

/** The face an element sets its text in, inside text set in `face`. */
function faceOf(element: Element, face: Face): Face {
  if (face === 'mono' || MONOSPACE.has(element.tagName)) return 'mono';
  return BOLD.has(element.tagName) ? 'bold' : face;
}

const MONOSPACE = new Set(['code', 'kbd', 'samp']);
const BOLD = new Set(['th', 'strong', 'b']);

/** Elements whose words are neither counted nor marked: a nested table is fitted on its own, and code blocks wrap anyway. */
const SKIPPED = new Set(['table', 'pre']);

/** A change mark's words, which print does not show (print.css): they take no room. */
const unprinted = (element: Element) => classNames(element).includes('change-text');

/** `nodes` with each word wider than `cap` inside a `span.long-word`. */
function markLongWords(nodes: ElementContent[], cap: number, face: Face): ElementContent[] {
  let changed = false;
  const marked = nodes.flatMap((node): ElementContent[] => {
    const parts = markedNode(node, cap, face);
    changed ||= parts.length !== 1 || parts[0] !== node;
    return parts;
  });
  return changed ? marked : nodes;
}

function markedNode(node: ElementContent, cap: number, face: Face): ElementContent[] {
  if (node.type === 'text') return splitText(node, cap, face);
  if (node.type !== 'element' || SKIPPED.has(node.tagName) || isLongWord(node) || unprinted(node)) return [node];
  const children = markLongWords(node.children, cap, faceOf(node, face));
  return [children === node.children ? node : { ...node, children }];
}

/** A text node as its words, the wide ones marked (the text unchanged); itself if none is. */
function splitText(text: Text, cap: number, face: Face): ElementContent[] {
  const long = [...text.value.matchAll(/\S+/gu)].filter((word) => wordWidth(word[0], face) > cap);
  return spanPieces(text, long, LONG_WORD);
}

const isLongWord = (element: Element) => classNames(element).includes(LONG_WORD);

function classNames(element: Element): string[] {
  const names = element.properties.className;
  return Array.isArray(names) ? names.map(String) : names ? String(names).split(/\s+/) : [];
}
