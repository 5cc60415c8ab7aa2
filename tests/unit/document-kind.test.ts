import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { documentKind, zipNames } from '../../scripts/core/document-kind.ts';
import { REPO } from '../helpers/fixture.ts';

/** A real Word document (an NHS Digital checklist), as councils link them. */
const checklist = readFileSync(path.join(REPO, 'tests/fixtures/import/checklist.docx'));

/** The checklist with a VBA project added, as Word saves a document with macros. */
async function withMacros(): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(checklist);
  zip.file('word/vbaProject.bin', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]));
  return zip.generateAsync({ type: 'uint8array' });
}

/** An OpenDocument file as LibreOffice writes one: `mimetype` first and stored, then the rest. */
async function openDocument(kind: string, more: Record<string, string> = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', `application/vnd.oasis.opendocument.${kind}`, { compression: 'STORE' });
  zip.file('content.xml', '<office:document-content/>');
  for (const [name, text] of Object.entries(more)) zip.file(name, text);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const text = (s: string) => new TextEncoder().encode(s);

describe('documentKind', () => {
  it('knows a real Word document from its bytes, whatever its name', () => {
    expect(documentKind(checklist, 'forms/checklist.docx')).toEqual({ label: 'Word document' });
    expect(zipNames(checklist)).toContain('word/document.xml');
  });

  it('knows PDFs, OpenDocument files, text and CSV', async () => {
    expect(documentKind(text('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'a.pdf').label).toBe('PDF document');
    expect(documentKind(await openDocument('text'), 'letter.odt')).toEqual({ label: 'OpenDocument text' });
    expect(documentKind(await openDocument('spreadsheet'), 'rota.ods')).toEqual({ label: 'OpenDocument spreadsheet' });
    expect(documentKind(text('name,date\nA. Carer,2025-02-03\n'), 'visits.csv')).toEqual({ label: 'text file' });
  });

  it('refuses Office files with macros: by name, a .docx carrying vbaProject.bin, an OpenDocument with Basic', async () => {
    expect(documentKind(checklist, 'forms/checklist.docm').refusal?.rule).toBe('document-macros');
    const macros = documentKind(await withMacros(), 'forms/checklist.docx');
    expect(macros).toEqual({
      label: 'Word document',
      refusal: { rule: 'document-macros', why: 'it carries macros (a VBA project), which run on opening' },
    });
    const basic = await openDocument('text', { 'Basic/Standard/Module1.xml': '<script:module/>' });
    expect(documentKind(basic, 'letter.odt').refusal?.rule).toBe('document-macros');
  });

  it('refuses programs and scripts, renamed or not', () => {
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
    const windows = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]);
    expect(documentKind(elf, 'forms/form.pdf').refusal?.rule).toBe('document-program');
    expect(documentKind(windows, 'forms/pet-assessment.docx').refusal?.rule).toBe('document-program');
    expect(documentKind(text('#!/bin/sh\nrm -rf ~\n'), 'notes.txt').refusal?.rule).toBe('document-program');
    expect(documentKind(text('Set x = 1'), 'helper.vbs').refusal?.rule).toBe('document-program');
  });

  it('refuses a file that is not what its name says', () => {
    expect(documentKind(text('<html>Not a PDF</html>'), 'forms/plan.pdf')).toEqual({
      label: 'text file',
      refusal: { rule: 'document-misnamed', why: 'its name says PDF document, but its bytes are a text file' },
    });
    expect(documentKind(checklist, 'forms/checklist.xlsx').refusal?.rule).toBe('document-misnamed');
  });

  it('reads no names from a damaged archive', () => {
    expect(zipNames(checklist.subarray(0, 200))).toEqual([]);
    expect(documentKind(checklist.subarray(0, 200), 'broken.docx').refusal?.rule).toBe('document-misnamed');
  });
});
