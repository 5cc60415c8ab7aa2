import type { Root as HastRoot } from 'hast';
import type { AmendmentPackPlan, Archive, ChapterHistories, Edition } from './editions.ts';

export type {
  AmendmentView,
  Edition,
  FilingStep,
  AmendmentPackPlan,
  ArchivedChapter,
  ArchivedEdition,
  Archive,
  ChapterHistories,
  ChapterHistory,
  ChapterState,
  HistoryChange,
  HistoryEdition,
  HistoryEvent,
  Hunk,
  ReadHistories,
  WordedUnit,
  WordRun,
} from './editions.ts';

/**
 * The book model: the manual parsed, validated and numbered, with every chapter's content as an
 * HTML tree. Renderers only read it; numbers, titles, flags and anchors are computed once, here,
 * so every output shows the same ones.
 */

export type Flag = 'Updated' | 'New';

/** The anchors of the generated parts every output has: the contents and the amendments appendix. */
export const CONTENTS_ANCHOR = 'contents';
export const AMENDMENTS_ANCHOR = 'amendments';

/**
 * The list of the manual's documents that the PDFs and the EPUB end with, when it has any: each
 * document's title, type, size and address, and the chapters that refer to it. The web edition
 * links to each document where it publishes it; a printed page can only name the address.
 */
export const DOCUMENTS_ANCHOR = 'documents-referred-to';
export const DOCUMENTS_TITLE = 'Documents referred to';

/** What the contents manifest says of the manual as a whole. */
export interface BookMeta {
  title: string;
  /** For running heads. */
  shortTitle: string;
  publisher: string;
  /** BCP 47 language tag, canonicalised. */
  language: string;
  /** The logo image, as a path relative to the manual's root (read through the book's assets). */
  logo?: string;
  /** Names the output files. */
  slug: string;
  /** Where the web edition is published (`https://.../`, ending in "/"): PDFs and the EPUB link to documents there. */
  siteUrl?: string;
}

/**
 * The files of the manual that outputs carry (images, the logo), by their path relative to the
 * manual's root as the model holds them. Renderers read them only through this.
 */
export interface Assets {
  read(file: string): Buffer;
  /** A `file:` URL of one, for packagers that collect images themselves. */
  url(file: string): string;
  /** The `file:` URL of the folder the paths are relative to, ending in "/". */
  readonly baseUrl: string;
  /** The same for every build of the same manual folder, and different for another: names caches. */
  readonly key: string;
}

/** A heading inside a chapter; level-2 and level-3 headings are numbered 1, 1.1 within it. */
export interface HeadingInfo {
  depth: number;
  text: string;
  /** The `#fragment` authors write in links: the heading text, slugged. */
  slug: string;
  number?: string;
  /** Unique in the whole book. */
  anchor: string;
}

/**
 * Whose an entry is, in a manual built on a regional base: the base's, the local manual's own,
 * or a local chapter in a base chapter's place. Absent in a manual without a base.
 */
export type Origin = 'base' | 'local' | 'substituted';

interface Numbered {
  /** Absent for entries marked `numbered: false`. */
  number?: string;
  title: string;
  remark?: string;
  origin?: Origin;
}

export interface SectionNode extends Numbered {
  kind: 'section';
  number: string;
  anchor: string;
  entries: ContentsNode[];
}

export interface SubsectionNode extends Numbered {
  kind: 'subsection';
  anchor: string;
  entries: ContentsNode[];
}

export interface ChapterNode extends Numbered {
  kind: 'chapter';
  id: string;
  anchor: string;
  flag?: Flag;
}

export interface OutsideDocumentNode extends Numbered {
  kind: 'outside-document';
  url: string;
}

/** A document of the manual that the contents lists (`document: forms/pet-assessment.docx`). */
export interface DocumentNode extends Numbered {
  kind: 'document';
  /** The document's file, relative to the manual's root: its entry in `Book.documents`. */
  file: string;
  flag?: Flag;
}

export interface SeeAlsoLink {
  title: string;
  /** `#anchor` inside the book, or an outside address. */
  href: string;
  external: boolean;
}

/** Consecutive see-also entries make one line: "See also: A and B". */
export interface SeeAlsoNode {
  kind: 'see-also';
  links: SeeAlsoLink[];
}

export interface NoteNode {
  kind: 'note';
  text: string;
  origin?: Origin;
}

export interface AmendmentsNode extends Numbered {
  kind: 'amendments';
  anchor: string;
}

export type ContentsNode =
  SubsectionNode | ChapterNode | OutsideDocumentNode | DocumentNode | SeeAlsoNode | NoteNode | AmendmentsNode;

/**
 * A file of the manual that chapters, amendments or the contents link to and that is no chapter:
 * a form, a letter template, a guide. Outputs link to it where the web edition publishes it.
 */
