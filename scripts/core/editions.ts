import type { Root as HastRoot } from 'hast';
import type { UnitRecord } from './block-units.ts';

/** The book model's editions: the current one, the history, the amendment pack's plan and the archived releases (see book.ts). */

export interface AmendmentView {
  /** The chapter's current number, when it is still in the manual. */
  number?: string;
  /** The name the chapter had in that edition. */
  title: string;
  /** `#anchor` of the chapter, when it is still in the manual. */
  href?: string;
  /** The chapter's id (its path under chapters/), when the amendment names one: a removed chapter's old address. */
  chapter?: string;
  /**
   * The document's file (`chapters/forms/a.docx`), when the amendment names a document instead of
   * a chapter: its entry in `Book.documents` while the manual still has it.
   */
  document?: string;
  details?: HastRoot;
  /** The change is editorial (spelling, punctuation): it gets no change marks. */
  editorial: boolean;
  /** The regional base's item, carried from its amendments, not the local manual's own. */
  regional?: RegionalMark;
}

/** Which of the base's editions listed an item, and whether a local chapter stands in its chapter's place. */
export interface RegionalMark {
  edition: { id: string; label: string };
  /** The base changed the regional chapter this manual substitutes: its own chapter is unchanged. */
  substituted: boolean;
}

export interface Edition {
  id: string;
  date: string;
  label: string;
  nextUpdate?: string;
  /** False for a clean reissue: no change bars or inline marks against the last release. */
  changeMarks: boolean;
  updated: AmendmentView[];
  new: AmendmentView[];
  removed: AmendmentView[];
}

/** One line of the amendment pack's filing instructions: what to take out of the binder and what to put in. */
export interface FilingStep {
  /** What to take out, as the binder holders' pages name it: number, title, pages and issue. */
  remove?: string;
  /**
   * What to put in: a part of the binder PDF, by its anchor (none: the title page, the
   * binder's first page); `counted` when the step names its page count and issue after `label`.
   */
  insert?: { anchor?: string; label: string; counted: boolean };
  /**
   * A document to replace, add or take out: no page of the binder PDF, so binder holders print it
   * themselves from where the web edition publishes it (`path`, its entry in `Book.documents`).
   */
  document?: { change: 'replace' | 'add' | 'take-out'; path: string; title: string; type: string };
}

/** What the binder holders need to bring their binders up to this edition. */
export interface AmendmentPackPlan {
  /** The archived release their binders hold. */
  since: { id: string; label: string; date: string };
  /** In binder order. */
  steps: FilingStep[];
}

/** A chapter as an archived release printed it, as its release.json records it. */
export interface ArchivedChapter {
  id: string;
  number?: string;
  title: string;
  /** SHA-256 of the chapter as printed: number, title and content. */
  content: string;
  /** Its units' hashes in reading order; none for releases before units were recorded (read them from the EPUB). */
  units?: string[];
}

/** An archived release of the manual, as the web edition lists it and copies its pages. */
export interface ArchivedEdition {
  id: string;
  label: string;
  /** Its date: the day it came into force. */
  from: string;
  /**
   * The day the next edition came into force: the next archived one's date, or the current
   * edition's for the latest one before it. None for the current edition itself.
   */
  until?: string;
  /** The release's folder relative to the manual's root, with "/" (`archive/2025-02`). */
  folder: string;
  /** Every file it archived, as its release.json records it: web edition files are named `web/...`. */
  files: { name: string; bytes: number; sha256: string }[];
  /** True when it archived a web edition. */
  hasWeb: boolean;
  /** Its chapters in its order, as it numbered and titled them. */
  chapters: ArchivedChapter[];
  /** Its EPUB's name among `files`, where its words are read. */
  epub?: string;
  /** True for the current edition, once it is released. */
  current: boolean;
}

/** The archived releases and their files. Renderers read archived files only through this. */
export interface Archive {
  /** Newest first, none newer than the current edition. */
  editions: ArchivedEdition[];
  /** The bytes of one archived file, by its edition and its name in release.json, as they are now: check them against the record. */
  read(edition: string, name: string): Buffer;
}

/** What an edition did to a chapter. */
export type HistoryChange = 'new' | 'updated' | 'retitled' | 'renumbered' | 'removed';

/** A chapter's number and title as one edition printed them. */
export interface ChapterState {
  number?: string;
  title: string;
}

/** An edition of the manual as histories read it. */
export interface HistoryEdition {
  id: string;
  label: string;
  date: string;
  current: boolean;
}

/** One edition in a chapter's history. */
export interface HistoryEvent {
  edition: HistoryEdition;
  /** The edition before it, which it is compared with; none for the first edition. */
  previous?: HistoryEdition;
  /** Empty for the first edition, unless its amendments list the chapter as new. */
  changes: HistoryChange[];
  /** As this edition printed it; none when it removed the chapter. */
  state?: ChapterState;
  /** As the edition before printed it; none when the chapter is new. */
  before?: ChapterState;
  /** The amendment of this edition that names the chapter, with the list it is in. */
  amendment?: AmendmentView & { list: 'updated' | 'new' | 'removed' };
  /**
   * Whether its words changed since the edition before: `unknown` while one of the two releases
   * recorded no units and its number or title changed too, until the words are read.
   */
  words: 'changed' | 'same' | 'unknown';
}

/** Every edition that changed a chapter, newest first. */
export interface ChapterHistory {
  id: string;
  /** Its latest number and title: the current one, or the one it had when it was removed. */
  latest: ChapterState;
  removed: boolean;
  events: HistoryEvent[];
}

/** A unit of an edition's chapter with the words a reader sees of it, as compared across editions. */
export interface WordedUnit extends UnitRecord {
  words: string;
}

/** A stretch of a changed unit's words: kept, or only in the earlier or the later edition. */
export interface WordRun {
  change: 'same' | 'deleted' | 'inserted';
  text: string;
}

/**
 * What became of a chapter between two editions, in the later edition's reading order, the
 * earlier edition's removed units where they stood: unchanged stretches (to fold), units deleted,
 * inserted, changed (with their words' runs) and moved (the same words, elsewhere).
 */
export type Hunk =
  | { change: 'same'; units: WordedUnit[] }
  | { change: 'deleted'; unit: WordedUnit }
  | { change: 'inserted'; unit: WordedUnit }
  | { change: 'changed'; from: WordedUnit; unit: WordedUnit; words: WordRun[] }
  | { change: 'moved'; unit: WordedUnit };

/** The chapters' histories with their words read: every change of words settled, each comparison made. */
export interface ReadHistories {
  /** The chapters an edition after the first changed, current and removed ones. */
  chapters: Map<string, ChapterHistory>;
  /** Every edition, oldest first, the current one last. */
  editions: HistoryEdition[];
  /** What became of a chapter's units from one edition to the next; none when their words could not be read. */
  hunks(chapter: string, from: string, to: string): Hunk[] | undefined;
}

/** Each chapter's history across the archived editions and the current one. */
export interface ChapterHistories {
  /** The chapters that have one, from the releases' records alone: what a link to a history needs. */
  readonly changed: ReadonlySet<string>;
  /** The histories with the words of every change read from the editions' EPUBs and the current book. */
  read(): Promise<ReadHistories>;
}
