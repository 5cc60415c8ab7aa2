import type { Element, ElementContent, Root } from 'hast';

type Parent = Root | Element;

/** An input that raw HTML put in a chapter, and the element holding it. */
export interface FormField {
  node: Element;
  parent: Parent;
}

const isElement = (node: ElementContent | Parent | undefined, tagName: string): node is Element =>
  node?.type === 'element' && node.tagName === tagName;
const firstElement = (parent: Parent) => parent.children.find((child): child is Element => child.type === 'element');

function isTaskListItem(node: Parent | undefined): boolean {
  return (
    isElement(node, 'li') &&
    Array.isArray(node.properties.className) &&
    node.properties.className.includes('task-list-item')
  );
}

/**
 * A GFM task-list checkbox, as remark-rehype writes "- [ ] item": a checkbox that comes first in
 * a task-list item, or first in the item's first paragraph (in a loose list).
 */
function isTaskListCheckbox(node: Element, parent: Parent, grandparent: Parent | undefined): boolean {
  if (node.properties.type !== 'checkbox' || firstElement(parent) !== node) return false;
  if (isTaskListItem(parent)) return true;
  return isElement(parent, 'p') && isTaskListItem(grandparent) && firstElement(grandparent!) === parent;
}

/**
 * Every input that is not a task-list checkbox. GitHub's schema keeps inputs for task lists, and
 * forces any other into a disabled checkbox: a text field pasted from a web form would print as
 * an empty box that means nothing, so these go, and `manual check` says where.
 */
export function formFields(tree: Root): FormField[] {
  const found: FormField[] = [];
  const walk = (parent: Parent, grandparent: Parent | undefined): void => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'input' && !isTaskListCheckbox(child, parent, grandparent))
        found.push({ node: child, parent });
      walk(child, parent);
    }
  };
  walk(tree, undefined);
  return found;
}

/** Removes the inputs raw HTML brought into a chapter, keeping task-list checkboxes. */
export function rehypeFormFields() {
  return (tree: Root): void => {
    for (const { node, parent } of formFields(tree)) parent.children.splice(parent.children.indexOf(node), 1);
  };
}
