import type { Element, ElementContent, Properties, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { mapElements } from '../map-elements.ts';

/** The class of one source line of a code block: print wraps it with a hanging indent and marks its continuation rows. */
export const CODE_LINE = 'code-line';

/** Elements a code block's lines may sit inside: its `code`, and a change mark around that. */
const WRAPPERS = new Set(['code', 'ins']);

/**
 * Each code block's source lines as blocks of their own (`span.code-line`), so that print can
 * wrap a long line and mark the rows it continues on. The characters stay the same and in order;
 * only the newlines between lines go, since the line blocks stand for them.
 */
export function codeLines(tree: Root): Root {
  return mapElements(tree, (element) => (element.tagName === 'pre' ? linesIn(element) : undefined));
}

/**
 * `element` with its lines made blocks: inside its sole `code` (or change mark) when every
 * newline is there, so the code element stays whole and a change mark's words stay first.
 */
function linesIn(element: Element): Element {
  const wrappers = element.children.filter((c) => c.type === 'element' && WRAPPERS.has(c.tagName));
  const [inner] = wrappers;
  const elsewhere = element.children.some((c) => c !== inner && hasNewline(c));
  if (wrappers.length === 1 && !elsewhere && inner.type === 'element')
    return { ...element, children: element.children.map((c) => (c === inner ? linesIn(inner) : c)) };
  return { ...element, children: splitLines(element.children).map(lineBlock) };
}

function lineBlock(children: ElementContent[]): Element {
  return { type: 'element', tagName: 'span', properties: { className: [CODE_LINE] }, children };
}

/**
 * `nodes` cut at each newline into lines, without the empty line after a final newline (a
 * browser shows none there).
 */
export function splitLines(nodes: ElementContent[]): ElementContent[][] {
  const lines = cutAtNewlines(nodes);
  if (lines.length > 1 && lines.at(-1)!.length === 0) lines.pop();
  return lines;
}

/** `nodes` cut at each newline: an element holding one is cut into copies, only the first keeping its id (ids are unique). */
function cutAtNewlines(nodes: ElementContent[]): ElementContent[][] {
  const lines: ElementContent[][] = [[]];
  const add = (parts: ElementContent[][]) =>
    parts.forEach((part, i) => {
      if (i > 0) lines.push([]);
      lines.at(-1)!.push(...part);
    });
  for (const node of nodes) {
    if (node.type === 'text') add(node.value.split('\n').map((value) => (value ? [{ type: 'text', value }] : [])));
    else if (node.type === 'element' && hasNewline(node))
      add(
        cutAtNewlines(node.children).map((children, i) =>
          children.length ? [{ ...node, properties: i ? withoutId(node.properties) : node.properties, children }] : [],
        ),
      );
    else add([[node]]);
  }
  return lines;
}

const hasNewline = (node: ElementContent): boolean =>
  node.type === 'text' ? node.value.includes('\n') : node.type === 'element' && toString(node).includes('\n');

function withoutId(properties: Properties): Properties {
  const { id: _, ...rest } = properties;
  return rest;
}
