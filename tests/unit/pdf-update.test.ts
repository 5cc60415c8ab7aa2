import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { appendUpdate } from '../../scripts/render/pdf/pdf-update.ts';

/** A one-page PDF with a classic cross-reference table and a dated information dictionary, as Chromium writes it. */
async function printedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([595, 842]).drawText('Visits', { x: 50, y: 700 });
  doc.setTitle('Printed');
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('CreationDate'), PDFString.of("D:20261122235848+01'00'"));
  return doc.save({ useObjectStreams: false });
}

const pdfinfo = (bytes: Uint8Array) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pdf-update-')), 'updated.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });
};

describe('appendUpdate', () => {
  it('keeps the printed bytes, adds what changed after them, and dates the superseded information with the edition', async () => {
    const printed = await printedPdf();
    const doc = await PDFDocument.load(printed, { updateMetadata: false });
    const firstNew = doc.context.largestObjectNumber + 1;
    doc.setTitle('Visits, February 2025 edition');
    doc.setLanguage('en-GB');
    doc.context.register(doc.context.obj({ Type: 'Outlines' })); // a new object, as the bookmarks are

    const updated = appendUpdate({ bytes: printed, doc, firstNew }, '2025-02-03');

    expect(updated.length).toBeGreaterThan(printed.length);
    const original = Buffer.from(updated.subarray(0, printed.length)).toString('latin1');
    expect(original).not.toContain('20261122');
    expect(original).toContain("D:20250203000000+00'00'");
    expect(original.replace(/D:\d{14}\+00'00'/, '')).toBe(
      Buffer.from(printed)
        .toString('latin1')
        .replace(/D:\d{14}\+01'00'/, ''),
    );
    const info = pdfinfo(updated);
    expect(info).toMatch(/^Title:\s+Visits, February 2025 edition$/m);
    expect(info).toMatch(/^Pages:\s+1$/m);
    const reread = await PDFDocument.load(updated, { updateMetadata: false });
    expect(reread.getTitle()).toBe('Visits, February 2025 edition');
    expect(reread.context.largestObjectNumber).toBe(firstNew);
  });

  it('refuses a file that does not end with a cross-reference pointer', async () => {
    const printed = await printedPdf();
    const doc = await PDFDocument.load(printed);
    expect(() =>
      appendUpdate({ bytes: printed.subarray(0, printed.length - 40), doc, firstNew: 1 }, '2025-02-03'),
    ).toThrow('does not end with "startxref"');
  });
});
