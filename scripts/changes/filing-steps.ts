import type { Book, ContentsNode, FilingStep, SectionNode } from '../core/book.ts';
import { CONTENTS_ANCHOR } from '../core/book.ts';
import { contentsInOrder } from '../core/contents.ts';
import { numberedTitle } from '../core/numbered-title.ts';
import type { Baseline, ReleasedChapter } from '../load/types.ts';

const pagesText = (count: number) => `${count} page${count === 1 ? '' : 's'}`;

/** A unit of the binder PDF: it starts on a new sheet and can be replaced on its own. */
type BinderUnit = {
  anchor: string;
  kind: 'contents' | 'section' | 'chapter' | 'amendments';
  id?: string;
  number?: string;
  title: string;
};

/**
 * The filing steps, in binder order, from the release the binder holders have to this edition:
 * the title page, the contents and the amendments appendix always; section dividers that are new
 * or changed; chapters new, changed or renumbered (their pages were reissued); chapters removed,
 * where they were.
 */
export function filingSteps(book: Book, baseline: Baseline): FilingStep[] {
  const current = book.edition.label;
  const steps: FilingStep[] = [
    { remove: `Title page (${baseline.edition.label})`, insert: { label: `Title page (${current})`, counted: false } },
  ];
  const reissued = new Set(book.chapters.filter((c) => c.issue === current).map((c) => c.id));
  const oldSections = new Map(baseline.sections.map((s) => [s.anchor, s]));
  const removedAfter = removedChaptersByPredecessor(book, baseline);
  for (const unit of binderUnits(book)) {
    const step = unitStep(unit, { baseline, reissued, oldSections });
    if (step) steps.push(step);
    for (const removed of removedAfter.get(unit.id ?? '') ?? [])
      steps.push({ remove: `${numberedTitle(removed)} (${pagesText(removed.pages)}, ${removed.issue})` });
  }
  return steps;
}

function binderUnits(book: Book): BinderUnit[] {
  // The binder's contents pages end with its list of effective pages.
  const units: BinderUnit[] = [
    { anchor: CONTENTS_ANCHOR, kind: 'contents', title: 'Contents and List of Effective Pages' },
  ];
  for (const node of contentsInOrder(book))
    if (isUnit(node)) units.push({ ...node, id: node.kind === 'chapter' ? node.id : undefined });
  return units;
}

const isUnit = (
  node: SectionNode | ContentsNode,
): node is Extract<SectionNode | ContentsNode, { kind: BinderUnit['kind'] }> =>
  node.kind === 'section' || node.kind === 'chapter' || node.kind === 'amendments';

function unitStep(
  unit: BinderUnit,
  context: { baseline: Baseline; reissued: Set<string>; oldSections: Map<string, { number: string; title: string }> },
): FilingStep | undefined {
  const { baseline } = context;
  const insert = { anchor: unit.anchor, label: numberedTitle(unit), counted: true };
  if (unit.kind === 'contents')
    return { remove: `Contents (${pagesText(baseline.contentsPages)}, ${baseline.edition.label})`, insert };
  if (unit.kind === 'amendments')
    return {
      remove: `${numberedTitle(unit)} (${pagesText(baseline.appendixPages)}, ${baseline.edition.label})`,
      insert,
    };
  if (unit.kind === 'section') {
    const old = context.oldSections.get(unit.anchor);
    if (old && old.number === unit.number && old.title === unit.title) return undefined;
    return {
      remove: old ? `Section divider ${numberedTitle(old)}` : undefined,
      insert: { anchor: unit.anchor, label: `Section divider ${numberedTitle(unit)}`, counted: false },
    };
  }
  if (!context.reissued.has(unit.id!)) return undefined;
  const old = baseline.chapters[unit.id!];
  return { remove: old ? `${numberedTitle(old)} (${pagesText(old.pages)}, ${old.issue})` : undefined, insert };
}

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
