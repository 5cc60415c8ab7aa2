import type { Heading, Html, Image, Link, Root } from 'mdast';
import type { Node, Parent } from 'unist';
import { visit } from 'unist-util-visit';

/**
 * The nodes of a chapter that checking looks at, in document order. Numbering, link resolution
 * and the raw HTML report each used to walk every tree; at 2,000 pages those three walks were
 * 0.53 s of a 1.3 s `manual check`. Now one walk finds them, and the parse cache keeps where they
 * are, so a cached chapter is not walked at all.
 */
export interface ChapterNodes {
  headings: Heading[];
  /** Links and images. */
  references: (Link | Image)[];
  html: Html[];
}

export function indexNodes(tree: Root): ChapterNodes {
  const nodes: ChapterNodes = { headings: [], references: [], html: [] };
  visit(tree, (node) => {
    if (node.type === 'heading') nodes.headings.push(node);
    else if (node.type === 'link' || node.type === 'image') nodes.references.push(node);
    else if (node.type === 'html') nodes.html.push(node);
  });
  return nodes;
}

/** Where each indexed node is: the child indexes from the root down to it. */
export type NodePaths = Record<keyof ChapterNodes, number[][]>;

export function nodePaths(tree: Root, nodes: ChapterNodes): NodePaths {
  const wanted = new Set<Node>([...nodes.headings, ...nodes.references, ...nodes.html]);
  const paths = new Map<Node, number[]>([[tree, []]]);
  visit(tree, (node, index, parent) => {
    if (parent && index !== undefined && ('children' in node || wanted.has(node))) paths.set(node, [...paths.get(parent)!, index]);
  });
  const of = (list: Node[]) => list.map((node) => paths.get(node)!);
  return { headings: of(nodes.headings), references: of(nodes.references), html: of(nodes.html) };
}

/**
 * Puts a chapter's indexed nodes (which checking numbered and resolved) into a tree read back
 * from the cache, in place of the copies at their paths; undefined when they do not fit it. A
 * node inside another (a link in a heading) goes in after it, so the outer one holds it too.
 */
export function attachNodes(tree: Root, nodes: ChapterNodes, paths: NodePaths): Root | undefined {
  const kinds = ['headings', 'references', 'html'] as const;
  if (kinds.some((kind) => nodes[kind].length !== paths[kind]?.length)) return undefined;
  const placed = kinds.flatMap((kind) => nodes[kind].map((node, i) => ({ node: node as Node, path: paths[kind][i] })));
  for (const { node, path } of placed.sort((a, b) => a.path.length - b.path.length)) {
    const parent = path.slice(0, -1).reduce<Node | undefined>((at, i) => (at as Parent | undefined)?.children?.[i], tree) as Parent | undefined;
    const index = path.at(-1)!;
    if (parent?.children?.[index]?.type !== node.type) return undefined;
    parent.children[index] = node as Parent['children'][number];
  }
  return tree;
}
