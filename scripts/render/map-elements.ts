import type { Element, ElementContent, Root, RootContent } from 'hast';

/**
 * A copy of `tree` with each element that `change` returns a new element for replaced by it (its
 * children are then mapped in turn). Untouched subtrees are shared, not copied: renderers never
 * change the model's trees, and copying whole chapters for each output costs more than the
 * transforms themselves.
 */
export function mapElements(tree: Root, change: (element: Element) => Element | undefined): Root {
  const children = mapChildren(tree.children, change);
  return children === tree.children ? tree : { ...tree, children };
}

function mapChildren<T extends RootContent | ElementContent>(
  nodes: T[],
  change: (element: Element) => Element | undefined,
): T[] {
  let copy: T[] | undefined;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node.type !== 'element') continue;
    const changed = change(node) ?? node;
    const children = mapChildren(changed.children, change);
    const mapped = children === changed.children ? changed : { ...changed, children };
    if (mapped !== node) (copy ??= nodes.slice())[i] = mapped as T;
  }
  return copy ?? nodes;
}

/** `element` with some of its properties replaced. */
export function withProperties(element: Element, properties: Element['properties']): Element {
  return { ...element, properties: { ...element.properties, ...properties } };
}

/** Each image whose path is relative to the manual's root (as the model holds it) pointed at `source(path)`. */
export function mapImageSources(tree: Root, source: (file: string) => string): Root {
  return mapElements(tree, (node) => {
    const src = manualImageOf(node);
    return src === undefined ? undefined : withProperties(node, { src: source(src) });
  });
}

/** The manual's images `tree` shows, by their paths from its root, in the order `mapImageSources` meets them. */
export function imageSourcesOf(tree: Root): string[] {
  const sources: string[] = [];
  mapElements(tree, (node) => {
    const src = manualImageOf(node);
    if (src !== undefined) sources.push(src);
    return undefined;
  });
  return sources;
}

/** The path of the manual's image an element shows; none for other elements and for addresses (`data:`, `https:`). */
function manualImageOf(node: Element): string | undefined {
  const src = node.properties.src;
  return node.tagName === 'img' && typeof src === 'string' && !/^[a-z]+:/i.test(src) ? src : undefined;
}
