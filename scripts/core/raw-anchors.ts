/**
 * The anchor an id written in a chapter's raw HTML (`<span id="which">`, `<a name="_Toc1">`)
 * takes in the editions: `OWNER--raw.which`, in the namespace of the chapter (or amendment) that
 * owns it, so that it never repeats another chapter's id, a heading's anchor or a template's.
 * Heading slugs never hold a ".", so no heading's anchor takes this form.
 */
export function rawAnchor(owner: string, written: string): string {
  return `${owner}${RAW}${written.trim().replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

const RAW = '--raw.';

/** The anchor of the chapter that owns a raw HTML id's anchor, or undefined for any other anchor. */
export function ownerOfRawAnchor(anchor: string): string | undefined {
  const at = anchor.indexOf(RAW);
  return at > 0 ? anchor.slice(0, at) : undefined;
}
