import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostics } from '../core/diagnostics.ts';
import { isDocumentName } from '../core/document-kind.ts';
import { MANIFEST_FILE } from '../load/manifest.ts';
import type { DocumentEntry, ManualSource } from '../load/types.ts';
import { walkEntries } from '../load/walk-entries.ts';
import { isFile } from './link-chapters.ts';
import type { LinkedDocuments } from './linked-documents.ts';

/**
 * Joins the documents the contents lists (`document: forms/pet-assessment.docx`) to the manual's
 * documents, with their titles, before any chapter links to them; a listed file that does not
 * exist is an error at its entry.
 */
export function listedDocuments(source: ManualSource, documents: LinkedDocuments, diagnostics: Diagnostics): void {
  const entries = [...walkEntries(source.manifest.sections)].filter(
    (entry): entry is DocumentEntry => entry.kind === 'document',
  );
  for (const entry of entries) documents.entitle(entry.file, entry.title);
  for (const entry of entries) {
    if (!isFile(path.join(source.root, entry.file))) {
      const shown = entry.file.slice('chapters/'.length);
      diagnostics.error(
        entry.where,
        `document ${shown} does not exist in chapters/`,
        existsSync(path.join(source.root, entry.file))
          ? 'a document is a file: name one, not a folder'
          : 'put the file under chapters/ and give its path relative to chapters/, or remove the entry',
        'document-missing',
      );
      continue;
    }
    documents.link(entry.where, entry.file, {});
  }
}

/**
 * Warns of each document under chapters/ that nothing links to, as of a chapter the contents
 * does not list: no edition publishes it. Images are left out: chapters show them rather than
 * link to them.
 */
export function warnUnlinkedDocuments(
  source: ManualSource,
  documents: LinkedDocuments,
  diagnostics: Diagnostics,
): void {
  for (const file of source.files) {
    if (!isDocumentName(file) || documents.isLinked(file) || IMAGE.test(file)) continue;
    const shown = file.slice('chapters/'.length);
    diagnostics.warning(
      { file },
      'no chapter, amendment or contents entry links to this document, so no edition publishes it',
      `link to it from the chapter it belongs to, list it in chapters/contents.yml ("- document: ${shown}" with a "title"), or delete it`,
      'document-unlinked',
    );
  }
}

const IMAGE = /\.(png|jpe?g|gif|webp)$/i;

/**
 * Warns once when documents are linked but the contents does not say where the web edition is
 * published: outputs that stand alone (the PDFs, the HTML edition, the EPUB) can then only name
 * each document, not link to it.
 */
export function warnNoSiteUrl(source: ManualSource, count: number, diagnostics: Diagnostics): void {
  if (count === 0 || source.manifest.meta.siteUrl) return;
  diagnostics.warning(
    { file: MANIFEST_FILE },
    `the manual links to ${count === 1 ? '1 document' : `${count} documents`}, but the contents does not say where the web edition is published: the PDFs, the HTML edition and the EPUB name them without a link`,
    'add the web edition\'s address to chapters/contents.yml, like "site-url: https://procedures.example.gov.uk/children/"',
    'document-no-site-url',
  );
}
