import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { admonitions } from './admonitions.ts';
import { headingIds } from './heading-ids.ts';
import { referencesAsLinks } from './references-as-links.ts';

/** One parser for all markdown in a manual: CommonMark, GFM and YAML front matter. */
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

/**
 * Parses markdown to an mdast tree whose positions are those of the source text, with
 * MkDocs admonitions written as block quotes, reference-style links written as the links they
 * make, and heading attribute lists taken off.
 */
export function parseMarkdown(text: string): Root {
  const tree = parser.parse(text);
  admonitions(tree, text, (body) => parser.parse(body));
  referencesAsLinks(tree);
  headingIds(tree);
  return tree;
}
