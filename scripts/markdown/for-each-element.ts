import type { Element, Root, RootContent } from 'hast';

export type HastParent = Root | Element;

/**
 * Calls `visit` for each element below `tree`, in document order, with its index and parent. A
 * visitor may replace the element in its parent (`parent.children[index] = ...`); the walk goes
 * on into what then stands there.
 *
 * Not unist-util-visit: for every node it meets it renames a closure for debuggers
 * (`Object.defineProperty`), which on a large manual costs more than the plugins' own work.
 */
export function forEachElement(
  tree: HastParent,
  visit: (node: Element, index: number, parent: HastParent) => void,
): void {
  const children = tree.children;
  for (let index = 0; index < children.length; index++) {
    if (children[index].type !== 'element') continue;
    visit(children[index] as Element, index, tree);
    const now = children[index];
    if (now.type === 'element') forEachElement(now, visit);
  }
}

/** True when some node below `tree` passes `test`. */
export function someNode(tree: HastParent, test: (node: RootContent) => boolean): boolean {
  return tree.children.some((child) => test(child) || (child.type === 'element' && someNode(child, test)));
}
