import type { Element, ElementContent } from 'hast';
import type { Html, PhrasingContent, RootContent, Table, TableCell, TableRow } from 'mdast';
import type { Options } from 'rehype-remark';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';

type Handle = NonNullable<NonNullable<Options['handlers']>[string]>;
type State = Parameters<Handle>[0];

/** The rows of a table, through thead, tbody and tfoot, in order. */
export function tableRows(table: Element): Element[] {
  return table.children.flatMap((child) => {
    if (child.type !== 'element') return [];
    if (child.tagName === 'tr') return [child];
    if (['thead', 'tbody', 'tfoot'].includes(child.tagName)) return tableRows(child);
    return [];
  });
}

function cells(row: Element): Element[] {
  return row.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'));
}

/**
 * Whether a table can be written as a GFM table: no merged cells, every cell only text (or one
 * paragraph of it), every row as wide as the first, and at most one header row, the first
 * (GFM tables have exactly one; an unmarked first row becomes it, as Word tables mostly mean).
 */
export function fitsGfm(table: Element): boolean {
  const rows = tableRows(table);
  if (rows.length === 0) return false;
  const width = cells(rows[0]).length;
  const headerRows = rows.filter((row) => cells(row).length > 0 && cells(row).every((c) => c.tagName === 'th'));
  if (headerRows.length > 1 || (headerRows.length === 1 && headerRows[0] !== rows[0])) return false;
  return rows.every(
    (row) =>
      cells(row).length === width &&
      cells(row).every((cell) => span(cell, 'colSpan') === 1 && span(cell, 'rowSpan') === 1 && isPhrasing(cell)),
  );
}

function span(cell: Element, name: 'colSpan' | 'rowSpan'): number {
  const value = Number(cell.properties[name] ?? 1);
  return Number.isFinite(value) && value > 0 ? value : 1;
}

const BLOCKS = new Set([
  'p',
  'ul',
  'ol',
  'table',
  'div',
  'blockquote',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'dl',
]);

/** Only inline content, or a single paragraph of it. */
function isPhrasing(cell: Element): boolean {
  const content = significant(cell.children);
  const inner = content.length === 1 && content[0].type === 'element' && content[0].tagName === 'p' ? content[0] : cell;
  return !significant(inner.children).some((c) => c.type === 'element' && BLOCKS.has(c.tagName));
}

function significant(children: ElementContent[]): ElementContent[] {
  return children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
}

/** The table as markdown: a GFM table when it fits, else the table as raw HTML (spans kept). */
export function tableHandler(state: State, node: Element): Table | Html | RootContent[] {
  if (!fitsGfm(node)) return rawTable(state, node);
  const rows: TableRow[] = tableRows(node).map((row) => ({
    type: 'tableRow',
    children: cells(row).map((cell): TableCell => {
      const content = significant(cell.children);
      const inner = content.length === 1 && content[0].type === 'element' ? content[0] : cell;
      const from = inner.type === 'element' && inner.tagName === 'p' ? inner : cell;
      return { type: 'tableCell', children: state.all(from) as PhrasingContent[] };
    }),
  }));
  return { type: 'table', align: rows[0].children.map(() => null), children: rows };
}

/**
 * A table kept as raw HTML, on one line. A cell holding a note mark is written as markdown
 * between the HTML before and after it, each part its own block (blank lines around the cell's
 * markdown end the HTML blocks, and every part after the first starts with `</td>` or `</th>`,
 * so CommonMark reads it as HTML again): markdown footnotes work only in markdown, and the
 * manual's HTML parser puts the parts together into one table.
 */
function rawTable(state: State, node: Element): Html | RootContent[] {
  const table = withoutWhitespace(node);
  const marked: Element[] = [];
  // A table inside a cell is part of the cell.
  for (const cell of tableRows(table).flatMap(cells).filter(holdsNoteMark)) {
    marked.push({ ...cell });
    cell.children = [{ type: 'comment', value: `${CELL}${marked.length - 1}` }];
  }
  const parts = toHtml(table).split(new RegExp(`<!--${CELL}\\d+-->`));
  const first: Html = { type: 'html', value: parts[0] };
  const blocks: RootContent[] = [first];
  marked.forEach((cell, i) => {
    blocks.push(...(state.toFlow(state.all(cell) as RootContent[]) as RootContent[]));
    blocks.push({ type: 'html', value: parts[i + 1] });
  });
  return blocks.length === 1 ? first : blocks;
}

/** Stands, as an HTML comment, for the content of a cell written as markdown while the table is written as HTML. */
const CELL = 'import-cell-';
const NOTE_MARK = /^#(footnote|endnote)-\d+$/;

function holdsNoteMark(node: Element): boolean {
  return node.children.some(
    (c) =>
      c.type === 'element' &&
      ((c.tagName === 'a' && NOTE_MARK.test(String(c.properties.href ?? ''))) || holdsNoteMark(c)),
  );
}

function toHtml(node: Element): string {
  return unified()
    .use(rehypeStringify)
    .stringify({ type: 'root', children: [node] });
}

/** The table with the whitespace between its elements left out: a blank line would end the HTML block. */
function withoutWhitespace(node: Element): Element {
  return {
    ...node,
    children: node.children
      .filter((c) => !(c.type === 'text' && /^\s*$/.test(c.value) && c.value.includes('\n')))
      .map((c) =>
        c.type === 'element'
          ? withoutWhitespace(c)
          : c.type === 'text'
            ? { ...c, value: c.value.replace(/\s*\n\s*/g, ' ') }
            : c,
      ),
  };
}
