import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedParser } from '../../scripts/load/markdown-cache.ts';
import { attachNodes, indexNodes, nodePaths } from '../../scripts/load/chapter-nodes.ts';
import { parseMarkdown } from '../../scripts/load/parse-markdown.ts';

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

  it('puts checked nodes back into a tree read from JSON, in place of their copies, inner ones last', () => {
    const tree = parseMarkdown(CHAPTER);
    const nodes = indexNodes(tree);
    const paths = nodePaths(tree, nodes);
    const copy = JSON.parse(JSON.stringify(tree)) as typeof tree;
    expect(attachNodes(copy, nodes, paths)).toBe(copy);
    expect(indexNodes(copy).headings).toEqual(nodes.headings);
    for (const kind of ['headings', 'references', 'html'] as const) nodes[kind].forEach((node, i) => expect(indexNodes(copy)[kind][i]).toBe(node));

    // Read from the cache, a heading holds its own copy of the link in it: the checked link replaces it.
    const cached = JSON.parse(JSON.stringify(nodes)) as typeof nodes;
    expect(cached.headings[0].children[1]).not.toBe(cached.references[0]);
    const tree2 = attachNodes(JSON.parse(JSON.stringify(tree)) as typeof tree, cached, paths)!;
    expect(tree2.children[0]).toBe(cached.headings[0]);
    expect(cached.headings[0].children[1]).toBe(cached.references[0]);
  });

  it('refuses paths that do not lead to nodes of their kind', () => {
    const tree = parseMarkdown(CHAPTER);
    const nodes = indexNodes(tree);
    const paths = nodePaths(tree, nodes);
    const copy = () => JSON.parse(JSON.stringify(tree)) as typeof tree;
    expect(attachNodes(copy(), nodes, { ...paths, headings: [[1], [0]] })).toBeUndefined();
    expect(attachNodes(copy(), nodes, { ...paths, html: [[9, 9, 9], [1], [2]] })).toBeUndefined();
    expect(attachNodes(copy(), nodes, { ...paths, references: [] })).toBeUndefined();
  });
});

describe('cachedParser', () => {
  const cacheFiles = (dir: string, ending: string) => readdirSync(path.join(dir, 'mdast')).filter((f) => f.endsWith(ending)).map((f) => path.join(dir, 'mdast', f));

  it('reads a chapter back with the same nodes, and its tree with those nodes in it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'manual-nodes-'));
    const first = await cachedParser(dir)(`---\ntitle: T\n---\n${CHAPTER}`);
    const again = await cachedParser(dir)(`---\ntitle: T\n---\n${CHAPTER}`);
    expect(summary(again.nodes)).toEqual(summary(first.nodes));
    expect(again.frontMatter?.value).toBe('title: T');
    expect(again.opening).toBe(again.nodes.headings[0]);
    expect(again.tree()).toBe(again.tree());
    expect(again.tree().children[0].type).toBe('yaml');
    expect(again.nodes.headings[1]).toBe((again.tree().children[2] as any).children[0]);
    expect(JSON.stringify(again.tree(), (key, value) => (key === 'position' ? undefined : value))).toBe(JSON.stringify(first.tree(), (key, value) => (key === 'position' ? undefined : value)));
  });

  it('parses again over a damaged nodes file, and over a missing or damaged tree file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'manual-nodes-'));
    const first = await cachedParser(dir)(CHAPTER);
    const [nodesFile] = cacheFiles(dir, '.nodes.json');
    const [treeFile] = cacheFiles(dir, '.tree.json');
    const entry = JSON.parse(readFileSync(nodesFile, 'utf8'));
    writeFileSync(nodesFile, JSON.stringify({ ...entry, paths: { ...entry.paths, references: [[0]] } }));
    const mended = await cachedParser(dir)(CHAPTER);
    expect(summary(mended.nodes)).toEqual(summary(first.nodes));
    expect(JSON.parse(readFileSync(nodesFile, 'utf8')).paths).toEqual(entry.paths);

    for (const damage of [() => rmSync(treeFile), () => writeFileSync(treeFile, '{"type":"root","children":[]}')]) {
      damage();
      const read = await cachedParser(dir)(CHAPTER);
      expect(read.nodes.headings[1]).toBe((read.tree().children[1] as any).children[0]);
      expect(indexNodes(read.tree()).references).toEqual(read.nodes.references);
      writeFileSync(treeFile, JSON.stringify(first.tree()));
    }
  });
});
