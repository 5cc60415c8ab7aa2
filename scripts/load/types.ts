import type { BookMeta, Origin } from '../core/book.ts';
import type { Root as MdastRoot } from 'mdast';
import type { Acceptance, Where } from '../core/diagnostics.ts';
import type { ChapterNodes } from './chapter-nodes.ts';

export type { ArchivedRelease, Baseline, ReleasedBase, ReleasedChapter, ReleasedDocument } from './release-types.ts';
import type { ArchivedRelease, Baseline } from './release-types.ts';

/** What the load stage reads: the manual as its authors wrote it, validated, not yet numbered. */

/** What the contents manifest says of the manual as a whole: the book's, and where the logo is written. */
export interface ManualMeta extends BookMeta {
  logoAt?: Where;
  /** The largest a document may be, in bytes (`largest-document: 20 MB`). */
  largestDocument: number;
}

interface EntryBase {
  where: Where;
  /**
   * Whose the entry is, in a manual on a regional base: the base's, the local manual's, or a
   * local chapter in a base chapter's place. Undefined in a manual without a base.
   */
  origin?: EntryOrigin;
}

export type EntryOrigin = Origin;

interface NumberableEntry extends EntryBase {
  /** False for entries shown without a number, such as "Our Pledge to Children in Care". */
  numbered: boolean;
  remark?: string;
}

export interface ChapterEntry extends NumberableEntry {
  kind: 'chapter';
  /** The chapter's path under chapters/, without its ending (`.md`, `.mdx` ...; see core/chapter-files.ts). */
  id: string;
  /** The chapter's file (`chapters/docs/intro.mdx`) when the contents writes its ending; else the first ending that exists. */
  file?: string;
}

export interface OutsideDocumentEntry extends NumberableEntry {
  kind: 'outside-document';
  title: string;
  url: string;
}

export interface DocumentEntry extends NumberableEntry {
  kind: 'document';
  title: string;
  /** The document's file, relative to the manual's root (`chapters/forms/pet-assessment.docx`). */
  file: string;
}

export interface SubsectionEntry extends NumberableEntry {
  kind: 'subsection';
  title: string;
  id?: string;
  entries: EntrySpec[];
}

export interface SeeAlsoEntry extends EntryBase {
  kind: 'see-also';
  /** A chapter id, `#id` of a section or subsection, or a URL. */
  target: string;
  title?: string;
}

export interface NoteEntry extends EntryBase {
  kind: 'note';
  text: string;
}

export interface AmendmentsEntry extends NumberableEntry {
  kind: 'amendments';
  title: string;
}

export type EntrySpec =
  ChapterEntry | OutsideDocumentEntry | DocumentEntry | SubsectionEntry | SeeAlsoEntry | NoteEntry | AmendmentsEntry;

export interface SectionSpec {
  title: string;
  id?: string;
  entries: EntrySpec[];
  where: Where;
}

/**
 * The site the chapters were written for, as the contents describes it: where a link starting
 * with "/" leads. Paths are relative to the manual's root.
 */
export interface SiteSpec {
  /** The folder the site was published from (`chapters/content`); `chapters` when not given. */
  root: string;
  /** What every address of that site started with, dropped from links: `/staff-handbook/`, or `/`. */
  basePath: string;
  /** Folders whose files the site served from its root (`chapters/static`). */
  staticFolders: string[];
  /** True when the contents names the site: links written for it are then resolved without a warning. */
  declared: boolean;
}

export interface ManifestSpec {
  meta: ManualMeta;
  /** `base:`: the regional manual this one is built on, and the local changes to its contents. */
  base?: BaseSpec;
  site: SiteSpec;
  sections: SectionSpec[];
  /** The warnings its `accept:` list accepts (load/accept-spec.ts). */
  accept: Acceptance[];
}

export interface AmendmentItem {
  /** Chapter id, when the item names a chapter of the manual. */
  chapter?: string;
  /** The document's file, relative to the manual's root (`chapters/forms/a.docx`), when the item names one; never with `chapter`. */
  document?: string;
  /** The chapter's or document's name at the time, for those since renamed or removed. */
  title?: string;
  /** Markdown, parsed. */
  details?: MdastRoot;
  /** `editorial: true`: a change of spelling or punctuation, which gets no change marks. */
  editorial: boolean;
  where: Where;
}

export interface EditionSpec {
  /** `YYYY-MM`. */
  id: string;
  /** `YYYY-MM-DD`. */
  date: string;
  label: string;
  nextUpdate?: string;
  /** `change-marks: false`: a clean reissue, without change bars or inline marks. */
  changeMarks: boolean;
  updated: AmendmentItem[];
  new: AmendmentItem[];
  removed: AmendmentItem[];
  where: Where;
}

