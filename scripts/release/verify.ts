import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EDITION_FOLDER, parseReleaseRecord, RELEASE_FILE } from '../load/release-record.ts';
import { sha256 } from './record.ts';

export interface Verdict {
  edition: string;
  files: number;
  /** Empty when every file matches its recorded checksum. */
  problems: string[];
}

/** Recomputes the checksum of every archived file and compares it with its release record. */
export function verifyArchive(archiveDir: string): Verdict[] {
  if (!existsSync(archiveDir)) return [];
  return readdirSync(archiveDir)
    .filter((name) => EDITION_FOLDER.test(name))
    .sort()
    .reverse()
    .map((edition) => verifyEdition(path.join(archiveDir, edition), edition));
}

function verifyEdition(folder: string, edition: string): Verdict {
  const recordFile = path.join(folder, RELEASE_FILE);
  if (!existsSync(recordFile)) return { edition, files: 0, problems: [`${RELEASE_FILE} is missing`] };
  const record = parseReleaseRecord(readFileSync(recordFile, 'utf8'));
  if (typeof record === 'string') return { edition, files: 0, problems: [`${RELEASE_FILE} cannot be read: ${record}`] };
  const problems = record.files.flatMap((file) => {
    const full = path.join(folder, file.name);
    if (!existsSync(full)) return [`${file.name} is missing`];
    const found = sha256(readFileSync(full));
    return found === file.sha256
      ? []
      : [`${file.name} has changed: its SHA-256 is ${found}, the release recorded ${file.sha256}`];
  });
  const listed = new Set([RELEASE_FILE, ...record.files.map((f) => f.name)]);
  for (const name of filesUnder(folder)) if (!listed.has(name)) problems.push(`${name} is not part of the release`);
  return { edition, files: record.files.length, problems };
}

/** Every file below `folder`, by its path from there with "/" between folders (the web edition's are in folders). */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
