import { createHash } from 'node:crypto';

/**
 * Anchors are ids unique in the whole book, stable across editions (made from paths and slugs,
 * never from numbers, so renumbering does not break a bookmark), and valid XML ids for EPUB.
 */
export function chapterAnchor(chapterId: string): string {
  return fit(`ch-${chapterId.replace(/\//g, '.').replace(/[^A-Za-z0-9._-]/g, '_')}`);
}

export function headingAnchor(chapterAnchorId: string, slug: string): string {
  return fit(`${chapterAnchorId}--${slug}`);
}

/**
 * PDF viewers need names of at most 127 bytes, and Chromium makes a PDF name of every anchor a
 * link points at: a longer anchor keeps its start and ends with a hash of the whole.
 */
const MAX_BYTES = 100;

function fit(anchor: string): string {
  if (Buffer.byteLength(anchor) <= MAX_BYTES) return anchor;
  const hash = createHash('sha256').update(anchor).digest('hex').slice(0, 10);
  let start = anchor.slice(0, MAX_BYTES - 11);
  while (Buffer.byteLength(start) > MAX_BYTES - 11) start = start.slice(0, -1);
  return `${start}-${hash}`;
}
