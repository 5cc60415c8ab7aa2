import path from 'node:path';
import { chapterEnding, withoutChapterEnding } from '../core/chapter-files.ts';

/** A chapter's id from its file (`chapters/care/placements.md`, `.mdx` ... is `care/placements`), or undefined for any other file. */
export function chapterIdOf(file: string): string | undefined {
  return file.startsWith('chapters/') && chapterEnding(file)
    ? withoutChapterEnding(file.slice('chapters/'.length))
    : undefined;
}

/** A link written for a published web site: to a page (`x.html`, `x.htm`) or to a folder (`x/`, `x`). */
export function isSiteLink(filePart: string): boolean {
  return /\.html?$/i.test(filePart) || path.posix.extname(filePart.replace(/\/+$/, '')) === '';
}

/**
 * The chapters a link written for the published site may mean, most likely first. Static site
 * generators publish `x.md` as `x.html` (mdBook) or as the folder `x/` (MkDocs), and a folder's
 * `index.md` or `README.md` as the folder; MkDocs writes a page's links from its folder, one
 * level below the file's. `baseDirs` are the folders the link may be written from.
 */
export function siteCandidates(filePart: string, baseDirs: readonly string[]): string[] {
  const ids: string[] = [];
  for (const base of baseDirs) {
    const stem = path.posix
      .normalize(path.posix.join(base, filePart))
      .replace(/\/+$/, '')
      .replace(/\.html?$/i, '');
    const folder = /\/(index|README|_index)$/i.test(stem) ? stem.replace(/\/[^/]+$/, '') : undefined;
    for (const file of [stem, `${stem}/index`, `${stem}/README`, `${stem}/_index`, ...(folder ? [folder] : [])]) {
      const id = chapterIdOf(`${file}.md`);
      if (id !== undefined && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}
