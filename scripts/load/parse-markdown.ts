import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** One parser for all markdown in a manual: CommonMark, GFM and YAML front matter. */
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

/** Parses markdown to an mdast tree whose positions are those of the source text. */
export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}
