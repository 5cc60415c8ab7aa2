import type { Root as HastRoot } from 'hast';

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
