import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument, stringify, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { ManualError } from '../core/diagnostics.ts';
import { MANIFEST_FILE } from '../load/manifest.ts';

/** Chapters to list: in a new section of this title, or at the end of an existing section. */
export interface ContentsAddition {
  /** The title of the new section, or of the existing one with `existing`. */
  section: string;
  existing: boolean;
  /** Chapter ids, and groups of them (subsections, from a document split at Heading 2). */
  entries: (string | { title: string; chapters: string[] })[];
}

/**
 * contents.yml with chapters added. The yaml library's Document finds where (every node knows its
 * place in the text) and writes the new entries, which go into the text as it is: re-printing the
 * whole Document would re-space aligned comments. An existing section gets the chapters at its
 * end, before a closing `generated: amendments`; a chapter already listed is not listed again.
 * The result is read back and must be the old contents plus the new entries, with every line of
 * the old text, or nothing is returned (a ManualError).
 */
export function addToContents(text: string, additions: readonly ContentsAddition[]): string {
  let written = text;
  const listed = listedChapters(parseDocument(text).contents);
  const expected = parseDocument(text).toJS() as { sections: { title: string; entries: unknown[] }[] };
  for (const addition of additions) {
    const entries = addition.entries.flatMap((entry): object[] => {
      if (typeof entry === 'string') return listed.has(entry) ? [] : [{ chapter: entry }];
      const chapters = entry.chapters.filter((id) => !listed.has(id));
      return chapters.length ? [{ title: entry.title, entries: chapters.map((chapter) => ({ chapter })) }] : [];
    });
    if (entries.length === 0) continue;
    const sections = parseDocument(written).get('sections');
    if (!isSeq(sections) || sections.items.length === 0)
      throw contentsError('has no "sections:" list to add chapters to', 'add a section by hand first');
    if (addition.existing) {
      written = appendToSection(written, sections, addition.section, entries);
      const section = expected.sections.find((s) => s.title === addition.section)!;
      section.entries.splice(entriesBeforeGenerated(section.entries), 0, ...entries);
    } else {
      const section = { title: addition.section, entries };
      written = insertItem(written, sections.items.at(-1) as Node, [section], 'after');
      expected.sections.push(section);
    }
  }
  verify(text, written, expected);
  return written;
}

function appendToSection(text: string, sections: YAMLSeq, title: string, entries: object[]): string {
  const section = sections.items.find((s): s is YAMLMap => isMap(s) && String(s.get('title')) === title);
  if (!section) {
    const titles = sections.items.flatMap((s) => (isMap(s) ? [`"${String(s.get('title'))}"`] : []));
    throw contentsError(`has no section titled "${title}"`, `name one of its sections: ${titles.join(', ')}`);
  }
  const list = section.get('entries');
  if (!isSeq(list) || list.items.length === 0)
    throw contentsError(`section "${title}" has no entries to add after`, 'add its entries first');
  const at = entriesBeforeGenerated(
    list.items.map((item) => (isMap(item) && item.has('generated') ? { generated: 1 } : {})),
  );
  return at < list.items.length
    ? insertItem(text, list.items[at] as Node, entries, 'before')
    : insertItem(text, list.items.at(-1) as Node, entries, 'after');
}

/** Where entries go in a list: before the `generated:` entries that close it. */
function entriesBeforeGenerated(entries: unknown[]): number {
  let at = entries.length;
  while (
    at > 0 &&
    typeof entries[at - 1] === 'object' &&
    entries[at - 1] !== null &&
    'generated' in (entries[at - 1] as object)
  )
    at -= 1;
  return at;
}

/** The text with `items` written as list items beside `item`, indented as it is. */
function insertItem(text: string, item: Node, items: object[], where: 'before' | 'after'): string {
  const [start, valueEnd] = item.range!;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const prefix = text.slice(lineStart, start); // "  - "
  if (!/^ *- +$/.test(prefix))
    throw contentsError('is written in a layout import cannot add to', 'add the chapters by hand');
  const indent = ' '.repeat(prefix.length);
  const block = items
    .map((value) =>
      stringify(value, { lineWidth: 0 })
        .trimEnd()
        .split('\n')
        .map((line, i) => (i === 0 ? prefix : indent) + line)
        .join('\n'),
    )
    .join('\n');
  if (where === 'before') return `${text.slice(0, lineStart)}${block}\n${text.slice(lineStart)}`;
  const newline = text.indexOf('\n', valueEnd - 1);
  const at = newline === -1 ? text.length : newline + 1;
  const before = text.slice(0, at);
  return `${before}${before.endsWith('\n') ? '' : '\n'}${block}\n${text.slice(at)}`;
}

function verify(before: string, after: string, expected: unknown): void {
  const doc = parseDocument(after);
  if (doc.errors.length > 0 || !isDeepStrictEqual(doc.toJS(), expected))
    throw contentsError('could not be edited safely', 'add the chapters to the contents by hand');
  assertKeepsLines(before, after);
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
  return new ManualError([
    {
      severity: 'error',
      file: MANIFEST_FILE,
      message: `${MANIFEST_FILE} ${message}`,
      hint,
      ruleId: 'contents-not-editable',
    },
  ]);
}