export interface ManualDocument {
  /** Relative to the manual's root (`chapters/forms/pet-assessment.docx`). */
  file: string;
  /** Its path in the web edition's `documents/` folder and after `site-url`: `forms/pet-assessment.docx`. */
  path: string;
  /** The contents entry's title, else the text of the first link to it, else its file name. */
  title: string;
  /** What it is, read from its bytes, as a reader is told: "Word document". */
  type: string;
  bytes: number;
  sha256: string;
  /** Its contents entry's number, when the contents lists it numbered. */
  number?: string;
  /** True when the contents lists it. */
  listed: boolean;
  /** The chapters that link to it, by id, in contents order. */
  linkedFrom: string[];
  /** New or changed since the last archived release. */
  flag?: Flag;
  /** The label of the edition that last changed it: the current one until a release says otherwise. */
  issue: string;
}

export interface Chapter {
  id: string;
  /** The chapter's source file, relative to the manual's root: problems found in the outputs name it, at the line its body's nodes give. */
  file: string;
  number?: string;
  title: string;
  anchor: string;
  flag?: Flag;
  remark?: string;
  /** Front matter keys other than the title. */
  meta: Record<string, unknown>;
  /** Who keeps the chapter current, and the month (`YYYY-MM`) by which it is next reviewed. */
  review: { owner?: string; by?: string };
  /** SHA-256 of the source file. */
  sourceSha256: string;
  /**
   * SHA-256 of the chapter as every output prints it: number, title and content, with link texts
   * filled in. It changes when its pages change, even when its source did not.
   */
  contentSha256: string;
  /**
   * SHA-256 of the body as given here, its change marks and banner included: what is kept of a
   * chapter's layout between builds is kept by it.
   */
  bodySha256: string;
  /**
   * The label of the edition that issued the chapter's current pages: the current edition for a
   * chapter new or changed since the last archived release, else what that release recorded. Binder
   * footers show it, so the pages of an unchanged chapter stay the same from edition to edition.
   */
  issue: string;
  headings: HeadingInfo[];
  /** Ids of the body's top-level blocks in reading order: where the partner PDF's pages can start. */
  blocks: string[];
  /** What changed since the last archived release, when the chapter is new or its words changed. */
  changes?: ChapterChanges;
  /**
   * The body as HTML: headings as written in markdown (level 2 and down) with their ids and
   * numbers; links to chapters as `#anchor`; images with `src` relative to the manual's root.
   */
  body: HastRoot;
}

/** A numbered part of a chapter (or its opening, before the first heading) that changed since the release. */
export interface ChangedSection {
  number?: string;
  /** The heading's words; none for the chapter's opening. */
  title?: string;
  /** `#anchor` of the heading, while it is in the chapter. */
  href?: string;
  change: 'changed' | 'added' | 'removed';
}

/** A chapter's changes since the last archived release, as the diff of their units found them. */
export interface ChapterChanges {
  /** The release compared with. */
  since: { id: string; label: string };
  /** The chapter was not in the release. */
  isNew: boolean;
  /** Absent for a chapter new since the release, and where the release's units could not be read. */
  sections?: ChangedSection[];
  /** True when the amendment says the change is editorial: no marks, no list of sections. */
  editorial: boolean;
  /** The ids of the body's change marks (`ins.change-mark`), in reading order: none when marks are off. */
  marks: string[];
}

export interface Book {
  meta: BookMeta;
  /** The manual's images and logo. */
  assets: Assets;
  /** The documents chapters, amendments and the contents link to, in the order first linked. */
  documents: ManualDocument[];
  sections: SectionNode[];
  /** In contents order. */
  chapters: Chapter[];
  /** The current edition: the one being built. */
  edition: Edition;
  /** Earlier editions grouped by year, newest first, as the amendments appendix prints them. */
  history: { year: string; editions: Edition[] }[];
  /** The filing steps from the last archived release, when the edition follows one. */
  pack?: AmendmentPackPlan;
  /** The archived releases, the current edition's included once it is released. */
  archive: Archive;
  /** Each chapter's history across the editions, when any edition is archived (set by the changes stage). */
  histories?: ChapterHistories;
  /** The regional manual this one is built on, when it is. */
  base?: BookBase;
}

/** The regional manual a local manual is built on, as its outputs name it. */
export interface BookBase {
  /** Its folder relative to the manual's root, ending in "/" (`../regional/`): the preview watches its chapters. */
  folder: string;
  title: string;
  publisher: string;
  /** The base's edition the book carries. */
  edition: { id: string; label: string; date: string };
  /** The title page's line saying whose content is whose: "Regional procedures by ..., with local content by ...". */
  credit: string;
  /** Its folder as the contents' `base: path` writes it, relative to this manual's. */
  path: string;
  /** SHA-256 of each of its chapters' files by id, substituted ones too: what a release records of it. */
  chapterSha256: Record<string, string>;
  /** Its chapters a local chapter stands in for. */
  substituted: string[];
  /** Its entries the manual leaves out, with the reason given: for the release record, never printed. */
  leftOut: { target: string; reason: string }[];
}
