import path from 'node:path';
import { slug as slugify } from 'github-slugger';
import { isMap, isScalar, type Node } from 'yaml';
import type { Diagnostics } from '../core/diagnostics.ts';
import { isUrl } from '../core/urls.ts';
import { chapterEnding, withoutChapterEnding } from '../core/chapter-files.ts';
import type { EntrySpec, ManifestSpec, ManualMeta, SectionSpec } from './types.ts';
import { ACCEPT_KEY, readContentsAccepted } from './accept-spec.ts';
import { readDocumentPath, readLargestDocument, readSiteUrl } from './publishing-spec.ts';
import { readSite, SITE_KEYS } from './site-spec.ts';
import { BASE_KEYS, readBase } from './base-spec.ts';
import { readBoolean, readFields, readList, readText, YamlFile, type Fields } from './yaml-file.ts';

export const MANIFEST_FILE = 'chapters/contents.yml';

const TOP_KEYS = [
  'title',
  'short-title',
  'publisher',
  'language',
  'logo',
  'slug',
  'site-url',
  'largest-document',
  ...SITE_KEYS,
  'sections',
  ...BASE_KEYS,
  ACCEPT_KEY,
];
const SECTION_KEYS = ['title', 'id', 'entries'];
/** The key that makes an entry one kind or another, and the keys each kind may have. */
const ENTRY_KINDS = {
  chapter: ['chapter', 'numbered', 'remark'],
  url: ['title', 'url', 'numbered', 'remark'],
  document: ['document', 'title', 'numbered', 'remark'],
  entries: ['title', 'id', 'entries', 'numbered', 'remark'],
  'see-also': ['see-also', 'title'],
  note: ['note'],
  generated: ['generated', 'title', 'numbered', 'remark'],
} as const;
type KindKey = keyof typeof ENTRY_KINDS;
const KIND_KEYS = Object.keys(ENTRY_KINDS) as KindKey[];
const ALL_ENTRY_KEYS = [...new Set(Object.values(ENTRY_KINDS).flat())];

/**
 * Reads `chapters/contents.yml` (`file`: another name for it, as a base manual's is shown);
 * returns undefined when it is too broken to go on.
 */
export function parseManifest(text: string, diagnostics: Diagnostics, file = MANIFEST_FILE): ManifestSpec | undefined {
  const yaml = new YamlFile(file, text, diagnostics);
  if (!yaml.ok) return undefined;
  const top = readFields(yaml, yaml.doc.contents, 'the contents manifest', TOP_KEYS);
  if (!top) return undefined;
  const meta = readMeta(yaml, top);
  const ids = new IdRegistry(yaml);
  const base = readBase(yaml, top, { readEntries: (fields, what) => readEntries(yaml, fields, what, ids) });
  const sectionNodes = readList(yaml, top, 'sections', 'the contents manifest', !top.has('base')) ?? [];
  const sections = sectionNodes.flatMap((node) => readSection(yaml, node, ids) ?? []);
  const site = readSite(yaml, top);
  const accept = readContentsAccepted(yaml, top);
  if (sectionNodes.length > 0 && sections.length === 0) return undefined;
  if (base === null) return undefined;
  return meta && site ? { meta, site, sections, accept, ...(base && { base }) } : undefined;
}

function readMeta(yaml: YamlFile, top: Fields): ManualMeta | undefined {
  const what = 'the contents manifest';
  const title = readText(yaml, top, 'title', what, true);
  const publisher = readText(yaml, top, 'publisher', what, true);
  const language = readLanguage(yaml, top);
  const slug = readText(yaml, top, 'slug', what) ?? (title ? slugify(title) : undefined);
  if (slug !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(slug)) {
    yaml.diagnostics.error(
      top.at('slug'),
      `slug "${slug}" may hold only lower-case letters, digits and hyphens`,
      'it names the output files: write it like "derby-childrens-social-care"',
      'slug-format',
    );
    return undefined;
  }
  if (!title || !publisher || !language || !slug) return undefined;
  const shortTitle = readText(yaml, top, 'short-title', what) ?? title;
  const written = readText(yaml, top, 'logo', what);
  // Written relative to chapters/, like chapter paths; the book holds it from the root.
  const logo = written === undefined ? undefined : path.posix.normalize(`chapters/${written}`);
  const siteUrl = readSiteUrl(yaml, top);
  const largestDocument = readLargestDocument(yaml, top);
  if (siteUrl === null || largestDocument === undefined) return undefined;
  return { title, shortTitle, publisher, language, logo, logoAt: top.at('logo'), slug, siteUrl, largestDocument };
}

