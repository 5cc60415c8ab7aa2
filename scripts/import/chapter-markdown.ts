import type { Root } from 'mdast';
import { parse, stringify } from 'yaml';
import { stringifyMarkdown } from './html-to-markdown.ts';

/** Where a chapter came from, kept in its front matter: `source:` the file's name, `source-title:` its own title. */
export interface ChapterSourceMeta {
  source: string;
  sourceTitle?: string;
}

/** A chapter's text: front matter saying where it came from, its `# Title`, then its body. */
export function chapterMarkdown(meta: ChapterSourceMeta, title: string, body: Root): string {
  const frontMatter = stringify(
    { source: meta.source, ...(meta.sourceTitle ? { 'source-title': meta.sourceTitle } : {}) },
    { lineWidth: 0 },
  );
  const markdown = stringifyMarkdown({
    type: 'root',
    children: [{ type: 'heading', depth: 1, children: [{ type: 'text', value: title }] }, ...body.children],
  });
  return `---\n${frontMatter}---\n\n${markdown}`;
}

/** The `source:` of a chapter's front matter, or undefined when it has none (or no front matter it can read). */
export function sourceOf(markdown: string): string | undefined {
  const frontMatter = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(markdown)?.[1];
  if (frontMatter === undefined) return undefined;
  try {
    const value: unknown = parse(frontMatter);
    const source = value && typeof value === 'object' ? (value as Record<string, unknown>).source : undefined;
    return typeof source === 'string' ? source : undefined;
  } catch {
    return undefined;
  }
}
