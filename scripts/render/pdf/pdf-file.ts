import {
  ParseSpeeds,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  type PDFObject,
} from 'pdf-lib';
import { crossReferences, openPrintedPdf } from './pdf-objects.ts';
import { appendUpdate, type LoadedPdf } from './pdf-update.ts';
import { structureTypes, writeRoleMap } from './role-map.ts';

/** A bookmark: what the PDF's outline shows, and the anchor it opens at. */
export interface OutlineNode {
  title: string;
  /** An anchor, or a 1-based page number for places that no link points at. */
  target: string | number;
  children: OutlineNode[];
}

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  language: string;
  /** The edition date, `YYYY-MM-DD`: the PDF's creation and modification date. */
  date: string;
}

/** A PDF as Chromium printed it, read once both to measure it and to finish it. */
export interface PrintedPdf {
  /** The page of every element a link points at (Chromium names a destination after each). */
  pageOf: Map<string, number>;
  pageCount: number;
  /** Sets the metadata and viewer preferences, writes the bookmarks, and returns the file. */
  finish(info: DocumentInfo, outline: OutlineNode[]): Promise<Uint8Array>;
}

export async function readPrintedPdf(bytes: Uint8Array): Promise<PrintedPdf> {
  const table = crossReferences(bytes);
  const doc =
    openPrintedPdf(bytes, table) ??
    (await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest }));
  const firstNew = doc.context.largestObjectNumber + 1;
  const pages = new Map(doc.getPages().map((page, i) => [page.ref.toString(), i + 1]));
  const pageOf = new Map<string, number>();
  for (const [name, dest] of destinations(doc)) {
    const page = pages.get(String(dest.get(0)));
    if (page !== undefined) pageOf.set(name, page);
  }
  return {
    pageOf,
    pageCount: doc.getPageCount(),
    finish: async (info, outline) => finishPdf({ bytes, doc, firstNew, offsets: table?.offsets }, info, outline),
  };
}

/** The metadata, the bookmarks and the role map of the structure types PDF 1.7 readers do not know (Chromium's Strong, Em). */
function finishPdf(pdf: LoadedPdf, info: DocumentInfo, outline: OutlineNode[]): Uint8Array {
  setDocumentInfo(pdf.doc, info);
  writeOutline(pdf.doc, outline);
  const structureRoot = writeRoleMap(pdf.doc, structureTypes(pdf.bytes));
  return appendUpdate(pdf, info.date, structureRoot ? [structureRoot] : []);
}

/** The document's metadata; its dates are the edition date, so a rebuild gives the same bytes. */
export function setDocumentInfo(doc: PDFDocument, info: DocumentInfo): void {
  const date = new Date(`${info.date}T00:00:00Z`);
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setAuthor(info.author);
  doc.setSubject(info.subject);
  doc.setKeywords(info.keywords);
  doc.setLanguage(info.language);
  doc.setCreator('manual-editions');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
}

function destinations(doc: PDFDocument): [string, PDFArray][] {
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!dests) return [];
  return [...dests.entries()].flatMap(([name, value]) => {
    const resolved = doc.context.lookup(value);
    const array = resolved instanceof PDFDict ? resolved.lookupMaybe(PDFName.of('D'), PDFArray) : resolved;
    return array instanceof PDFArray ? [[name.decodeText(), array] as [string, PDFArray]] : [];
  });
}

/** Writes the outline: top-level entries shown, everything below them folded. */
function writeOutline(doc: PDFDocument, outline: OutlineNode[]): void {
  const dests = new Map(destinations(doc));
  const pages = doc.getPages();
  const destOf = (target: string | number): PDFObject | undefined =>
    typeof target === 'number' ? doc.context.obj([pages[target - 1].ref, PDFName.of('Fit')]) : dests.get(target);
  const rootRef = doc.context.nextRef();
  const { first, last } = writeItems(doc, outline, rootRef, destOf);
  doc.context.assign(
    rootRef,
    doc.context.obj({ Type: 'Outlines', First: first, Last: last, Count: PDFNumber.of(outline.length) }),
  );
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

function writeItems(
  doc: PDFDocument,
  items: OutlineNode[],
  parent: PDFRef,
  destOf: (target: string | number) => PDFObject | undefined,
): { first: PDFRef; last: PDFRef } {
  const refs = items.map(() => doc.context.nextRef());
  items.forEach((item, i) => {
    const dict = doc.context.obj({}) as PDFDict;
    dict.set(PDFName.of('Title'), PDFHexString.fromText(item.title));
    dict.set(PDFName.of('Parent'), parent);
    const dest = destOf(item.target);
    if (dest) dict.set(PDFName.of('Dest'), dest);
    if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]);
    if (i < items.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]);
    if (item.children.length > 0) {
      const children = writeItems(doc, item.children, refs[i], destOf);
      dict.set(PDFName.of('First'), children.first);
      dict.set(PDFName.of('Last'), children.last);
      dict.set(PDFName.of('Count'), PDFNumber.of(-item.children.length));
    }
    doc.context.assign(refs[i], dict);
  });
  return { first: refs[0], last: refs[refs.length - 1] };
}
