import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Heading, Root, Yaml } from 'mdast';
import { indexNodes, type ChapterNodes } from './chapter-nodes.ts';
import { parseMarkdown } from './parse-markdown.ts';
import { writeFileAtomic } from '../core/write-atomic.ts';
import { toolRoot } from '../core/tool-root.ts';

/**
 * A parsed chapter: what checking reads (its indexed nodes, front matter and opening heading) and,
 * read only when the book is made, its whole tree.
 */
export interface ParsedChapter {
  nodes: ChapterNodes;
  /** The front matter, when the chapter starts with one. */
  frontMatter?: Yaml;
  /** The body's first node, when it is a heading: perhaps the chapter's title. */
  opening?: Heading;
  tree: () => Root;
}

/** Parses a chapter's text; `chapter`, its id, lets a parser that keeps each chapter's last parse reuse it. */
export type ParseMarkdown = (text: string, chapter?: string) => Promise<ParsedChapter>;

/** What checking reads of a cached chapter; its tree is kept in a file of its own. */
interface CachedNodes {
  frontMatter?: Yaml;
  nodes: ChapterNodes;
  /** Which of the headings, if any, is the body's first node. */
  opening?: number;
}

const TOOL_ROOT = toolRoot();

/**
 * Parsing is most of what `manual check` costs, and reading a parsed tree back from JSON a small
 * part of it. Chapters are kept by the hash of the text and of the parser's versions, so a new
 * parser or an edited chapter never reads a stale tree. Checking reads only a small file of the
 * nodes it looks at; the tree, several times larger, is read only when the book is made.
 */
export function cachedParser(dir: string): ParseMarkdown {
  const salt = parserVersions();
  return async (text) => {
    const base = path.join(dir, 'mdast', createHash('sha256').update(salt).update(text).digest('hex'));
    const cached = await readFile(`${base}.nodes.json`, 'utf8').catch(() => undefined);
    const read = cached === undefined ? undefined : fromCache(cached, `${base}.tree.json`, text);
    if (read) return read;
    const parsed = await uncachedParser(text);
    const opening = parsed.opening ? parsed.nodes.headings.indexOf(parsed.opening) : undefined;
    const entry: CachedNodes = { frontMatter: parsed.frontMatter, nodes: parsed.nodes, opening };
    const [treeJson, nodesJson] = [cachedJson(parsed.tree()), cachedJson(entry)];
    await writeFileAtomic(`${base}.tree.json`, treeJson)
      .then(() => writeFileAtomic(`${base}.nodes.json`, nodesJson))
      .catch(() => undefined);
    return parsed;
  };
}

export const uncachedParser: ParseMarkdown = async (text) => parsedFrom(parseMarkdown(text));

/** A parsed chapter of a tree parseMarkdown made. */
export function parsedFrom(tree: Root): ParsedChapter {
  const frontMatter = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined;
  const opening = tree.children[frontMatter ? 1 : 0];
  return {
    nodes: indexNodes(tree),
    frontMatter,
    opening: opening?.type === 'heading' ? opening : undefined,
    tree: () => tree,
  };
}

/** Nodes whose source position no diagnostic names: the cached trees leave theirs out, which makes them about a third smaller. */
const UNLOCATED = new Set(['text', 'emphasis', 'strong', 'delete', 'inlineCode', 'break', 'tableCell', 'tableRow']);

function cachedJson(value: unknown): string {
  return JSON.stringify(value, function (this: { type?: unknown }, key, value: unknown) {
    return key === 'position' && UNLOCATED.has(this.type as string) ? undefined : value;
  });
}

/** The cached chapter, or undefined when its file is damaged (it is then parsed again and replaced). */
function fromCache(json: string, treeFile: string, text: string): ParsedChapter | undefined {
  let entry: CachedNodes;
  try {
    entry = JSON.parse(json) as CachedNodes;
  } catch {
    return undefined;
  }
  const { frontMatter, nodes, opening } = entry;
  if (!fits(entry)) return undefined;
  let tree: Root | undefined;
  return {
    nodes,
    frontMatter,
    opening: opening === undefined ? undefined : nodes.headings[opening],
    tree: () => (tree ??= cachedTree(treeFile, nodes) ?? parseMarkdown(text)),
  };
}

/** Whether a cached entry holds nodes of the right kinds. */
function fits({ frontMatter, nodes, opening }: CachedNodes): boolean {
  const kinds = (list: unknown[] | undefined, types: string[]) =>
    Array.isArray(list) && list.every((n) => types.includes((n as { type?: string })?.type ?? ''));
  return (
    (frontMatter === undefined || frontMatter.type === 'yaml') &&
    kinds(nodes?.headings, ['heading']) &&
    kinds(nodes?.references, ['link', 'image']) &&
    kinds(nodes?.html, ['html']) &&
    Array.isArray(nodes.templates) &&
    (opening === undefined || nodes.headings[opening] !== undefined)
  );
}

/** The tree kept beside the nodes; undefined when it is missing or does not hold the nodes checked (the chapter is then parsed again). */
function cachedTree(file: string, nodes: ChapterNodes): Root | undefined {
  try {
    const tree = JSON.parse(readFileSync(file, 'utf8')) as Root;
    const found = indexNodes(tree);
    const same = (kind: 'headings' | 'references' | 'html') =>
      found[kind].length === nodes[kind].length &&
      found[kind].every((node, i) => node.position?.start.offset === nodes[kind][i].position?.start.offset);
    return same('headings') && same('references') && same('html') ? tree : undefined;
  } catch {
    return undefined;
  }
}

function parserVersions(): string {
  const packages = ['remark-parse', 'remark-gfm', 'remark-frontmatter', 'micromark', 'mdast-util-from-markdown'];
  return ['mdast-cache-10', ...packages.map((name) => `${name}@${versionOf(name)}`)].join('\n');
}

function versionOf(name: string): string {
  try {
    return (
      JSON.parse(readFileSync(path.join(TOOL_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return 'unknown';
  }
}
