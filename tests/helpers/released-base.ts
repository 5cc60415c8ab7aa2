import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ReleasedBase } from '../../scripts/load/types.ts';

const recordOf = (root: string, edition: string) => path.join(root, 'archive', edition, 'release.json');
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

/**
 * What a local release records of the base it carried, made from the base's own release of that
 * edition: the same edition and the SHA-256 of each base chapter's file. A local release made on
 * the base at that release carried exactly these files.
 */
export function releasedBaseFrom(baseRoot: string, baseEdition: string, basePath = '../base'): ReleasedBase {
  const record = read(recordOf(baseRoot, baseEdition)) as {
    edition: ReleasedBase['edition'];
    chapters: Record<string, { sha256: string }>;
  };
  const contents = readFileSync(path.join(baseRoot, 'chapters/contents.yml'), 'utf8');
  const field = (key: string) => new RegExp(`^${key}: (.+)$`, 'm').exec(contents)![1].trim();
  return {
    path: basePath,
    title: field('title'),
    publisher: field('publisher'),
    edition: record.edition,
    chapters: Object.fromEntries(Object.entries(record.chapters).map(([id, c]) => [id, c.sha256])),
  };
}

/** Sets, or with undefined removes, what a local release's record says of its base. */
export function setReleasedBase(root: string, edition: string, base: ReleasedBase | undefined): void {
  const file = recordOf(root, edition);
  const { base: _dropped, ...record } = read(file);
  writeFileSync(file, `${JSON.stringify(base ? { ...record, base } : record, null, 2)}\n`);
}
