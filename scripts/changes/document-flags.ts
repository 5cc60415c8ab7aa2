import type { AmendmentView, Book, ContentsNode, Flag, ManualDocument } from '../core/book.ts';
import { mapEntries } from '../core/contents.ts';
import type { Baseline } from '../load/types.ts';
import { diffDocuments, type DocumentChanges, type DocumentDiff } from './document-diff.ts';

/**
 * What changed in the documents since the release binder holders have: by their bytes, when the
 * release recorded them and is an earlier edition; else (no release, this edition's own, or one
 * made before documents were recorded) as the current edition's amendments say.
 */
export function documentChangesSince(book: Book, baseline: Baseline | undefined): DocumentChanges {
  if (baseline && !baseline.sameEdition) {
    const found = diffDocuments(book.documents, baseline);
    if (found) return found;
  }
  const byFile = new Map(book.documents.map((d) => [d.file, d]));
  const named = (items: AmendmentView[]) => items.flatMap((item) => (item.document ? [item.document] : []));
  const published = (items: AmendmentView[]) =>
    named(items).flatMap((file): DocumentDiff[] => {
      const document = byFile.get(file);
      return document ? [{ path: document.path, title: document.title, type: document.type }] : [];
    });
  const removed = book.edition.removed.flatMap((item): DocumentDiff[] => {
    if (!item.document || byFile.has(item.document)) return [];
    const path = item.document.slice('chapters/'.length);
    return [{ path, title: item.title, type: baseline?.documents?.get(path)?.type ?? '' }];
  });
  return { changed: published(book.edition.updated), added: published(book.edition.new), removed };
}

/**
 * Each document flagged New or Updated as it follows the release, in `Book.documents` and in the
 * contents, like a chapter; and the issue of its bytes: the release's while they are the ones it
 * recorded, else the current edition's.
 */
export function documentsSinceRelease(book: Book, baseline: Baseline | undefined): Book {
  const changes = documentChangesSince(book, baseline);
  const flags = new Map<string, Flag>([
    ...changes.changed.map((d) => [d.path, 'Updated'] as const),
    ...changes.added.map((d) => [d.path, 'New'] as const),
  ]);
  if (flags.size === 0 && !baseline?.documents) return book;
  const documents = book.documents.map((document): ManualDocument => {
    const flag = flags.get(document.path);
    const released = baseline?.documents?.get(document.path);
    const issue = !flag && released?.sha256 === document.sha256 ? released.issue : document.issue;
    return { ...document, issue, ...(flag ? { flag } : {}) };
  });
  if (flags.size === 0) return { ...book, documents };
  const flagOf = new Map(documents.map((d) => [d.file, d.flag]));
  const flagged = (entries: ContentsNode[]) =>
    mapEntries<ContentsNode>(entries, (node, inner) => {
      if (node.kind === 'subsection') return { ...node, entries: inner };
      const flag = node.kind === 'document' ? flagOf.get(node.file) : undefined;
      return flag ? { ...node, flag } : node;
    });
  const sections = book.sections.map((section) => ({ ...section, entries: flagged(section.entries) }));
  return { ...book, documents, sections };
}
