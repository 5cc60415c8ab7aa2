import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseReleaseRecord, RELEASE_FILE } from '../load/release-record.ts';
import type { ReleasedBase } from '../load/types.ts';

/** What proving a local release's base found: chapters that disagree, or why it could not be proved. */
export interface BaseProof {
  problems: string[];
  warnings: string[];
  /** What was proved, when it was: "the base's August 2026 edition (4 chapters)". */
  proved?: string;
}

/**
 * Proves which regional text a local release carried: the base's own archive must hold its
 * release of that edition, and every base chapter the local release printed (substituted ones
 * were not) must have the SHA-256 the base's release recorded. The base is found by the path the
 * local record wrote, from the local manual's folder `root`.
 */
export function proveBase(base: ReleasedBase, root: string): BaseProof {
  const folder = path.join(path.resolve(root, base.path), 'archive', base.edition.id);
  const shown = `${base.path}/archive/${base.edition.id}/${RELEASE_FILE}`;
  const unproved = (why: string) => ({
    problems: [],
    warnings: [`the base's ${base.edition.label} edition it carried could not be proved: ${why}`],
  });
  if (!existsSync(path.join(folder, RELEASE_FILE))) return unproved(`${shown} is not there`);
  const record = parseReleaseRecord(readFileSync(path.join(folder, RELEASE_FILE), 'utf8'));
  if (typeof record === 'string') return unproved(`${shown} cannot be read: ${record}`);
  const substituted = new Set(base.substituted ?? []);
  const problems = Object.entries(base.chapters).flatMap(([id, sha256]) => {
    if (substituted.has(id)) return [];
    const released = record.chapters[id]?.sha256;
    if (released === undefined) return [`the base chapter "${id}" is not in the base's release (${shown})`];
    return released === sha256
      ? []
      : [
          `the base chapter "${id}" was carried with SHA-256 ${sha256}, but the base's release recorded ${released} (${shown})`,
        ];
  });
  const count = Object.keys(base.chapters).length - substituted.size;
  const proved = `the base's ${base.edition.label} edition (${count} chapters) matches ${shown}`;
  return { problems, warnings: [], ...(problems.length === 0 && { proved }) };
}
