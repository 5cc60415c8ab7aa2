import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { ManualError } from '../core/diagnostics.ts';
import { MANIFEST_FILE } from '../load/manifest.ts';

/** Chapters to list: in a new section of this title, or at the end of an existing section. */
export interface ContentsAddition {
  /** The title of the new section, or of the existing one with `existing`. */
  section: string;
  existing: boolean;
  /** Chapter ids, and groups of them (sub-sections, from a document split at Heading 2). */
  entries: (string | { title: string; chapters: string[] })[];
}

/**
 * contents.yml with chapters added, edited through the yaml library's Document so comments,
 * order and quoting stay as written. A chapter already listed is not listed again. An existing
 * section gets the chapters at its end, before a closing `generated: amendments`. Refuses (a
 * ManualError) when a line of the file would be lost, which the Document should never do.
 */
export function addToContents(text: string, additions: readonly ContentsAddition[]): string {
  const doc = parseDocument(text);
  const sections = doc.get('sections');
  if (!isSeq(sections)) throw contentsError('has no "sections:" list to add chapters to', 'add a line "sections:"');
  const listed = listedChapters(sections);
  for (const addition of additions) {
    const entries = addition.entries.flatMap((entry): object[] => {
      if (typeof entry === 'string') return listed.has(entry) ? [] : [{ chapter: entry }];
      const chapters = entry.chapters.filter((id) => !listed.has(id));
      return chapters.length ? [{ title: entry.title, entries: chapters.map((chapter) => ({ chapter })) }] : [];
    });
    if (entries.length === 0) continue;
    if (addition.existing) appendToSection(doc, sections as YAMLSeq, addition.section, entries);
    else sections.add(doc.createNode({ title: addition.section, entries }));
  }
  const written = doc.toString({ lineWidth: 0 });
  assertKeepsLines(text, written);
  return written;
}

function appendToSection(doc: Document, sections: YAMLSeq, title: string, entries: object[]): void {
  const section = sections.items.find((s): s is YAMLMap => isMap(s) && String(s.get('title')) === title);
  if (!section) {
    const titles = sections.items.flatMap((s) => (isMap(s) ? [`"${String(s.get('title'))}"`] : []));
    throw contentsError(`has no section titled "${title}"`, `name one of its sections: ${titles.join(', ')}`);
  }
  const list = section.get('entries');
  if (!isSeq(list)) throw contentsError(`section "${title}" has no "entries:" list`, 'add its entries first');
  let at = list.items.length;
  while (at > 0 && isMap(list.items[at - 1]) && (list.items[at - 1] as YAMLMap).has('generated')) at -= 1;
  list.items.splice(at, 0, ...entries.map((entry) => doc.createNode(entry)));
}

/** Every chapter id the contents lists, at any depth. */
export function listedChapters(node: unknown, found = new Set<string>()): Set<string> {
  if (isSeq(node)) for (const item of node.items) listedChapters(item, found);
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key === 'chapter' && isScalar(pair.value))
        found.add(String(pair.value.value).replace(/^\.\//, '').replace(/\.md$/i, ''));
      else listedChapters(pair.value, found);
    }
  }
  return found;
}

/** Every non-blank line of the old text is still there, in order. */
function assertKeepsLines(before: string, after: string): void {
  const lines = after.split('\n').map((l) => l.trimEnd());
  let at = 0;
  for (const line of before.split('\n').map((l) => l.trimEnd())) {
    if (line.trim() === '') continue;
    while (at < lines.length && lines[at] !== line) at++;
    if (at === lines.length)
      throw contentsError(`would lose the line "${line.trim()}" if edited`, 'add the chapters to the contents by hand');
    at++;
  }
}

function contentsError(message: string, hint: string): ManualError {
  return new ManualError([{ severity: 'error', file: MANIFEST_FILE, message: `${MANIFEST_FILE} ${message}`, hint }]);
}
