import { readFileSync, statSync } from 'node:fs';
import type { Diagnostics, Where } from '../core/diagnostics.ts';
import { documentKind, MAX_DOCUMENT_BYTES } from '../core/document-kind.ts';

const MEGABYTE = 1024 * 1024;
const REMOVE = 'remove the link, or link to a copy the council has checked';

/**
 * Checks a file a chapter links to that is no chapter: refused (an error at the link) when it is
 * larger than a document may be, a program or script, an Office file that carries macros, or not
 * what its name says; true when it may be offered to readers.
 */
export function checkDocument(where: Where, file: string, full: string, diagnostics: Diagnostics): boolean {
  const size = statSync(full).size;
  if (size > MAX_DOCUMENT_BYTES) {
    const megabytes = (size / MEGABYTE).toFixed(1);
    diagnostics.error(
      where,
      `link to ${file}, a document of ${megabytes} MB; the largest a document may be is ${MAX_DOCUMENT_BYTES / MEGABYTE} MB`,
      'make it smaller (save images at screen resolution, split a long document), or link to it on the web',
      'document-too-large',
    );
    return false;
  }
  const { label, refusal } = documentKind(readFileSync(full), file);
  if (!refusal) return true;
  const message = `link to ${file}, which is refused: ${refusal.why}`;
  if (refusal.rule === 'document-program') diagnostics.error(where, message, REMOVE, 'document-program');
  else if (refusal.rule === 'document-macros')
    diagnostics.error(
      where,
      message,
      `save it without macros (in Word: File > Save As, "Word Document (*.docx)"), or ${REMOVE}`,
      'document-macros',
    );
  else
    diagnostics.error(
      where,
      message,
      `give it the ending of a ${label}, or replace it with the document its name promises`,
      'document-misnamed',
    );
  return false;
}
