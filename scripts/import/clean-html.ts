import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import { TITLE_CLASS, TOC_CLASS } from './docx-to-html.ts';

/** What cleaning dropped, for the report. */
export interface Cleaned {
  /** Lines of a table of contents dropped (its entries and its "Contents" heading). */
  tocLines: number;
  /** The text of the title-page paragraphs (Word's Title style), dropped from the body. */
  titles: string[];
}

const CONTENTS_HEADING = /^(table of )?contents$/i;
const FOOTNOTE_BACKLINK = /^#(footnote|endnote)-ref-/;

/**
 * Takes out of a document's HTML what the manual makes itself or does not print: Word's table
 * of contents (its entries, and a "Contents" heading right before them), title-page paragraphs,
 * the back links of notes (the markdown footnotes get their own) and empty paragraphs; a
 * bookmark right before a heading goes into the heading, so links to it become heading links.
 * Runs on the tree as converted, before sanitizing removes the classes the style map gave.
 */
export function cleanHtml(tree: Root): Cleaned {
  const cleaned: Cleaned = { tocLines: 0, titles: [] };
  tree.children = cleanChildren(tree.children, cleaned) as RootContent[];
  return cleaned;
}

function cleanChildren(children: (RootContent | ElementContent)[], cleaned: Cleaned): (RootContent | ElementContent)[] {
  const out: (RootContent | ElementContent)[] = [];
  let pendingAnchors: Element[] = [];
  for (const child of children) {
    if (child.type !== 'element') {
      if (child.type === 'text' && child.value.trim() === '' && pendingAnchors.length) continue;
      out.push(...pendingAnchors.splice(0), child);
      continue;
    }
    if (isTocEntry(child)) {
      cleaned.tocLines += 1;
      const before = lastElement(out);
      if (before && /^h[1-6]$/.test(before.tagName) && CONTENTS_HEADING.test(toString(before).trim())) {
        out.splice(out.indexOf(before), 1);
        cleaned.tocLines += 1;
      }
      continue;
    }
    if (hasClass(child, TITLE_CLASS)) {
      cleaned.titles.push(toString(child).trim());
      continue;
    }
    if (child.tagName === 'a' && child.properties.href === undefined && child.properties.id !== undefined) {
      pendingAnchors.push(child);
      continue;
    }
    if (child.tagName === 'a' && FOOTNOTE_BACKLINK.test(String(child.properties.href ?? ''))) continue;
    child.children = cleanChildren(child.children, cleaned) as ElementContent[];
    if (/^h[1-6]$/.test(child.tagName)) {
      child.children.unshift(...pendingAnchors.splice(0));
    } else if (child.tagName === 'p' && isEmpty(child)) {
      continue;
    }
    out.push(...pendingAnchors.splice(0), child);
  }
  out.push(...pendingAnchors);
  pendingAnchors = [];
  return out;
}

/** A paragraph of a table of contents: styled so by Word, or holding only a link to a _Toc bookmark. */
function isTocEntry(node: Element): boolean {
  if (hasClass(node, TOC_CLASS)) return true;
  if (node.tagName !== 'p') return false;
  const content = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return (
    content.length === 1 &&
    content[0].type === 'element' &&
    content[0].tagName === 'a' &&
    /^#_Toc/.test(String(content[0].properties.href ?? ''))
  );
}

function hasClass(node: Element, name: string): boolean {
  const classes = node.properties.className;
  return Array.isArray(classes) && classes.includes(name);
}

function lastElement(nodes: (RootContent | ElementContent)[]): Element | undefined {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i];
    if (node.type === 'element') return node;
    if (!(node.type === 'text' && node.value.trim() === '')) return undefined;
  }
  return undefined;
}

/** No text and nothing that shows: no image, no anchor that a link may point at. */
function isEmpty(node: Element): boolean {
  if (toString(node).trim() !== '') return false;
  let shows = false;
  const visit = (n: Element) => {
    for (const c of n.children) {
      if (c.type !== 'element') continue;
      if (c.tagName === 'img' || c.properties.id !== undefined) shows = true;
      else visit(c);
    }
  };
  visit(node);
  return !shows;
}
