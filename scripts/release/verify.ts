import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EDITION_FOLDER, parseReleaseRecord, RELEASE_FILE, type ReleaseRecord } from '../load/release-record.ts';
import { documentFile } from '../render/rehype-document-links.ts';
import { WEB_FOLDER } from '../render/web/render-web.ts';
import { sha256 } from './record.ts';
import { proveBase, type BaseProof } from './verify-base.ts';

export interface Verdict {
  edition: string;
  files: number;
  /** Empty when every file matches its recorded checksum. */
  problems: string[];
  /** What could not be proved, such as a regional base whose release is not at hand. */
  warnings: string[];
  /** The regional base the release carried, when its own release proved it. */
  base?: string;
}

/**
 * Recomputes the checksum of every archived file and compares it with its release record. The
 * documents are archived in the web edition (`web/documents/<path>`), so their files' checksums
 * cover them; the record's list of documents must agree with those files.
 */
export function verifyArchive(archiveDir: string, root?: string): Verdict[] {
  if (!existsSync(archiveDir)) return [];
  return readdirSync(archiveDir)
    .filter((name) => EDITION_FOLDER.test(name))
    .sort()
    .reverse()
    .map((edition) => verifyEdition(path.join(archiveDir, edition), edition, root));
}

/**
 * Checks one archived release: every file against its recorded checksum, and nothing unrecorded;
 * given the manual's folder `root`, the regional base it recorded against the base's own release.
 */
export function verifyEdition(folder: string, edition: string, root?: string): Verdict {
  const recordFile = path.join(folder, RELEASE_FILE);
  const failed = (problem: string) => ({ edition, files: 0, problems: [problem], warnings: [] });
  if (!existsSync(recordFile)) return failed(`${RELEASE_FILE} is missing`);
  const record = parseReleaseRecord(readFileSync(recordFile, 'utf8'));
  if (typeof record === 'string') return failed(`${RELEASE_FILE} cannot be read: ${record}`);
  const documents = new Map((record.documents ?? []).map((d) => [archivedName(d), d]));
  const problems = record.files.flatMap((file) => {
    const full = path.join(folder, file.name);
    const document = documents.get(file.name);
    const named = document ? `${file.name} (the document "${document.title}")` : file.name;
    if (!existsSync(full)) return [`${named} is missing`];
    const found = sha256(readFileSync(full));
    return found === file.sha256
      ? []
      : [`${named} has changed: its SHA-256 is ${found}, the release recorded ${file.sha256}`];
  });
  problems.push(...unarchivedDocuments(record));
  const listed = new Set([RELEASE_FILE, ...record.files.map((f) => f.name)]);
  for (const name of filesUnder(folder)) if (!listed.has(name)) problems.push(`${name} is not part of the release`);
  const base: BaseProof =
    record.base && root !== undefined ? proveBase(record.base, root) : { problems: [], warnings: [] };
  return {
    edition,
    files: record.files.length,
    problems: [...problems, ...base.problems],
    warnings: base.warnings,
    ...(base.proved && { base: base.proved }),
  };
}

/** A document's file in the archive, as release.json names it: in the web edition, which publishes it. */
const archivedName = (document: { path: string }) => `${WEB_FOLDER}/${documentFile(document)}`;

/** Each document the record lists must be archived, with the bytes it recorded: the archived web edition's copy is what verify checks. */
function unarchivedDocuments(record: ReleaseRecord): string[] {
  const files = new Map(record.files.map((f) => [f.name, f.sha256]));
  return (record.documents ?? []).flatMap(({ path: documentPath, title, sha256: recorded }) => {
    const name = archivedName({ path: documentPath });
    const archived = files.get(name);
    if (archived === undefined) return [`the document "${title}" (${documentPath}) is not archived: no ${name}`];
    return archived === recorded
      ? []
      : [
          `the document "${title}" (${documentPath}): ${RELEASE_FILE} gives it two checksums, ${recorded} and ${archived} for ${name}`,
        ];
  });
}

/** Every file below `folder`, by its path from there with "/" between folders (the web edition's are in folders). */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
