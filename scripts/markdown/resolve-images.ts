import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Image } from 'mdast';
import { emptyShapesIn } from '../core/svg-empty-shapes.ts';
import { HAS_SCHEME } from '../core/urls.ts';
import { decodedPath, isInside, realRoot } from './rehype-contain-images.ts';
import type { Resolved, ResolveLinksOptions } from './link-types.ts';

/**
 * Checks an image and says where its file is, relative to the manual's root. Its address is
 * decoded first (`image%20(12).png` is `image (12).png`); one from the site's root
 * (`/img/flow.png`) is looked for in the site's root folder and its static folders, after the
 * base path. Images on the web stay their text alternative, with a warning.
 */
export function resolveImage(node: Image, options: ResolveLinksOptions): Resolved | undefined {
  if (/^file:/i.test(node.url)) {
    options.diagnostics.error(
      options.locate(node),
      `image ${node.url} is a link to a file outside the manual`,
      'copy the image itself into the manual folder and give its path relative to the chapter file',
      'image-outside',
    );
    return undefined;
  }
  if (HAS_SCHEME.test(node.url)) {
    if (!node.url.startsWith('data:')) {
      options.diagnostics.warning(
        options.locate(node),
        `image ${node.url} is on the web; editions never fetch it, so readers see its alt text`,
        'save the image under chapters/ and link to it by a relative path',
        'image-on-the-web',
      );
    }
    return undefined;
  }
  // `img.png#small` and `img.png?v=2` name the file img.png.
  const written = decodedPath(node.url.replace(/[?#].*$/s, ''));
  const files = written.startsWith('/')
    ? fromSiteRoot(written, options)
    : [path.posix.normalize(path.posix.join(options.baseDir, written))];
  const file = files.find(
    (candidate) =>
      (!candidate.startsWith('../') || (options.base && candidate.startsWith(options.base.prefix))) &&
      existsSync(path.join(options.root, candidate)),
  );
  if (file === undefined || path.posix.isAbsolute(file)) {
    const looked = files.map((candidate) => path.posix.dirname(candidate)).join(', ');
    options.diagnostics.error(
      options.locate(node),
      `image ${written.startsWith('/') ? `${written} (looked for in ${looked})` : files[0]} does not exist in the manual`,
      'put the image in the manual folder and give its path relative to the chapter file',
      'image-missing',
    );
    return undefined;
  }
  if (!isInside(realRoot(options.root), file, options.base ? [realRoot(options.base.root)] : [])) {
    options.diagnostics.error(
      options.locate(node),
      `image ${file} is a link to a file outside the manual`,
      'copy the image itself into the manual folder',
      'image-outside',
    );
    return undefined;
  }
  if (/\.svg$/i.test(file)) reportEmptyShapes(node, file, options);
  if (!node.alt?.trim()) {
    options.diagnostics.warning(
      options.locate(node),
      `image ${file} has no text alternative, so screen readers cannot say what it shows`,
      'write what the image shows between the brackets: ![A flowchart of the referral steps](path)',
      'image-no-alt',
    );
  }
  return { url: file };
}

/** Warns, at the image, of an SVG's shapes that draw nothing, which the EPUB leaves out (see svg-empty-shapes.ts). */
function reportEmptyShapes(node: Image, file: string, options: ResolveLinksOptions): void {
  let text: string;
  try {
    text = readFileSync(path.join(options.root, file), 'utf8');
  } catch {
    return;
  }
  const found = [...emptyShapesIn(text)].map(([name, count]) => `${count} <${name}>`);
  if (found.length === 0) return;
  options.diagnostics.warning(
    options.locate(node),
    `image ${file} holds shapes that draw nothing, as a required attribute is missing (${found.join(', ')}); the EPUB leaves them out, since EPUB 3 refuses them`,
    'open the drawing in its tool and delete the empty shape, or export it again',
    'svg-empty-shape',
  );
}

/** The files an image address from the site's root may name: in the root folder, then in each static folder. */
function fromSiteRoot(written: string, options: ResolveLinksOptions): string[] {
  const site = options.addresses?.site;
  const basePath = site?.basePath ?? '/';
  const fromRoot = basePath !== '/' && written.startsWith(basePath) ? written.slice(basePath.length) : written;
  const folders = [site?.root ?? 'chapters', ...(site?.staticFolders ?? [])];
  return folders.map((folder) => path.posix.normalize(path.posix.join(folder, fromRoot)));
}
