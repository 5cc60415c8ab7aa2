import { readFileSync } from 'node:fs';
import path from 'node:path';
import { archivedEditions } from '../load/baseline.ts';
import { parseReleaseRecord, RELEASE_FILE, type ReleaseRecord } from '../load/release-record.ts';
import { longDate } from '../core/dates.ts';
import type { ReleasedBase } from '../load/types.ts';

/**
 * `index.md` and its twin `index.json`, made from the release records themselves, newest first,
 * so the index can never disagree with what is archived. `filing` is a record about to be
 * archived, so the index can be written before its edition's folder is in place.
 */
export function archiveIndexFiles(archiveDir: string, language: string, filing?: ReleaseRecord): Map<string, string> {
  const archived = archivedEditions(archiveDir)
    .filter((id) => id !== filing?.edition.id)
    .map((id) => parseReleaseRecord(readFileSync(path.join(archiveDir, id, RELEASE_FILE), 'utf8')))
    .filter((r): r is ReleaseRecord => typeof r !== 'string');
  const records = [...archived, ...(filing ? [filing] : [])].sort((a, b) => b.edition.id.localeCompare(a.edition.id));
  const index = records.map((r) => ({
    edition: r.edition.id,
    label: r.edition.label,
    date: r.edition.date,
    commit: r.sources.commit,
    files: r.files,
    ...(r.base && {
      base: { path: r.base.path, title: r.base.title, edition: r.base.edition, chapters: r.base.chapters },
    }),
  }));
  return new Map([
    ['index.json', `${JSON.stringify(index, null, 2)}\n`],
    ['index.md', indexMarkdown(records, language)],
  ]);
}

function indexMarkdown(records: ReleaseRecord[], language: string): string {
  const lines = [
    '# Archived releases',
    '',
    'Every edition released with `manual release`, newest first, as it went out. `manual verify`',
    'checks each file against the checksum its `release.json` recorded.',
  ];
  for (const r of records) {
    lines.push('', `## ${r.edition.label} (${r.edition.id}), published ${longDate(r.edition.date, language)}`, '');
    if (r.sources.commit)
      lines.push(`Sources: commit \`${r.sources.commit}\`${r.sources.dirty ? ' with uncommitted changes' : ''}.`, '');
    lines.push('| File | Size (bytes) | SHA-256 |', '|---|---:|---|');
    for (const f of r.files)
      lines.push(`| [${f.name}](${r.edition.id}/${f.name}) | ${f.bytes.toLocaleString('en-GB')} | \`${f.sha256}\` |`);
    if (r.base) lines.push('', ...baseLines(r.base));
  }
  return `${lines.join('\n')}\n`;
}

/** The regional base an edition carried: which edition, and the SHA-256 of each chapter file it carried. */
function baseLines(base: ReleasedBase): string[] {
  const substituted = new Set(base.substituted ?? []);
  return [
    `Regional base: ${base.title}, ${base.edition.label} edition (${base.edition.id}), from \`${base.path}\`.`,
    '',
    '| Base chapter | SHA-256 |',
    '|---|---|',
    ...Object.entries(base.chapters).map(
      ([id, sha256]) => `| ${id}${substituted.has(id) ? ' (substituted)' : ''} | \`${sha256}\` |`,
    ),
  ];
}
