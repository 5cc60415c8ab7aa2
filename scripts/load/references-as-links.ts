import type { Definition, Image, Link, Nodes, Parents, Root } from 'mdast';

/**
 * Writes each reference-style link and image (`[text][label]`, `[label][]`, `[label]`,
 * `![alt][label]`) as the inline link or image its definition (`[label]: url "title"`) makes of
 * it, where the reference stood, so that checking and resolving see one kind of link. Only
 * references with a definition exist in the tree: markdown prints any other as text. The
 * definitions stay; they print nothing.
 */
export function referencesAsLinks(tree: Root): void {
  const definitions = new Map<string, Definition>();
  const collect = (node: Nodes): void => {
    // The first definition of a label wins (CommonMark 4.7).
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
    if ('children' in node) for (const child of node.children) collect(child);
  };
  collect(tree);
  if (definitions.size === 0) return;
  const rewrite = (parent: Parents): void => {
    parent.children = parent.children.map((child) => {
      const definition =
        child.type === 'linkReference' || child.type === 'imageReference'
          ? definitions.get(child.identifier)
          : undefined;
      if (child.type === 'linkReference' && definition) {
        const link: Link = { type: 'link', url: definition.url, title: definition.title, children: child.children };
        if (child.position) link.position = child.position;
        rewrite(link);
        return link;
      }
      if (child.type === 'imageReference' && definition) {
        const image: Image = { type: 'image', url: definition.url, title: definition.title, alt: child.alt };
        if (child.position) image.position = child.position;
        return image;
      }
      if ('children' in child) rewrite(child);
      return child;
    }) as typeof parent.children;
  };
  rewrite(tree);
}
