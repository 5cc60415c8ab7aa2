import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Root } from 'mdast';
import { indexNodes, nodePaths, nodesAt, type ChapterNodes, type NodePaths } from '../markdown/chapter-nodes.ts';
import { parseMarkdown } from '../markdown/parse-markdown.ts';
import { writeFileAtomic } from '../output/write-atomic.ts';
import { toolRoot } from '../tool-root.ts';

/** A chapter's tree, with the nodes checking looks at. */
export interface ParsedChapter {
  tree: Root;
  nodes: ChapterNodes;
}

export type ParseMarkdown = (text: string) => Promise<ParsedChapter>;

interface CacheEntry {
  tree: Root;
  paths: NodePaths;
}

const TOOL_ROOT = toolRoot();

/** Where parsed chapters are kept between runs: never in dist/, which holds only editions. */
export function defaultCacheDir(): string {
  return process.env.MANUAL_CACHE_DIR ?? path.join(TOOL_ROOT, 'node_modules/.cache/manual-editions');
}

/**
 * Parsing is most of what `manual check` costs (about 1 s for the sample on a 2-core machine),
 * while reading a parsed tree back from JSON costs about 25 ms. Trees are kept by the hash of the
 * text and of the parser's versions, so a new parser or an edited chapter never reads a stale tree,
 * together with where the nodes checking looks at are, so a cached tree is never walked to find them.
 */
export function cachedParser(dir: string): ParseMarkdown {
  const salt = parserVersions();
  return async (text) => {
    const file = path.join(dir, 'mdast', `${createHash('sha256').update(salt).update(text).digest('hex')}.json`);
    const cached = await readFile(file, 'utf8').catch(() => undefined);
    const read = cached === undefined ? undefined : fromCache(cached);
    if (read) return read;
    const parsed = await uncachedParser(text);
    await writeFileAtomic(file, cachedJson({ tree: parsed.tree, paths: nodePaths(parsed.tree, parsed.nodes) })).catch(() => undefined);
    return parsed;
  };
}

/** Nodes whose source position no diagnostic names. Without theirs the cached trees of the 1,000-page bench manual are 6.1 MB instead of 8.6 MB, which a warm check reads and parses whole. */
const UNLOCATED = new Set(['text', 'emphasis', 'strong', 'delete', 'inlineCode', 'break', 'tableCell', 'tableRow']);

/** The cached chapter, or undefined when the file is damaged (it is then parsed again and replaced). */
function fromCache(json: string): ParsedChapter | undefined {
  try {
    const { tree, paths } = JSON.parse(json) as CacheEntry;
    const nodes = nodesAt(tree, paths);
    return nodes && { tree, nodes };
  } catch {
    return undefined;
  }
}

function cachedJson(entry: CacheEntry): string {
  return JSON.stringify(entry, function (this: { type?: unknown }, key, value: unknown) {
    return key === 'position' && UNLOCATED.has(this.type as string) ? undefined : value;
  });
}

export const uncachedParser: ParseMarkdown = async (text) => {
  const tree = parseMarkdown(text);
  return { tree, nodes: indexNodes(tree) };
};

function parserVersions(): string {
  const packages = ['remark-parse', 'remark-gfm', 'remark-frontmatter', 'micromark', 'mdast-util-from-markdown'];
  return ['mdast-cache-3', ...packages.map((name) => `${name}@${versionOf(name)}`)].join('\n');
}

function versionOf(name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(TOOL_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