function readLanguage(yaml: YamlFile, top: Fields): string | undefined {
  const tag = readText(yaml, top, 'language', 'the contents manifest', true);
  if (tag === undefined) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    yaml.diagnostics.error(
      top.at('language'),
      `"${tag}" is not a BCP 47 language tag`,
      'write a tag such as "en-GB" or "cy"',
      'language-tag',
    );
    return undefined;
  }
}

function readSection(yaml: YamlFile, node: Node, ids: IdRegistry): SectionSpec | undefined {
  const fields = readFields(yaml, node, 'a section', SECTION_KEYS);
  if (!fields) return undefined;
  const title = readText(yaml, fields, 'title', 'a section', true);
  const id = ids.read(fields);
  const entries = readEntries(yaml, fields, `section "${title ?? '?'}"`, ids);
  if (title === undefined || entries === undefined) return undefined;
  return { title, id, entries, where: fields.where };
}

function readEntries(yaml: YamlFile, fields: Fields, what: string, ids: IdRegistry): EntrySpec[] | undefined {
  const nodes = readList(yaml, fields, 'entries', what, true);
  if (nodes === undefined) return undefined;
  if (nodes.length === 0) {
    yaml.diagnostics.error(
      fields.at('entries'),
      `${what} has no entries`,
      'list its chapters under "entries:", or remove it',
      'empty-section',
    );
  }
  return nodes.flatMap((entry) => readEntry(yaml, entry, ids) ?? []);
}

function readEntry(yaml: YamlFile, node: Node, ids: IdRegistry): EntrySpec | undefined {
  const kinds = entryKinds(node);
  if (kinds.length !== 1) {
    readFields(yaml, node, 'an entry', ALL_ENTRY_KEYS);
    const found = kinds.length === 0 ? 'none of them' : kinds.map((k) => `"${k}"`).join(' and ');
    yaml.diagnostics.error(
      yaml.where(node),
      `an entry must have exactly one of "chapter", "url", "document", "entries", "see-also", "note" or "generated"; this one has ${found}`,
      kinds.length === 0
        ? 'say what the entry is, e.g. "- chapter: care/placements"'
        : 'split it into one entry per kind',
      'entry-kind',
    );
    return undefined;
  }
  const kind = kinds[0];
  const fields = readFields(yaml, node, `a "${kind}" entry`, ENTRY_KINDS[kind]);
  return fields ? ENTRY_READERS[kind](yaml, fields, ids) : undefined;
}

function entryKinds(node: Node): KindKey[] {
  const keys = new Set(isMap(node) ? node.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : '')) : []);
  return KIND_KEYS.filter((kind) => keys.has(kind));
}

type EntryReader = (yaml: YamlFile, fields: Fields, ids: IdRegistry) => EntrySpec | undefined;

