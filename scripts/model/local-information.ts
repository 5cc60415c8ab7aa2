import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast';
import { element, text } from '../core/hast-build.ts';
import type { AddPlace, LocalInformation, ManualSource } from '../load/types.ts';
import { headingOf, informationBlockTree } from '../markdown/local-information.ts';
import type { ResolvedManual } from '../markdown/resolve-manual.ts';
import type { ResolvedLinks } from '../markdown/resolve-links.ts';
import { toHtmlTree, type HtmlTreeOptions } from '../markdown/to-html-tree.ts';

/** The local information one base chapter carries: who gives it, and its files as checking resolved them. */
export interface ChapterInformation {
  publisher: string;
  files: readonly { information: LocalInformation; resolved: ResolvedLinks }[];
}

/** A callout to place in a chapter's body: before the heading with `anchor`, at the end of its section, or at the chapter's end. */
export interface PlacedBlock {
  place: AddPlace;
  /** The heading's anchor, for `after` and `before`. */
  anchor?: string;
  element: Element;
}

/** The local information placed in chapter `id`, if any. */
export function chapterInformation(
  source: ManualSource,
  resolved: ResolvedManual,
  id: string,
): ChapterInformation | undefined {
  const files = (source.base?.information ?? [])
    .filter((information) => information.chapter === id)
    .map((information) => ({ information, resolved: resolved.information.get(information) ?? new Map() }));
  return files.length > 0 ? { publisher: source.manifest.meta.publisher, files } : undefined;
}

/**
 * The chapter's body with each block of its local information converted and placed as a callout.
 * Each block's ids take a prefix of their own (`<chapter anchor>--local-<n>`), so they stay
 * unique beside the chapter's when many chapters share one page.
 */
export function withInformation(
  body: HastRoot,
  information: ChapterInformation | undefined,
  options: HtmlTreeOptions,
): HastRoot {
  if (!information) return body;
  const title = `Local information: ${information.publisher}`;
  let n = 0;
  const blocks = information.files.flatMap(({ information: file, resolved }) =>
    file.blocks.map((block): PlacedBlock => {
      const html = toHtmlTree(informationBlockTree(file.source.tree(), block), {
        ...options,
        headings: [],
        resolved,
        idPrefix: `${options.idPrefix}--local-${++n}`,
      });
      const anchor = block.heading === undefined ? undefined : headingOf(options.headings, block.heading)?.anchor;
      return { place: block.place, anchor, element: callout(title, html.children) };
    }),
  );
  return placeBlocks(body, blocks);
}

/**
 * A marked callout: its title a bold line, not a heading, since a chapter's headings are
 * numbered. `role="note"` keeps it out of the page's landmarks (an aside inside `main` may not be
 * one), and its name says whose it is before it is read.
 */
export function callout(title: string, content: readonly RootContent[]): Element {
  const children = content.filter((node): node is ElementContent => node.type !== 'doctype');
  return element('aside', { className: ['local-information'], role: 'note', ariaLabel: title }, [
    text('\n'),
    element('p', { className: ['local-information-title'] }, [element('strong', {}, [text(title)])]),
    text('\n'),
    ...children,
    text('\n'),
  ]);
}

/**
 * Places each block among the body's top-level nodes: `before` just before its heading, `after`
 * at the end of the section its heading opens (before the next heading of the same or a higher
 * level), `end` at the chapter's end, before its footnotes. Blocks at one place keep their order.
 */
export function placeBlocks(body: HastRoot, blocks: readonly PlacedBlock[]): HastRoot {
  if (blocks.length === 0) return body;
  const nodes = body.children;
  const at = blocks.map((block) => indexFor(nodes, block));
  const children: RootContent[] = [];
  for (let i = 0; i <= nodes.length; i++) {
    blocks.forEach((block, b) => {
      if (at[b] !== i) return;
      // Each callout on lines of its own, as the converted blocks around it are.
      if (children.at(-1)?.type !== 'text') children.push(text('\n') as RootContent);
      children.push(block.element, text('\n') as RootContent);
    });
    if (i < nodes.length) children.push(nodes[i]);
  }
  return { ...body, children };
}

function indexFor(nodes: readonly RootContent[], block: PlacedBlock): number {
  const footnotes = nodes.findIndex(isFootnotes);
  const end = footnotes === -1 ? nodes.length : footnotes;
  const heading = block.anchor === undefined ? -1 : nodes.findIndex((node) => hasId(node, block.anchor!));
  if (block.place === 'end' || heading === -1) return end;
  if (block.place === 'before') return heading;
  const level = levelOf(nodes[heading]);
  // A heading inside another block (a quote) opens no section of the body: place after that block.
  if (level === undefined) return heading + 1;
  const next = nodes.findIndex((node, i) => i > heading && i < end && (levelOf(node) ?? Infinity) <= level);
  return next === -1 ? end : next;
}

/** A heading's level in the chapter (its `level-N` class, which renderers keep when they shift h-levels). */
function levelOf(node: RootContent): number | undefined {
  if (node.type !== 'element' || !/^h[1-6]$/.test(node.tagName)) return undefined;
  const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];
  const level = classes.find((c) => /^level-[1-6]$/.test(c));
  return Number((level ?? node.tagName).slice(-1));
}

/** The node is the element with this id, or holds it. */
function hasId(node: RootContent | ElementContent, id: string): boolean {
  if (node.type !== 'element') return false;
  return node.properties.id === id || node.children.some((child) => hasId(child, id));
}

function isFootnotes(node: RootContent): boolean {
  const classes = node.type === 'element' ? node.properties.className : undefined;
  return (
    node.type === 'element' && node.tagName === 'section' && Array.isArray(classes) && classes.includes('footnotes')
  );
}
