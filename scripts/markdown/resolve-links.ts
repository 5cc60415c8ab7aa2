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
 * Checks every link and image of a chapter (its `references`, see indexNodes), and rewrites them
 * for the renderers: a link to a chapter (`../care/placements.md#assessment`) becomes `#anchor`, a
 * link with empty text gets the target's number and title, and an image's path becomes relative
 * to the manual's root.
 */
export function resolveLinks(references: (Link | Image)[], options: ResolveLinksOptions): void {
  for (const node of references) {
    if (node.type === 'link') resolveLink(node, options);
    else resolveImage(node, options);
  }
}

function resolveLink(node: Link, options: ResolveLinksOptions): void {
  if (HAS_SCHEME.test(node.url)) {
    if (isEmpty(node)) node.children = [{ type: 'text', value: node.url.replace(/^mailto:/, '') }];
    return;
  }
  const [filePart, fragment] = splitFragment(node.url);
  const target = filePart === '' ? options.self : chapterTarget(node, filePart, options);
  if (!target) return;
  const heading = fragment === undefined ? undefined : findHeading(node, target, fragment, options);
  if (fragment !== undefined && !heading) return;
  node.url = `#${heading?.anchor ?? target.anchor}`;
  if (isEmpty(node)) node.children = [{ type: 'text', value: describe(target, heading) }];
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

function findHeading(node: Link, target: LinkTarget, fragment: string, options: ResolveLinksOptions): HeadingInfo | undefined {
  const heading = target.headings.find((h) => h.slug === fragment);
  if (heading) return heading;
  const slugs = target.headings.map((h) => h.slug);
  const hint = slugs.length ? `link to one of its headings, e.g. "#${closest(fragment, slugs)}"` : 'it has no headings: link to the chapter without "#..."';
  options.diagnostics.error(options.locate(node), `chapter "${target.title}" has no heading "#${fragment}"`, hint);
  return undefined;
}

/** "5.6 Placements with Parents, Section 1.2 Assessment and Checks before Placement" */
function describe(target: LinkTarget, heading?: HeadingInfo): string {
  const chapter = numberedTitle(target);
  if (!heading) return chapter;
  return `${chapter}, ${heading.number ? `Section ${heading.number} ` : ''}${heading.text}`;
}

function resolveImage(node: Image, options: ResolveLinksOptions): void {
  if (/^file:/i.test(node.url)) {
    options.diagnostics.error(options.locate(node), `image ${node.url} is a link to a file outside the manual`, 'copy the image itself into the manual folder and give its path relative to the chapter file');
    return;
  }
  if (HAS_SCHEME.test(node.url)) {
    if (!node.url.startsWith('data:')) {
      options.diagnostics.warning(options.locate(node), `image ${node.url} is on the web; editions never fetch it, so readers see its alt text`, 'save the image under chapters/ and link to it by a relative path');
    }
    return;
  }
  const file = path.posix.normalize(path.posix.join(options.baseDir, safeDecode(node.url)));
  if (file.startsWith('../') || path.posix.isAbsolute(file) || !existsSync(path.join(options.root, file))) {
    options.diagnostics.error(options.locate(node), `image ${file} does not exist in the manual`, 'put the image in the manual folder and give its path relative to the chapter file');
    return;
  }
  if (!isInside(realRoot(options.root), file)) {
    options.diagnostics.error(options.locate(node), `image ${file} is a link to a file outside the manual`, 'copy the image itself into the manual folder');
    return;
  }
  node.url = file;
  if (!node.alt?.trim()) {
    options.diagnostics.warning(options.locate(node), `image ${file} has no text alternative, so screen readers cannot say what it shows`, 'write what the image shows between the brackets: ![A flowchart of the referral steps](path)');
  }
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
