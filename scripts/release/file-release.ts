import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ManualError } from '../core/diagnostics.ts';
import { archivedEditions } from '../load/baseline.ts';
import { RELEASE_FILE, type ReleaseRecord } from '../load/release-record.ts';
import { archiveIndexFiles } from './archive-index.ts';

/**
 * What a release writes in the archive goes first under a temporary name, `.<name>.tmp-<pid>`;
 * a release killed part way leaves only such names. (`name.tmp-<pid>-<hex>` is what the atomic
 * file writer leaves; older releases wrote the index with it.)
 */
const TEMPORARY = /^(\..+\.tmp-(\d+)|.+\.tmp-(\d+)-[0-9a-f]+)$/;
const temporary = (archiveDir: string, name: string) => path.join(archiveDir, `.${name}.tmp-${process.pid}`);

/**
 * Files an edition under `archive/<edition>/` and rewrites the index beside it. Everything is
 * written under temporary names first; then the edition's folder is renamed into place, which is
 * the moment it is archived, and the two index files straight after it (three renames, a few
 * microseconds apart). A release killed before that leaves the archive as it was, apart from
 * temporary names the next release removes; killed between the renames, it leaves an index the
 * next release mends (see `mendArchive`).
 */
export async function fileRelease(
  archiveDir: string,
  folder: string,
  files: Map<string, Uint8Array | string>,
  record: ReleaseRecord,
  language: string,
  /** The manual's folder: problems name the edition's folder from it. */
  root: string,
): Promise<void> {
  const staged = temporary(archiveDir, path.basename(folder));
  const index = [...archiveIndexFiles(archiveDir, language, record)].map(([name, text]) => ({
    from: temporary(archiveDir, name),
    to: path.join(archiveDir, name),
    text,
  }));
  try {
    await mkdir(staged, { recursive: true });
    for (const [name, data] of files) {
      // The web edition's files are in folders of their own (web/chapters/...).
      await mkdir(path.dirname(path.join(staged, name)), { recursive: true });
      await writeFile(path.join(staged, name), data);
    }
    await writeFile(path.join(staged, RELEASE_FILE), `${JSON.stringify(record, null, 2)}\n`);
    for (const file of index) await writeFile(file.from, file.text);
    if (existsSync(folder)) throw alreadyArchived(record.edition.id, folder, root);
    await rename(staged, folder).catch((e: NodeJS.ErrnoException) => {
      // Another release of the same edition renamed its folder first.
      throw e.code === 'ENOTEMPTY' || e.code === 'EEXIST' ? alreadyArchived(record.edition.id, folder, root) : e;
    });
  } catch (e) {
    await Promise.all([staged, ...index.map((f) => f.from)].map((name) => rm(name, { recursive: true, force: true })));
    throw e;
  }
  for (const file of index) await rename(file.from, file.to);
}

/**
 * Puts right what a killed release can leave: removes the temporary names of releases no longer
 * running, and rewrites the index when it does not match the archived release records.
 */
export async function mendArchive(archiveDir: string, language: string): Promise<void> {
  if (!existsSync(archiveDir)) return;
  for (const name of readdirSync(archiveDir)) {
    const match = TEMPORARY.exec(name);
    if (match && !running(Number(match[2] ?? match[3])))
      await rm(path.join(archiveDir, name), { recursive: true, force: true });
  }
  if (archivedEditions(archiveDir).length === 0) return;
  for (const [name, text] of archiveIndexFiles(archiveDir, language)) {
    const file = path.join(archiveDir, name);
    if (!existsSync(file) || (await readFile(file, 'utf8')) !== text) await writeIndexFile(archiveDir, name, text);
  }
}

async function writeIndexFile(archiveDir: string, name: string, text: string): Promise<void> {
  const from = temporary(archiveDir, name);
  await writeFile(from, text);
  await rename(from, path.join(archiveDir, name));
}

/** Whether a process is running (signal 0 only asks); one of another user counts as running. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function alreadyArchived(edition: string, folder: string, root: string): ManualError {
  return new ManualError([
    {
      severity: 'error',
      file: path.relative(root, folder) || folder,
      message: `edition ${edition} is already archived; an archived release is never overwritten`,
      hint: 'add the next edition at the top of chapters/amendments.yml and release that',
      ruleId: 'edition-already-archived',
    },
  ]);
}
