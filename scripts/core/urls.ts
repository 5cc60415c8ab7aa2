/** The address patterns every stage agrees on. */

/** A web or mail address, which the contents may name as an outside document or a see-also target. */
export function isUrl(text: string): boolean {
  return /^(https?|mailto):/i.test(text);
}

/** An address with a scheme (`https:`, `mailto:`, `data:` ...): it leads outside the manual's files. */
export const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Addresses that run code or read the machine: never kept in a link or an image. */
export const UNSAFE_URL = /^\s*(javascript|vbscript|data|file):/i;
