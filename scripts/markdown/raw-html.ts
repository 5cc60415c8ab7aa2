import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Html, Image, Link } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeSanitize from 'rehype-sanitize';
import { unified } from 'unified';
import { forEachElement } from './for-each-element.ts';
import { SAFE_HTML } from './safe-html.ts';

/** The id an element of raw HTML was given: its id, or an old anchor's name (Word's `<a name="_Toc1">`). */
export function writtenId(tagName: string, properties: Record<string, unknown>): string | undefined {
  return [properties.id, tagName === 'a' ? properties.name : undefined].find(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
}

const fragment = unified().use(rehypeParse, { fragment: true }).use(rehypeSanitize, SAFE_HTML).freeze();

/**
 * The ids a chapter's raw HTML gives elements that the editions keep (after sanitizing), as
 * written: what a markdown link's `#fragment` may name besides a heading. Each piece of raw
 * HTML is read on its own, as markdown splits it; an element opened in one piece keeps its id.
 */
export function rawIds(html: readonly Html[]): Set<string> {
  const ids = new Set<string>();
  for (const node of html) {
    if (!/\b(id|name)\s*=/i.test(node.value)) continue;
    const tree = fragment.runSync(fragment.parse(node.value)) as Root;
    forEachElement(tree, (element) => {
      const id = writtenId(element.tagName, element.properties);
      if (id !== undefined) ids.add(id.trim());
    });
  }
  return ids;
}

/**
 * The links and images of a chapter's raw HTML (`<a href="../care/visits.md">`, `<img
 * src="images/flow.png">`), as markdown links and images at the places they are written, so
 * that checking resolves them as it does every other link and image. The conversion finds each
 * again by where it starts (see rehypeResolvedRawLinks). An image's text alternative is, for
 * checking, the caption of the figure it is in, where its own is empty: the caption describes it.
 */
export function rawReferences(html: readonly Html[]): (Link | Image)[] {
  const found: (Link | Image)[] = [];
  for (const node of html) {
    const start = node.position?.start;
    if (!start || start.offset === undefined || !/<(a\s[^>]*href|img\b)/i.test(node.value)) continue;
    forEachElement(fragment.parse(node.value), (element, _index, parent) => {
      const at = element.position?.start;
      const address =
        element.tagName === 'a'
          ? element.properties.href
          : element.tagName === 'img'
            ? element.properties.src
            : undefined;
      if (typeof address !== 'string' || !at || at.offset === undefined) return;
      const line = start.line + at.line - 1;
      const column = at.line === 1 ? start.column + at.column - 1 : at.column;
      const position = { start: { line, column, offset: start.offset! + at.offset }, end: { line, column } };
      if (element.tagName === 'img') {
        const alt = typeof element.properties.alt === 'string' ? element.properties.alt : '';
        found.push({ type: 'image', url: address, alt: alt.trim() || captionOf(parent), position });
      } else {
        found.push({
          type: 'link',
          url: address,
          children: [{ type: 'text', value: toString(element) || address }],
          position,
        });
      }
    });
  }
  return found;
}

/** The text of the `<figcaption>` of a `<figure>`, or "". */
function captionOf(parent: Root | Element): string {
  if (parent.type !== 'element' || parent.tagName !== 'figure') return '';
  const caption = parent.children.find((child) => child.type === 'element' && child.tagName === 'figcaption');
  return caption ? toString(caption).trim() : '';
}
