import type { Root } from 'hast';
import { forEachElement } from './for-each-element.ts';

const LABEL = 'footnote-label';

/**
 * remark-rehype gives every chapter's footnotes heading the same fixed id, `footnote-label`
 * (its clobberPrefix does not reach it); chapters share one page in some outputs, so the id and
 * the references to it get the chapter's prefix like every other footnote id.
 */
export function rehypeFootnoteLabelId(prefix: string) {
  return (tree: Root): void => {
    forEachElement(tree, (node) => {
      if (node.properties.id === LABEL) node.properties.id = prefix + LABEL;
      const describedBy = node.properties.ariaDescribedBy;
      if (Array.isArray(describedBy))
        node.properties.ariaDescribedBy = describedBy.map((id) => (id === LABEL ? prefix + LABEL : id));
    });
  };
}
