import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedParser } from '../../scripts/load/markdown-cache.ts';
import { indexNodes } from '../../scripts/load/chapter-nodes.ts';
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
});

describe('cachedParser', () => {
  const cacheFiles = (dir: string, ending: string) =>
    readdirSync(path.join(dir, 'mdast'))
      .filter((f) => f.endsWith(ending))
      .map((f) => path.join(dir, 'mdast', f));

  it('reads a chapter back with the same nodes, and the tree they were found in', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'manual-nodes-'));
    const first = await cachedParser(dir)(`---\ntitle: T\n---\n${CHAPTER}`);
    const again = await cachedParser(dir)(`---\ntitle: T\n---\n${CHAPTER}`);
    expect(summary(again.nodes)).toEqual(summary(first.nodes));
    expect(again.frontMatter?.value).toBe('title: T');
    expect(again.opening).toBe(again.nodes.headings[0]);
    expect(again.tree()).toBe(again.tree());
    expect(again.tree().children[0].type).toBe('yaml');
    expect(summary(indexNodes(again.tree()))).toEqual(summary(again.nodes));
    expect(JSON.stringify(again.tree(), (key, value) => (key === 'position' ? undefined : value))).toBe(
      JSON.stringify(first.tree(), (key, value) => (key === 'position' ? undefined : value)),
    );
  });

  it('parses again over a damaged nodes file, and over a missing or damaged tree file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'manual-nodes-'));
    const first = await cachedParser(dir)(CHAPTER);
    const [nodesFile] = cacheFiles(dir, '.nodes.json');
    const [treeFile] = cacheFiles(dir, '.tree.json');
    const entry = JSON.parse(readFileSync(nodesFile, 'utf8'));
    writeFileSync(
      nodesFile,
      JSON.stringify({ ...entry, nodes: { ...entry.nodes, references: [{ type: 'paragraph' }] } }),
    );
    const mended = await cachedParser(dir)(CHAPTER);
    expect(summary(mended.nodes)).toEqual(summary(first.nodes));
    expect(JSON.parse(readFileSync(nodesFile, 'utf8')).nodes.references).toEqual(entry.nodes.references);

    for (const damage of [
      () => rmSync(treeFile),
      () => writeFileSync(treeFile, '{"type":"root","children":[]}'),
      () => writeFileSync(treeFile, '{"type":"ro'),
    ]) {
      damage();
      const read = await cachedParser(dir)(CHAPTER);
      expect(summary(indexNodes(read.tree()))).toEqual(summary(read.nodes));
      writeFileSync(treeFile, JSON.stringify(first.tree()));
    }
  });
});
