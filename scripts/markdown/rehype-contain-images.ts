import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'hast';
import { forEachElement } from './for-each-element.ts';

/**
 * The last guard before any renderer reads an image file: an image is kept, as the path of its
 * file, only if that path, relative to the manual's root and with symbolic links followed, is a
 * file inside the manual, or if it is an image carried in a data: address. Anything else (a web
 * address, a path that climbs out, a link to a file elsewhere) shows its text alternative
 * instead, so no output ever carries a file from outside the manual or makes a request.
 */
export function rehypeContainImages(root: string, baseRoot?: string) {
  const inside = realRoot(root);
  const base = baseRoot === undefined ? [] : [realRoot(baseRoot)];
  return (tree: Root): void => {
    forEachElement(tree, (node, index, parent) => {
      if (node.tagName !== 'img') return;
      const src = typeof node.properties.src === 'string' ? node.properties.src : '';
      if (/^data:image\//i.test(src)) return;
      // The model holds a file's path, which markdown wrote as an address (`image%20(1).png`).
      const file = decodedPath(src);
      if (isInside(inside, file, base)) {
        node.properties.src = file;
        return;
      }
      parent.children[index] = {
        type: 'text',
        value: typeof node.properties.alt === 'string' ? node.properties.alt : '',
      };
    });
  };
}

/** A relative address as the path of the file it names; an address that is no valid encoding as it is. */
export function decodedPath(address: string): string {
  try {
    return decodeURIComponent(address);
  } catch {
    return address;
  }
}

export function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return path.resolve(root);
  }
}

/**
 * True for a path relative to `root` that names an existing file inside it, or inside one of the
 * `also` folders (a base manual's, real paths), after every link is followed.
 */
export function isInside(root: string, src: string, also: readonly string[] = []): boolean {
  if (!src || /^[a-z][a-z0-9+.-]*:/i.test(src) || path.isAbsolute(src)) return false;
  try {
    const real = realpathSync(path.join(root, src));
    return [root, ...also].some((folder) => real.startsWith(`${folder}${path.sep}`));
  } catch {
    return false;
  }
}
