import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isDocumentName } from '../core/document-kind.ts';

/** The image files of chapters/ the preview serves; any other file of the manual stays private. */
export const IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
};

/**
 * The site path a request's raw target names (`chapters/x.html`; '' for the site's root), or
 * undefined when it could name anything outside: the target is decoded once, and any segment
 * that is empty, starts with a dot, or holds a backslash, a NUL, a control character or a `%`
 * (what is left of a double encoding) refuses it. Nothing is normalised, so `a/../b` is refused,
 * never read as `b`.
 */
export function sitePath(target: string): string | undefined {
  if (!target.startsWith('/')) return undefined;
  const rawPath = target.split(/[?#]/, 1)[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath.slice(1));
  } catch {
    return undefined;
  }
  if (decoded === '') return '';
  const segments = (decoded.endsWith('/') ? decoded.slice(0, -1) : decoded).split('/');
  const unsafe = (segment: string) =>
    segment === '' || segment.startsWith('.') || /[\\%\u0000-\u001f\u007f]/.test(segment);
  return segments.some(unsafe) ? undefined : decoded;
}

/**
 * The real path of `relative` (a site path) when it is an image file under `chaptersDir` itself:
 * links are followed with realpath, so a symbolic link out of the manual is refused like `..`.
 */
export function containedImage(chaptersDir: string, relative: string): Promise<string | undefined> {
  return containedFile(chaptersDir, relative, (name) => IMAGE_TYPES[path.extname(name).toLowerCase()] !== undefined);
}

/**
 * The real path of a document the edition publishes (`file`, relative to the manual's folder)
 * when it is a file inside the manual, as checking found it, and still named as a document once
 * every link is followed: a link swapped since to a chapter's source or out of the manual is refused.
 */
export function containedDocument(manualDir: string, file: string): Promise<string | undefined> {
  return containedFile(manualDir, file, isDocumentName);
}

/** The real path of `relative` under `base` when it is a file there whose name, before and after links are followed, `accepts`. */
async function containedFile(
  base: string,
  relative: string,
  accepts: (name: string) => boolean,
): Promise<string | undefined> {
  if (!accepts(relative) || relative.endsWith('/')) return undefined;
  try {
    const [real, file] = await Promise.all([realpath(base), realpath(path.join(base, relative))]);
    if (!file.startsWith(`${real}${path.sep}`) || !accepts(file)) return undefined;
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}
