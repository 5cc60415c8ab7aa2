import { existsSync } from 'node:fs';
import path from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import type { Image, Link } from 'mdast';
import type { Diagnostics, Where } from '../core/diagnostics.ts';
import { HAS_SCHEME } from '../core/urls.ts';
import type { HeadingInfo } from '../core/book.ts';
import { numberedTitle } from '../core/numbered-title.ts';
import { isInside, realRoot } from './rehype-contain-images.ts';

/** What a link can point at: a chapter of the contents and its headings. */
export interface LinkTarget {
  number?: string;
  title: string;
  anchor: string;
  headings: HeadingInfo[];
}

export interface ResolveLinksOptions {
  /** Absolute path of the manual's root. */
  root: string;
  /** Folder relative links are written from, relative to the root (`chapters/care`). */
  baseDir: string;
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
  if (HAS_SCHEME.test(node.url)) return isEmpty(node) ? { text: node.url.replace(/^mailto:/, '') } : undefined;
  const [filePart, fragment] = splitFragment(node.url);
  const target = filePart === '' ? options.self : chapterTarget(node, filePart, options);
  if (!target) return undefined;
  const heading = fragment === undefined ? undefined : findHeading(node, target, fragment, options);
  if (fragment !== undefined && !heading) return undefined;
  return { url: `#${heading?.anchor ?? target.anchor}`, text: isEmpty(node) ? describe(target, heading) : undefined };
}

function chapterTarget(node: Link, filePart: string, options: ResolveLinksOptions): LinkTarget | undefined {
  const file = path.posix.normalize(path.posix.join(options.baseDir, filePart));
  const id = file.startsWith('chapters/') && file.endsWith('.md') ? file.slice('chapters/'.length, -3) : undefined;
  const target = id === undefined ? undefined : options.targets.get(id);
  if (target) return target;
  const where = options.locate(node);
  const exists = existsSync(path.join(options.root, file));
  if (id === undefined) {
    const hint = 'link to chapters by their .md file, or give a full web address (https://...)';
    if (exists) options.diagnostics.warning(where, `link to ${file}, a file that editions do not include`, hint);
    else options.diagnostics.error(where, `link to ${file}, which does not exist`, hint);
    return undefined;
  }
  const nearest = closest(id, [...options.targets.keys()]);
  const near = nearest !== undefined && distance(id, nearest) <= Math.max(3, id.length / 4);
  const problem = exists ? 'which is not in the contents' : 'which does not exist';
  const hint = near
    ? `correct the link (did you mean "${path.posix.relative(options.baseDir, `chapters/${nearest}.md`)}"?)`
    : 'link to a chapter listed in the contents, by the path of its .md file relative to this file';
  options.diagnostics.error(where, `link to chapter ${file}, ${problem}`, hint);
  return undefined;
}

function findHeading(
  node: Link,
  target: LinkTarget,
  fragment: string,
  options: ResolveLinksOptions,
): HeadingInfo | undefined {
  const heading = target.headings.find((h) => h.slug === fragment);
  if (heading) return heading;
  const slugs = target.headings.map((h) => h.slug);
  const hint = slugs.length
    ? `link to one of its headings, e.g. "#${closest(fragment, slugs)}"`
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
  const file = path.posix.normalize(path.posix.join(options.baseDir, safeDecode(node.url)));
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
