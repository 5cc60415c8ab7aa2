import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../core/write-atomic.ts';
import type { PlannedFile } from './plan-import.ts';

export type FileStatus = 'new' | 'changed' | 'unchanged';

/** How each planned file compares with what is on disk. */
export async function compareWithDisk(root: string, files: readonly PlannedFile[]): Promise<Map<string, FileStatus>> {
  const statuses = new Map<string, FileStatus>();
  for (const file of files) {
    let current: Buffer | undefined;
    try {
      current = await readFile(path.join(root, file.path));
    } catch {
      current = undefined;
    }
    const data = typeof file.data === 'string' ? Buffer.from(file.data) : Buffer.from(file.data);
    statuses.set(file.path, current === undefined ? 'new' : current.equals(data) ? 'unchanged' : 'changed');
  }
  return statuses;
}

/** Writes the files that differ, each whole (atomically), in the plan's order: contents.yml last. */
export async function writeImport(
  root: string,
  files: readonly PlannedFile[],
  statuses: ReadonlyMap<string, FileStatus>,
): Promise<void> {
  for (const file of files) {
    if (statuses.get(file.path) !== 'unchanged') await writeFileAtomic(path.join(root, file.path), file.data);
  }
}
