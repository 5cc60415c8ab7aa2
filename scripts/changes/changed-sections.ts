import type { BlockUnit, UnitRecord } from '../core/block-units.ts';
import type { ChangedSection } from '../core/book.ts';
import type { UnitsDiff } from './diff-blocks.ts';

/**
 * The parts of a chapter a diff touched, in reading order: each unit belongs to the last numbered
 * heading before it (or the chapter's opening). A heading itself added is a section added, a
 * heading removed a section removed; any other touched unit makes its section changed.
 */
export function changedSections(
  units: readonly BlockUnit[],
  diff: UnitsDiff,
  headingHref: (unit: BlockUnit) => string | undefined,
): ChangedSection[] {
  const sectionOf = owners(units);
  const found = new Map<number, ChangedSection>();
  const opening: ChangedSection = { change: 'changed' };
  const touch = (owner: number) => {
    if (owner === -1) {
      found.set(-1, opening);
      return;
    }
    if (found.has(owner)) return;
    const unit = units[owner];
    const change = diff.status[owner] === 'added' ? 'added' : 'changed';
    found.set(owner, { number: unit.heading!.number, title: unit.heading!.title, href: headingHref(unit), change });
  };
  diff.status.forEach((status, i) => {
    if (status === 'changed' || status === 'added') touch(sectionOf[i]);
  });
  const removedHeadings: { at: number; section: ChangedSection }[] = [];
  // Units removed after a removed heading, in the same place, went with its section.
  let inRemovedSection: number | undefined;
  for (const { unit, before } of diff.removed) {
    if (unit.kind === 'heading' && isNumbered(unit)) {
      inRemovedSection = before;
      removedHeadings.push({
        at: before,
        section: { number: unit.heading!.number, title: unit.heading!.title, change: 'removed' },
      });
    } else if (inRemovedSection !== before) touch(before > 0 ? sectionOf[before - 1] : -1);
  }
  const ordered = [...found.entries()].sort(([a], [b]) => a - b);
  const sections = ordered.map(([at, section]) => ({ at, section }));
  for (const removed of removedHeadings) {
    const index = sections.findIndex((s) => s.at >= removed.at);
    sections.splice(index === -1 ? sections.length : index, 0, { at: removed.at - 0.5, section: removed.section });
  }
  return sections.map((s) => s.section);
}

const isNumbered = (unit: UnitRecord) => unit.kind === 'heading' && unit.heading?.number !== undefined;

/** For each unit, the index of the numbered heading it belongs to (itself, for one), or -1. */
function owners(units: readonly BlockUnit[]): number[] {
  let owner = -1;
  return units.map((unit, i) => (isNumbered(unit) ? (owner = i) : owner));
}
