import type { FootnoteReference, Heading, Nodes, PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { dropHeadingNumber } from './heading-numbers.ts';

/**
 * Headings become plain text without typed numbers (the manual numbers and styles them itself,
 * and a link's `#slug` is made from the text) followed by their note marks, keeping in
 * `data.ids` the ids of the bookmarks that were on them; lists whose items are one paragraph
 * each are written tight, as Word shows them. Returns the numbers dropped, for the report.
 */
export function tidyMarkdown(root: Root): string[] {
  const dropped: string[] = [];
  visit(root, (node) => {
    if (node.type === 'heading') {
      const number = plainHeading(node);
      if (number) dropped.push(number);
    }
    if (node.type === 'list' || node.type === 'listItem') tighten(node);
  });
  return dropped;
}

function plainHeading(node: Heading): string | undefined {
  const ids = [...(node.data?.ids ?? [])];
  visit(node, 'html', (html) => {
    if (html.data?.anchorId) ids.push(html.data.anchorId);
  });
  const marks: FootnoteReference[] = [];
  visit(node, 'footnoteReference', (mark) => {
    marks.push(mark);
  });
  const text = textOf(node.children).replace(/\s+/g, ' ').trim();
  const { text: title, number } = dropHeadingNumber(text);
  // Note marks stay, after the text: a heading's slug is made of its text alone.
  node.children = [{ type: 'text', value: title }, ...marks];
  node.data = { ...node.data, ids };
  return number;
}

/** The text of inline content, raw HTML left out (toString would keep `<u>`). */
function textOf(children: PhrasingContent[]): string {
  return children.map((child) => (child.type === 'html' ? '' : toString(child))).join('');
}

function tighten(node: Nodes): void {
  if (node.type === 'listItem') {
    const paragraphs = node.children.filter((c) => c.type === 'paragraph').length;
    if (paragraphs <= 1 && node.children.every((c) => c.type === 'paragraph' || c.type === 'list')) node.spread = false;
  } else if (node.type === 'list') {
    node.spread = false;
  }
}
