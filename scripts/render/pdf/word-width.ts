/** How wide print sets a word, estimated without a browser: enough to tell whether a table fits. */

/** The faces print sets table text in: the body font (Liberation Sans), its bold, and monospace for code. */
export type Face = 'regular' | 'bold' | 'mono';

/**
 * Liberation Sans's advance widths (the same as Arial's and Helvetica's), in thousandths of an
 * em, of the printable ASCII characters from the space (32) to the tilde (126).
 */
// prettier-ignore
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 to 9
  278, 278, 584, 584, 584, 556, 1015, // : to @
  667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A to M
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N to Z
  278, 278, 278, 469, 556, 333, // [ to `
  556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a to m
  556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n to z
  334, 260, 334, 584, // { to ~
];

/** Ideographs, kana, hangul and emoji are an em wide; other characters count as an average letter. */
const FULL_WIDTH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Extended_Pictographic}]/u;
const OTHER_WIDTH = 600;

/** Bold letters are up to a tenth wider than regular ones; a monospace character is 0.602 em. */
const BOLD_FACTOR = 1.1;
const MONO_WIDTH = 602;

/** A word's width in ems, set in `face`: a little generous, so that a table thought to fit does. */
export function wordWidth(word: string, face: Face): number {
  let width = 0;
  for (const c of word) {
    const code = c.codePointAt(0)!;
    if (face === 'mono') width += FULL_WIDTH.test(c) ? 1000 : MONO_WIDTH;
    else if (code >= 32 && code <= 126) width += ASCII_WIDTHS[code - 32];
    else width += FULL_WIDTH.test(c) ? 1000 : OTHER_WIDTH;
  }
  return (width / 1000) * (face === 'bold' ? BOLD_FACTOR : 1.02);
}
