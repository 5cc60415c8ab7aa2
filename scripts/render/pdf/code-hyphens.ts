import type { Element, ElementContent, Root, Text } from 'hast';
import { toString } from 'hast-util-to-string';
import { mapElements } from '../map-elements.ts';
import { CODE_LINE } from './code-lines.ts';
import { spanPieces } from './span-pieces.ts';

/** The class of a hyphen kept on one row with what follows it: print.css lets nothing inside it wrap. */
export const HYPHEN_JOINED = 'hyphen-joined';

/**
 * A hyphen with the spaces and the character after it, on one row: a hyphen ending a row is what
 * text extractors (pdftotext) take for a word hyphenated at the line's end and drop, and in code
 * every character must be copied. A few spaces at most, so that what is joined stays short.
 */
const HYPHEN = /-[^\S\n]{0,4}[^\s-]/gu;

/**
 * Lines shorter than this fit on one row wherever print sets a code block but in a narrow table
 * cell: their hyphens are left alone, and so are their words in the PDF's tags, which each joined
 * hyphen cuts in three.
 */
const SHORTEST_WRAPPED = 60;

/**
 * Each long line of code with its wrapping kept off the hyphens: every hyphen followed on its line
 * by another character is joined to it (`span.hyphen-joined`), so the line wraps before a hyphen
 * or elsewhere, never just after one. The text stays the same. Runs on `codeLines`' line blocks.
 */
export function joinCodeHyphens(tree: Root): Root {
  return mapElements(tree, (element) => {
    if (!isCodeLine(element) || [...toString(element)].length < SHORTEST_WRAPPED) return undefined;
    const children = joined(element.children);
    return children === element.children ? undefined : { ...element, children };
  });
}

const isCodeLine = (element: Element) =>
  element.tagName === 'span' &&
  Array.isArray(element.properties.className) &&
  element.properties.className.includes(CODE_LINE);

function joined(nodes: ElementContent[]): ElementContent[] {
  let changed = false;
  const out = nodes.flatMap((node): ElementContent[] => {
    if (node.type === 'text') {
      const parts = joinedText(node);
      changed ||= parts[0] !== node;
      return parts;
    }
    if (node.type !== 'element') return [node];
    const children = joined(node.children);
    if (children === node.children) return [node];
    changed = true;
    return [{ ...node, children }];
  });
  return changed ? out : nodes;
}

/** A text node cut around its hyphens and what follows each; itself if it has none. */
const joinedText = (text: Text): ElementContent[] => spanPieces(text, text.value.matchAll(HYPHEN), HYPHEN_JOINED);
