import type { Root as MdastRoot } from 'mdast';
import type { Where } from '../diagnostics.ts';

/** What the load stage reads: the manual as its authors wrote it, validated, not yet numbered. */

export interface ManualMeta {
  title: string;
  shortTitle: string;
  publisher: string;
  /** BCP 47 language tag, canonicalised. */
  language: string;
  /** The logo image: as written (relative to chapters/) until the load stage resolves it against the root. */
  logo?: string;
  logoAt?: Where;
  slug: string;
}

interface EntryBase {
  where: Where;
}

interface NumberableEntry extends EntryBase {
  /** False for entries shown without a number, such as "Our Pledge to Children in Care". */
  numbered: boolean;
  remark?: string;
}

export interface ChapterEntry extends NumberableEntry {
  kind: 'chapter';
  /** The chapter's path under chapters/, without `.md`. */
  id: string;
}

export interface OutsideEntry extends NumberableEntry {
  kind: 'outside';
  title: string;
  url: string;
}

export interface GroupEntry extends NumberableEntry {
  kind: 'group';
  title: string;
  id?: string;
  entries: EntrySpec[];
}

export interface SeeAlsoEntry extends EntryBase {
  kind: 'see-also';
  /** A chapter id, `#id` of a section or sub-section, or a URL. */
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

export type EntrySpec = ChapterEntry | OutsideEntry | GroupEntry | SeeAlsoEntry | NoteEntry | AmendmentsEntry;

export interface SectionSpec {
  title: string;
  id?: string;
  entries: EntrySpec[];
  where: Where;
}

export interface ManifestSpec {
  meta: ManualMeta;
  sections: SectionSpec[];
}

export interface AmendmentItem {
  /** Chapter id, when the item names a chapter of the manual. */
  chapter?: string;
  /** The chapter's name at the time, for chapters since renamed or removed. */
  title?: string;
  /** Markdown, parsed. */
  details?: MdastRoot;
  where: Where;
}

export interface EditionSpec {
  /** `YYYY-MM`. */
  id: string;
  /** `YYYY-MM-DD`. */
  date: string;
  label: string;
  nextUpdate?: string;
  updated: AmendmentItem[];
  new: AmendmentItem[];
  removed: AmendmentItem[];
  where: Where;
}

export interface ChapterSource {
  id: string;
  /** Path relative to the manual's root. */
  file: string;
  /** Front matter title, else the first level-1 heading, else the file name. */
  title: string;
  /** Front matter keys other than `title`. */
  meta: Record<string, unknown>;
  /** The body, without front matter and without the title heading. */
  tree: MdastRoot;
}

export interface ManualSource {
  /** Absolute path of the manual's root folder. */
  root: string;
  manifest: ManifestSpec;
  /** Newest first; the first is the current edition. */
  editions: EditionSpec[];
  /** Every chapter listed in the contents, by id. */
  chapters: Map<string, ChapterSource>;
}
