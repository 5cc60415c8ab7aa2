import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Root } from 'hast';
import type { Assets } from '../../core/book.ts';
import { mapImageSources } from '../map-elements.ts';

/**
 * The images the site's pages use, each copied once into `images/`, named by a hash of its
 * content (the same image under two paths is one file) with its extension kept for its type.
 */
export class SiteImages {
  private readonly fileOfPath = new Map<string, string>();
  private readonly used = new Map<string, string>();

  constructor(private readonly assets: Assets) {}

  /** The site file of an image of the manual (a path relative to its root), copied into the site. */
  fileOf(source: string): string {
    let file = this.fileOfPath.get(source);
    if (!file) {
      const hash = createHash('sha256').update(this.assets.read(source)).digest('hex').slice(0, 20);
      file = `images/${hash}${path.extname(source).toLowerCase()}`;
      this.fileOfPath.set(source, file);
      this.used.set(file, source);
    }
    return file;
  }

  /** A rehype transform pointing each image at its copy, by a link from `address`. */
  transform(address: (file: string) => string) {
    return () => (tree: Root) => mapImageSources(tree, (source) => address(this.fileOf(source)));
  }

  /** Every image used, as site files, in the order first used. */
  files(): { name: string; data: Buffer }[] {
    return [...this.used].map(([name, source]) => ({ name, data: this.assets.read(source) }));
  }
}
