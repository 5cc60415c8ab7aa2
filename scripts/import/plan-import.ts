import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { slug as slugify } from 'github-slugger';
import { parseDocument } from 'yaml';
import { Diagnostics, ManualError } from '../core/diagnostics.ts';
import { MANIFEST_FILE, parseManifest } from '../load/manifest.ts';
import { addToContents, listedChapters, type ContentsAddition } from './add-to-contents.ts';
import { sourceOf } from './chapter-markdown.ts';
import { importDocument, type DocumentPlan } from './import-document.ts';
import type { SplitAt } from './split-chapters.ts';

export interface ImportRequest {
  root: string;
  files: readonly string[];
  into?: string;
  splitAt?: SplitAt;
  /** An existing section to add the chapters to, by its title. */
  section?: string;
}

/** A file to write, by its path relative to the manual's root. */
export interface PlannedFile {
  path: string;
  data: string | Uint8Array;
}

export interface ImportPlan {
  documents: DocumentPlan[];
  /** Chapters files, images and linked documents first, contents.yml last. */
  files: PlannedFile[];
  /** Documents imported before (chapters with their name as `source:`), with those chapters' ids. */
  reimports: Map<string, string[]>;
}

/**
 * Converts every file and works out what importing them writes, writing nothing: so a file that
 * cannot be read stops the import before any of it lands. Chapter names never take one of
 * another chapter (on disk or in the contents); a re-imported document's own chapters keep theirs.
 */
export async function planImport(request: ImportRequest): Promise<ImportPlan> {
  const contentsPath = path.join(request.root, MANIFEST_FILE);
  if (!existsSync(contentsPath))
    throw new ManualError([
      {
        severity: 'error',
        file: MANIFEST_FILE,
        message: `the contents manifest ${MANIFEST_FILE} does not exist in ${request.root}`,
        hint: 'import into a manual: run in its folder or give --root DIR',
        ruleId: 'manual-file-missing',
      },
    ]);
  const contents = await readFile(contentsPath, 'utf8');
  const sources = await chapterSources(path.join(request.root, 'chapters'));
  const listed = listedChapters(parseDocument(contents).contents);
  const planned = new Set<string>();
  const documents: DocumentPlan[] = [];
  const reimports = new Map<string, string[]>();
  for (const file of request.files) {
    const name = path.basename(file);
    const into = checkedFolder(request.into ?? (slugify(name.replace(/\.[^.]*$/, '')) || 'imported'));
    const own = [...sources].filter(([, source]) => source === name).map(([id]) => id);
    if (own.length) reimports.set(name, own);
    const taken = (id: string) => planned.has(id) || (sources.has(id) ? sources.get(id) !== name : listed.has(id));
    const document = await importDocument(file, { into, splitAt: request.splitAt, taken });
    for (const chapter of document.chapters) planned.add(chapter.id);
    documents.push(document);
  }
  const files: PlannedFile[] = documents.flatMap((d) => [
    ...[...d.images, ...d.linkedDocuments].map((file) => ({ path: `chapters/${file.path}`, data: file.bytes })),
    ...d.chapters.map((chapter) => ({ path: `chapters/${chapter.id}.md`, data: chapter.markdown })),
  ]);
  const updated = addToContents(
    contents,
    documents.map((d) => additionFor(d, request.section)),
  );
  checkContents(updated);
  if (updated !== contents) files.push({ path: MANIFEST_FILE, data: updated });
  return { documents, files, reimports };
}

function additionFor(document: DocumentPlan, section?: string): ContentsAddition {
  const entries: ContentsAddition['entries'] = [];
  for (const chapter of document.chapters) {
    const last = entries.at(-1);
    if (!chapter.group) entries.push(chapter.id);
    else if (typeof last === 'object' && last.title === chapter.group) last.chapters.push(chapter.id);
    else entries.push({ title: chapter.group, chapters: [chapter.id] });
  }
  const title = document.title ?? document.chapters[0]?.title ?? document.into;
  return { section: section ?? title, existing: section !== undefined, entries };
}

/** The edited contents must still read without errors, or nothing is written. */
function checkContents(text: string): void {
  const diagnostics = new Diagnostics();
  parseManifest(text, diagnostics);
  if (diagnostics.hasErrors()) throw new ManualError(diagnostics.errors);
}

function checkedFolder(into: string): string {
  const folder = into.replace(/^\.\//, '').replace(/\/+$/, '');
  if (folder === '' || path.posix.isAbsolute(folder) || folder.split('/').some((part) => part === '..' || part === ''))
    throw new ManualError([
      {
        severity: 'error',
        file: '--into',
        message: `"${into}" must be a folder inside chapters/`,
        hint: 'give a path relative to chapters/, e.g. --into fostering',
        ruleId: 'path-outside',
      },
    ]);
  return folder;
}

/** Every chapter file under chapters/ by id, with the `source:` of its front matter. */
async function chapterSources(dir: string): Promise<Map<string, string | undefined>> {
  const found = new Map<string, string | undefined>();
  const names = existsSync(dir) ? await readdir(dir, { recursive: true }) : [];
  for (const name of names.filter((n) => n.endsWith('.md'))) {
    const id = name.split(path.sep).join('/').slice(0, -3);
    found.set(id, sourceOf(await readFile(path.join(dir, name), 'utf8')));
  }
  return found;
}
