import type { Blockquote, Code, Definition, Nodes, Paragraph, Root, RootContent } from 'mdast';
import { lineStarts } from './source-edits.ts';

/**
 * An MkDocs admonition's opening line (Python-Markdown's admonition and pymdownx.details):
 * `!!! tip "In short"`, `??? note`, `???+ warning ""`.
 */
const OPENING = /^(?:!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)(?:[ \t]+"([^"]*)")?[ \t]*$/;

type Parse = (text: string) => Root;

/**
 * Writes each MkDocs admonition as a block quote that opens with its title in bold. Markdown
 * reads the indented body as code, which would print the body's markdown as it is written. The
 * body is parsed as markdown, with the chapter's link definitions, and keeps its place in the
 * source file: its problems are reported at their own lines.
 */
export function admonitions(tree: Root, text: string, parse: Parse): void {
  const starts = lineStarts(text);
  const definitions = collectDefinitions(tree);
  const visit = (children: RootContent[]): void => {
    for (let i = 0; i < children.length; i++) {
      const node = children[i];
      const next = children[i + 1];
      const title = openingTitle(node);
      if (title !== undefined && next?.type === 'code' && !next.lang && next.position && node.position) {
        const body = parseBody(next, definitions, parse, text, starts);
        const heading: Paragraph = {
          type: 'paragraph',
          children: [{ type: 'strong', children: [{ type: 'text', value: title }] }],
        };
        const quote: Blockquote = {
          type: 'blockquote',
          children: [...(title ? [heading] : []), ...body] as Blockquote['children'],
          position: { start: node.position.start, end: next.position.end },
        };
        children.splice(i, 2, quote);
      } else if (
        'children' in node &&
        (node.type === 'blockquote' || node.type === 'listItem' || node.type === 'list')
      ) {
        visit(node.children as RootContent[]);
      }
    }
  };
  visit(tree.children);
}

/** Whether a node is the opening line of an admonition, which takes the indented block after it in. */
export function isAdmonitionOpening(node: RootContent): boolean {
  return openingTitle(node) !== undefined;
}

/** The title an admonition's opening line gives (its type capitalised when it names none; "" for none), or undefined. */
function openingTitle(node: RootContent): string | undefined {
  if (node.type !== 'paragraph' || node.children.length !== 1 || node.children[0].type !== 'text') return undefined;
  const match = OPENING.exec(node.children[0].value);
  if (!match) return undefined;
  return match[2] ?? match[1].charAt(0).toUpperCase() + match[1].slice(1);
}

function collectDefinitions(tree: Root): Definition[] {
  const found: Definition[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'definition') found.push(node);
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return found;
}

/** The body of an admonition parsed as markdown, its nodes placed where their text is in the source. */
function parseBody(code: Code, definitions: Definition[], parse: Parse, text: string, starts: number[]): RootContent[] {
  const lines = code.value.split('\n').length;
  // The chapter's definitions, after the body, make its reference-style links links.
  const defined = definitions.map(
    (d) => `[${d.label ?? d.identifier}]: <${d.url}>${d.title ? ` "${d.title.replaceAll('"', '\\"')}"` : ''}`,
  );
  const body = parse(`${code.value}\n\n${defined.join('\n')}\n`);
  const firstLine = code.position!.start.line;
  const place = (point: { line: number; column: number; offset?: number }) => {
    const line = firstLine + point.line - 1;
    const start = starts[line - 1] ?? text.length;
    const indent = /^(?: {1,4}|\t)?/.exec(text.slice(start, start + 4))![0].length;
    return { line, column: point.column + indent, offset: start + indent + point.column - 1 };
  };
  const move = (node: Nodes): void => {
    if (node.position) node.position = { start: place(node.position.start), end: place(node.position.end) };
    if ('children' in node) for (const child of node.children) move(child);
  };
  const kept = body.children.filter((node) => node.position && node.position.start.line <= lines);
  for (const node of kept) move(node);
  return kept;
}
