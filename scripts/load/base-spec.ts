import type { Node } from 'yaml';
import { chapterEnding, withoutChapterEnding } from '../core/chapter-files.ts';
import type { AddPlace, BaseSpec, EntrySpec, LocalChange } from './types.ts';
import { readFields, readList, readText, type Fields, type YamlFile } from './yaml-file.ts';

/** The keys of the contents that build a manual on a regional base. */
export const BASE_KEYS = ['base', 'local'];

const BASE_FIELDS = ['path', 'edition', 'credit'];
const PLACES: AddPlace[] = ['after', 'before', 'end'];
/** The key that makes a local change one kind or another, and the keys each kind may have. */
const CHANGE_KINDS = {
  add: ['add', ...PLACES],
  substitute: ['substitute', 'chapter'],
  'leave-out': ['leave-out', 'reason'],
  information: ['information', 'file'],
} as const;
type ChangeKind = keyof typeof CHANGE_KINDS;

export interface EntryReaders {
  readEntries(fields: Fields, what: string): EntrySpec[] | undefined;
}

/**
 * Reads `base:` and `local:`: undefined when the manual has no base, null when what is written
 * is too broken to build on.
 */
export function readBase(yaml: YamlFile, top: Fields, readers: EntryReaders): BaseSpec | undefined | null {
  if (!top.has('base')) {
    if (top.has('local'))
      yaml.diagnostics.error(
        top.at('local'),
        'local changes are listed, but the contents names no base manual to change',
        'add "base:" with the path of the regional manual\'s folder, or remove "local:"',
        'local-without-base',
      );
    return undefined;
  }
  const fields = readFields(yaml, top.node('base'), '"base"', BASE_FIELDS);
  if (!fields) return null;
  const path = readText(yaml, fields, 'path', '"base"', true);
  const edition = readText(yaml, fields, 'edition', '"base"');
  const credit = readText(yaml, fields, 'credit', '"base"');
  const badEdition = edition !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(edition);
  if (badEdition)
    yaml.diagnostics.error(
      fields.at('edition'),
      `base edition "${edition}" is not an edition id`,
      'write the base edition as YYYY-MM, as its amendments.yml names it, or leave "edition" out',
      'edition-id-format',
    );
  // The changes are read even after a wrong edition: every problem is said in one run.
  const nodes = readList(yaml, top, 'local', 'the contents manifest') ?? [];
  const read = nodes.map((node) => readChange(yaml, node, readers));
  if (path === undefined || badEdition || read.includes(undefined)) return null;
  return { path, edition, credit, where: fields.where, changes: read as LocalChange[] };
}

function readChange(yaml: YamlFile, node: Node, readers: EntryReaders): LocalChange | undefined {
  const kinds = (Object.keys(CHANGE_KINDS) as ChangeKind[]).filter((kind) =>
    (node as { has?: (key: string) => boolean }).has?.(kind),
  );
  if (kinds.length !== 1) {
    yaml.diagnostics.error(
      yaml.where(node),
      'a local change must have exactly one of "add", "substitute", "leave-out" or "information"',
      'write it like "- substitute: care/staying-put" with "chapter: local/staying-put" below it',
      'local-change-kind',
    );
    return undefined;
  }
  const kind = kinds[0];
  const what = `a "${kind}" change`;
  const fields = readFields(yaml, node, what, CHANGE_KINDS[kind]);
  if (!fields) return undefined;
  if (kind === 'add') return readAdd(yaml, fields, readers);
  const target = readTarget(yaml, fields, kind, what);
  if (target === undefined) return undefined;
  const base = { target, targetAt: fields.at(kind), where: fields.where };
  if (kind === 'substitute') {
    const path = readText(yaml, fields, 'chapter', what, true);
    const id = path === undefined ? undefined : localPath(yaml, fields, 'chapter', path);
    if (id === undefined || path === undefined) return undefined;
    const ending = chapterEnding(path);
    const file = ending ? `chapters/${id}${path.slice(-ending.length)}` : undefined;
    const chapter = { kind: 'chapter' as const, id, file, numbered: true, where: fields.at('chapter') };
    return { ...base, kind, chapter };
  }
  if (kind === 'leave-out') {
    const reason = readText(yaml, fields, 'reason', what, true);
    return reason === undefined ? undefined : { ...base, kind, reason };
  }
  const file = readText(yaml, fields, 'file', what, true);
  const id = file === undefined ? undefined : localPath(yaml, fields, 'file', file);
  if (id === undefined || file === undefined) return undefined;
  return {
    ...base,
    kind,
    file: `chapters/${id}${chapterEnding(file) ? file.slice(-chapterEnding(file)!.length) : '.md'}`,
  };
}

function readAdd(yaml: YamlFile, fields: Fields, readers: EntryReaders): LocalChange | undefined {
  const places = PLACES.filter((place) => fields.has(place));
  if (places.length !== 1) {
    yaml.diagnostics.error(
      fields.where,
      'an "add" change must say where, with exactly one of "after", "before" or "end"',
      'write "after: care/placements" (a base chapter), "before: ..." or "end: \'#care-planning\'" (a base section)',
      'local-change-kind',
    );
    return undefined;
  }
  const place = places[0];
  const target = readTarget(yaml, fields, place, 'an "add" change');
  const entries = readers.readEntries(listAs(fields, 'add'), 'an "add" change');
  if (target === undefined || entries === undefined) return undefined;
  if (place === 'end' && !target.startsWith('#')) {
    yaml.diagnostics.error(
      fields.at(place),
      `"end" names a base section, written "#id"; "${target}" is a chapter`,
      `write "after: ${target}" to add after that chapter, or "end: '#section-id'"`,
      'local-change-kind',
    );
    return undefined;
  }
  return { kind: 'add', place, target, targetAt: fields.at(place), where: fields.where, entries };
}

/** `add:` holds its entries as a section's `entries:` does. */
function listAs(fields: Fields, key: string): Fields {
  return {
    ...fields,
    node: (k) => (k === 'entries' ? fields.node(key) : fields.node(k)),
    at: (k) => fields.at(k === 'entries' ? key : k),
  };
}

/** A base entry's stable id: a chapter path (ending dropped) or `#id` of a section or subsection. */
function readTarget(yaml: YamlFile, fields: Fields, key: string, what: string): string | undefined {
  const written = readText(yaml, fields, key, what, true);
  if (written === undefined) return undefined;
  if (written.startsWith('#')) return written;
  return localPath(yaml, fields, key, written);
}

function localPath(yaml: YamlFile, fields: Fields, key: string, written: string): string | undefined {
  const id = withoutChapterEnding(written.replace(/^\.\//, ''));
  if (id.startsWith('/') || id.split('/').some((part) => part === '..' || part === '')) {
    yaml.diagnostics.error(
      fields.at(key),
      `path "${written}" must stay inside chapters/`,
      'write the path relative to chapters/, e.g. "care/placements"',
      'path-outside',
    );
    return undefined;
  }
  return id;
}
