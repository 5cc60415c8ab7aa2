import { createHash } from 'node:crypto';
import type { Root } from 'hast';
import { unitsOf } from '../core/block-units.ts';
import type { AmendmentView, Book, Chapter, ChapterChanges } from '../core/book.ts';
import type { ReleasedUnits } from '../load/released-units.ts';
import type { Baseline } from '../load/types.ts';
import { changeBanner } from './change-banner.ts';
import { changedSections } from './changed-sections.ts';
import { diffUnits } from './diff-blocks.ts';
import { markBody } from './mark-body.ts';

export interface ChangeOptions {
  /** False for `--no-change-marks`: no bars and no inline marks, whatever the edition says. */
  changeMarks: boolean;
  /** Compare with the baseline even when it is the current edition, already released (`manual diff`). */
  compareReleased?: boolean;
}

/**
 * The book with what changed since the baseline release shown in each chapter: the diff of its
 * units with the release's, change marks in its body (unless the edition, the build or an
 * editorial amendment turns them off), and at its top the banner of its amendment with the
 * sections that changed. A rebuild of the released edition itself has nothing to compare with:
 * its chapters get their amendments' banners only.
 */
export function withChanges(
  book: Book,
  baseline: Baseline | undefined,
  released: ReleasedUnits | undefined,
  options: ChangeOptions,
): Book {
  const amendments = amendmentsByHref(book);
  const marksOn = options.changeMarks && book.edition.changeMarks;
  const chapters = book.chapters.map((chapter): Chapter => {
    const amendment = amendments.get(`#${chapter.anchor}`);
    const compared =
      baseline && (!baseline.sameEdition || options.compareReleased)
        ? compare(chapter, baseline, released, amendment)
        : undefined;
    const changes = compared?.changes;
    if (!chapter.flag && !changes) return chapter;
    const marked =
      compared?.mark && marksOn && !changes!.editorial
        ? markBody(chapter.body, compared.mark.units, compared.mark.diff, chapter.anchor, markWords(book))
        : { body: chapter.body, marks: [] };
    const banner = changeBanner(chapter, book.edition, amendment, changes);
    const body: Root = { ...marked.body, children: [banner, ...marked.body.children] };
    const bodySha256 = createHash('sha256')
      .update(chapter.contentSha256)
      .update(JSON.stringify([banner, marked.marks, compared?.mark?.diff]))
      .digest('hex');
    return { ...chapter, body, bodySha256, changes: changes && { ...changes, marks: marked.marks } };
  });
  return { ...book, chapters };
}

function compare(
  chapter: Chapter,
  baseline: Baseline,
  released: ReleasedUnits | undefined,
  amendment: AmendmentView | undefined,
) {
  const since = { id: baseline.edition.id, label: baseline.edition.label };
  const editorial = amendment?.editorial ?? false;
  const record = baseline.chapters[chapter.id];
  if (!record) return { changes: { since, isNew: true, editorial, marks: [] } satisfies ChapterChanges };
  if (record.content === chapter.contentSha256) return undefined;
  const before = released?.(chapter);
  if (!before) return { changes: { since, isNew: false, editorial, marks: [] } satisfies ChapterChanges };
  const units = unitsOf(chapter.body);
  const diff = diffUnits(before, units);
  const hrefOf = (unit: (typeof units)[number]) => {
    const id = chapter.body.children[unit.path[0]];
    return id?.type === 'element' && typeof id.properties.id === 'string' ? `#${id.properties.id}` : undefined;
  };
  const sections = changedSections(units, diff, hrefOf);
  // Only its number or title changed: the words of the chapter are as released.
  if (sections.length === 0) return undefined;
  return {
    changes: { since, isNew: false, editorial, sections, marks: [] } satisfies ChapterChanges,
    mark: { units, diff },
  };
}

/** Each listed chapter's amendment: the local edition's own before the base's item of the same chapter. */
function amendmentsByHref(book: Book): Map<string, AmendmentView> {
  const items = [...book.edition.updated, ...book.edition.new].sort(
    (a, b) => Number(!!b.regional) - Number(!!a.regional),
  );
  return new Map(items.flatMap((item) => (item.href ? [[item.href, item] as const] : [])));
}

const markWords = (book: Book) => ({
  changed: `Changed in ${book.edition.label}:`,
  added: `New in ${book.edition.label}:`,
  removed: `Text removed in ${book.edition.label}.`,
});
