import type { Nodes, Root, RootContent } from 'mdast';
import { isAdmonitionOpening } from './admonitions.ts';
import { rewriteGeneratorSyntax } from './generator-syntax.ts';
import { parsedFrom, type ParseMarkdown, type ParsedChapter } from './markdown-cache.ts';
import { parseMarkdown } from './parse-markdown.ts';

/** A chapter's text as last parsed, and what is known of it once asked. */
interface Earlier {
  text: string;
  parsed: ParsedChapter;
  /** Whether its tree is the plain parse of its text: no generator syntax rewritten, no definitions anywhere. */
  plain?: boolean;
}

/**
 * A parser that keeps each chapter's last text and tree (by the chapter's id), and parses a new
 * text of a chapter by parsing again only the top-level paragraph an edit fell in, when that is
 * sure to give the tree `parse` gives (see `reparsed`); else with `parse`. An edit of a sentence
 * then costs the parse of its paragraph, not of its chapter.
 */
export function reparsingParser(parse: ParseMarkdown): ParseMarkdown {
  const last = new Map<string, Earlier>();
  return async (text, chapter) => {
    const earlier = chapter === undefined ? undefined : last.get(chapter);
    const tree = earlier && reparsed(earlier, text);
    const parsed = tree ? parsedFrom(tree) : await parse(text, chapter);
    if (chapter !== undefined) last.set(chapter, { text, parsed });
    return parsed;
  };
}

/**
 * The tree of `text` made from the tree of an earlier text by parsing only the top-level
 * paragraph the edit fell in, or undefined when that might differ from parsing `text` whole. It
 * cannot when: neither text has generator syntax, link or footnote definitions (which reach
 * across the chapter) or a lone carriage return; the edit lies inside the paragraph after its
 * first character (so its indentation, which an open list reads, is as before); the paragraph is
 * followed by a blank line or the end (so what follows is read as before); and the paragraph's
 * new text alone parses as one paragraph that opens no admonition.
 */
export function reparsed(earlier: Earlier, text: string): Root | undefined {
  const { start, oldEnd, delta } = editOf(earlier.text, text);
  const tree = earlier.parsed.tree();
  const at = tree.children.findIndex(
    (node) => node.position && node.position.start.offset! < start && oldEnd <= node.position.end.offset!,
  );
  const node = tree.children[at];
  if (node?.type !== 'paragraph' || !node.position) return undefined;
  const from = earlier.text.lastIndexOf('\n', node.position.start.offset! - 1) + 1;
  const to = node.position.end.offset!;
  if (!/^[ \t]*(?:$|\r?\n[ \t]*(?:\r?\n|$))/.test(earlier.text.slice(to))) return undefined;
  if (!(earlier.plain ??= isPlain(earlier.text, tree))) return undefined;
  const part = parseMarkdown(text.slice(from, to + delta));
  const [paragraph] = part.children;
  if (part.children.length !== 1 || paragraph.type !== 'paragraph' || isAdmonitionOpening(paragraph)) return undefined;
  if (!isPlain(text, part)) return undefined;
  const lines = lineEndings(text, start, oldEnd + delta) - lineEndings(earlier.text, start, oldEnd);
  const line = node.position.start.line - 1;
  return {
    ...tree,
    children: [
      ...tree.children.slice(0, at),
      moved(paragraph, from, line),
      ...tree.children.slice(at + 1).map((later) => moved(later, delta, lines)),
    ],
    position: tree.position && { start: tree.position.start, end: endOf(text) },
  };
}

/** Where two texts differ: from `start` to `oldEnd` in the old one, `delta` characters longer in the new one. */
function editOf(old: string, text: string): { start: number; oldEnd: number; delta: number } {
  const shorter = Math.min(old.length, text.length);
  let start = 0;
  while (start < shorter && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end))
    end++;
  return { start, oldEnd: old.length - end, delta: text.length - old.length };
}

/** A text whose tree (`tree`, parsed from it) is its plain parse, readable a part at a time: see `reparsed`. */
function isPlain(text: string, tree: Root): boolean {
  const { edits, found } = rewriteGeneratorSyntax(text);
  return !edits.changed && found.length === 0 && !/\r(?!\n)/.test(text) && !hasDefinitions(tree);
}

function hasDefinitions(node: Nodes): boolean {
  if (node.type === 'definition' || node.type === 'footnoteDefinition') return true;
  return 'children' in node && node.children.some((child) => hasDefinitions(child));
}

function lineEndings(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** The point after a text's last character, as the parser ends a document. */
function endOf(text: string): { line: number; column: number; offset: number } {
  const lastLine = text.lastIndexOf('\n') + 1;
  return { line: lineEndings(text, 0, text.length) + 1, column: text.length - lastLine + 1, offset: text.length };
}

/** A copy of a node and everything in it, `offset` characters and `lines` lines further on; columns stay. */
function moved<T extends RootContent>(node: T, offset: number, lines: number): T {
  const copy = { ...node };
  if (node.position) {
    const { start, end } = node.position;
    copy.position = {
      start: { line: start.line + lines, column: start.column, offset: start.offset! + offset },
      end: { line: end.line + lines, column: end.column, offset: end.offset! + offset },
    };
  }
  if ('children' in node)
    (copy as { children: RootContent[] }).children = node.children.map((c) => moved(c, offset, lines));
  return copy;
}
