import type { Element, ElementContent, Root, RootContent } from 'hast';

/** An element of mammoth's document model: `hyperlink`, `run`, `noteReference`, `bookmarkStart`... */
export interface DocxElement {
  type: string;
  children?: DocxElement[];
  href?: string;
  anchor?: string;
}

/** What mammoth writes as an `<a>` of its own: a note mark (`<sup><a href="#footnote-1">`) or a bookmark (`<a id>`). */
const OWN_ANCHORS = new Set(['noteReference', 'bookmarkStart']);
const NOTE_MARK = /^#(footnote|endnote)-\d+$/;

/**
 * A mammoth document transform: note marks and bookmarks inside a link's text (a w:hyperlink's
 * runs, or a HYPERLINK field's) leave the link, which splits around them. mammoth writes both as
 * `<a>` elements, and an `<a>` inside an `<a>` is not HTML: the parser would end the link at the
 * mark and lose the mark's `<sup>`. joinSplitLinks puts the parts of the link together again,
 * the marks after it. Collects in `dropped` the links that held nothing but marks.
 */
export function liftNoteMarks(dropped: string[]): (document: DocxElement) => DocxElement {
  return (document) => {
    liftInChildren(document, dropped);
    return document;
  };
}

/** `linked`: the addresses that links of the paragraph give some text (a HYPERLINK field wraps each run apart). */
function liftInChildren(element: DocxElement, dropped: string[], linked = new Set<string>()): void {
  if (!element.children) return;
  if (element.type === 'paragraph') linked = linkedAddresses(element);
  element.children = element.children.flatMap((child) => {
    liftInChildren(child, dropped, linked);
    if (child.type !== 'hyperlink' || !holds(child, (c) => OWN_ANCHORS.has(c.type))) return [child];
    const parts = lift(child);
    if (!parts.some((part) => part.type === 'hyperlink') && !linked.has(address(child)))
      dropped.push(`a link to "${address(child)}" held only a note mark: the mark was kept, the link dropped`);
    return parts;
  });
}

function address(link: DocxElement): string {
  return link.href ?? `#${link.anchor}`;
}

function holds(element: DocxElement, test: (child: DocxElement) => boolean): boolean {
  return (element.children ?? []).some((child) => test(child) || holds(child, test));
}

function linkedAddresses(paragraph: DocxElement): Set<string> {
  const found = new Set<string>();
  const isText = (c: DocxElement) => !OWN_ANCHORS.has(c.type) && !c.children;
  const visit = (element: DocxElement) => {
    for (const child of element.children ?? []) {
      if (child.type === 'hyperlink' && holds(child, isText)) found.add(address(child));
      visit(child);
    }
  };
  visit(paragraph);
  return found;
}

/** The element cut around the marks inside it: copies of it holding the rest, the marks bare between them. */
function lift(element: DocxElement): DocxElement[] {
  if (OWN_ANCHORS.has(element.type) || !element.children) return [element];
  const parts: DocxElement[] = [];
  let kept: DocxElement[] = [];
  const flush = () => {
    if (kept.length > 0) parts.push({ ...element, children: kept });
    kept = [];
  };
  for (const piece of element.children.flatMap(lift)) {
    if (!OWN_ANCHORS.has(piece.type)) kept.push(piece);
    else {
      flush();
      parts.push(piece);
    }
  }
  flush();
  return parts;
}

/**
 * Joins the parts of a link that liftNoteMarks split: `<a href=X>`, then only note marks and
 * bookmark anchors, then `<a href=X>` again become one link with the marks and anchors after it,
 * where a reader sees them (a note mark is a link, so it cannot sit inside one).
 */
export function joinSplitLinks(tree: Root): void {
  joinIn(tree);
}

function joinIn(parent: Root | Element): void {
  const children = parent.children as (RootContent | ElementContent)[];
  for (let i = 0; i < children.length; i++) {
    const node = children[i];
    if (node.type === 'element') joinIn(node);
    if (isLink(node)) while (joinNext(children, i)) continue;
  }
}

/** Joins the link at `i` with the next part of it, when one follows after marks; false when none does. */
function joinNext(children: (RootContent | ElementContent)[], i: number): boolean {
  const link = children[i] as Element;
  let end = i + 1;
  while (end < children.length && isMarkOrAnchor(children[end])) end++;
  const next = children[end];
  if (end === i + 1 || !next || !isLink(next) || next.properties.href !== link.properties.href) return false;
  joinIn(next);
  link.children.push(...next.children);
  children.splice(end, 1);
  return true;
}

function isLink(node: RootContent | ElementContent): node is Element {
  return node.type === 'element' && node.tagName === 'a' && typeof node.properties.href === 'string';
}

/** mammoth's note mark, `<sup><a href="#footnote-1">`, or a bookmark, `<a id>` without an address. */
function isMarkOrAnchor(node: RootContent | ElementContent): boolean {
  if (node.type !== 'element') return false;
  if (node.tagName === 'a') return node.properties.href === undefined && node.properties.id !== undefined;
  const only = node.tagName === 'sup' && node.children.length === 1 ? node.children[0] : undefined;
  return only?.type === 'element' && only.tagName === 'a' && NOTE_MARK.test(String(only.properties.href ?? ''));
}
