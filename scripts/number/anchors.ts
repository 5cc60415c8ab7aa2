/**
 * Anchors are ids unique in the whole book, stable across editions (made from paths and slugs,
 * never from numbers, so renumbering does not break a bookmark), and valid XML ids for EPUB.
 */
export function chapterAnchor(chapterId: string): string {
  return `ch-${chapterId.replace(/\//g, '.').replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

export function headingAnchor(chapterAnchorId: string, slug: string): string {
  return `${chapterAnchorId}--${slug}`;
}

export const AMENDMENTS_ANCHOR = 'amendments';
