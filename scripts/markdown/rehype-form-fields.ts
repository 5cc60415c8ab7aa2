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

/** Every input of a tree, with the element holding it and that element's parent. */
function inputs(tree: Root): { node: Element; parent: Parent; grandparent?: Parent }[] {
  const found: { node: Element; parent: Parent; grandparent?: Parent }[] = [];
  const walk = (parent: Parent, grandparent: Parent | undefined): void => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'input') found.push({ node: child, parent, grandparent });
      walk(child, parent);
    }
  };
  walk(tree, undefined);
  return found;
}

/**
 * Every input that is not a task-list checkbox. GitHub's schema keeps inputs for task lists, and
 * forces any other into a disabled checkbox: a text field pasted from a web form would print as
 * an empty box that means nothing, so these go, and `manual check` says where.
 */
export function formFields(tree: Root): FormField[] {
  return inputs(tree).filter(({ node, parent, grandparent }) => !isTaskListCheckbox(node, parent, grandparent));
}

/** The task-list checkboxes of a tree. */
function taskListBoxes(tree: Root): Element[] {
  return inputs(tree)
    .filter(({ node, parent, grandparent }) => isTaskListCheckbox(node, parent, grandparent))
    .map(({ node }) => node);
}

/**
 * Prints each task-list checkbox as a box character, ☑ for a done item and ☐ for one to do,
 * named "done" or "to do" for screen readers, which then read the item's text. An e-reader
 * shows a form control as it likes, and the EPUB packager drops `checked`: a character prints
 * the state the author wrote in every output, and a form control without a name fails WCAG 4.1.2.
 * Runs after sanitizing, which keeps no ARIA attributes.
 */
export function rehypeTaskBoxes() {
  return (tree: Root): void => {
    for (const box of taskListBoxes(tree)) {
      const done = box.properties.checked === true;
      const mark: Element = {
        type: 'element',
        tagName: 'span',
        properties: { className: ['task-box'], role: 'img', ariaLabel: done ? 'done' : 'to do' },
        children: [{ type: 'text', value: done ? '\u2611' : '\u2610' }],
      };
      Object.assign(box, mark);
    }
  };
}

/** Removes the inputs raw HTML brought into a chapter, keeping task-list checkboxes. */
export function rehypeFormFields() {
  return (tree: Root): void => {
    for (const { node, parent } of formFields(tree)) parent.children.splice(parent.children.indexOf(node), 1);
  };
}
