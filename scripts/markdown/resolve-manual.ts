import path from 'node:path';
import type { Node } from 'unist';
import type { Diagnostics, Where } from '../core/diagnostics.ts';
import { indexNodes } from '../load/chapter-nodes.ts';
import type { AmendmentItem, ManualSource } from '../load/types.ts';
import type { NumberedManual } from '../number/number-manual.ts';
import { reportUnsafeHtml } from './report-unsafe-html.ts';
import { resolveLinks, type LinkTarget, type ResolvedLinks } from './resolve-links.ts';

/** What checking resolved: the links and images of every chapter, by id, and of every amendment's details. */
export interface ResolvedManual {
  chapters: Map<string, ResolvedLinks>;
  amendments: Map<AmendmentItem, ResolvedLinks>;
}

/**
 * Checks the links and images of every chapter and of every amendment's details against the
 * numbered contents, and returns how each is written. Amendment details are written in
 * amendments.yml, so their links are relative to chapters/ and their problems are reported at
 * the amendment.
 */
export function resolveManual(source: ManualSource, numbered: NumberedManual, diagnostics: Diagnostics): ResolvedManual {
  const targets = linkTargets(numbered);
  const resolved: ResolvedManual = { chapters: new Map(), amendments: new Map() };
  for (const chapter of source.chapters.values()) {
    const locate = (node: Node): Where => ({ file: chapter.file, line: node.position?.start.line, column: node.position?.start.column });
    reportUnsafeHtml(chapter.tree, chapter.nodes, diagnostics, locate);
    const options = { root: source.root, baseDir: path.posix.dirname(chapter.file), targets, self: targets.get(chapter.id), diagnostics, locate };
    resolved.chapters.set(chapter.id, resolveLinks(chapter.nodes.references, options));
  }
  for (const item of source.editions.flatMap((e) => [...e.updated, ...e.new, ...e.removed])) {
    if (!item.details) continue;
    const locate = (): Where => item.where;
    const nodes = indexNodes(item.details);
    reportUnsafeHtml(() => item.details!, nodes, diagnostics, locate);
    resolved.amendments.set(item, resolveLinks(nodes.references, { root: source.root, baseDir: 'chapters', targets, diagnostics, locate }));
  }
  return resolved;
}

function linkTargets(numbered: NumberedManual): Map<string, LinkTarget> {
  const targets = new Map<string, LinkTarget>();
  for (const node of numbered.contents.chapters.values()) {
    targets.set(node.id, { number: node.number, title: node.title, anchor: node.anchor, headings: numbered.headings.get(node.id) ?? [] });
  }
  return targets;
}
