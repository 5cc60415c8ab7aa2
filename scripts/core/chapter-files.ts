/**
 * The file names a chapter may have. Site generators give markdown other endings: MDX
 * (Docusaurus), `.markdown` (Jekyll), and Middleman's `.html.md.erb` and `.html.md` (the GOV.UK
 * Tech Docs Template). A chapter's id is its path under chapters/ without the ending, so a link,
 * an amendment or a see-also names it the same way whatever the ending.
 */
export const CHAPTER_ENDINGS = ['.md', '.mdx', '.markdown', '.html.md.erb', '.html.md', '.md.erb'] as const;

/** The ending of a chapter file's name, or undefined for a file that is no chapter. */
export function chapterEnding(file: string): string | undefined {
  const lower = file.toLowerCase();
  // Longest first: `.html.md.erb` before `.md.erb`.
  return [...CHAPTER_ENDINGS].sort((a, b) => b.length - a.length).find((ending) => lower.endsWith(ending));
}

/** `care/visits.md`, `docs/intro.mdx`, `manuals/access.html.md.erb` -> the path without its ending; any other path as it is. */
export function withoutChapterEnding(file: string): string {
  const ending = chapterEnding(file);
  return ending ? file.slice(0, -ending.length) : file;
}

/**
 * Files a site generator keeps beside its pages that are no chapter of a manual: GitBook's
 * table of contents and the partials and layout parts whose names start with "_" (Hugo's
 * `_index.md`, a section's own page, is a chapter).
 */
export function isSiteGeneratorPart(file: string): boolean {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return /^SUMMARY\.md$/i.test(name) || (name.startsWith('_') && !/^_index\./i.test(name));
}
