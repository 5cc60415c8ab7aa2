import type { Element, Root } from 'hast';

/**
 * Gives every top-level block of a chapter (paragraph, list, table, figure...) an id, unless it
 * has one (headings have their anchors): the partner PDF reports the page each block starts on,
 * and the EPUB's page list points at the same blocks. Ids are the chapter's anchor and the
 * block's position, so an edit renames only the blocks after it, in its own chapter.
 */
export function rehypeBlockIds(anchor: string) {
  return (tree: Root): Root => ({
    ...tree,
    children: tree.children.map((node, i) =>
      node.type === 'element' && node.properties.id === undefined
        ? { ...node, properties: { ...node.properties, id: `${anchor}--b${i}` } }
        : node,
    ),
  });
}

/** The ids of a chapter's top-level blocks, in reading order. */
export function blockIdsOf(tree: Root): string[] {
  return tree.children.flatMap((node) => {
    const id = node.type === 'element' ? (node as Element).properties.id : undefined;
    return typeof id === 'string' ? [id] : [];
  });
}
