import { closest, distance } from 'fastest-levenshtein';
import { slug } from 'github-slugger';
import type { Image, Link } from 'mdast';
import { HAS_SCHEME } from '../core/urls.ts';
import type { HeadingInfo } from '../core/book.ts';
import { numberedTitle } from '../core/numbered-title.ts';
import { rawAnchor } from '../core/raw-anchors.ts';
import { SITE_REF } from '../load/generator-inline.ts';
import { isDocumentName } from '../core/document-kind.ts';
import { chapterTarget, refTarget } from './link-chapters.ts';
import { documentTarget } from './link-documents.ts';
import { decodedPath } from './rehype-contain-images.ts';
import { resolveImage } from './resolve-images.ts';
import type { LinkTarget, Resolved, ResolvedLinks, ResolveLinksOptions } from './link-types.ts';

export type { LinkTarget, Resolved, ResolvedLinks, ResolveLinksOptions } from './link-types.ts';

/**
 * Checks every link and image of a chapter (its `references`, see indexNodes) and says how each
 * is written for the renderers: a link to a chapter
 * (`../care/placements.md#assessment`) becomes `#anchor`, a link with empty text gets the
 * target's number and title, and an image's path becomes relative to the manual's root. The
 * nodes themselves are left as loading made them.
 */
export function resolveLinks(references: readonly (Link | Image)[], options: ResolveLinksOptions): ResolvedLinks {
  const resolved = new Map<number, Resolved>();
  for (const node of references) {
    const written = node.type === 'link' ? resolveLink(node, options) : resolveImage(node, options);
    const offset = node.position?.start.offset;
    if (written && offset !== undefined) resolved.set(offset, written);
  }
  return resolved;
}

function resolveLink(node: Link, options: ResolveLinksOptions): Resolved | undefined {
  const url = validUrl(node, options);
  const ref = url.startsWith(SITE_REF);
  if (!ref && HAS_SCHEME.test(url))
    return isEmpty(node) ? { url, text: url.replace(/^mailto:/, '') } : withUrl(node, url);
  const [filePart, fragment] = splitFragment(ref ? url.slice(SITE_REF.length) : url);
  const document = !ref && isDocumentName(filePart) ? documentTarget(node, filePart, fragment, options) : undefined;
  if (document !== undefined) return document ?? undefined;
  const find = ref ? refTarget : chapterTarget;
  const target = filePart === '' ? options.self : find(node, filePart, fragment, options);
  if (!target) return withUrl(node, url);
  if (target.leftOut) return { plain: true, text: isEmpty(node) ? target.title : undefined };
  // A link to "#" alone, like one without a fragment, leads to the top of the chapter.
  const anchor = fragment ? findAnchor(node, target, fragment, options) : target.anchor;
  if (anchor === undefined) return undefined;
  const heading = target.headings.find((h) => h.anchor === anchor);
  return { url: `#${anchor}`, text: isEmpty(node) ? describe(target, heading) : undefined };
}

const withUrl = (node: Link, url: string): Resolved | undefined => (url === node.url ? undefined : { url });

/**
 * The link's address as outputs write it: a `#` after the first one is percent-encoded, since a
 * URL has one fragment (an EPUB reading system rejects the address otherwise). Checking warns.
 */
function validUrl(node: Link, options: ResolveLinksOptions): string {
  const hash = node.url.indexOf('#');
  if (hash === -1 || !node.url.includes('#', hash + 1)) return node.url;
  const url = node.url.slice(0, hash + 1) + node.url.slice(hash + 1).replaceAll('#', '%23');
  options.diagnostics.warning(
    options.locate(node),
    `link address ${node.url} is not a valid URL: it has more than one "#"; the editions write ${url}`,
    'write a "#" that belongs to the address after the first one as "%23"',
    'link-two-hashes',
  );
  return url;
}

/**
 * The anchor a `#fragment` names in a chapter: a heading's, else an id its raw HTML gives, else
 * the chapter's own top when it names the title (site generators give the title heading an id).
 * A heading is also found by its text slugged as other generators slug it (`security-txt` for
 * `security.txt`) when only one heading matches so.
 */
function findAnchor(
  node: Link,
  target: LinkTarget,
  fragment: string,
  options: ResolveLinksOptions,
): string | undefined {
  const heading = target.headings.find((h) => h.slug === fragment);
  if (heading) return heading.anchor;
  if (target.rawIds?.().has(fragment)) return rawAnchor(target.anchor, fragment);
  const loose = target.headings.filter((h) => looseSlug(h.text) === looseSlug(fragment));
  if (loose.length === 1) return loose[0].anchor;
  if (slug(target.title) === fragment || looseSlug(target.title) === looseSlug(fragment)) return target.anchor;
  const slugs = target.headings.map((h) => h.slug);
  const nearest = slugs.length ? closest(fragment, slugs) : undefined;
  // A fragment far from every slug is more likely a retitled heading's old one than a typo.
  const retitled =
    nearest && distance(fragment, nearest) > Math.max(2, fragment.length / 4)
      ? `; if the heading was retitled, give it back its old anchor: "## New title {#${fragment}}"`
      : '';
  if (target.substituted && options.base && options.baseDir.startsWith(options.base.prefix)) {
    options.diagnostics.warning(
      options.locate(node),
      `the base links to heading "#${fragment}" of "${target.title}", which this manual substitutes, and the local chapter has no such heading: the link leads to the chapter's top`,
      `give the local chapter's matching heading that anchor: "## Its title {#${fragment}}"`,
      'substitute-heading-missing',
    );
    return target.anchor;
  }
  const hint = nearest
    ? `link to one of its headings, e.g. "#${nearest}"${retitled}`
    : 'it has no headings: link to the chapter without "#..."';
  options.diagnostics.error(
    options.locate(node),
    `chapter "${target.title}" has no heading "#${fragment}"`,
    hint,
    'link-no-heading',
  );
  return undefined;
}

/** Letters and digits only, lower-cased: how slugs of one text by different generators agree. */
const looseSlug = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** "5.6 Placements with Parents, Section 1.2 Assessment and Checks before Placement" */
function describe(target: LinkTarget, heading?: HeadingInfo): string {
  const chapter = numberedTitle(target);
  if (!heading) return chapter;
  return `${chapter}, ${heading.number ? `Section ${heading.number} ` : ''}${heading.text}`;
}

function splitFragment(url: string): [string, string | undefined] {
  const hash = url.indexOf('#');
  const file = decodedPath(hash === -1 ? url : url.slice(0, hash));
  return [file, hash === -1 ? undefined : decodedPath(url.slice(hash + 1))];
}

function isEmpty(node: Link): boolean {
  return node.children.every((child) => child.type === 'text' && child.value.trim() === '');
}
