import path from 'node:path';
import type { Diagnostics } from '../core/diagnostics.ts';
import { archivedEditions } from './baseline.ts';
import { readReleaseRecord } from './release-record.ts';
import type { ArchivedChapter } from '../core/book.ts';
import { unitOfRecord } from '../core/block-units.ts';
import type { ArchivedRelease, ReleasedChapter } from './types.ts';

/** The archived web edition's folder inside a release: its files are named `web/...`. */
const WEB_PREFIX = 'web/';

/**
 * Every archived release as the editions page and the archived web editions need it: edition,
 * files and their checksums, its chapters' numbers, titles and unit hashes, oldest first. A record that cannot be read is reported, except the ones the `current`
 * edition is read against (its own and the latest before it), which reading the baselines reports.
 */
export async function readArchivedReleases(
  archiveDir: string,
  root: string,
  diagnostics: Diagnostics,
  current: string,
): Promise<ArchivedRelease[]> {
  const ids = archivedEditions(archiveDir);
  const skip = new Set([current, ids.filter((id) => id < current).at(-1)]);
  const read = await Promise.all(
    ids.map(async (id): Promise<ArchivedRelease | undefined> => {
      // The releases the edition is read against report their own unreadable records (baseline.ts).
      const record = await readReleaseRecord(path.join(archiveDir, id), root, skip.has(id) ? undefined : diagnostics);
      if (!record) return undefined;
      const { label, date } = record.edition;
      return {
        id,
        label,
        date,
        folder: path.join(archiveDir, id),
        shownFolder: path.relative(root, path.join(archiveDir, id)).split(path.sep).join('/'),
        files: record.files.map(({ name, bytes, sha256 }) => ({ name, bytes, sha256 })),
        hasWeb: record.files.some((f) => f.name.startsWith(WEB_PREFIX)),
        chapters: Object.entries(record.chapters).map(([id, c]) => archivedChapter(id, c)),
        epub: record.files.map((f) => f.name).find((name) => name.endsWith('.epub') && !name.includes('/')),
        ...(record.base && { baseEdition: record.base.edition.id }),
      };
    }),
  );
  return read.filter((release) => release !== undefined);
}

/** A recorded chapter with its units' hashes only: what histories compare. */
function archivedChapter(id: string, chapter: ReleasedChapter): ArchivedChapter {
  const units = Array.isArray(chapter.units) ? chapter.units.map((u) => unitOfRecord(u)?.hash ?? '') : undefined;
  return {
    id,
    ...(chapter.number === undefined ? {} : { number: chapter.number }),
    title: chapter.title,
    content: chapter.content,
    ...(units ? { units } : {}),
  };
}
