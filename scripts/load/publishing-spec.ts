import { MAX_DOCUMENT_BYTES } from '../core/document-kind.ts';
import path from 'node:path';
import { readText, type Fields, type YamlFile } from './yaml-file.ts';

const WHAT = 'the contents manifest';
const UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 * 1024, GB: 1024 * 1024 * 1024 };

/**
 * `site-url`: where the web edition is published, as an `https://` (or `http://`) address ending
 * in "/". Undefined when not given; null when it is wrong (reported).
 */
export function readSiteUrl(yaml: YamlFile, top: Fields): string | undefined | null {
  const written = readText(yaml, top, 'site-url', WHAT);
  if (written === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(written);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
    yaml.diagnostics.error(
      top.at('site-url'),
      `"site-url" must be the web address the web edition is published at; "${written}" is not`,
      'write the full address of its home page\'s folder, like "site-url: https://procedures.example.gov.uk/children/"',
      'site-url-format',
    );
    return null;
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** `largest-document: 30 MB`: the largest a document may be, in bytes; 20 MB when not given. */
export function readLargestDocument(yaml: YamlFile, top: Fields): number | undefined {
  const written = readText(yaml, top, 'largest-document', WHAT);
  if (written === undefined) return MAX_DOCUMENT_BYTES;
  const match = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)$/i.exec(written.trim());
  if (!match || Number(match[1]) <= 0) {
    yaml.diagnostics.error(
      top.at('largest-document'),
      `"largest-document" must be a size such as "20 MB"; "${written}" is not`,
      'write a number and one of KB, MB or GB, like "largest-document: 30 MB"',
      'largest-document-format',
    );
    return undefined;
  }
  return Math.round(Number(match[1]) * UNITS[match[2].toUpperCase()]);
}

/**
 * `document: forms/a.docx`, relative to chapters/ in the contents and the amendments alike, as a
 * file from the root; undefined when not given, null when it leaves chapters/ (reported).
 */
export function readDocumentPath(
  yaml: YamlFile,
  fields: Fields,
  what: string,
  required = false,
): string | null | undefined {
  const written = readText(yaml, fields, 'document', what, required);
  if (written === undefined) return undefined;
  const file = path.posix.normalize(`chapters/${written.replace(/^\.\//, '')}`);
  if (!written.startsWith('/') && file.startsWith('chapters/')) return file;
  yaml.diagnostics.error(
    fields.at('document'),
    `document path "${written}" must stay inside chapters/`,
    'write the path relative to chapters/, e.g. "forms/pet-assessment.docx"',
    'path-outside',
  );
  return null;
}
