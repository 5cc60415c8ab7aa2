import path from 'node:path';
import type { Diagnostics, Where } from '../core/diagnostics.ts';
import { readDocument, reportRefused, type DocumentFile, type ReadDocument } from './check-document.ts';

/** A document that checking found linked, with what it read of it. */
export interface LinkedDocument {
  /** Relative to the manual's root (`chapters/forms/pet-assessment.docx`). */
  file: string;
  /** What readers are told it is: "Word document", "CSV file". */
  type: string;
  bytes: number;
  sha256: string;
  /** The chapters that link to it, by id. */
  chapters: Set<string>;
  /** The text of the first link to it that has text. */
  linkText?: string;
  /** Where the first link to it is. */
  where: Where;
}

/**
 * The documents of a manual as checking finds them linked: each file read once, however many
 * links lead to it; a file refused is reported at every link to it, so each can be fixed.
 */
export class LinkedDocuments {
  private readonly read = new Map<string, DocumentFile>();
  private readonly linked = new Map<string, LinkedDocument>();
  private readonly titles = new Map<string, string>();

  constructor(
    private readonly root: string,
    /** The largest a document may be, in bytes. */
    readonly limit: number,
    private readonly diagnostics: Diagnostics,
    private readonly readFile: ReadDocument = readDocument,
  ) {}

  /** A link at `where` to `file` (an existing file): the document, or undefined when it is refused (reported). */
  link(where: Where, file: string, from: { chapter?: string; text?: string }): LinkedDocument | undefined {
    let found = this.read.get(file);
    if (!found) {
      found = this.readFile(path.join(this.root, file), file, this.limit);
      this.read.set(file, found);
    }
    if (!reportRefused(where, file, found, this.limit, this.diagnostics)) return undefined;
    let document = this.linked.get(file);
    if (!document) {
      const type = found.label === 'text file' && /\.csv$/i.test(file) ? 'CSV file' : found.label;
      document = { file, type, bytes: found.bytes, sha256: found.sha256!, chapters: new Set(), where };
      this.linked.set(file, document);
    }
    if (from.chapter !== undefined) document.chapters.add(from.chapter);
    const text = from.text?.trim();
    if (document.linkText === undefined && text) document.linkText = text;
    return document;
  }

  /** Gives a document the title its contents entry gives it. */
  entitle(file: string, title: string): void {
    this.titles.set(file, title);
  }

  /** The title its contents entry gives a document, if one does. */
  titled(file: string): string | undefined {
    return this.titles.get(file);
  }

  /** What a document is called: its contents entry's title, else its file name. */
  titleOf(file: string): string {
    return this.titles.get(file) ?? path.posix.basename(file);
  }

  /** Every document linked, in the order first linked. */
  all(): LinkedDocument[] {
    return [...this.linked.values()];
  }

  /** Whether a link leads to the file, refused or not. */
  isLinked(file: string): boolean {
    return this.read.has(file);
  }
}
