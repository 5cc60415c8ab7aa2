import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import type { Image, Link } from 'mdast';
import type { Diagnostics, Where } from '../core/diagnostics.ts';
import { HAS_SCHEME } from '../core/urls.ts';
import type { HeadingInfo } from '../core/book.ts';
import { numberedTitle } from '../core/numbered-title.ts';
import { rawAnchor } from '../core/raw-anchors.ts';
import { isInside, realRoot } from './rehype-contain-images.ts';
import { chapterIdOf, isSiteLink, nearestChapterPath, siteCandidates } from './site-links.ts';

/** What a link can point at: a chapter of the contents and its headings. */
export interface LinkTarget {
  number?: string;
  title: string;
  anchor: string;
  headings: HeadingInfo[];
  /** The ids the chapter's raw HTML gives (`<span id="which">`, `<a name="_Toc1">`), as written. */
  rawIds?: () => ReadonlySet<string>;
}

export interface ResolveLinksOptions {
  /** Absolute path of the manual's root. */
  root: string;
  /** Folder relative links are written from, relative to the root (`chapters/care`). */
  baseDir: string;
  /** The folder the chapter's page is published as on a web site (`chapters/care/placements`), if it is a chapter. */
  pageDir?: string;
  /** Chapters of the contents by id; `self` is the one being resolved, if any. */
  targets: ReadonlyMap<string, LinkTarget>;
  self?: LinkTarget;
  diagnostics: Diagnostics;
  /** Where a node is in its source file. */
  locate: (node: Link | Image) => Where;
}

/**
 * What checking resolved of one link or image, for the HTML conversion to write: its address as
 * the renderers read it, and for a link with empty text the text it gets.
 */
export interface Resolved {
  url?: string;
  text?: string;
}

/** What checking resolved of a chapter's links and images, by where each starts in its source (its offset). */
export type ResolvedLinks = ReadonlyMap<number, Resolved>;

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
  if (HAS_SCHEME.test(url)) return isEmpty(node) ? { url, text: url.replace(/^mailto:/, '') } : withUrl(node, url);
  const [filePart, fragment] = splitFragment(url);
  const target = filePart === '' ? options.self : chapterTarget(node, filePart, fragment, options);
  if (!target) return withUrl(node, url);
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
  );
  return url;
}

function chapterTarget(
  node: Link,
  filePart: string,
  fragment: string | undefined,
  options: ResolveLinksOptions,
): LinkTarget | undefined {
  const file = path.posix.normalize(path.posix.join(options.baseDir, filePart));
  const id = chapterIdOf(file);
  const target = id === undefined ? undefined : options.targets.get(id);
  if (target) return target;
  const site = id === undefined && isSiteLink(filePart) ? siteTarget(node, filePart, fragment, options) : undefined;
  if (site) return site;
  reportNoChapter(node, file, id, isSiteLink(filePart), options);
  return undefined;
}

function reportNoChapter(
  node: Link,
  file: string,
  id: string | undefined,
  siteLink: boolean,
  options: ResolveLinksOptions,
): void {
  const where = options.locate(node);
  const full = path.join(options.root, file);
  const exists = existsSync(full);
  if (id === undefined && siteLink && !(exists && statSync(full).isFile())) {
    const nearest = nearestChapterPath(file, [...options.targets.keys()], options.baseDir);
    const hint = nearest
      ? `link to a chapter by its .md file (the nearest is "${nearest}")`
      : 'link to chapters by their .md file, or give a full web address (https://...)';
    options.diagnostics.error(where, `link to ${file}, which is no chapter of the contents`, hint);
  } else if (id === undefined) {
    const hint = 'link to chapters by their .md file, or give a full web address (https://...)';
    if (exists) options.diagnostics.warning(where, `link to ${file}, a file that editions do not include`, hint);
    else options.diagnostics.error(where, `link to ${file}, which does not exist`, hint);
  } else {
    const nearest = closest(id, [...options.targets.keys()]);
    const near = nearest !== undefined && distance(id, nearest) <= Math.max(3, id.length / 4);
    const problem = exists ? 'which is not in the contents' : 'which does not exist';
    const hint = near
      ? `correct the link (did you mean "${path.posix.relative(options.baseDir, `chapters/${nearest}.md`)}"?)`
      : 'link to a chapter listed in the contents, by the path of its .md file relative to this file';
    options.diagnostics.error(where, `link to chapter ${file}, ${problem}`, hint);
  }
}

