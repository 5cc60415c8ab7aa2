import type { Element, Root as HastRoot } from 'hast';
import { defaultHandlers } from 'hast-util-to-mdast';
import { toString } from 'hast-util-to-string';
import type { FootnoteDefinition, FootnoteReference, Html, Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import rehypeRemark, { type Options } from 'rehype-remark';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { SAFE_HTML } from '../markdown/safe-html.ts';
import { tableHandler } from './tables.ts';

type Handle = NonNullable<NonNullable<Options['handlers']>[string]>;
type State = Parameters<Handle>[0];

/** A document as markdown: its blocks, and its notes by the id the HTML gave them (`footnote-3`). */
export interface MarkdownDocument {
  root: Root;
  notes: Map<string, FootnoteDefinition>;
}

const NOTE_ID = /^(footnote|endnote)-\d+$/;
const NOTE_REF = /^#((footnote|endnote)-\d+)$/;
const allowed = new Set(SAFE_HTML.tagNames);

/**
 * HTML to markdown: first through the safe subset every chapter's HTML goes through
 * (SAFE_HTML), then rehype-remark, with handlers for what its defaults drop or flatten: notes
 * become markdown footnotes, underline, superscript and subscript stay raw HTML (the safe subset
 * keeps them), bookmarks become raw `<a id>` anchors, heading ids are kept for link targets, and
 * tables become GFM tables where they fit and raw HTML where they do not.
 */
export function htmlToMarkdown(tree: HastRoot): MarkdownDocument {
  const safe = unified().use(rehypeSanitize, SAFE_HTML).runSync(tree) as HastRoot;
  const notes = new Map<string, FootnoteDefinition>();
  const handlers: Record<string, Handle> = {
    a: anchorOrLink,
    u: (state, node) => rawInline(state, node, 'u') ?? { type: 'emphasis', children: inline(state, node) },
    sup: (state, node) => noteReference(node) ?? rawInline(state, node, 'sup') ?? inline(state, node),
    sub: (state, node) => rawInline(state, node, 'sub') ?? inline(state, node),
    ol: (state, node) => (readNotes(state, node, notes) ? undefined : defaultHandlers.ol(state, node)),
    table: tableHandler,
    ...Object.fromEntries(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => [h, heading])),
  };
  const root = unified().use(rehypeRemark, { handlers }).runSync(safe) as unknown as Root;
  return { root, notes };
}

/** Markdown text of a tree: GFM (tables, strikethrough, footnotes), `-` bullets, `*` and `_`. */
export function stringifyMarkdown(root: Root): string {
  return unified()
    .use(remarkGfm)
    .use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', rule: '-', listItemIndent: 'one', fences: true })
    .stringify(root);
}

function inline(state: State, node: Element): PhrasingContent[] {
  return state.all(node) as PhrasingContent[];
}

function rawInline(state: State, node: Element, tag: string): PhrasingContent[] | undefined {
  if (!allowed.has(tag)) return undefined;
  const open: Html = { type: 'html', value: `<${tag}>` };
  const close: Html = { type: 'html', value: `</${tag}>` };
  return [open, ...inline(state, node), close];
}

function anchorOrLink(state: State, node: Element): Nodes | Nodes[] {
  const { href, id } = node.properties;
  const mark = noteMark(node);
  if (mark) return mark;
  if (href === undefined && typeof id === 'string' && id !== '') {
    const anchor: Html = { type: 'html', value: `<a id="${id.replace(/["<>&]/g, '')}"></a>`, data: { anchorId: id } };
    return [anchor, ...inline(state, node)];
  }
  if (href === undefined) return inline(state, node);
  return { type: 'link', url: String(href), title: null, children: inline(state, node) };
}

/**
 * mammoth's `<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>`, also inside a
 * superscript run's own `<sup>`.
 */
function noteReference(node: Element): PhrasingContent | undefined {
  const only = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  if (only.length !== 1 || only[0].type !== 'element') return undefined;
  if (only[0].tagName === 'sup') return noteReference(only[0]);
  return only[0].tagName === 'a' ? noteMark(only[0], true) : undefined;
}

/** mammoth's mark of a note, `<a href="#footnote-1">[1]</a>`, also where its `<sup>` was lost. */
function noteMark(node: Element, inSup = false): FootnoteReference | undefined {
  const target = NOTE_REF.exec(String(node.properties.href ?? ''));
  if (!target || !(inSup || /^\[\d+\]$/.test(toString(node).trim()))) return undefined;
  return { type: 'footnoteReference', identifier: target[1], label: target[1] };
}

/** mammoth's list of notes at the end of the document; true when this list was one. */
function readNotes(state: State, node: Element, notes: Map<string, FootnoteDefinition>): boolean {
  const items = node.children.filter((c): c is Element => c.type === 'element');
  if (items.length === 0 || !items.every((li) => li.tagName === 'li' && NOTE_ID.test(String(li.properties.id)))) {
    return false;
  }
  for (const li of items) {
    const id = String(li.properties.id);
    const children = state.toFlow(state.all(li) as RootContent[]) as FootnoteDefinition['children'];
    notes.set(id, { type: 'footnoteDefinition', identifier: id, label: id, children });
  }
  return true;
}

function heading(state: State, node: Element): Nodes {
  const depth = Number(node.tagName.slice(1)) as 1 | 2 | 3 | 4 | 5 | 6;
  const id = node.properties.id;
  return {
    type: 'heading',
    depth,
    children: inline(state, node),
    data: { ids: typeof id === 'string' && id !== '' ? [id] : [] },
  };
}
