import type { Element, Root } from 'hast';

/** An empty page-break marker: where a page of the print edition begins (EPUB 3 page list). */
export function pageBreak(page: number): Element {
  return {
    type: 'element',
    tagName: 'span',
    properties: { 'epub:type': 'pagebreak', role: 'doc-pagebreak', id: `page-${page}`, ariaLabel: String(page) },
    children: [],
  };
}

/** Puts the markers of the pages that begin at a top-level block just before that block. */
export function rehypePageBreaks(pagesAt: ReadonlyMap<string, number[]>) {
  return (tree: Root): Root => ({
    ...tree,
    children: tree.children.flatMap((node) => {
      const id = node.type === 'element' ? node.properties.id : undefined;
      const pages = typeof id === 'string' ? pagesAt.get(id) : undefined;
      return pages ? [...pages.map(pageBreak), node] : [node];
    }),
  });
}
