import { PDFDict, PDFName, PDFRef, type PDFDocument } from 'pdf-lib';

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4): readers and PDF/UA-1 know only these. */
export const STANDARD_STRUCTURE_TYPES: ReadonlySet<string> = new Set([
  // grouping
  ...['Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index'],
  ...['NonStruct', 'Private'],
  // block-level
  ...['P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody'],
  ...['Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot'],
  // inline-level
  ...['Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot'],
  ...['Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP'],
  // illustrations
  ...['Figure', 'Formula', 'Form'],
]);

/**
 * The nearest PDF 1.7 type of the PDF 2.0 types (ISO 32000-2, 14.8.4) that Chromium writes or may
 * write. A type in neither list has no meaning to go by: it becomes NonStruct, which keeps its
 * content in the reading order and claims nothing about it.
 */
const NEAREST_STANDARD_TYPE: Readonly<Record<string, string>> = {
  Strong: 'Span',
  Em: 'Span',
  Sub: 'Span',
  Mark: 'Span',
  FENote: 'Note',
  Title: 'P',
  Aside: 'Div',
  DocumentFragment: 'Div',
  Artifact: 'NonStruct',
};

const STRUCT_ELEM = Buffer.from('/StructElem', 'latin1');
/** The /S entry: a name, whose characters end at white space or a delimiter (ISO 32000-1, 7.3.5). */
const S_ENTRY = /\/S\s*\/([^\s/<>[\]()%{}]+)/;

/**
 * Every structure type the printed PDF's structure elements name, read from its bytes: parsing
 * each of the tens of thousands of elements of a large edition with pdf-lib takes seconds, while
 * finding "/StructElem" is a native search. Each hit is read within its object ("N G obj" to
 * "endobj"; structure elements are dictionaries, never streams).
 */
export function structureTypes(bytes: Uint8Array): Set<string> {
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const types = new Set<string>();
  for (let at = pdf.indexOf(STRUCT_ELEM); at >= 0; at = pdf.indexOf(STRUCT_ELEM, at + STRUCT_ELEM.length)) {
    const start = pdf.lastIndexOf(' obj', at, 'latin1');
    const end = pdf.indexOf('endobj', at, 'latin1');
    if (start < 0 || end < 0) continue;
    const found = S_ENTRY.exec(pdf.toString('latin1', start, end));
    if (found)
      types.add(found[1].replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
  }
  return types;
}

/** The standard type each of `types` is read as: none for a standard type, else its nearest one. */
export function roleMapFor(types: Iterable<string>): Map<string, string> {
  const roles = [...types]
    .filter((type) => !STANDARD_STRUCTURE_TYPES.has(type))
    .sort()
    .map((type) => [type, NEAREST_STANDARD_TYPE[type] ?? 'NonStruct'] as const);
  return new Map(roles);
}

/**
 * Role-maps the structure types PDF 1.7 does not know in the structure tree root, beside any
 * mapping it has already, and returns the root's reference: the object the update must rewrite.
 * The mapping is a dictionary inside the root, so no other object changes.
 */
export function writeRoleMap(doc: PDFDocument, types: Iterable<string>): PDFRef | undefined {
  const ref = doc.catalog.get(PDFName.of('StructTreeRoot'));
  const root = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
  if (!(ref instanceof PDFRef) || !(root instanceof PDFDict)) return undefined;
  const roles = roleMapFor(types);
  if (roles.size === 0) return undefined;
  const existing = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
  const map = existing ?? (doc.context.obj({}) as PDFDict);
  for (const [type, role] of roles) if (!map.has(PDFName.of(type))) map.set(PDFName.of(type), PDFName.of(role));
  if (!existing || root.get(PDFName.of('RoleMap')) instanceof PDFRef) root.set(PDFName.of('RoleMap'), map);
  return ref;
}
