import type { Baseline, ChapterSource } from '../load/types.ts';
import type { ChapterNode } from '../core/book.ts';

export interface ChapterState {
  number?: string;
  title: string;
}

export interface ChapterDiff {
  id: string;
  old?: ChapterState;
  new?: ChapterState;
}

/** What changed in the sources since a release: each chapter in at most one list per kind. */
export interface Changes {
  changed: ChapterDiff[];
  added: ChapterDiff[];
  removed: ChapterDiff[];
  retitled: ChapterDiff[];
  renumbered: ChapterDiff[];
}

/** Compares the current chapters (their source hashes and numbering) with a release's record. */
export function diffChapters(
  chapters: ReadonlyMap<string, ChapterNode>,
  sources: ReadonlyMap<string, ChapterSource>,
  baseline: Baseline,
): Changes {
  const changes: Changes = { changed: [], added: [], removed: [], retitled: [], renumbered: [] };
  for (const [id, node] of chapters) {
    const before = baseline.chapters[id];
    const now = { number: node.number, title: node.title };
    if (!before) {
      changes.added.push({ id, new: now });
      continue;
    }
    const old = { number: before.number, title: before.title };
    if (sources.get(id)?.sha256 !== before.sha256) changes.changed.push({ id, old, new: now });
    if (before.title !== node.title) changes.retitled.push({ id, old, new: now });
    if (before.number !== node.number) changes.renumbered.push({ id, old, new: now });
  }
  for (const [id, before] of Object.entries(baseline.chapters)) {
    if (!chapters.has(id)) changes.removed.push({ id, old: { number: before.number, title: before.title } });
  }
  return changes;
}

export function hasChanges(changes: Changes): boolean {
  return Object.values(changes).some((list) => list.length > 0);
}
