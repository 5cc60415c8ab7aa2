import type { Diagnostics } from '../core/diagnostics.ts';
import type { BaseSource, Baseline, ManualSource } from '../load/types.ts';
import { baseMove, sectionWords, type BaseChapterChange, type BaseMove } from './base-move.ts';
import { baseSides } from './base-sides.ts';

/** A local file over a base chapter the base changed since the local release that last reviewed it. */
export interface BaseReview {
  /** The base chapter, as the base changed it. */
  chapter: BaseChapterChange;
  /** The local file: the chapter in the base chapter's place, or the local information placed in it. */
  localFile: string;
  kind: 'substitute' | 'information';
  /** The base chapter's file, from this manual's root. */
  baseFile: string;
}

/** What the base did since a local release, and the local files over the chapters it changed. */
export interface BaseChanges {
  /** The release that last reviewed the base: the latest archived one. */
  since: Baseline;
  move: BaseMove;
  reviews: BaseReview[];
}

/**
 * The base's changes since the local release `since`, when that release recorded the base it
 * carried (a first local edition has none to compare with), and the local content they lie under.
 */
export async function baseChangesSince(
  source: ManualSource,
  since: Baseline | undefined,
): Promise<BaseChanges | undefined> {
  const { base } = source;
  if (!base || !since?.base) return undefined;
  const { before, after } = await baseSides(source, base, since.base);
  const move = baseMove(before, after, base.editions);
  return { since, move, reviews: underLocal(source, base, move, since) };
}

function underLocal(source: ManualSource, base: BaseSource, move: BaseMove, since: Baseline): BaseReview[] {
  const changed = new Map(move.chapters.filter((c) => c.change === 'changed').map((c) => [c.id, c]));
  const reviews: BaseReview[] = [];
  for (const [id, { baseFile }] of base.substituted) {
    const chapter = changed.get(id);
    const local = source.chapters.get(id);
    // A substitute put in since the release (which printed the base's file) was written against the base as it is.
    const isNew = since.chapters[id]?.sha256 === since.base?.chapters[id];
    if (chapter && local && !isNew) reviews.push({ chapter, localFile: local.file, kind: 'substitute', baseFile });
  }
  for (const information of base.information) {
    const chapter = changed.get(information.chapter);
    const baseFile = source.chapters.get(information.chapter)?.file;
    if (chapter && baseFile)
      reviews.push({ chapter, localFile: information.source.file, kind: 'information', baseFile });
  }
  return reviews;
}

const ACCEPT =
  'reviewed already? "accept: [base-changed-under-local]" in its front matter stops this warning until then';

/** One warning at each local file over a base chapter that changed: what changed, and what the base says of it. */
export function reportBaseReviews(changes: BaseChanges, diagnostics: Diagnostics): void {
  const { since, move } = changes;
  for (const { chapter, localFile, kind, baseFile } of changes.reviews) {
    const over =
      kind === 'substitute'
        ? 'the base chapter this file takes the place of'
        : 'the base chapter this information is placed in';
    const says = chapter.says.length > 0 ? `; the base says: ${chapter.says.join(' ')}` : '';
    diagnostics.warning(
      { file: localFile, line: 1, column: 1 },
      `${baseFile}, ${over}, changed between the base's ${move.from.label} and ${move.to.label} editions, after this manual's ${since.edition.label} release: ${whatChanged(chapter)}${says}`,
      `${kind === 'substitute' ? "compare this chapter with the base's and bring it up to date" : "check that this information still fits the base's text around it"}; the next release records the base as reviewed (${ACCEPT})`,
      'base-changed-under-local',
    );
  }
}

/** The sections a base chapter's change touched, or that its text changed when they cannot be named. */
export function whatChanged(chapter: BaseChapterChange): string {
  if (!chapter.sections)
    return "its text changed (the base's releases do not hold both texts, so its sections cannot be named)";
  if (chapter.sections.length === 0) return 'its file changed, not the words it prints';
  return sectionWords(chapter.sections);
}
