import type { Changes } from './diff.ts';
import type { EditionChapter } from './edition-words.ts';

/**
 * The chapters two editions printed differently, as `manual diff` lists the sources' changes:
 * changed when their units differ (what a reader sees, not the source file), added, removed,
 * retitled and renumbered, each list in the later edition's order (removed ones in the earlier's).
 */
export function editionChanges(
  from: ReadonlyMap<string, EditionChapter>,
  to: ReadonlyMap<string, EditionChapter>,
): Changes {
  const changes: Changes = { changed: [], added: [], removed: [], retitled: [], renumbered: [] };
  const state = (c: EditionChapter) => ({ number: c.number, title: c.title });
  for (const [id, now] of to) {
    const before = from.get(id);
    if (!before) {
      changes.added.push({ id, new: state(now) });
      continue;
    }
    const diff = { id, old: state(before), new: state(now) };
    const hashes = (c: EditionChapter) => c.units.map((u) => u.hash).join();
    if (hashes(before) !== hashes(now)) changes.changed.push(diff);
    if (before.title !== now.title) changes.retitled.push(diff);
    if (before.number !== now.number) changes.renumbered.push(diff);
  }
  for (const [id, before] of from) if (!to.has(id)) changes.removed.push({ id, old: state(before) });
  return changes;
}
