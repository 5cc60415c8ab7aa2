import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Root, Yaml } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Acceptance, Diagnostics } from '../core/diagnostics.ts';
import { KEEP_NO_CHECKS, type KeepChecked } from '../core/kept.ts';
import type { ParseMarkdown, ParsedChapter } from './markdown-cache.ts';
import { CHAPTER_ENDINGS } from '../core/chapter-files.ts';
import type { ChapterEntry, ChapterSource, Review } from './types.ts';
import { readFrontMatterAccepted } from './accept-spec.ts';
import { readReview } from './review.ts';
import { YamlFile } from './yaml-file.ts';

/**
 * The largest chapter `check` accepts: 2 MB of markdown prints about 800 pages. A bigger one is
 * almost always a paste accident (a whole document, or a table exported from a spreadsheet), and
 * printing it would take minutes and gigabytes; refusing it up front, before it is read, costs nothing.
 */
export const MAX_CHAPTER_BYTES = 2 * 1024 * 1024;
const MEGABYTE = 1024 * 1024;

/**
 * The file of a chapter the contents lists: the one it names with its ending, else the first
 * of `chapters/ID.md`, `.mdx` ... that exists, else `chapters/ID.md`, which the error names.
 */
export async function chapterFile(root: string, entry: Pick<ChapterEntry, 'id' | 'file'>): Promise<string> {
  if (entry.file) return entry.file;
  for (const ending of CHAPTER_ENDINGS) {
    const file = `chapters/${entry.id}${ending}`;
    if ((await sizeOf(path.join(root, file))) !== undefined) return file;
  }
  return `chapters/${entry.id}.md`;
}

/**
 * Reads and parses one chapter listed in the contents (`where`: the place it lists it). `keep`
 * may return the chapter as read before from the same bytes of the same file.
 */
export async function readChapter(
  root: string,
  entry: Pick<ChapterEntry, 'id' | 'file' | 'where'>,
  diagnostics: Diagnostics,
  parse: ParseMarkdown,
  keep: KeepChecked = KEEP_NO_CHECKS,
): Promise<ChapterSource | undefined> {
  const { id, where: listedAt } = entry;
  const file = await chapterFile(root, entry);
  const size = await sizeOf(path.join(root, file));
  if (size === undefined) {
    diagnostics.error(
      listedAt,
      `chapter file ${file} does not exist`,
      `create ${file}, or correct the path in the contents`,
      'chapter-missing',
    );
    return undefined;
  }
  if (size > MAX_CHAPTER_BYTES) {
    const megabytes = `${(size / MEGABYTE).toFixed(1)} MB`;
    diagnostics.error(
      { file, line: 1, column: 1 },
      `chapter is ${megabytes}; the largest a chapter may be is ${MAX_CHAPTER_BYTES / MEGABYTE} MB`,
      'split it into several chapters in chapters/contents.yml',
      'chapter-too-large',
    );
    return undefined;
  }
  const bytes = await readFile(path.join(root, file));
  if (!isUtf8(bytes)) {
    diagnostics.error(
      { file, line: firstBadLine(bytes), column: 1 },
      'the chapter is not valid UTF-8 text',
      'save the file as UTF-8 (in Word: "Plain Text" with Unicode (UTF-8) encoding); text pasted from old documents is the usual cause',
      'not-utf8',
    );
    return undefined;
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return keep(`chapter ${id}`, `${file}\n${sha256}`, diagnostics, async (found) => {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    return fromMarkdown({ id, file, sha256 }, await parse(text, id), found);
  });
}

/** The size of a chapter file in bytes, or undefined when there is no such file. */
async function sizeOf(file: string): Promise<number | undefined> {
  try {
    const found = await stat(file);
    return found.isFile() ? found.size : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR')
      return undefined;
    throw e;
  }
}

function firstBadLine(bytes: Buffer): number {
  let start = 0;
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(0x0a, start);
    const slice = bytes.subarray(start, end === -1 ? bytes.length : end);
    if (!isUtf8(slice) || end === -1) return line;
    start = end + 1;
  }
}

function fromMarkdown(
  { id, file, sha256 }: Pick<ChapterSource, 'id' | 'file' | 'sha256'>,
  parsed: ParsedChapter,
  diagnostics: Diagnostics,
): ChapterSource | undefined {
  const frontMatter = readFrontMatter(file, parsed.frontMatter, diagnostics);
  if (frontMatter === undefined) return undefined;
  const { title: declared, ...meta } = frontMatter.values;
  if (declared !== undefined && typeof declared !== 'string') {
    diagnostics.error(
      { file, line: 2, column: 1 },
      'the front matter "title" must be a line of text',
      'write it as title: "The Chapter Title"',
      'wrong-kind',
    );
    return undefined;
  }
  const heading = parsed.opening?.depth === 1 ? parsed.opening : undefined;
  const title = declared ?? (heading ? toString(heading).trim() : undefined);
  let nodes = parsed.nodes;
  let leading = parsed.frontMatter ? 1 : 0;
  // The title is printed once, by the templates: a title heading in the body would repeat it.
  if (heading && toString(heading).trim() === title) {
    nodes = { ...nodes, headings: nodes.headings.filter((h) => h !== heading) };
    leading += 1;
  }
  if (!title) {
    diagnostics.warning(
      { file, line: 1, column: 1 },
      'the chapter has no title',
      'start it with a "# Title" line, or give "title:" in its front matter',
      'chapter-no-title',
    );
  }
  let body: Root | undefined;
  const tree = () => (body ??= withoutLeading(parsed.tree(), leading));
  const { review, accept } = frontMatter;
  return { id, file, sha256, title: title || path.posix.basename(id), meta, review, accept, tree, nodes };
}

/** The tree without its first `count` nodes (the front matter and the title heading). */
function withoutLeading(tree: Root, count: number): Root {
  return count === 0 ? tree : { ...tree, children: tree.children.slice(count) };
}

/** The front matter's keys (empty when there is none), the chapter's owner and review date, and the warnings it accepts. */
function readFrontMatter(
  file: string,
  node: Yaml | undefined,
  diagnostics: Diagnostics,
): { values: Record<string, unknown>; review: Review; accept: Acceptance[] } | undefined {
  const none = { values: {}, review: {}, accept: [] };
  if (!node) return none;
  const yaml = new YamlFile(file, node.value, diagnostics, node.position?.start.line ?? 0);
  if (!yaml.ok) return undefined;
  const value: unknown = yaml.doc.toJS();
  if (value === null || value === undefined) return none;
  if (typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.error(
      { file, line: 2, column: 1 },
      'the front matter must be "key: value" lines',
      'write it as lines such as title: "The Chapter Title"',
      'wrong-kind',
    );
    return undefined;
  }
  return {
    values: value as Record<string, unknown>,
    review: readReview(yaml),
    accept: readFrontMatterAccepted(yaml, file),
  };
}