const ENTRY_READERS: Record<KindKey, EntryReader> = {
  chapter(yaml, fields) {
    const path = readText(yaml, fields, 'chapter', 'a chapter entry', true);
    const id = path === undefined ? undefined : chapterIdFromPath(yaml, fields, path);
    if (path === undefined || id === undefined) return undefined;
    const ending = chapterEnding(path);
    const file = ending ? `chapters/${id}${path.slice(-ending.length)}` : undefined;
    return { kind: 'chapter', id, file, ...numbering(yaml, fields), where: fields.at('chapter') };
  },
  url(yaml, fields) {
    const title = readText(yaml, fields, 'title', 'an outside document entry', true);
    const url = readText(yaml, fields, 'url', 'an outside document entry', true);
    if (url !== undefined && !isUrl(url)) {
      yaml.diagnostics.error(
        fields.at('url'),
        `"${url}" is not a web address`,
        'write the full address, starting with https://',
        'url-format',
      );
      return undefined;
    }
    if (title === undefined || url === undefined) return undefined;
    return { kind: 'outside-document', title, url, ...numbering(yaml, fields), where: fields.where };
  },
  document(yaml, fields) {
    const file = readDocumentPath(yaml, fields, 'a document entry', true);
    const title = readText(yaml, fields, 'title', 'a document entry', true);
    if (!file || title === undefined) return undefined;
    return { kind: 'document', title, file, ...numbering(yaml, fields), where: fields.at('document') };
  },
  entries(yaml, fields, ids) {
    const title = readText(yaml, fields, 'title', 'a subsection', true);
    const id = ids.read(fields);
    const entries = readEntries(yaml, fields, `subsection "${title ?? '?'}"`, ids);
    if (title === undefined || entries === undefined) return undefined;
    return { kind: 'subsection', title, id, entries, ...numbering(yaml, fields), where: fields.where };
  },
  'see-also'(yaml, fields) {
    const target = readText(yaml, fields, 'see-also', 'a see-also entry', true);
    const title = readText(yaml, fields, 'title', 'a see-also entry');
    if (target === undefined) return undefined;
    const normalised =
      isUrl(target) || target.startsWith('#') ? target : chapterIdFromPath(yaml, fields, target, 'see-also');
    return normalised === undefined
      ? undefined
      : { kind: 'see-also', target: normalised, title, where: fields.at('see-also') };
  },
  note(yaml, fields) {
    const text = readText(yaml, fields, 'note', 'a note entry', true);
    return text === undefined ? undefined : { kind: 'note', text, where: fields.where };
  },
  generated(yaml, fields) {
    const what = readText(yaml, fields, 'generated', 'a generated entry', true);
    if (what !== 'amendments') {
      yaml.diagnostics.error(
        fields.at('generated'),
        `"generated: ${what}" is not something the tool can generate`,
        'the only generated entry is "generated: amendments"',
        'generated-unknown',
      );
      return undefined;
    }
    const title = readText(yaml, fields, 'title', 'a generated entry') ?? 'Amendments';
    return { kind: 'amendments', title, ...numbering(yaml, fields), where: fields.where };
  },
};

function numbering(yaml: YamlFile, fields: Fields): { numbered: boolean; remark?: string } {
  const numbered = readBoolean(yaml, fields, 'numbered', 'an entry') ?? true;
  return { numbered, remark: readText(yaml, fields, 'remark', 'an entry') };
}

/** `care/placements.md`, `./care/placements`, `docs/intro.mdx` -> `care/placements`, refusing paths that leave chapters/. */
function chapterIdFromPath(yaml: YamlFile, fields: Fields, path: string, key = 'chapter'): string | undefined {
  const id = withoutChapterEnding(path.replace(/^\.\//, ''));
  if (id.startsWith('/') || id.split('/').some((part) => part === '..' || part === '')) {
    yaml.diagnostics.error(
      fields.at(key),
      `chapter path "${path}" must stay inside chapters/`,
      'write the path relative to chapters/, e.g. "care/placements"',
      'path-outside',
    );
    return undefined;
  }
  return id;
}

/** Section and subsection ids are link targets (`see-also: "#short-breaks"`): they must be unique. */
class IdRegistry {
  private readonly seen = new Set<string>();
  constructor(private readonly yaml: YamlFile) {}

  read(fields: Fields): string | undefined {
    const id = readText(this.yaml, fields, 'id', 'a section');
    if (id === undefined) return undefined;
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(id)) {
      this.yaml.diagnostics.error(
        fields.at('id'),
        `id "${id}" must start with a letter and hold only letters, digits, "-" and "_"`,
        'write it like "short-breaks"',
        'id-format',
      );
      return undefined;
    }
    if (this.seen.has(id)) {
      this.yaml.diagnostics.error(
        fields.at('id'),
        `id "${id}" is used twice`,
        'give each section and subsection its own id',
        'id-used-twice',
      );
      return undefined;
    }
    this.seen.add(id);
    return id;
  }
}
