import { execFileSync } from 'node:child_process';

/** Finding change bars on printed pages: poppler's word boxes say where the text is, its rendering what is drawn. */

export interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The words of a page with their boxes, in points from the top left. */
export function wordsOn(file: string, page: number): Word[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  });
  return [
    ...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((m) => ({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5] }));
}

/** The lines' extent of the passage that starts with `first` and ends with `last` (word by word). */
export function passage(words: Word[], first: string[], last: string): { top: number; bottom: number } {
  const start = words.findIndex((_, i) => first.every((w, k) => words[i + k]?.text === w));
  if (start === -1) throw new Error(`"${first.join(' ')}" is not on the page`);
  const end = words.findIndex((w, i) => i >= start && w.text === last);
  if (end === -1) throw new Error(`"${last}" does not follow "${first.join(' ')}"`);
  return { top: words[start].y0, bottom: words[end].y1 };
}

/** A page rendered in grey at 72 dpi (a pixel a point): whether the pixel at x, y is dark. */
export function darkPixels(file: string, page: number): (x: number, y: number) => boolean {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '72', '-f', String(page), '-l', String(page), file], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 50).toString('latin1'))!;
  const width = Number(header[1]);
  const pixels = pgm.subarray(header[0].length);
  return (x, y) => pixels[Math.round(y) * width + Math.round(x)] < 100;
}

export const MM = 72 / 25.4;

/**
 * Which rows from `top` to `bottom` have a dark pixel between `from` and `to` (x, in points): a
 * change bar fills every row beside its passage.
 */
export function rowsMarked(
  dark: (x: number, y: number) => boolean,
  from: number,
  to: number,
  top: number,
  bottom: number,
) {
  let marked = 0;
  let rows = 0;
  for (let y = Math.ceil(top); y <= Math.floor(bottom); y++, rows++) {
    for (let x = Math.ceil(from); x <= Math.floor(to); x++)
      if (dark(x, y)) {
        marked++;
        break;
      }
  }
  return { marked, rows };
}
