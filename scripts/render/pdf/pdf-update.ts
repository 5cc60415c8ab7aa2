import {
  PDFCrossRefSection,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFTrailer,
  PDFTrailerDict,
  type PDFDocument,
} from 'pdf-lib';
import { crossReferences, lastXrefOffset } from './pdf-objects.ts';

/** What can be written of a loaded PDF: its original bytes and the first object number it did not have. */
export interface LoadedPdf {
  bytes: Uint8Array;
  doc: PDFDocument;
  firstNew: number;
  /** Where each of the original's objects starts, when its cross-reference table was read already. */
  offsets?: ReadonlyMap<number, number>;
}

/**
 * Writes the document's changes after its original bytes, as an incremental update (ISO 32000
 * 7.5.6): the objects added since it was loaded and the catalog, information and viewer
 * preferences they hang from (and the original's objects in `rewritten`, which the caller changed),
 * a cross-reference section for them, and a trailer that points back
 * at the original's. Saving the whole document again costs seconds on a large edition;
 * the few changed objects take milliseconds, and the printed pages are kept byte for byte.
 * `date` (YYYY-MM-DD) replaces the time of printing in the superseded information, so that a
 * rebuild gives the same bytes.
 */
export function appendUpdate(
  { bytes, doc, firstNew, offsets }: LoadedPdf,
  date: string,
  rewritten: readonly PDFRef[] = [],
): Uint8Array {
  const { context } = doc;
  const touched = [
    context.trailerInfo.Root,
    context.trailerInfo.Info,
    doc.catalog.get(PDFName.of('ViewerPreferences')),
    ...rewritten,
  ];
  const changed = new Map<number, PDFRef>();
  for (const ref of touched) if (ref instanceof PDFRef) changed.set(ref.objectNumber, ref);
  for (const [ref] of context.enumerateIndirectObjects())
    if (ref.objectNumber >= firstNew) changed.set(ref.objectNumber, ref);

  const pieces: string[] = ['\n'];
  let offset = bytes.length + 1;
  const xref = PDFCrossRefSection.createEmpty();
  for (const ref of [...changed.values()].sort((a, b) => a.objectNumber - b.objectNumber)) {
    xref.addEntry(ref, offset);
    const text = `${ref.objectNumber} ${ref.generationNumber} obj\n${context.lookup(ref)!.toString()}\nendobj\n`;
    pieces.push(text);
    offset += Buffer.byteLength(text, 'latin1');
  }
  const trailer = context.obj({
    Size: PDFNumber.of(context.largestObjectNumber + 1),
    Root: context.trailerInfo.Root,
    Info: context.trailerInfo.Info,
    Prev: PDFNumber.of(lastXrefOffset(bytes)),
  }) as PDFDict;
  if (context.trailerInfo.ID) trailer.set(PDFName.of('ID'), context.trailerInfo.ID);
  pieces.push(
    `${xref.toString()}${PDFTrailerDict.of(trailer).toString()}\n${PDFTrailer.forLastCrossRefSectionOffset(offset).toString()}\n`,
  );
  const original = Buffer.from(bytes);
  const info = context.trailerInfo.Info;
  if (info instanceof PDFRef && info.objectNumber < firstNew)
    redate(original, (offsets ?? crossReferences(original)?.offsets)?.get(info.objectNumber), date);
  return Buffer.concat([original, Buffer.from(pieces.join(''), 'latin1')]);
}

/** Writes `date` over the dates of the object at `start`, in place and at the same length, so that no offset moves. */
function redate(pdf: Buffer, start: number | undefined, date: string): void {
  const end = start === undefined ? -1 : pdf.indexOf('endobj', start, 'latin1');
  if (start === undefined || end < 0) return;
  const text = pdf.toString('latin1', start, end);
  const stamp = `D:${date.replaceAll('-', '')}000000`;
  const fixed = text.replace(/D:\d{14}/g, stamp).replace(/([+-])\d\d'\d\d'/g, "+00'00'");
  pdf.write(fixed, start, 'latin1');
}
