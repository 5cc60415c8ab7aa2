import GithubSlugger from 'github-slugger';
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { HeadingInfo } from '../core/book.ts';
import '../load/heading-ids.ts';
import { headingAnchor } from './anchors.ts';

/**
 * Numbers a chapter's level-2 headings 1, 2, 3 and level-3 headings 1.1, 1.2 (so "Section 1.2"
 * in an amendment means something), and gives every heading its slug and book-wide anchor.
 * A heading's slug is the id its author gave it (`{#id}`, see headingIds), else one made of its
 * text. Takes and returns them in document order (see indexNodes).
 *
 * Levels are taken relative to the chapter's highest heading: a page written for a site that
 * prints its title elsewhere may start at `###` (GitBook) or use `#` for its parts, and its parts
 * are still the chapter's sections 1, 2, 3. A heading is at most one level below the one before
 * it (`##` then `####` is a section and its part), as readers and screen readers expect. A
 * heading's `depth` is that level.
 */
export function numberHeadings(nodes: Heading[], chapterAnchor: string): HeadingInfo[] {
  const slugger = new GithubSlugger();
  const counters = [0, 0];
  const headings: HeadingInfo[] = [];
  const shift = nodes.length === 0 ? 0 : 2 - Math.min(...nodes.map((node) => node.depth));
  let above = 1;
  for (const node of nodes) {
    const text = toString(node).trim();
    // An id its author gave is kept as written, unless an earlier heading of the chapter has it.
    const slug = node.data?.id ? slugger.slug(node.data.id, true) : slugger.slug(text);
    const depth = Math.min(node.depth + shift, above + 1, 6);
    above = depth;
    headings.push({
      depth,
      text,
      slug,
      number: nextNumber(counters, depth),
      anchor: headingAnchor(chapterAnchor, slug),
    });
  }
  return headings;
}

function nextNumber(counters: number[], depth: number): string | undefined {
  if (depth === 2) {
    counters[0] += 1;
    counters[1] = 0;
    return String(counters[0]);
  }
  if (depth === 3) {
    counters[1] += 1;
    return `${counters[0]}.${counters[1]}`;
  }
  return undefined;
}
