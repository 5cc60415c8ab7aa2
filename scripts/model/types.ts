import type { Root as HastRoot } from 'hast';
import type { Baseline, ManualMeta } from '../load/types.ts';

/**
 * The book model: the manual parsed, validated and numbered, with every chapter's content as an
 * HTML tree. Renderers only read it; numbers, titles, flags and anchors are computed once, here,
 * so every output shows the same ones.
 */

export type Flag = 'Updated' | 'New';

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

interface Numbered {
  /** Absent for entries marked `numbered: false`. */
  number?: string;
  title: string;
  remark?: string;
}

export interface SectionNode extends Numbered {
  kind: 'section';
  number: string;
  anchor: string;
  entries: ContentsNode[];
}

export interface GroupNode extends Numbered {
  kind: 'group';
  anchor: string;
  entries: ContentsNode[];
}

export interface ChapterNode extends Numbered {
  kind: 'chapter';
  id: string;
  anchor: string;
  flag?: Flag;
}

export interface OutsideNode extends Numbered {
  kind: 'outside';
  url: string;
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
}

export interface AmendmentsNode extends Numbered {
  kind: 'amendments';
  anchor: string;
}

export type ContentsNode = GroupNode | ChapterNode | OutsideNode | SeeAlsoNode | NoteNode | AmendmentsNode;

export interface Chapter {
  id: string;
  /** Source file, relative to the manual's root. */
  file: string;
  number?: string;
  title: string;
  anchor: string;
  flag?: Flag;
  remark?: string;
  /** Front matter keys other than the title. */
  meta: Record<string, unknown>;
  /** SHA-256 of the source file. */
  sourceSha256: string;
  /**
   * SHA-256 of the chapter as every output prints it: number, title and content, with link texts
   * filled in. It changes when its pages change, even when its source did not.
   */
  contentSha256: string;
  /**
   * The label of the edition that issued the chapter's current pages: the current edition for a
   * chapter new or changed since the baseline release, else what that release recorded. Binder
   * footers show it, so the pages of an unchanged chapter stay the same from edition to edition.
   */
  issue: string;
  headings: HeadingInfo[];
  /** Ids of the body's top-level blocks in reading order: where the partner PDF's pages can start. */
  blocks: string[];
  /**
   * The body as HTML: headings as written in markdown (level 2 and down) with their ids and
   * numbers; links to chapters as `#anchor`; images with `src` relative to the manual's root.
   */
  body: HastRoot;
}

export interface AmendmentView {
  /** The chapter's current number, when it is still in the manual. */
  number?: string;
  /** The name the chapter had in that edition. */
  title: string;
  /** `#anchor` of the chapter, when it is still in the manual. */
  href?: string;
  details?: HastRoot;
}

export interface Edition {
  id: string;
  date: string;
  label: string;
  nextUpdate?: string;
  updated: AmendmentView[];
  new: AmendmentView[];
  removed: AmendmentView[];
}

export interface Book {
  /** Absolute path of the manual's root; image paths in chapter bodies are relative to it. */
  root: string;
  /** The archived release this edition follows, if any: the binder holders' pages. */
  baseline?: Baseline;
  meta: ManualMeta;
  sections: SectionNode[];
  /** In contents order. */
  chapters: Chapter[];
  /** The current edition: the one being built. */
  edition: Edition;
  /** Earlier editions grouped by year, newest first, as the amendments appendix prints them. */
  history: { year: string; editions: Edition[] }[];
}
