import { createHash } from 'node:crypto';

/**
 * A UUID URN made from the manual's slug and, when given, an edition: every build of an edition
 * carries the same one, so readers (EPUB readers, feed readers) know an edition they have seen.
 */
export function editionIdentifier(slug: string, edition?: string): string {
  const hex = createHash('sha256')
    .update(edition === undefined ? slug : `${slug}/${edition}`)
    .digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
