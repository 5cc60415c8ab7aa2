/**
 * The number typed at the start of a heading ("1.2 Assessment", "2. Scope", "A) Forms",
 * "iv) Appeals", "3<TAB>Scope"): the manual numbers its headings itself, so a typed number would
 * print twice. A number followed by a plain space and no "." or ")" ("24 Hour Care") is text.
 */
const TYPED_NUMBER = new RegExp(
  [
    String.raw`^\(?\d+(?:\.\d+)+\.?\)?\s+`, // 1.2, 1.2.3., (1.2)
    String.raw`^\(?\d+[.)]\s+`, // 2. 2) (2)
    String.raw`^\(?[A-Za-z][.)]\s+`, // A) a. (b)
    String.raw`^\(?[ivxlcIVXLC]+[.)]\s+`, // iv) IV.
    String.raw`^(?:\d+(?:\.\d+)*|[A-Za-z])\.?\t\s*`, // a number and a tab, as Word's numbering leaves it
  ].join('|'),
);

/** The heading's text without a typed number, and the number it had (undefined when none). */
export function dropHeadingNumber(text: string): { text: string; number?: string } {
  const match = TYPED_NUMBER.exec(text);
  if (!match) return { text };
  const rest = text.slice(match[0].length).trim();
  // A heading that is only a number ("1.") keeps it: without it there would be no heading.
  if (rest === '') return { text };
  return { text: rest, number: match[0].trim() };
}
