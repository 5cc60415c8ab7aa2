import type { Root, RootContent, Text } from 'mdast';

declare module 'mdast' {
  interface HeadingData {
    /** The anchor its author gave the heading, `## Title {#anchor}`: links to it survive a retitling. */
    id?: string;
  }
}

/**
 * A trailing attribute list of a heading, as pandoc, kramdown, Python-Markdown and mdBook write
 * it: `{#id}`, `{#id .class key=value}`, `{: #id}`. Ids are kept to letters, digits, `_` and `-`,
 * so that an anchor made of one is a valid XML id and never takes the form of a raw HTML id.
 */
const ATTRIBUTES =
  /[ \t]*\{:?[ \t]*((?:(?:#[A-Za-z_][\w-]*|\.[A-Za-z_][\w-]*|[A-Za-z_][\w-]*=(?:"[^"]*"|[^\s"}]+))[ \t]*)+)\}[ \t]*$/;

/**
 * Takes a heading's attribute list off its text and keeps its id as the heading's anchor
 * (`data.id`), so that the braces are never printed. Only headings at the top of the tree
 * and in block quotes and lists count: those are where headings are.
 */
export function headingIds(tree: Root): void {
  const visit = (nodes: RootContent[]): void => {
    for (const node of nodes) {
      if (node.type === 'heading') {
        const last = node.children.at(-1);
        if (last?.type === 'text') takeAttributes(node, last);
      } else if (node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem') {
        visit(node.children);
      }
    }
  };
  visit(tree.children);
}

function takeAttributes(node: { data?: { id?: string } }, text: Text): void {
  const match = ATTRIBUTES.exec(text.value);
  if (!match) return;
  const id = /(?:^|\s)#([A-Za-z_][\w-]*)/.exec(match[1])?.[1];
  text.value = text.value.slice(0, match.index);
  if (id) node.data = { ...node.data, id };
}