export interface ChapterSource {
  id: string;
  /** Path relative to the manual's root. */
  file: string;
  /** SHA-256 of the file's bytes: what change detection compares. */
  sha256: string;
  /** Front matter title, else the first level-1 heading, else the file name. */
  title: string;
  /** Front matter keys other than `title`. */
  meta: Record<string, unknown>;
  /** Its `owner` and `review-by`, as the front matter gives them. */
  review: Review;
  /** The warnings its front matter's `accept:` list accepts in it. */
  accept: Acceptance[];
  /** The body, without front matter and without the title heading: read from the parse cache when first asked for, since checking needs only `nodes`. */
  tree: () => MdastRoot;
  /** The body's headings, links, images and raw HTML. */
  nodes: ChapterNodes;
}

/** Who keeps a chapter current and the month by which it is next reviewed, from its front matter. */
export interface Review {
  owner?: string;
  /** `YYYY-MM`: the chapter is due for review by the end of that month. */
  by?: string;
  /** Where `review-by` is written. */
  at?: Where;
}

/** `base:` in the contents, and the `local:` changes to the base's contents. */
export interface BaseSpec {
  /** The base manual's folder as written, relative to this manual's folder. */
  path: string;
  /** `edition: YYYY-MM`: the base must be this released edition of it. */
  edition?: string;
  /** The title page's line naming whose content is whose; `{base}` and `{council}` are filled in. */
  credit?: string;
  where: Where;
  changes: LocalChange[];
}

/** Where an added entry goes: after or before a base entry, or at the end of a base section. */
export type AddPlace = 'after' | 'before' | 'end';

interface LocalChangeBase {
  /** A base chapter's id, or `#id` of a base section or subsection. */
  target: string;
  /** Where the target is written. */
  targetAt: Where;
  where: Where;
}

export type LocalChange =
  | (LocalChangeBase & { kind: 'add'; place: AddPlace; entries: EntrySpec[] })
  | (LocalChangeBase & { kind: 'substitute'; chapter: ChapterEntry })
  | (LocalChangeBase & { kind: 'leave-out'; reason: string })
  | (LocalChangeBase & { kind: 'information'; file: string });

/** The regional manual a local manual is built on, as the load stage read it. */
export interface BaseSource {
  /** Its folder, absolute. */
  root: string;
  /** Its folder relative to this manual's root, ending in "/": base files are held as `${prefix}chapters/...`. */
  prefix: string;
  title: string;
  publisher: string;
  /** Its edition history, newest first: the first is the edition the book carries. */
  editions: EditionSpec[];
  /** True when `edition:` pins it, and its chapters were found to be that release's. */
  pinned: boolean;
  /** The title page's line, filled in. */
  credit: string;
  /** Base entries left out, with the reason given. */
  leftOut: { target: string; title: string; reason: string; where: Where }[];
  /** Every base chapter left out, alone or with its section: its id, and its title read from its file. */
  leftOutChapters: Map<string, string>;
  /** Substituted chapters: the base chapter's id and the base file the local one replaces. */
  substituted: Map<string, { baseFile: string; where: Where }>;
  /** Local information placed in base chapters. */
  information: LocalInformation[];
  /** SHA-256 of each base chapter's file by id, substituted ones too: what a release records of the base. */
  chapterSha256: Map<string, string>;
  where: Where;
}

/** A local file of blocks placed in a base chapter, each at one of its headings. */
export interface LocalInformation {
  /** The base chapter's id. */
  chapter: string;
  /** The local file, parsed like a chapter (its id is `chapter`). */
  source: ChapterSource;
  blocks: LocalInformationBlock[];
  where: Where;
}

export interface LocalInformationBlock {
  place: AddPlace;
  /** The heading's `#fragment` (its slug or id) for `after` and `before`. */
  heading?: string;
  /** The block's lines in the file: from the marker's line, up to the next marker's (none: to the end). */
  fromLine: number;
  toLine?: number;
  /** The marker. */
  where: Where;
}

export interface ManualSource {
  /** Absolute path of the manual's root folder. */
  root: string;
  /** The latest archived release before the current edition, if there is one: what the edition follows. */
  baseline?: Baseline;
  /** The current edition's own release, when it is already archived. */
  released?: Baseline;
  /** Every archived release, oldest first, the current edition's too when it is archived. */
  archive: ArchivedRelease[];
  manifest: ManifestSpec;
  /** The regional manual this one is built on; its entries are merged into `manifest.sections`. */
  base?: BaseSource;
  /** Newest first; the first is the current edition. */
  editions: EditionSpec[];
  /** Every chapter listed in the contents, by id. */
  chapters: Map<string, ChapterSource>;
  /** Every file and folder under chapters/, as paths from the root (`chapters/forms/a.docx`), sorted. */
  files: readonly string[];
}
