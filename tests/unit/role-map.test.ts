import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, type PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { readPrintedPdf } from '../../scripts/render/pdf/pdf-file.ts';
import { roleMapFor, STANDARD_STRUCTURE_TYPES, structureTypes } from '../../scripts/render/pdf/role-map.ts';

/**
 * A one-page tagged PDF whose structure elements are written as Chromium writes them: a Document
 * holding a P with a Strong and an Em in it, and a type no standard has.
 */
async function taggedPdf(roleMap?: Record<string, string>): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([595, 842]);
  page.drawText('Visit every six weeks.', { x: 50, y: 700 });
  const { context } = doc;
  const rootRef = context.nextRef();
  const element = (type: string, parent: PDFRef, kids: PDFRef[] | number) => {
    const ref = context.nextRef();
    const K = typeof kids === 'number' ? PDFNumber.of(kids) : context.obj(kids);
    context.assign(ref, context.obj({ Type: 'StructElem', S: type, P: parent, Pg: page.ref, K }));
    return ref;
  };
  const documentRef = context.nextRef();
  const paragraphRef = context.nextRef();
  const kids = [element('Strong', paragraphRef, 0), element('Em', paragraphRef, 1), element('Blink', paragraphRef, 2)];
  context.assign(paragraphRef, context.obj({ Type: 'StructElem', S: 'P', P: documentRef, K: kids }));
  context.assign(documentRef, context.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: [paragraphRef] }));
  const root = context.obj({ Type: 'StructTreeRoot', K: documentRef }) as PDFDict;
  if (roleMap) root.set(PDFName.of('RoleMap'), context.obj(roleMap));
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  doc.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  return doc.save({ useObjectStreams: false });
}

const INFO = { title: 'Visits', author: 'Test Council', subject: 'February 2025 edition', keywords: [] };
const finish = async (bytes: Uint8Array) =>
  (await readPrintedPdf(bytes)).finish({ ...INFO, language: 'en-GB', date: '2025-02-03' }, [
    { title: 'Visits', target: 1, children: [] },
  ]);

function pdfinfo(bytes: Uint8Array, ...args: string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'role-map-')), 'tagged.pdf');
  writeFileSync(file, bytes);
  return execFileSync('sh', ['-c', `pdfinfo ${args.join(' ')} "$0" 2>&1`, file], { encoding: 'utf8' });
}

async function roleMapOf(bytes: Uint8Array): Promise<Record<string, string>> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const map = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
  return Object.fromEntries([...(map?.entries() ?? [])].map(([key, value]) => [key.decodeText(), String(value)]));
}

describe('the role map of the structure tree', () => {
  it('reads the structure types the elements name, and no other /S (an action’s, a transition’s)', async () => {
    const doc = await PDFDocument.load(await taggedPdf());
    doc.context.register(doc.context.obj({ Type: 'Action', S: 'URI', URI: 'https://example.org' }));
    expect([...structureTypes(await doc.save({ useObjectStreams: false }))].sort()).toEqual([
      'Blink',
      'Document',
      'Em',
      'P',
      'Strong',
    ]);
  });

  it('maps each type PDF 1.7 does not know to its nearest standard type, and no standard type', () => {
    expect(Object.fromEntries(roleMapFor(['Document', 'P', 'Strong', 'Em', 'FENote', 'Blink']))).toEqual({
      Blink: 'NonStruct',
      Em: 'Span',
      FENote: 'Note',
      Strong: 'Span',
    });
    for (const type of ['Document', 'NonStruct', 'H6', 'LBody', 'TFoot', 'Span', 'Link', 'WP', 'Form'])
      expect(STANDARD_STRUCTURE_TYPES.has(type), type).toBe(true);
  });

  it('is written into the structure tree root by the update, after the printed bytes, so poppler finds no type wrong', async () => {
    const printed = await taggedPdf();
    expect(pdfinfo(printed, '-struct-text')).toContain('StructElem object is wrong type (Strong)');

    const finished = await finish(printed);

    expect(
      Buffer.from(finished.subarray(0, printed.length))
        .toString('latin1')
        .replace(/D:\d{14}[^)]*/g, ''),
    ).toBe(
      Buffer.from(printed)
        .toString('latin1')
        .replace(/D:\d{14}[^)]*/g, ''),
    );
    expect(await roleMapOf(finished)).toEqual({ Blink: '/NonStruct', Em: '/Span', Strong: '/Span' });
    const structure = pdfinfo(finished, '-struct-text');
    expect(structure).not.toContain('wrong type');
    expect(structure).toMatch(/^Document\n {2}P \(block\)\n {4}Span \(inline\)/);
    expect(pdfinfo(finished)).toMatch(/^Tagged:\s+yes$/m);
    expect(await finish(printed)).toEqual(finished);
  });

  it('keeps the mappings the printed PDF has already', async () => {
    const finished = await finish(await taggedPdf({ Strong: 'Span', Blink: 'Span' }));
    expect(await roleMapOf(finished)).toEqual({ Strong: '/Span', Blink: '/Span', Em: '/Span' });
  });

  it('leaves the structure tree root alone when every type is standard', async () => {
    const doc = await PDFDocument.load(await taggedPdf());
    const tree = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const documentKids = doc.context.lookup(tree.get(PDFName.of('K')), PDFDict).lookup(PDFName.of('K'), PDFArray);
    const paragraph = doc.context.lookup(documentKids.get(0), PDFDict);
    for (const kid of paragraph.lookup(PDFName.of('K'), PDFArray).asArray())
      doc.context.lookup(kid, PDFDict).set(PDFName.of('S'), PDFName.of('Span'));
    const printed = await doc.save({ useObjectStreams: false });
    const finished = await finish(printed);
    expect(Buffer.from(finished.subarray(printed.length)).toString('latin1')).not.toContain('/Type /StructTreeRoot');
  });
});
