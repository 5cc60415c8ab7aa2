import path from 'node:path';
import type { Link } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { isFile, withoutBasePath } from './link-chapters.ts';
import { isInside, realRoot } from './rehype-contain-images.ts';
import type { Resolved, ResolveLinksOptions } from './link-types.ts';

/**
 * A link to a document of the manual (see DOCUMENT_ENDINGS): by its path from the chapter, or
 * from the site's root or static folders. The document joins the manual's documents; the link
 * keeps its file (relative to the root) for renderers to write where they publish it. Undefined
 * when no such file is inside chapters/ (the link is checked as any other); null when the file
 * is refused (reported at the link).
 */
export function documentTarget(
  node: Link,
  filePart: string,
  fragment: string | undefined,
  options: ResolveLinksOptions,
): Resolved | null | undefined {
  const { documents } = options;
  if (!documents) return undefined;
  const site = options.addresses?.site;
  const candidates = filePart.startsWith('/')
    ? [site?.root ?? 'chapters', ...(site?.staticFolders ?? [])].map((dir) =>
        path.posix.join(dir, withoutBasePath(filePart, site?.basePath ?? '/')),
      )
    : [path.posix.normalize(path.posix.join(options.baseDir, filePart))];
  const file = candidates.find(
    (candidate) => candidate.startsWith('chapters/') && isFile(path.join(options.root, candidate)),
  );
  if (file === undefined || !isInside(realRoot(options.root), file)) return undefined;
  const text = toString(node);
  const document = documents.link(options.locate(node), file, { chapter: options.selfId, text });
  if (!document) return null;
  return {
    url: fragment ? `${file}#${encodeURI(fragment)}` : file,
    document: file,
    text: text.trim() === '' ? documents.titleOf(file) : undefined,
  };
}
