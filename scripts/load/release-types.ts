import type { ArchivedChapter } from '../core/book.ts';

/** What the load stage reads of the archive: what each release recorded, as the current edition is read against it. */

/** What a release recorded of one chapter (see release.json). */
export interface ReleasedChapter {
  number?: string;
  title: string;
  /** SHA-256 of the chapter's source file. */
  sha256: string;
  /** SHA-256 of the chapter as printed: number, title and content (filled link texts included). */
  content: string;
  /** Pages in the binder PDF. */
  pages: number;
  /** The label of the edition whose binder pages of this chapter are current. */
  issue: string;
  /** Its units (see core/block-units.ts) as `recordOfUnit` writes them; releases before these were recorded have none. */
  units?: unknown[];
}

/** What a local edition's release records of its regional base: which edition, and the SHA-256 of each of its chapters' files (substituted ones too). */
export interface ReleasedBase {
  /** The base's folder, as `base: path` gives it. */
  path: string;
  title: string;
  publisher: string;
  edition: { id: string; label: string; date: string };
  chapters: Record<string, string>;
  /** The base chapters a local chapter stood in for: their files were carried but not printed. */
  substituted?: string[];
  /** The base entries it left out, each with the reason the contents gave. */
  leftOut?: { target: string; reason: string }[];
}

/** A document as a release recorded it: what it was and the bytes the release published. */
export interface ReleasedDocument {
  /** Under chapters/, as the web edition's `documents/` folder and amendments name it: `forms/pet-assessment.docx`. */
  path: string;
  title: string;
  /** What readers were told it is: "Word document". */
  type: string;
  bytes: number;
  sha256: string;
  /** The label of the edition that last changed it. */
  issue: string;
}

/** The archived release the current edition follows, as its release.json recorded it. */
export interface Baseline {
  edition: { id: string; label: string; date: string };
  /** Folder of the release. */
  folder: string;
  /** The same folder relative to the manual's root, as problems name files (`archive/2025-02`). */
  shownFolder: string;
  chapters: Record<string, ReleasedChapter>;
  sections: { number: string; title: string; anchor: string }[];
  /** Binder pages of the contents and of the amendments appendix. */
  contentsPages: number;
  appendixPages: number;
  /** Binder pages of the list of documents: 0 when the release had none. */
  documentListPages: number;
  /** True when the baseline is the current edition itself, already released. */
  sameEdition: boolean;
  /** The release's EPUB, where its chapters' units are read when the record has none. */
  epub?: string;
  /** Its documents by path; none for releases made before documents were recorded, which nothing is compared with. */
  documents?: ReadonlyMap<string, ReleasedDocument>;
  /** The regional base it carried, for a manual built on one. */
  base?: ReleasedBase;
}

/** An archived release, as its release.json's head records it: what the editions page lists. */
export interface ArchivedRelease {
  id: string;
  label: string;
  date: string;
  /** The release's folder. */
  folder: string;
  /** The same folder relative to the manual's root, with "/" (`archive/2025-02`). */
  shownFolder: string;
  files: { name: string; bytes: number; sha256: string }[];
  /** True when the release archived a web edition (`web/...`). */
  hasWeb: boolean;
  chapters: ArchivedChapter[];
  epub?: string;
  /** The regional base edition it carried, for a manual built on one. */
  baseEdition?: string;
}
