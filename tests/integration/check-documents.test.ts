import { appendFileSync, mkdirSync, openSync, closeSync, ftruncateSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { check, copyManual, removeCopies, REPO } from '../helpers/fixture.ts';

afterAll(removeCopies);

const VISITS = 'chapters/care/visits.md';
/** A real Word document (an NHS Digital checklist). */
const checklist = readFileSync(path.join(REPO, 'tests/fixtures/import/checklist.docx'));

describe('manual check reads every document a chapter links to, from its bytes', () => {
  it('refuses programs, macros, misnamed and oversize files at the link, and lets a real .docx through', async () => {
    const root = copyManual();
    const forms = path.join(root, 'chapters/care/forms');
    mkdirSync(forms);
    writeFileSync(path.join(forms, 'checklist.docx'), checklist);
    writeFileSync(path.join(forms, 'checklist.docm'), checklist);
    const zip = await JSZip.loadAsync(checklist);
    zip.file('word/vbaProject.bin', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]));
    writeFileSync(path.join(forms, 'with-macros.docx'), await zip.generateAsync({ type: 'uint8array' }));
    writeFileSync(path.join(forms, 'rota.pdf'), new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]));
    writeFileSync(path.join(forms, 'plan.pdf'), '<!DOCTYPE html><p>Saved from the intranet</p>');
    writeFileSync(path.join(forms, 'scan.pdf'), '%PDF-1.4\n');
    const scan = openSync(path.join(forms, 'scan.pdf'), 'r+');
    ftruncateSync(scan, 21 * 1024 * 1024);
    closeSync(scan);
    const names = ['checklist.docx', 'checklist.docm', 'with-macros.docx', 'rota.pdf', 'plan.pdf', 'scan.pdf'];
    const before = readFileSync(path.join(root, VISITS), 'utf8').split('\n').length;
    appendFileSync(path.join(root, VISITS), `${names.map((name) => `\nSee [the form](forms/${name}).\n`).join('')}`);
    const line = (i: number) => `${VISITS}:${before + 1 + 2 * i}:5`;
    const link = 'link to chapters/care/forms';
    expect(await check(root)).toEqual([
      `${line(1)}: error: ${link}/checklist.docm, which is refused: it carries macros (a VBA project), which run on opening\n  fix: save it without macros (in Word: File > Save As, "Word Document (*.docx)"), or remove the link, or link to a copy the council has checked`,
      `${line(2)}: error: ${link}/with-macros.docx, which is refused: it carries macros (a VBA project), which run on opening\n  fix: save it without macros (in Word: File > Save As, "Word Document (*.docx)"), or remove the link, or link to a copy the council has checked`,
      `${line(3)}: error: ${link}/rota.pdf, which is refused: programs and scripts are never handed to readers\n  fix: remove the link, or link to a copy the council has checked`,
      `${line(4)}: error: ${link}/plan.pdf, which is refused: its name says PDF document, but its bytes are a text file\n  fix: give it the ending of a text file, or replace it with the document its name promises`,
      `${line(5)}: error: ${link}/scan.pdf, a document of 21 MB; the largest a document may be is 20 MB\n  fix: make it smaller (save images at screen resolution, split a long document), link to it on the web, or raise "largest-document" in chapters/contents.yml`,
      // The real .docx is published; the contents does not say where, so outputs that stand alone name it.
      `chapters/contents.yml: warning: the manual links to 1 document, but the contents does not say where the web edition is published: the PDFs, the HTML edition and the EPUB name them without a link\n  fix: add the web edition's address to chapters/contents.yml, like "site-url: https://procedures.example.gov.uk/children/"`,
    ]);
  });
});
