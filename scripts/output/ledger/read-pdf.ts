/**
 * What a printed PDF holds that the ledger counts, read from its objects as Chromium writes
 * them (plain dictionaries, each "N 0 obj" at a line start; an incremental update's later
 * copy of an object wins): its pages in order, the page each named destination is on, and on
 * each page the targets of its links and the text alternatives of its figures.
 */
export interface PdfContents {
  pageCount: number;
  /** The 1-based page of each named destination (an element's id). */
  pageOf: Map<string, number>;
  /** On each page: each link's named destination or outside address. */
  links: Map<number, string[]>;
  /** On each page: each figure's text alternative ("" for none). */
  figures: Map<number, string[]>;
  /** On each page: the images it draws (their object numbers), also those tagged as decoration, which are no figures. */
  images: Map<number, number[]>;
}

const REF = /(\d+)\s+\d+\s+R/g;

export function readPdf(bytes: Uint8Array): PdfContents {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const objects = objectIndex(text);
  const get = (num: number) => objects.get(num) ?? '';
  const root = /\/Root\s+(\d+)\s+\d+\s+R/.exec(text.slice(text.lastIndexOf('trailer')))?.[1];
  const catalog = root === undefined ? '' : get(Number(root));
  const pages = pageList(get, refOf(catalog, 'Pages'));
  const pageNumber = new Map(pages.map((num, i) => [num, i + 1]));
  const links = new Map<number, string[]>();
  const images = new Map<number, number[]>();
  pages.forEach((num, i) => {
    const page = get(num);
    const drawn = pageImages(page, get);
    if (drawn.length) images.set(i + 1, drawn);
    const annots = /\/Annots\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(page)?.[1] ?? '';
    const list = annots.startsWith('[') ? annots : get(Number(annots.split(/\s/)[0]));
    const targets = refs(list)
      .map((ref) => linkTarget(get(ref)))
      .filter((t): t is string => t !== undefined);
    if (targets.length) links.set(i + 1, targets);
  });
  const pageOf = destinations(get, catalog, pageNumber);
  return { pageCount: pages.length, pageOf, links, figures: figures(objects, pageNumber), images };
}

/** The image objects a page's resources name. */
function pageImages(page: string, get: (num: number) => string): number[] {
  const resources = /\/Resources\s*(\d+)\s+\d+\s+R/.exec(page);
  const dict = resources ? get(Number(resources[1])) : page;
  const xobjects = /\/XObject\s*(<<[^>]*>>|\d+\s+\d+\s+R)/.exec(dict)?.[1] ?? '';
  const names = xobjects.startsWith('<<') ? xobjects : get(Number(xobjects.split(/\s/)[0]));
  return refs(names).filter((ref) => /\/Subtype\s*\/Image\b/.test(get(ref)));
}

/** Where each object's dictionary is, by its number; a later copy replaces an earlier one. */
function objectIndex(text: string): Map<number, string> {
  const objects = new Map<number, string>();
  const header = /(?:^|[\r\n])(\d+) \d+ obj\s*/g;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const start = header.lastIndex;
    const end = text.indexOf('endobj', start);
    if (end === -1) break;
    // A stream's data follows its dictionary: only the dictionary is read.
    const body = text.slice(start, end);
    const stream = body.indexOf('stream');
    objects.set(Number(match[1]), stream === -1 ? body : body.slice(0, stream));
    header.lastIndex = end;
  }
  return objects;
}

function refOf(body: string, key: string): number | undefined {
  const found = new RegExp(`/${key}\\s+(\\d+)\\s+\\d+\\s+R`).exec(body);
  return found ? Number(found[1]) : undefined;
}

const refs = (text: string) => [...text.matchAll(REF)].map((m) => Number(m[1]));

/** The page objects in reading order, from the page tree's kids. */
function pageList(get: (num: number) => string, root: number | undefined): number[] {
  if (root === undefined) return [];
  const node = get(root);
  if (!/\/Type\s*\/Pages\b/.test(node)) return [root];
  const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1] ?? '';
  return refs(kids).flatMap((kid) => pageList(get, kid));
}

