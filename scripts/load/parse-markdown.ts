import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { admonitions } from './admonitions.ts';
import { rewriteGeneratorSyntax, type TemplateSyntax } from './generator-syntax.ts';
import { headingIds } from './heading-ids.ts';
import { referencesAsLinks } from './references-as-links.ts';

/** One parser for all markdown in a manual: CommonMark, GFM and YAML front matter. */
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

declare module 'mdast' {
  interface RootData {
    /** Template syntax the source holds that the editions cannot show (see rewriteGeneratorSyntax). */
    templateSyntax?: TemplateSyntax[];
  }
}

/**
 * Parses markdown to an mdast tree whose positions are those of the source text, with site
 * generators' syntax and MkDocs admonitions written as plain markdown (callouts as block
 * quotes), reference-style links written as the links they make, and heading attribute lists
 * taken off. The template syntax it could not write as markdown is listed in the root's data.
 */
export function parseMarkdown(text: string): Root {
  const { edits, found } = rewriteGeneratorSyntax(text);
  const rewritten = edits.changed ? edits.text() : text;
  const tree = parser.parse(rewritten);
  admonitions(tree, rewritten, (body) => parser.parse(body));
  if (edits.changed) edits.mapPositions(tree);
  referencesAsLinks(tree);
  headingIds(tree);
  if (found.length > 0) tree.data = { ...tree.data, templateSyntax: found };
  return tree;
}
