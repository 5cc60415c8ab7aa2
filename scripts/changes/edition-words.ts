import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, ElementContent, RootContent } from 'hast';
import JSZip from 'jszip';
import { blockUnits, wordsOf, type BlockUnit } from '../core/block-units.ts';
import { parseReleaseRecord, RELEASE_FILE, type ReleaseRecord } from '../load/release-record.ts';
import { chapterElements, isChapterFrame, parseXhtml } from '../load/released-units.ts';
import { chapterAnchor } from '../number/anchors.ts';
import type { WordedUnit } from './compare-units.ts';

/** A chapter as an edition printed it: its number, title and units with their words. */
export interface EditionChapter {
  id: string;
  number?: string;
  title: string;
  units: WordedUnit[];
}

export interface EditionWords {
  edition: ReleaseRecord['edition'];
  /** In the edition's order. */
  chapters: Map<string, EditionChapter>;
}

/**
 * An archived edition's chapters with their words, read from its EPUB (the record keeps only the
 * units' hashes). The record must agree with what the EPUB prints: each chapter's number, title
 * and units; otherwise the problems say where they disagree, and nothing is returned.
 */
export async function readEditionWords(folder: string): Promise<EditionWords | { problems: string[] }> {
  const record = parseReleaseRecord(await readFile(path.join(folder, RELEASE_FILE), 'utf8'));
  if (typeof record === 'string') return { problems: [`${RELEASE_FILE} cannot be read: ${record}`] };
  const epub = record.files.map((f) => f.name).find((name) => name.endsWith('.epub') && !name.includes('/'));
  if (!epub) return { problems: [`${RELEASE_FILE} lists no EPUB, where the edition's words are read`] };
  const printed = await epubChapters(path.join(folder, epub));
  const chapters = new Map<string, EditionChapter>();
  const problems: string[] = [];
  for (const [id, released] of Object.entries(record.chapters)) {
    const element = printed.get(chapterAnchor(id));
    if (!element) {
      problems.push(`${epub} has no chapter ${id}, which ${RELEASE_FILE} lists`);
      continue;
    }
    const chapter = { id, number: released.number, title: released.title, units: wordedUnits(element) };
    problems.push(...disagreements(chapter, element, released.units, epub));
    chapters.set(id, chapter);
  }
  return problems.length > 0 ? { problems } : { edition: record.edition, chapters };
}

/**
 * The worded units of the chapters `ids` in an EPUB's bytes, by chapter id: only the documents
 * that hold one of them are parsed, so a few chapters of a large edition are read quickly.
 */
export async function epubChapterWords(bytes: Buffer, ids: Iterable<string>): Promise<Map<string, WordedUnit[]>> {
  const wanted = new Map([...ids].map((id) => [chapterAnchor(id), id]));
  const found = new Map<string, WordedUnit[]>();
  if (wanted.size === 0) return found;
  const zip = await JSZip.loadAsync(bytes);
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || !/\.x?html$/.test(entry.name)) continue;
    const text = await entry.async('string');
    if (![...text.matchAll(/\bid="([^"]+)"/g)].some((m) => wanted.has(m[1]))) continue;
    for (const chapter of chapterElements(parseXhtml(text))) {
      const id = wanted.get(String(chapter.properties.id));
      if (id !== undefined) found.set(id, wordedUnits(chapter));
    }
  }
  return found;
}

/** Each chapter element of an EPUB, by its id. */
async function epubChapters(file: string): Promise<Map<string, Element>> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const chapters = new Map<string, Element>();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || !/\.x?html$/.test(entry.name)) continue;
    const tree = parseXhtml(await entry.async('string'));
    for (const chapter of chapterElements(tree)) chapters.set(String(chapter.properties.id), chapter);
  }
  return chapters;
}

/** The units of a chapter element with their words, its title and remark left out as change marks leave them. */
function wordedUnits(chapter: Element): WordedUnit[] {
  return unitsWithWords(chapter.children.filter((n) => !isChapterFrame(n)));
}

/** The units of a chapter's body (a book model's, or an edition's chapter element's) with their words. */
export function unitsWithWords(body: (RootContent | ElementContent)[]): WordedUnit[] {
  return blockUnits(body).map(({ path: at, ...unit }: BlockUnit) => ({ ...unit, words: wordsOf(elementAt(body, at)) }));
}

function elementAt(children: (RootContent | ElementContent)[], at: number[]): Element {
  let node = children[at[0]] as Element;
  for (const i of at.slice(1)) node = node.children[i] as Element;
  return node;
}

/** Where the record and the EPUB disagree about a chapter: its number and title, and its units when recorded. */
function disagreements(chapter: EditionChapter, element: Element, recorded: unknown[] | undefined, epub: string) {
  const problems: string[] = [];
  const title = titleOf(element);
  const [number, words] = [title.number ?? '', title.title];
  if (number !== (chapter.number ?? '') || words !== chapter.title)
    problems.push(
      `${RELEASE_FILE} gives chapter ${chapter.id} as "${[chapter.number, chapter.title].filter(Boolean).join(' ')}", ${epub} prints "${[number, words].filter(Boolean).join(' ')}"`,
    );
  const hashes = (recorded ?? []).map((u) => (Array.isArray(u) ? String(u[1]) : ''));
  if (recorded && hashes.join() !== chapter.units.map((u) => u.hash).join())
    problems.push(`${RELEASE_FILE} records other words for chapter ${chapter.id} than ${epub} prints`);
  return problems;
}

/** The number and title a chapter's heading prints. */
function titleOf(chapter: Element): { number?: string; title: string } {
  const heading = chapter.children.find(
    (n): n is Element => n.type === 'element' && isChapterFrame(n) && /^h\d$/.test(n.tagName),
  );
  const part = (name: string) => {
    const found = heading?.children.find(
      (n): n is Element =>
        n.type === 'element' && Array.isArray(n.properties.className) && n.properties.className.includes(name),
    );
    return found ? wordsOf(found) : undefined;
  };
  return { number: part('entry-number'), title: part('entry-title') ?? (heading ? wordsOf(heading) : '') };
}
