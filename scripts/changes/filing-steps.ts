import { DOCUMENTS_TITLE, type Book, type FilingStep } from '../core/book.ts';
import { bookParts, type BookPart } from '../core/book-parts.ts';
import { numberedTitle } from '../core/numbered-title.ts';
import type { Baseline, ReleasedChapter } from '../load/types.ts';
import type { DocumentDiff } from './document-diff.ts';
import { documentChangesSince } from './document-flags.ts';

type DocumentChange = NonNullable<FilingStep['document']>['change'];

const pagesText = (count: number) => `${count} page${count === 1 ? '' : 's'}`;

/**
 * The filing steps, in binder order, from the release the binder holders have to this edition:
 * the title page, the contents, the amendments appendix and the list of documents always; section
 * dividers that are new or changed; chapters new, changed or renumbered (their pages were
 * reissued); chapters removed, where they were; then the documents to replace, add or take out,
 * which binder holders print apart from the binder PDF.
 */
export function filingSteps(book: Book, baseline: Baseline): FilingStep[] {
  const current = book.edition.label;
  const steps: FilingStep[] = [
    { remove: `Title page (${baseline.edition.label})`, insert: { label: `Title page (${current})`, counted: false } },
  ];
  const reissued = new Set(book.chapters.filter((c) => c.issue === current).map((c) => c.id));
  const oldSections = new Map(baseline.sections.map((s) => [s.anchor, s]));
  const removedAfter = removedChaptersByPredecessor(book, baseline);
  // The binder's contents pages end with its list of effective pages.
  for (const part of bookParts(book, 'Contents and List of Effective Pages')) {
    const step = partStep(part, { baseline, reissued, oldSections });
    if (step) steps.push(step);
    for (const removed of removedAfter.get(part.id ?? '') ?? [])
      steps.push({ remove: `${numberedTitle(removed)} (${pagesText(removed.pages)}, ${removed.issue})` });
  }
  if (book.documents.length === 0 && baseline.documentListPages > 0)
    steps.push({ remove: releasedDocuments(baseline) });
  return [...steps, ...documentSteps(book, baseline)];
}

/**
 * The documents to replace, add and take out, after the binder's pages: they are printed apart
 * from them. Each is called what the amendment naming it calls it, as the appendix does.
 */
function documentSteps(book: Book, baseline: Baseline): FilingStep[] {
  const changes = documentChangesSince(book, baseline);
  const { updated, new: added, removed } = book.edition;
  const titles = new Map(
    [...updated, ...added, ...removed].flatMap((a) => (a.document ? [[a.document, a.title] as const] : [])),
  );
  const step = (change: DocumentChange) => (d: DocumentDiff) => ({
    document: { change, ...d, title: titles.get(`chapters/${d.path}`) ?? d.title },
  });
  return [
    ...changes.changed.map(step('replace')),
    ...changes.added.map(step('add')),
    ...changes.removed.map(step('take-out')),
  ];
}

function partStep(
  part: BookPart,
  context: { baseline: Baseline; reissued: Set<string>; oldSections: Map<string, { number: string; title: string }> },
): FilingStep | undefined {
  const { baseline } = context;
  const insert = { anchor: part.anchor, label: numberedTitle(part), counted: true };
  if (part.kind === 'contents')
    return { remove: `Contents (${pagesText(baseline.contentsPages)}, ${baseline.edition.label})`, insert };
  if (part.kind === 'amendments')
    return {
      remove: `${numberedTitle(part)} (${pagesText(baseline.appendixPages)}, ${baseline.edition.label})`,
      insert,
    };
  // It names chapters by number and documents by size, so every edition reissues it.
  if (part.kind === 'documents')
    return { remove: baseline.documentListPages > 0 ? releasedDocuments(baseline) : undefined, insert };
  if (part.kind === 'section') {
    const old = context.oldSections.get(part.anchor);
    if (old && old.number === part.number && old.title === part.title) return undefined;
    return {
      remove: old ? `Section divider ${numberedTitle(old)}` : undefined,
      insert: { anchor: part.anchor, label: `Section divider ${numberedTitle(part)}`, counted: false },
    };
  }
  if (!context.reissued.has(part.id!)) return undefined;
  const old = baseline.chapters[part.id!];
  return { remove: old ? `${numberedTitle(old)} (${pagesText(old.pages)}, ${old.issue})` : undefined, insert };
}

const releasedDocuments = (baseline: Baseline) =>
  `${DOCUMENTS_TITLE} (${pagesText(baseline.documentListPages)}, ${baseline.edition.label})`;

/** Chapters of the release that are gone now, keyed by the surviving chapter they followed. */
function removedChaptersByPredecessor(book: Book, baseline: Baseline): Map<string, ReleasedChapter[]> {
  const now = new Set(book.chapters.map((c) => c.id));
  const after = new Map<string, ReleasedChapter[]>();
  let previous = book.chapters[0]?.id ?? '';
  for (const [id, chapter] of Object.entries(baseline.chapters)) {
    if (now.has(id)) previous = id;
    else after.set(previous, [...(after.get(previous) ?? []), chapter]);
  }
  return after;
}
