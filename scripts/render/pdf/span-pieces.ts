import type { ElementContent, Text } from 'hast';

/**
 * A text node cut around the pieces of it `pieces` matched, each piece in a `span` of
 * `className` (print styles each such piece alone); the node itself when there are none.
 */
export function spanPieces(text: Text, pieces: Iterable<RegExpMatchArray>, className: string): ElementContent[] {
  const { value } = text;
  const parts: ElementContent[] = [];
  let from = 0;
  for (const piece of pieces) {
    const at = piece.index!;
    if (at > from) parts.push({ type: 'text', value: value.slice(from, at) });
    parts.push({
      type: 'element',
      tagName: 'span',
      properties: { className: [className] },
      children: [{ type: 'text', value: piece[0] }],
    });
    from = at + piece[0].length;
  }
  if (from === 0) return [text];
  if (from < value.length) parts.push({ type: 'text', value: value.slice(from) });
  return parts;
}