/** A link annotation's named destination or outside address. */
function linkTarget(annot: string): string | undefined {
  if (!/\/Subtype\s*\/Link\b/.test(annot)) return undefined;
  const dest = /\/Dest\s*(\/[^\s/<>[\]()]+|\()/.exec(annot);
  if (dest) return dest[1] === '(' ? pdfString(annot, dest.index + dest[0].length - 1) : pdfName(dest[1]);
  const uri = /\/URI\s*(\(|<)/.exec(annot);
  return uri ? pdfString(annot, uri.index + uri[0].length - 1) : undefined;
}

/** Named destinations from the catalog's /Dests: each name's page. */
function destinations(
  get: (num: number) => string,
  catalog: string,
  pageNumber: Map<number, number>,
): Map<string, number> {
  const pageOf = new Map<string, number>();
  const dests = refOf(catalog, 'Dests');
  const body = dests === undefined ? (/\/Dests\s*(<<[\s\S]*?>>)/.exec(catalog)?.[1] ?? '') : get(dests);
  for (const match of body.matchAll(/(\/[^\s/<>[\]()]+)\s*(?:\[\s*(\d+)\s+\d+\s+R|(\d+)\s+\d+\s+R)/g)) {
    const target = match[2] ?? /\[\s*(\d+)\s+\d+\s+R/.exec(get(Number(match[3])))?.[1];
    const page = target === undefined ? undefined : pageNumber.get(Number(target));
    if (page !== undefined) pageOf.set(pdfName(match[1]), page);
  }
  return pageOf;
}

/** The text alternatives of the structure tree's figures, by the page each is on (a figure around others: its first one's). */
function figures(objects: Map<number, string>, pageNumber: Map<number, number>): Map<number, string[]> {
  const found = new Map<number, string[]>();
  const pageOfElement = (body: string, depth = 0): number | undefined => {
    const page = /\/Pg\s+(\d+)\s+\d+\s+R/.exec(body)?.[1];
    if (page !== undefined) return pageNumber.get(Number(page));
    const kids = /\/K\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(body)?.[1] ?? '';
    for (const kid of depth < 8 ? refs(kids) : []) {
      const kidPage = pageOfElement(objects.get(kid) ?? '', depth + 1);
      if (kidPage !== undefined) return kidPage;
    }
    return undefined;
  };
  for (const body of objects.values()) {
    if (!body.includes('/Figure') || !/\/S\s*\/Figure\b/.test(body)) continue;
    const page = pageOfElement(body);
    if (page === undefined) continue;
    const alt = /\/Alt\s*(\(|<)/.exec(body);
    const value = alt ? pdfString(body, alt.index + alt[0].length - 1) : '';
    found.set(page, [...(found.get(page) ?? []), value]);
  }
  return found;
}

/** A name object (`/ch-care.visits`, with `#xx` escapes) as text. */
function pdfName(name: string): string {
  return decodeBytes(
    name.slice(1).replace(/#([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
}

/** The string object starting at `at` (a literal `(...)` or hex `<...>`), as text. */
function pdfString(text: string, at: number): string {
  if (text[at] === '<') {
    const hex = text.slice(at + 1, text.indexOf('>', at)).replace(/\s/g, '');
    return decodeBytes(hex.replace(/[0-9a-f]{2}/gi, (pair) => String.fromCharCode(parseInt(pair, 16))));
  }
  let depth = 0;
  let out = '';
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      const next = text[++i];
      const octal = /^[0-7]{1,3}/.exec(text.slice(i, i + 3));
      if (octal) {
        out += String.fromCharCode(parseInt(octal[0], 8));
        i += octal[0].length - 1;
      } else out += { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }[next] ?? (next === '\n' ? '' : next);
      continue;
    }
    if (c === '(') depth++;
    if (c === ')' && depth-- === 0) break;
    out += c;
  }
  return decodeBytes(out);
}

/** Bytes (one a character) as text: UTF-16BE after its byte order mark, else PDFDocEncoding, which is Latin-1 for text. */
function decodeBytes(bytes: string): string {
  if (bytes.startsWith('\u00fe\u00ff')) return Buffer.from(bytes.slice(2), 'latin1').swap16().toString('utf16le');
  return /[\u0080-\u00ff]/.test(bytes) && isUtf8(bytes) ? Buffer.from(bytes, 'latin1').toString('utf8') : bytes;
}

function isUtf8(bytes: string): boolean {
  return Buffer.from(Buffer.from(bytes, 'latin1').toString('utf8'), 'utf8').toString('latin1') === bytes;
}
