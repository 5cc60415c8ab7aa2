import type { Element, ElementContent, Root } from 'hast';
import type { BlockUnit } from '../core/block-units.ts';
import type { UnitsDiff } from './diff-blocks.ts';

/** What the marks say to a screen reader, in the current edition's words. */
export interface MarkWords {
  changed: string;
  added: string;
  removed: string;
}

/**
 * A copy of a chapter's body with each changed or added unit's content inside
 * `<ins class="change-mark">` (its first cell, for a table row), which starts with words a screen
 * reader announces, and a `<del class="change-removed">` note where units were removed. Marks are
 * numbered `ANCHOR--cN` in reading order, so the PDF can find the page each falls on.
 */
export function markBody(
  body: Root,
  units: BlockUnit[],
  diff: UnitsDiff,
  anchor: string,
  words: MarkWords,
): { body: Root; marks: string[] } {
  const copy = structuredClone(body);
  const targets = units.map((unit) => targetOf(elementAt(copy, unit.path), unit));
  const marks: string[] = [];
  targets.forEach((target, i) => {
    const status = diff.status[i];
    if (status !== 'changed' && status !== 'added') return;
    const id = `${anchor}--c${marks.length}`;
    marks.push(id);
    target.children = [
      {
        type: 'element',
        tagName: 'ins',
        properties: { className: ['change-mark'], id, dataChange: status },
        children: [changeText(status === 'added' ? words.added : words.changed), ...target.children],
      },
    ];
  });
  for (const { before } of diff.removed) {
    const note = removedNote(words.removed);
    if (before < targets.length) targets[before].children.unshift(note);
    else if (targets.length) targets.at(-1)!.children.push(note);
    else copy.children.push(note);
  }
  return { body: copy, marks };
}

function changeText(text: string): Element {
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: ['change-text'] },
    children: [{ type: 'text', value: `${text} ` }],
  };
}

function removedNote(text: string): Element {
  return {
    type: 'element',
    tagName: 'del',
    properties: { className: ['change-removed'] },
    children: [changeText(text)],
  };
}

function elementAt(root: Root, path: number[]): Element {
  let node: Root | ElementContent = root;
  for (const i of path) node = (node as Root | Element).children[i] as ElementContent;
  return node as Element;
}

/** Where a unit's mark goes: in the element, or in a table row's first cell. */
function targetOf(element: Element, unit: BlockUnit): Element {
  if (unit.kind !== 'row') return element;
  return element.children.find((c): c is Element => c.type === 'element') ?? element;
}
