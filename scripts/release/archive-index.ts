import { readFileSync } from 'node:fs';
import path from 'node:path';
import { archivedEditions } from '../load/baseline.ts';
import { parseReleaseRecord, RELEASE_FILE, type ReleaseRecord } from '../load/release-record.ts';
import { writeFileAtomic } from '../output/write-atomic.ts';
import { longDate } from '../render/view-parts.ts';

/**
 * Rewrites `index.md` and its twin `index.json` from the release records themselves, newest
 * first, so the index can never disagree with what is archived.
 */
export async function writeArchiveIndex(archiveDir: string, language: string): Promise<void> {
  const records = archivedEditions(archiveDir)
    .reverse()
    .map((id) => parseReleaseRecord(readFileSync(path.join(archiveDir, id, RELEASE_FILE), 'utf8')))
    .filter((r): r is ReleaseRecord => typeof r !== 'string');
  const index = records.map((r) => ({ edition: r.edition.id, label: r.edition.label, date: r.edition.date, commit: r.sources.commit, files: r.files }));
  await writeFileAtomic(path.join(archiveDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  await writeFileAtomic(path.join(archiveDir, 'index.md'), indexMarkdown(records, language));
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
    if (r.sources.commit) lines.push(`Sources: commit \`${r.sources.commit}\`${r.sources.dirty ? ' with uncommitted changes' : ''}.`, '');
    lines.push('| File | Size (bytes) | SHA-256 |', '|---|---:|---|');
    for (const f of r.files) lines.push(`| [${f.name}](${r.edition.id}/${f.name}) | ${f.bytes.toLocaleString('en-GB')} | \`${f.sha256}\` |`);
  }
  return `${lines.join('\n')}\n`;
}
