import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { longDate } from '../core/dates.ts';
import type { Settings } from '../core/settings.ts';
import { Diagnostics } from '../core/diagnostics.ts';
import { archivedEditions } from '../load/baseline.ts';
import { MANIFEST_FILE, parseManifest } from '../load/manifest.ts';
import { parseReleaseRecord, RELEASE_FILE, type ReleaseRecord } from '../load/release-record.ts';
import { verifyEdition } from '../release/verify.ts';

/** A day of the calendar as YYYY-MM-DD: 2025-02-30 is none. */
const isDate = (text: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

/**
 * `manual at DATE`: the archived edition in force on a date (from its date to the next edition's),
 * its files with their SHA-256, each checked against its release record: what the manual said on
 * the day a decision was made, for a case file. Exit 1 when no edition was in force or a file differs.
 */
export async function runAt(settings: Settings, date: string | undefined): Promise<number> {
  if (date === undefined || !isDate(date)) {
    process.stderr.write(
      `manual at: "${date ?? ''}" is not a date\n  fix: give it as YYYY-MM-DD: manual at 2025-05-01\n`,
    );
    return 2;
  }
  const { archive, root } = settings;
  const records = archivedEditions(archive).map((id) => ({ id, record: readRecord(archive, id) }));
  const unreadable = records.find((r) => typeof r.record === 'string');
  if (unreadable) {
    process.stderr.write(
      `${path.relative(root, path.join(archive, unreadable.id, RELEASE_FILE))}: error: ${unreadable.record}\n`,
    );
    return 1;
  }
  const editions = records.map((r) => r.record as ReleaseRecord);
  const language = readLanguage(root);
  const day = (d: string) => longDate(d, language);
  const index = editions.findLastIndex((r) => r.edition.date <= date);
  if (index === -1) {
    process.stdout.write(
      editions.length === 0
        ? `no releases in ${path.relative(root, archive) || archive}\n`
        : `no archived edition was in force on ${day(date)}: the first, ${editions[0].edition.label}, came into force on ${day(editions[0].edition.date)}\n`,
    );
    return 1;
  }
  const { edition, files } = editions[index];
  const next = editions[index + 1]?.edition;
  const range = next
    ? `from ${day(edition.date)} to ${day(next.date)}`
    : `from ${day(edition.date)}, the latest release`;
  process.stdout.write(`On ${day(date)} the ${edition.label} edition (${edition.id}) was in force, ${range}.\n`);
  const { base } = editions[index];
  if (base)
    process.stdout.write(
      `It carried the ${base.title}, ${base.edition.label} edition (${base.edition.id}), from ${base.path} (its chapters' SHA-256 in ${RELEASE_FILE}).\n`,
    );
  const folder = path.join(archive, edition.id);
  const shown = path.relative(root, folder) || folder;
  for (const file of files.filter((f) => !f.name.includes('/')))
    process.stdout.write(`  ${shown}/${file.name}  ${file.sha256}\n`);
  const web = files.filter((f) => f.name.startsWith('web/')).length;
  if (web > 0) process.stdout.write(`  ${shown}/web/  its web edition, ${web} files\n`);
  const { problems } = verifyEdition(folder, edition.id);
  if (problems.length > 0) {
    process.stdout.write(
      `FAILED: the archive differs from the release record\n${problems.map((p) => `  ${p}\n`).join('')}`,
    );
    return 1;
  }
  process.stdout.write(`all ${files.length} files match ${RELEASE_FILE}\n`);
  return 0;
}

function readRecord(archive: string, id: string): ReleaseRecord | string {
  const file = path.join(archive, id, RELEASE_FILE);
  return existsSync(file) ? parseReleaseRecord(readFileSync(file, 'utf8')) : `${RELEASE_FILE} is missing`;
}

/** The manual's language, for its dates: from its contents, else British English. */
export function readLanguage(root: string): string {
  const file = path.join(root, MANIFEST_FILE);
  const manifest = existsSync(file) ? parseManifest(readFileSync(file, 'utf8'), new Diagnostics()) : undefined;
  return manifest?.meta.language ?? 'en-GB';
}
