import { execFileSync, spawnSync } from 'node:child_process';

/** Reading real PDFs with poppler-utils, as a reader's tools would. */

export function pdfInfo(file: string): Record<string, string> {
  const text = execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });
  return Object.fromEntries(
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon), line.slice(colon + 1).trim()];
      }),
  );
}

/** The text of every page, in reading order; `layout` keeps columns (the contents' page numbers). */
export function pdfPages(file: string, layout = false): string[] {
  const text = execFileSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return text.split('\f').slice(0, -1);
}

/** The non-empty lines of a page: the running head is the second, the footer the last ones. */
export function lines(page: string): string[] {
  return page
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

export interface Bookmark {
  title: string;
  page: number;
  children: Bookmark[];
}

function xml(file: string, first: number, last: number): string {
  return execFileSync('pdftohtml', ['-xml', '-i', '-stdout', '-q', '-f', String(first), '-l', String(last), file], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

const decode = (text: string) =>
  text.replace(
    /&(amp|lt|gt|quot|apos|#39);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" })[e]!,
  );

/** The PDF's bookmarks, nested as the viewer shows them. */
export function pdfOutline(file: string): Bookmark[] {
  const text = xml(file, 1, 1);
  const root: Bookmark[] = [];
  const stack: Bookmark[][] = [];
  let current: Bookmark[] | undefined;
  for (const match of text.matchAll(/<outline>|<\/outline>|<item page="(\d+)">([^<]*)<\/item>/g)) {
    if (match[0] === '<outline>') {
      if (current) stack.push(current);
      current = current ? current.at(-1)!.children : root;
    } else if (match[0] === '</outline>') {
      current = stack.pop();
    } else {
      current!.push({ title: decode(match[2]), page: Number(match[1]), children: [] });
    }
  }
  return root;
}

/** The links on one page: their text and, for links inside the document, the page they open. */
export function pdfLinks(file: string, page: number): { text: string; page?: number; uri?: string }[] {
  return [...xml(file, page, page).matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => {
    const internal = /\.html#(\d+)$/.exec(m[1]);
    return internal ? { text: decode(m[2]), page: Number(internal[1]) } : { text: decode(m[2]), uri: decode(m[1]) };
  });
}

/** The x extent of the body text on a page, in points, from poppler's word boxes. */
export function textExtent(file: string, page: number): { left: number; right: number; width: number } {
  const text = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  });
  const width = Number(/<page width="([\d.]+)"/.exec(text)![1]);
  const words = [...text.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"/g)].map((m) => ({
    x0: Number(m[1]),
    x1: Number(m[3]),
  }));
  return { left: Math.min(...words.map((w) => w.x0)), right: Math.max(...words.map((w) => w.x1)), width };
}

/** Renders a page with pdftoppm and says whether any pixel has colour (r, g, b not all equal). */
export function hasColour(file: string, page: number): boolean {
  const ppm = execFileSync('pdftoppm', ['-r', '30', '-f', String(page), '-l', String(page), file], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 50).toString('latin1'))!;
  const pixels = ppm.subarray(header[0].length);
  for (let i = 0; i < pixels.length; i += 3) {
    if (Math.max(pixels[i], pixels[i + 1], pixels[i + 2]) - Math.min(pixels[i], pixels[i + 1], pixels[i + 2]) > 24)
      return true;
  }
  return false;
}

/**
 * The PDF's structure tree, as poppler prints it (what a screen reader reads), and what poppler
 * complains of while reading it ("StructElem object is wrong type (Strong)"), one line each.
 */
export function pdfStructure(file: string): { tree: string; complaints: string[] } {
  const result = spawnSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`pdfinfo -struct-text failed: ${result.stderr}`);
  return { tree: result.stdout, complaints: result.stderr.split('\n').filter(Boolean) };
}