/** The chapter a link written for the published site (`x.html`, `x/`) leads to, with a warning that gives its .md path. */
function siteTarget(
  node: Link,
  filePart: string,
  fragment: string | undefined,
  options: ResolveLinksOptions,
): LinkTarget | undefined {
  const bases = [options.baseDir, ...(options.pageDir ? [options.pageDir] : [])];
  const id = siteCandidates(filePart, bases).find((candidate) => options.targets.has(candidate));
  if (id === undefined) return undefined;
  const file = `${path.posix.relative(options.baseDir, `chapters/${id}.md`)}${fragment ? `#${fragment}` : ''}`;
  options.diagnostics.warning(
    options.locate(node),
    `link to ${filePart} is written for a web site; the editions take it to chapter ${id}.md`,
    `link to the chapter's file: "${file}"`,
  );
  return options.targets.get(id);
}

/** The anchor a `#fragment` names in a chapter: a heading's, else an id its raw HTML gives. */
function findAnchor(
  node: Link,
  target: LinkTarget,
  fragment: string,
  options: ResolveLinksOptions,
): string | undefined {
  const heading = target.headings.find((h) => h.slug === fragment);
  if (heading) return heading.anchor;
  if (target.rawIds?.().has(fragment)) return rawAnchor(target.anchor, fragment);
  const slugs = target.headings.map((h) => h.slug);
  const nearest = slugs.length ? closest(fragment, slugs) : undefined;
  // A fragment far from every slug is more likely a retitled heading's old one than a typo.
  const retitled =
    nearest && distance(fragment, nearest) > Math.max(2, fragment.length / 4)
      ? `; if the heading was retitled, give it back its old anchor: "## New title {#${fragment}}"`
      : '';
  const hint = nearest
    ? `link to one of its headings, e.g. "#${nearest}"${retitled}`
    : 'it has no headings: link to the chapter without "#..."';
  options.diagnostics.error(options.locate(node), `chapter "${target.title}" has no heading "#${fragment}"`, hint);
  return undefined;
}

/** "5.6 Placements with Parents, Section 1.2 Assessment and Checks before Placement" */
function describe(target: LinkTarget, heading?: HeadingInfo): string {
  const chapter = numberedTitle(target);
  if (!heading) return chapter;
  return `${chapter}, ${heading.number ? `Section ${heading.number} ` : ''}${heading.text}`;
}

function resolveImage(node: Image, options: ResolveLinksOptions): Resolved | undefined {
  if (/^file:/i.test(node.url)) {
    options.diagnostics.error(
      options.locate(node),
      `image ${node.url} is a link to a file outside the manual`,
      'copy the image itself into the manual folder and give its path relative to the chapter file',
    );
    return undefined;
  }
  if (HAS_SCHEME.test(node.url)) {
    if (!node.url.startsWith('data:')) {
      options.diagnostics.warning(
        options.locate(node),
        `image ${node.url} is on the web; editions never fetch it, so readers see its alt text`,
        'save the image under chapters/ and link to it by a relative path',
      );
    }
    return undefined;
  }
  // `img.png#small` and `img.png?v=2` name the file img.png.
  const file = path.posix.normalize(path.posix.join(options.baseDir, safeDecode(node.url.replace(/[?#].*$/s, ''))));
  if (file.startsWith('../') || path.posix.isAbsolute(file) || !existsSync(path.join(options.root, file))) {
    options.diagnostics.error(
      options.locate(node),
      `image ${file} does not exist in the manual`,
      'put the image in the manual folder and give its path relative to the chapter file',
    );
    return undefined;
  }
  if (!isInside(realRoot(options.root), file)) {
    options.diagnostics.error(
      options.locate(node),
      `image ${file} is a link to a file outside the manual`,
      'copy the image itself into the manual folder',
    );
    return undefined;
  }
  if (!node.alt?.trim()) {
    options.diagnostics.warning(
      options.locate(node),
      `image ${file} has no text alternative, so screen readers cannot say what it shows`,
      'write what the image shows between the brackets: ![A flowchart of the referral steps](path)',
    );
  }
  return { url: file };
}

function splitFragment(url: string): [string, string | undefined] {
  const hash = url.indexOf('#');
  const file = safeDecode(hash === -1 ? url : url.slice(0, hash));
  return [file, hash === -1 ? undefined : safeDecode(url.slice(hash + 1))];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function isEmpty(node: Link): boolean {
  return node.children.every((child) => child.type === 'text' && child.value.trim() === '');
}
