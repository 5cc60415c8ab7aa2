import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { slug as slugify } from 'github-slugger';
import type { Root } from 'mdast';
import { ManualError } from '../core/diagnostics.ts';
import type { ErrorRule } from '../core/rules.ts';
import { chapterMarkdown } from './chapter-markdown.ts';
import { attachNotes, notesNotCarried } from './chapter-notes.ts';
import { cleanHtml } from './clean-html.ts';
import { reviewDocx, type DocxReview } from './docx-review.ts';
import { docxToHtml } from './docx-to-html.ts';
import { htmlToMarkdown } from './html-to-markdown.ts';
import { linkChapters } from './internal-links.ts';
import { readWebPage } from './read-web-page.ts';
import { defaultSplit, splitChapters, type SplitAt } from './split-chapters.ts';
import { tidyMarkdown } from './tidy-markdown.ts';
import type { ChapterFile, ImportImage, ReadDocument } from './types.ts';

/** One document converted, nothing written yet. */
export interface DocumentPlan {
  /** The file as given on the command line. */
  file: string;
  /** Its name, which the chapters' `source:` records. */
  name: string;
  /** The document's own title, when it has one. */
  title?: string;
  /** The folder under chapters/ its chapters and images go into. */
  into: string;
  chapters: ChapterFile[];
  /** Paths relative to chapters/. */
  images: ImportImage[];
  /** The documents its chapters link to, taken with it; paths relative to chapters/. */
  linkedDocuments: ImportImage[];
  /** What the report says about it, each a line. */
  notes: string[];
}

export interface DocumentOptions {
  into: string;
  splitAt?: SplitAt;
  /** Whether a chapter id is taken by another chapter (on disk, in the contents or earlier in this import). */
  taken: (id: string) => boolean;
}

/** Reads one .docx or saved web page and converts it into chapters; throws a ManualError naming it when it cannot be read. */
export async function importDocument(file: string, options: DocumentOptions): Promise<DocumentPlan> {
  const name = path.basename(file);
  const prefix = slugify(name.replace(/\.[^.]*$/, '')) || 'document';
  const { read, review } = await readDocument(file, prefix);
  const cleaned = cleanHtml(read.tree);
  const markdown = htmlToMarkdown(read.tree);
  const numbers = tidyMarkdown(markdown.root);
  const title = review?.title ?? read.title ?? cleaned.titles[0];
  const fallbackTitle = title ?? titleFromName(name);
  const splitAt = options.splitAt ?? defaultSplit(markdown.root.children);
  const drafts = splitChapters(markdown.root.children, splitAt, fallbackTitle);
  const notes = [...read.notes];
  const mine = new Set<string>();
  const usedNotes = new Set<string>();
  const linked = drafts.map((draft) => {
    const id = uniqueId(options.into, draft.title, (candidate) => mine.has(candidate) || options.taken(candidate));
    mine.add(id);
    const body: Root = { type: 'root', children: draft.blocks };
    for (const missing of attachNotes(body, markdown.notes, usedNotes))
      notes.push(`a reference to note "${missing}", which the document lacks, was dropped`);
    return { id, body, titleIds: draft.titleIds ?? [], draft };
  });
  notes.push(...notesNotCarried(markdown.notes, usedNotes));
  notes.push(...linkChapters(linked));
  const meta = { source: name, sourceTitle: title };
  const chapters = linked.map(({ id, body, draft }) => ({
    id,
    title: draft.title,
    group: draft.group,
    markdown: chapterMarkdown(meta, draft.title, body),
  }));
  notes.unshift(...summary(cleaned.tocLines, numbers, splitAt, review));
  const beside = (file: ImportImage) => ({ ...file, path: `${options.into}/${file.path}` });
  const linkedDocuments = (read.linkedDocuments ?? []).map(beside);
  return { file, name, title, into: options.into, chapters, images: read.images.map(beside), linkedDocuments, notes };
}

async function readDocument(file: string, prefix: string): Promise<{ read: ReadDocument; review?: DocxReview }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw failure(
      file,
      code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? (e as Error).message})`,
      'check the path',
      'import-file-unreadable',
    );
  }
  const extension = path.extname(file).toLowerCase();
  if (extension === '.html' || extension === '.htm')
    return { read: await readWebPage(file, bytes.toString('utf8'), prefix) };
  if (extension !== '.docx')
    throw failure(
      file,
      `"${extension || 'no extension'}" is not a kind of file import reads`,
      'import Word documents (.docx) or saved web pages (.html); save older .doc files as .docx first',
      'import-file-kind',
    );
  if (bytes.subarray(0, 2).toString('latin1') !== 'PK')
    throw failure(
      file,
      'not a Word document: a .docx file is a zip file, and this is not one',
      'open it in Word and save it again as "Word Document (.docx)"',
      'import-docx-damaged',
    );
  try {
    const [html, review] = await Promise.all([docxToHtml(bytes, prefix), reviewDocx(bytes)]);
    return { read: { ...html, title: review.title }, review };
  } catch (e) {
    throw failure(
      file,
      `a damaged Word document: ${(e as Error).message.split('\n')[0]}`,
      'open it in Word and save it again as "Word Document (.docx)"',
      'import-docx-damaged',
    );
  }
}

function failure(file: string, message: string, hint: string, ruleId: ErrorRule): ManualError {
  return new ManualError([{ severity: 'error', file, message, hint, ruleId }]);
}

/** `DIR/slug-of-title`, with -2, -3 ... when another chapter has it. */
function uniqueId(into: string, title: string, taken: (id: string) => boolean): string {
  const base = (slugify(title).slice(0, 60).replace(/-+$/, '') || 'chapter').replace(/^-+/, '');
  for (let n = 1; ; n++) {
    const id = `${into}/${n === 1 ? base : `${base}-${n}`}`;
    if (!taken(id)) return id;
  }
}

/** "fostering-procedures.docx" -> "Fostering procedures". */
function titleFromName(name: string): string {
  const words = name
    .replace(/\.[^.]*$/, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return words ? words[0].toUpperCase() + words.slice(1) : 'Imported document';
}

function summary(tocLines: number, numbers: string[], splitAt: SplitAt, review?: DocxReview): string[] {
  const lines: string[] = [];
  lines.push(splitAt === 'none' ? 'kept whole, one chapter' : `split into chapters at each Heading ${splitAt}`);
  if (tocLines > 0) lines.push(`the table of contents was dropped (${tocLines} lines): the manual makes its own`);
  if (numbers.length > 0)
    lines.push(
      `typed heading numbers were dropped (${numbers.map((n) => `"${n}"`).join(', ')}): the manual numbers headings itself`,
    );
  for (const comment of review?.comments ?? [])
    lines.push(
      `comment by ${comment.author}${comment.on ? ` on "${comment.on}"` : ''}: "${comment.text}" (not carried over; the text it is on is kept)`,
    );
  for (const change of review?.changes ?? [])
    lines.push(
      `tracked ${change.kind} by ${change.author}: "${change.text}" (accepted: ${change.kind === 'deletion' || change.kind === 'moved from' ? 'dropped' : 'kept'})`,
    );
  return lines;
}
