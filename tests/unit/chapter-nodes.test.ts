import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedParser } from '../../scripts/load/markdown-cache.ts';
import { indexNodes, nodePaths, nodesAt } from '../../scripts/markdown/chapter-nodes.ts';
import { parseMarkdown } from '../../scripts/markdown/parse-markdown.ts';

const CHAPTER = [
  '## One [a](x.md)',
  '',
  '> ### Quoted',
  '>',
  '> - item ![i](i.png) <b>raw</b>',
  '',
  '<div>block</div>',
  '',
  '| h | [t](#one) |',
  '|---|---|',
  '| *[deep](y.md)* | c |',
].join('\n');

const summary = (nodes: ReturnType<typeof indexNodes>) => ({
  headings: nodes.headings.map((n) => n.position?.start.line),
  references: nodes.references.map((n) => `${n.type} ${n.url}`),
  html: nodes.html.map((n) => n.value),
});

describe('indexNodes', () => {
  it('finds headings, links, images and raw HTML at any depth, in document order', () => {
    expect(summary(indexNodes(parseMarkdown(CHAPTER)))).toEqual({
      headings: [1, 3],
      references: ['link x.md', 'image i.png', 'link #one', 'link y.md'],
      html: ['<b>', '</b>', '<div>block</div>'],
    });
  });

  it('finds the same nodes again in a tree read back from JSON, by their paths', () => {
    const tree = parseMarkdown(CHAPTER);
    const paths = nodePaths(tree, indexNodes(tree));
    const copy = JSON.parse(JSON.stringify({ tree, paths })) as { tree: typeof tree; paths: typeof paths };
    const found = nodesAt(copy.tree, copy.paths)!;
    expect(summary(found)).toEqual(summary(indexNodes(tree)));
    expect(found.references[3]).toBe(((copy.tree.children[3] as any).children[1].children[0].children[0].children[0]));
  });

  it('refuses paths that do not lead to nodes of their kind', () => {
    const tree = parseMarkdown(CHAPTER);
    const paths = nodePaths(tree, indexNodes(tree));
    expect(nodesAt(tree, { ...paths, headings: [[1]] })).toBeUndefined();
    expect(nodesAt(tree, { ...paths, html: [[9, 9, 9]] })).toBeUndefined();
  });
});

describe('cachedParser', () => {
  it('reads a chapter back with the same nodes, and parses again over a damaged cache file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'manual-nodes-'));
    const first = await cachedParser(dir)(CHAPTER);
    const [file] = readdirSync(path.join(dir, 'mdast'));
    const again = await cachedParser(dir)(CHAPTER);
    expect(summary(again.nodes)).toEqual(summary(first.nodes));
    expect(again.nodes.headings[1]).toBe((again.tree.children[1] as any).children[0]);

    const entry = JSON.parse(readFileSync(path.join(dir, 'mdast', file), 'utf8'));
    writeFileSync(path.join(dir, 'mdast', file), JSON.stringify({ ...entry, paths: { ...entry.paths, references: [[0]] } }));
    const mended = await cachedParser(dir)(CHAPTER);
    expect(summary(mended.nodes)).toEqual(summary(first.nodes));
    expect(JSON.parse(readFileSync(path.join(dir, 'mdast', file), 'utf8')).paths).toEqual(entry.paths);
  });
});
