import path from 'node:path';
import { closest } from 'fastest-levenshtein';
import type { Root as MdastRoot, RootContent } from 'mdast';
import type { HeadingInfo } from '../core/book.ts';
import type { Diagnostics, Where } from '../core/diagnostics.ts';
import { indexNodes } from '../load/chapter-nodes.ts';
import type { LocalInformation, LocalInformationBlock } from '../load/types.ts';
import { rawReferences } from './raw-html.ts';
import { reportConversion, reportTemplateSyntax } from './report-unsafe-html.ts';
import { resolveLinks, type ResolvedLinks, type ResolveLinksOptions } from './resolve-links.ts';
import { mayLoseParts } from './safe-html.ts';
import { markdownToHtml } from './to-html-tree.ts';

/** What resolving local information shares with the chapters': the manual's targets, addresses, documents and diagnostics. */
export type SharedLinkOptions = Omit<ResolveLinksOptions, 'baseDir' | 'pageDir' | 'self' | 'selfId' | 'locate'>;

/**
 * Resolves a local information file's links and images as a chapter's, written from its own
 * file but standing in the base chapter (a `#slug` names that chapter's headings), and checks
 * that each block is placed at a heading the base chapter has and has no heading of its own.
 */
export function resolveInformation(
  information: LocalInformation,
  headings: readonly HeadingInfo[],
  shared: SharedLinkOptions,
  baseFile: string | undefined,
): ResolvedLinks {
  const { source } = information;
  const { diagnostics } = shared;
  const locate = ({ line, column }: { line?: number; column?: number }): Where => ({ file: source.file, line, column });
  reportTemplateSyntax(source.nodes, diagnostics, locate);
  const links = resolveLinks([...source.nodes.references, ...rawReferences(source.nodes.html)], {
    ...shared,
    baseDir: path.posix.dirname(source.file),
    self: shared.targets.get(information.chapter),
    selfId: information.chapter,
    locate: (node) => locate({ line: node.position?.start.line, column: node.position?.start.column }),
  });
  for (const block of information.blocks) checkPlace(block, headings, baseFile ?? information.chapter, diagnostics);
  const own = source.nodes.headings;
  for (const heading of own)
    diagnostics.error(
      locate({ line: heading.position?.start.line, column: heading.position?.start.column }),
      'local information has a heading of its own, which the base chapter would number among its sections',
      'write it as a paragraph in bold ("**Out of hours**"), or place the block at a heading of the base chapter',
      'local-information-heading',
    );
  if (own.length > 0) return links;
  for (const block of information.blocks) {
    const tree = informationBlockTree(source.tree(), block);
    if (!mayLoseParts(indexNodes(tree))) continue;
    const conversion = markdownToHtml(tree, {
      headings: [],
      resolved: links,
      idPrefix: 'local',
      root: shared.root,
      baseRoot: shared.base?.root,
    });
    reportConversion(conversion, diagnostics, locate);
  }
  return links;
}

/** A block's `after` or `before` must name a heading of the base chapter, by its slug or the id its author gave it. */
function checkPlace(
  block: LocalInformationBlock,
  headings: readonly HeadingInfo[],
  baseFile: string,
  diagnostics: Diagnostics,
): void {
  if (block.heading === undefined || headingOf(headings, block.heading)) return;
  const nearest =
    headings.length > 0
      ? closest(
          block.heading,
          headings.map((h) => h.slug),
        )
      : undefined;
  diagnostics.error(
    block.where,
    `the base chapter ${baseFile} has no heading "#${block.heading}" to place this block ${block.place}`,
    nearest
      ? `the base may have renamed it: name one of its headings, e.g. "<!-- ${block.place}: #${nearest} -->", or "<!-- end -->"`
      : 'the base chapter has no headings: open the block with "<!-- end -->"',
    'local-information-heading',
  );
}

/** The base chapter's heading a block's `#fragment` names. */
export const headingOf = (headings: readonly HeadingInfo[], fragment: string): HeadingInfo | undefined =>
  headings.find((h) => h.slug === fragment);

/**
 * A block's markdown as a tree of its own: the information tree's top-level nodes on the block's
 * lines, its marker left out. The nodes are the tree's own, so their offsets still key the
 * resolved links.
 */
export function informationBlockTree(tree: MdastRoot, block: LocalInformationBlock): MdastRoot {
  const inBlock = (node: RootContent) => {
    const line = node.position?.start.line;
    if (line === undefined || line < block.fromLine) return false;
    if (line === block.fromLine && node.type === 'html') return false;
    return block.toLine === undefined || line < block.toLine;
  };
  return { type: 'root', children: tree.children.filter(inBlock) };
}
