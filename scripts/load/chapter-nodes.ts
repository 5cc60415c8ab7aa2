import type { Heading, Html, Image, Link, Nodes, Root } from 'mdast';
import type { TemplateSyntax } from './generator-syntax.ts';

/**
 * The nodes of a chapter that checking looks at, in document order: found in one walk when the
 * chapter is parsed, and kept by the parse cache, so that checking a cached chapter reads only
 * them and not its whole tree.
 */
export interface ChapterNodes {
  headings: Heading[];
  /** Links and images. */
  references: (Link | Image)[];
  html: Html[];
  /** Template syntax the editions cannot show, in source order. */
  templates: TemplateSyntax[];
}

/** The headings, links, images and raw HTML of a tree, each in document order (parents before their children). */
export function indexNodes(tree: Root): ChapterNodes {
  const nodes: ChapterNodes = { headings: [], references: [], html: [], templates: tree.data?.templateSyntax ?? [] };
  const walk = (node: Nodes): void => {
    if (node.type === 'heading') nodes.headings.push(node);
    else if (node.type === 'link' || node.type === 'image') nodes.references.push(node);
    else if (node.type === 'html') nodes.html.push(node);
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return nodes;
}
