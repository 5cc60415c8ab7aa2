import type { Node } from 'yaml';
import { monthLabels } from '../core/dates.ts';
import { withoutChapterEnding } from '../core/chapter-files.ts';
import type { Diagnostics } from '../core/diagnostics.ts';
import { parseMarkdown } from './parse-markdown.ts';
import type { AmendmentItem, EditionSpec } from './types.ts';
import { readDocumentPath } from './publishing-spec.ts';
import { readBoolean, readFields, readList, readText, YamlFile } from './yaml-file.ts';

export const AMENDMENTS_FILE = 'chapters/amendments.yml';

const TOP_KEYS = ['editions'];
const EDITION_KEYS = ['edition', 'date', 'label', 'next-update', 'change-marks', 'updated', 'new', 'removed'];
const ITEM_KEYS = ['chapter', 'document', 'title', 'details', 'editorial'];
const LISTS = ['updated', 'new', 'removed'] as const;

/** Reads `chapters/amendments.yml` (`file`: as a base manual's is shown), the edition history, newest first. */
export function parseAmendments(
  text: string,
  language: string,
  diagnostics: Diagnostics,
  file = AMENDMENTS_FILE,
): EditionSpec[] | undefined {
  const yaml = new YamlFile(file, text, diagnostics);
  if (!yaml.ok) return undefined;
  const top = readFields(yaml, yaml.doc.contents, 'the amendments file', TOP_KEYS);
  const nodes = top && readList(yaml, top, 'editions', 'the amendments file', true);
  if (!nodes) return undefined;
  if (nodes.length === 0) {
    diagnostics.error(
      top.at('editions'),
      'the amendments file lists no edition',
      'add the current edition, with its "edition" id and "date"',
      'no-edition',
    );
    return undefined;
  }
  const monthOf = monthLabels(language);
  const editions = nodes.flatMap((node) => readEdition(yaml, node, monthOf) ?? []);
  checkHistory(editions, diagnostics);
  return editions.length === nodes.length ? editions : undefined;
}

function readEdition(yaml: YamlFile, node: Node, monthOf: (date: string) => string): EditionSpec | undefined {
  const fields = readFields(yaml, node, 'an edition', EDITION_KEYS);
  if (!fields) return undefined;
  const id = readText(yaml, fields, 'edition', 'an edition', true);
  const date = readText(yaml, fields, 'date', 'an edition', true);
  if (id !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(id)) {
    yaml.diagnostics.error(
      fields.at('edition'),
      `edition id "${id}" is not of the form YYYY-MM`,
      'write the year and month of the edition, e.g. "edition: 2025-02"',
      'edition-id-format',
    );
    return undefined;
  }
  if (date !== undefined && !isCalendarDate(date)) {
    yaml.diagnostics.error(
      fields.at('date'),
      `date "${date}" is not a date of the form YYYY-MM-DD`,
      'write the publication date, e.g. "date: 2025-02-03"',
      'date-format',
    );
    return undefined;
  }
  if (id === undefined || date === undefined) return undefined;
  if (!date.startsWith(id)) {
    yaml.diagnostics.warning(
      fields.at('date'),
      `edition "${id}" is dated ${date}, in another month`,
      'make the edition id the year and month of its date',
      'edition-date-month',
    );
  }
  const lists = LISTS.map((key) =>
    (readList(yaml, fields, key, `edition ${id}`) ?? []).flatMap((item) => readItem(yaml, item) ?? []),
  );
  return {
    id,
    date,
    label: readText(yaml, fields, 'label', 'an edition') ?? monthOf(date),
    nextUpdate: readText(yaml, fields, 'next-update', 'an edition'),
    changeMarks: readBoolean(yaml, fields, 'change-marks', 'an edition') ?? true,
    updated: lists[0],
    new: lists[1],
    removed: lists[2],
    where: fields.where,
  };
}

function readItem(yaml: YamlFile, node: Node): AmendmentItem | undefined {
  const fields = readFields(yaml, node, 'an amendment', ITEM_KEYS);
  if (!fields) return undefined;
  const written = readText(yaml, fields, 'chapter', 'an amendment');
  const chapter = written === undefined ? undefined : withoutChapterEnding(written.replace(/^\.\//, ''));
  const document = readDocumentPath(yaml, fields, 'an amendment');
  const title = readText(yaml, fields, 'title', 'an amendment');
  const details = readText(yaml, fields, 'details', 'an amendment');
  if (document === null) return undefined;
  if (chapter === undefined && document === undefined && title === undefined) {
    yaml.diagnostics.error(
      fields.where,
      'an amendment must name a "chapter" or a "document" (its path) or give its "title"',
      'add "chapter: PATH" or "document: PATH", or "title: ..." for a chapter that no longer exists under that name',
      'amendment-unnamed',
    );
    return undefined;
  }
  if (chapter !== undefined && document !== undefined) {
    yaml.diagnostics.error(
      fields.at('document'),
      'an amendment names both a chapter and a document',
      'give the document an amendment of its own: "- document: PATH" with its details',
      'amendment-names-both',
    );
    return undefined;
  }
  return {
    chapter,
    document,
    title,
    details: details === undefined ? undefined : parseMarkdown(details),
    editorial: readBoolean(yaml, fields, 'editorial', 'an amendment') ?? false,
    where: fields.at(chapter ? 'chapter' : document ? 'document' : 'title'),
  };
}

/** Edition ids are unique, and the history reads newest first, as the appendix prints it. */
function checkHistory(editions: EditionSpec[], diagnostics: Diagnostics): void {
  const seen = new Set<string>();
  editions.forEach((edition, i) => {
    if (seen.has(edition.id)) {
      diagnostics.error(
        edition.where,
        `edition "${edition.id}" is listed twice`,
        'give each edition its own id (YYYY-MM), or merge the two entries',
        'edition-listed-twice',
      );
    }
    seen.add(edition.id);
    const newer = editions[i - 1];
    if (newer && newer.date <= edition.date) {
      diagnostics.error(
        edition.where,
        `edition "${edition.id}" (${edition.date}) is not older than the edition above it, "${newer.id}" (${newer.date})`,
        'list editions newest first: the current edition comes first',
        'editions-out-of-order',
      );
    }
  });
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
