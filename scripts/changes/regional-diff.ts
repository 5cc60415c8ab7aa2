import type { ChapterNode } from '../core/book.ts';
import type { BaseSource, Baseline, ManualSource } from '../load/types.ts';
import type { BaseChapterChange, BaseMove } from './base-move.ts';
import type { Changes } from './diff.ts';

/** A base chapter the base changed, as this manual has it: its number here, and the local file over it. */
export interface RegionalChange extends BaseChapterChange {
  number?: string;
  /** "chapters/local/conferences.md takes its place", "left out here", "local information in ..." */
  here?: string;
}

/** A substitute put in or taken out since the release. */
export interface SubstituteChange {
  id: string;
  number?: string;
  title: string;
  /** The local chapter's file, for one put in. */
  file?: string;
  change: 'substituted' | 'restored';
}

/** A base entry this manual leaves out, with its reason: `new` when the release still had it. */
export interface LeftOut {
  target: string;
  title: string;
  reason: string;
  new: boolean;
}

/** `manual diff` for a manual on a base: the base's own changes apart from the local ones. */
export interface RegionalDiff {
  base: { title: string; edition: { id: string; label: string } };
  /** What the base changed since the edition the release carried; none when the release recorded no base. */
  move?: BaseMove;
  regional: RegionalChange[];
  /** The changes of the local chapters and substitutes, and every renumbering (numbers are this manual's). */
  local: Changes;
  substitutes: SubstituteChange[];
  leftOut: LeftOut[];
}

/**
 * Splits what changed since a release into what the base did (`move`, from the base's records)
 * and what this manual did: its own chapters and substitutes, substitutes put in or taken out,
 * and the base entries it leaves out. Without `move` (a release that recorded no base) the
 * chapters' changes stay together in `local`.
 */
export function regionalDiff(
  source: ManualSource & { base: BaseSource },
  chapters: ReadonlyMap<string, ChapterNode>,
  changes: Changes,
  release: Baseline,
  move: BaseMove | undefined,
): RegionalDiff {
  const { base } = source;
  const fileOf = (id: string) => source.chapters.get(id)?.file;
  const byBase = new Set(move?.chapters.map((c) => c.id));
  const leftOut = base.leftOut.map(({ target, title, reason }) => ({
    target,
    title,
    reason,
    new: release.chapters[target] !== undefined,
  }));
  const leavesOut = new Set(leftOut.map((l) => l.target));
  const substitutes = substituteChanges(base, chapters, release, fileOf);
  // A chapter put in a base chapter's place is listed as such, not as that chapter changed.
  const put = new Set(substitutes.filter((s) => s.change === 'substituted').map((s) => s.id));
  const isBase = (id: string) => chapters.get(id)?.origin === 'base' || put.has(id);
  const local: Changes = move
    ? {
        changed: changes.changed.filter((d) => !isBase(d.id)),
        added: changes.added.filter((d) => !(isBase(d.id) && byBase.has(d.id))),
        removed: changes.removed.filter((d) => !byBase.has(d.id) && !leavesOut.has(d.id)),
        retitled: changes.retitled.filter((d) => !isBase(d.id)),
        renumbered: changes.renumbered,
      }
    : changes;
  const { id, label } = base.editions[0];
  return {
    base: { title: base.title, edition: { id, label } },
    ...(move && { move }),
    regional: (move?.chapters ?? []).map((change) => ({ ...change, ...hereOf(change, base, chapters, fileOf) })),
    local,
    substitutes,
    leftOut,
  };
}

type FileOf = (id: string) => string | undefined;

function hereOf(
  change: BaseChapterChange,
  base: BaseSource,
  chapters: ReadonlyMap<string, ChapterNode>,
  fileOf: FileOf,
) {
  const number = chapters.get(change.id)?.number;
  const substitute = base.substituted.get(change.id);
  const information = base.information.find((i) => i.chapter === change.id);
  const here = substitute
    ? `${fileOf(change.id)} takes its place here`
    : base.leftOut.some((l) => l.target === change.id)
      ? 'left out here'
      : information
        ? `with local information from ${information.source.file}`
        : undefined;
  return { ...(number && { number }), ...(here && { here }) };
}

/**
 * Substitutes put in since the release (the release printed the base's file: the SHA-256 it
 * recorded of the chapter is the base's) and taken out (the base's chapter is back in its place).
 */
function substituteChanges(
  base: BaseSource,
  chapters: ReadonlyMap<string, ChapterNode>,
  release: Baseline,
  fileOf: FileOf,
): SubstituteChange[] {
  const carried = release.base?.chapters;
  if (!carried) return [];
  const found: SubstituteChange[] = [];
  for (const [id, node] of chapters) {
    const printed = release.chapters[id]?.sha256;
    if (printed === undefined || carried[id] === undefined) continue;
    const wasBase = printed === carried[id];
    const { number, title } = node;
    if (node.origin === 'substituted' && wasBase)
      found.push({ id, number, title, file: fileOf(id), change: 'substituted' });
    else if (node.origin === 'base' && !wasBase && !base.information.some((i) => i.chapter === id))
      found.push({ id, number, title, change: 'restored' });
  }
  return found;
}
