import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Diagnostics, Where } from '../core/diagnostics.ts';
import { documentKind, sizeOf, type DocumentKind } from '../core/document-kind.ts';

const REMOVE = 'remove the link, or link to a copy the council has checked';

/** What checking read of a linked file that is no chapter. */
export interface DocumentFile extends DocumentKind {
  bytes: number;
  /** Absent when the file is larger than a document may be: it is not read. */
  sha256?: string;
  /** Set when it is larger than a document may be. */
  tooLarge?: boolean;
}

/** Reads a linked file to say what it is (see readDocument); the preview keeps what it read of unchanged files. */
export type ReadDocument = (full: string, file: string, limit: number) => DocumentFile;

/** Reads a file to say what it is; a file over `limit` bytes is not read. */
export const readDocument: ReadDocument = (full, file, limit) => {
  const bytes = statSync(full).size;
  if (bytes > limit) return { label: 'file', bytes, tooLarge: true };
  const data = readFileSync(full);
  return { ...documentKind(data, file), bytes, sha256: createHash('sha256').update(data).digest('hex') };
};

/**
 * Reports, at a link, a linked file that must not be offered to readers: larger than a document
 * may be, a program or script, an Office file that carries macros, or not what its name says.
 * True when it may be offered.
 */
export function reportRefused(
  where: Where,
  file: string,
  document: DocumentFile,
  limit: number,
  diagnostics: Diagnostics,
): boolean {
  if (document.tooLarge) {
    diagnostics.error(
      where,
      `link to ${file}, a document of ${sizeOf(document.bytes)}; the largest a document may be is ${sizeOf(limit)}`,
      'make it smaller (save images at screen resolution, split a long document), link to it on the web, or raise "largest-document" in chapters/contents.yml',
      'document-too-large',
    );
    return false;
  }
  const { label, refusal } = document;
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

/** Reads and reports a linked file that is no document the editions publish; true when it may be offered. */
export function checkDocument(where: Where, file: string, full: string, limit: number, diagnostics: Diagnostics) {
  return reportRefused(where, file, readDocument(full, file, limit), limit, diagnostics);
}
