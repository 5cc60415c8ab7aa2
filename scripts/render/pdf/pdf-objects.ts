import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFObjectParser,
  PDFRef,
  type PDFObject,
} from 'pdf-lib';

/** A classic cross-reference table: where each object starts, and the trailer after the table. */
export interface CrossReferences {
  offsets: Map<number, number>;
  trailer: number;
}

/** The original's last cross-reference table, or undefined when it has another kind (a stream) or an earlier one (/Prev is not followed). */
export function crossReferences(bytes: Uint8Array): CrossReferences | undefined {
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = lastXrefOffset(pdf);
  if (pdf.toString('latin1', at, at + 4) !== 'xref') return undefined;
  at = pdf.indexOf('\n', at) + 1;
  const offsets = new Map<number, number>();
  for (;;) {
    const header = /^(\d+) (\d+)\r?\n/.exec(pdf.toString('latin1', at, at + 40));
    if (!header) break;
    at += header[0].length;
    const [first, count] = [Number(header[1]), Number(header[2])];
    const entries = pdf.toString('latin1', at, at + 20 * count);
    for (let i = 0; i < count; i++)
      if (entries[20 * i + 17] === 'n') offsets.set(first + i, Number(entries.slice(20 * i, 20 * i + 10)));
    at += 20 * count;
  }
  const trailer = pdf.indexOf('trailer', at, 'latin1');
  return trailer < 0 ? undefined : { offsets, trailer: trailer + 'trailer'.length };
}

/** Where the original's last cross-reference section starts: the number after its last "startxref". */
export function lastXrefOffset(bytes: Uint8Array): number {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  const found = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!found) throw new Error('the printed PDF does not end with "startxref"; it cannot be updated');
  return Number(found[1]);
}

/**
 * Opens a printed PDF with only the objects a build reads or changes: the trailer's catalog and
 * information, the viewer preferences, the structure tree's root and role map, the named
 * destinations and the page tree: pdf-lib's
 * load reads every object, seconds and about a hundred megabytes for each PDF of a large
 * edition. Undefined for a file without a classic cross-reference table; load it whole then.
 */
export function openPrintedPdf(bytes: Uint8Array, table = crossReferences(bytes)): PDFDocument | undefined {
  if (!table) return undefined;
  const context = PDFContext.create();
  const trailer = PDFObjectParser.forBytes(bytes.subarray(table.trailer), context).parseObject();
  if (!(trailer instanceof PDFDict) || trailer.has(PDFName.of('Prev'))) return undefined;
  const load = (value: PDFObject | undefined): PDFObject | undefined => {
    if (!(value instanceof PDFRef)) return value;
    const offset = table.offsets.get(value.objectNumber);
    if (!context.lookup(value) && offset !== undefined) context.assign(value, objectAt(bytes, offset, context));
    return context.lookup(value);
  };
  const catalog = load(trailer.get(PDFName.of('Root')));
  if (!(catalog instanceof PDFDict)) return undefined;
  load(trailer.get(PDFName.of('Info')));
  load(catalog.get(PDFName.of('ViewerPreferences')));
  const structure = load(catalog.get(PDFName.of('StructTreeRoot')));
  if (structure instanceof PDFDict) load(structure.get(PDFName.of('RoleMap')));
  const dests = load(catalog.get(PDFName.of('Dests')));
  if (dests instanceof PDFDict) for (const [, dest] of dests.entries()) load(dest);
  loadPageTree(catalog.get(PDFName.of('Pages')), load);
  context.trailerInfo = {
    Root: trailer.get(PDFName.of('Root')),
    Info: trailer.get(PDFName.of('Info')),
    ID: trailer.get(PDFName.of('ID')),
    Encrypt: undefined,
  };
  context.largestObjectNumber = (trailer.lookup(PDFName.of('Size'), PDFNumber).asNumber() ?? 1) - 1;
  // pdf-lib makes a document of a parsed context only in load(); its constructor takes one as it is.
  const Document = PDFDocument as unknown as new (
    context: PDFContext,
    ignoreEncryption: boolean,
    updateMetadata: boolean,
  ) => PDFDocument;
  return new Document(context, false, false);
}

function loadPageTree(
  node: PDFObject | undefined,
  load: (value: PDFObject | undefined) => PDFObject | undefined,
): void {
  const dict = load(node);
  const kids = dict instanceof PDFDict ? load(dict.get(PDFName.of('Kids'))) : undefined;
  if (kids instanceof PDFArray) for (const kid of kids.asArray()) loadPageTree(kid, load);
}

/** The object whose "N G obj" header starts at `offset`. */
function objectAt(bytes: Uint8Array, offset: number, context: PDFContext): PDFObject {
  const header = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('obj', offset, 'latin1');
  return PDFObjectParser.forBytes(bytes.subarray(header + 3), context).parseObject();
}
