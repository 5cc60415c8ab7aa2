import type { Chapter, DocumentNode, ManualDocument } from '../core/book.ts';
import { entriesInOrder } from '../core/contents.ts';
import type { ResolvedManual } from '../markdown/resolve-manual.ts';
import type { NumberedManual } from '../number/number-manual.ts';

/** The manual's documents as the book holds them: titled, numbered where the contents lists them, their linking chapters in contents order. */
export function manualDocuments(
  numbered: NumberedManual,
  resolved: ResolvedManual,
  chapters: readonly Chapter[],
  label: string,
): ManualDocument[] {
  const entries = new Map<string, DocumentNode>();
  for (const section of numbered.contents.sections)
    for (const [node] of entriesInOrder(section.entries)) if (node.kind === 'document') entries.set(node.file, node);
  return resolved.documents.map((document) => ({
    file: document.file,
    path: document.file.slice('chapters/'.length),
    title: resolved.documentTitles.get(document.file) ?? document.file,
    type: document.type,
    bytes: document.bytes,
    sha256: document.sha256,
    number: entries.get(document.file)?.number,
    listed: entries.has(document.file),
    linkedFrom: chapters.filter((chapter) => document.chapters.has(chapter.id)).map((chapter) => chapter.id),
    issue: label,
  }));
}
