import path from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import { editionChanges } from '../changes/compare-editions.ts';
import { compareUnits } from '../changes/compare-units.ts';
import type { Changes } from '../changes/diff.ts';
import { readEditionWords, type EditionChapter, type EditionWords } from '../changes/edition-words.ts';
import { longDate } from '../core/dates.ts';
import { numberedTitle } from '../core/numbered-title.ts';
import type { Settings } from '../core/settings.ts';
import { archivedEditions } from '../load/baseline.ts';
import { verifyEdition } from '../release/verify.ts';
import { readLanguage } from './at.ts';
import { LINES } from './change-lines.ts';
import { hunkLines, LEGEND } from './compare-text.ts';

/** The edition id that stands for the sources as they are now, not yet released. */
export const CURRENT = 'current';

/**
 * `manual compare FROM TO [--chapter ID]`: what two archived editions printed differently, for a
 * case file: with a chapter, its words unit by unit; without, the chapters added, removed,
 * retitled, renumbered and changed, each changed one with its words. Every file read is first
 * checked against its release record. Exit 1 for an unknown edition or chapter or an archive
 * that differs from its record.
 */
export async function runCompare(settings: Settings, ids: string[], chapter?: string): Promise<number> {
  const { archive, root } = settings;
  const archived = archivedEditions(archive);
  const unknown = ids.find((id) => id !== CURRENT && !archived.includes(id));
  if (unknown !== undefined) return fail(noEdition(unknown, archived, path.relative(root, archive) || archive));
  const editions: EditionWords[] = [];
  for (const id of ids) {
    if (id === CURRENT) {
      const current = await (await import('./current-words.ts')).currentWords(settings);
      if (!current) return 1;
      editions.push(current);
      continue;
    }
    const folder = path.join(archive, id);
    const shown = path.relative(root, folder) || folder;
    const { problems } = verifyEdition(folder, id);
    const read = problems.length > 0 ? { problems } : await readEditionWords(folder);
    if ('problems' in read) return fail(refusal(shown, read.problems));
    editions.push(read);
  }
  const day = (date: string) => longDate(date, readLanguage(root));
  const [from, to] = editions;
  const named = ({ edition }: EditionWords) =>
    edition.id === CURRENT
      ? `current  the sources now, for the ${edition.label} edition, ${day(edition.date)}`
      : `${edition.id}  ${edition.label} edition, ${day(edition.date)}`;
  if (chapter !== undefined) return writeChapter(from, to, chapter, named);
  const changes = editionChanges(from.chapters, to.chapters);
  write([`--- ${named(from)}`, `+++ ${named(to)}`, ...changeList(changes)]);
  for (const { id } of changes.changed) {
    write(['', `--- ${from.edition.id}: ${titled(from.chapters.get(id), id)}`]);
    write([`+++ ${to.edition.id}: ${titled(to.chapters.get(id), id)}`]);
    write(hunkLines(compareUnits(from.chapters.get(id)!.units, to.chapters.get(id)!.units)));
  }
  return 0;
}

/** One chapter in both editions (or in one: all of it deleted or inserted). */
function writeChapter(from: EditionWords, to: EditionWords, id: string, named: (e: EditionWords) => string) {
  const [before, after] = [from.chapters.get(id), to.chapters.get(id)];
  if (!before && !after) {
    const ids = [...new Set([...to.chapters.keys(), ...from.chapters.keys()])];
    const nearest = ids.length ? closest(id, ids) : undefined;
    const near = nearest && distance(id, nearest) <= Math.max(3, id.length / 4);
    const fix = near ? `did you mean "${nearest}"? The chapters are` : 'give one of the chapters';
    return fail(
      `manual compare: neither ${from.edition.id} nor ${to.edition.id} has a chapter "${id}"\n  fix: ${fix} ${ids.join(', ')}`,
    );
  }
  write([`--- ${named(from)}: ${titled(before, id)}`, `+++ ${named(to)}: ${titled(after, id)}`, LEGEND]);
  write(hunkLines(compareUnits(before?.units ?? [], after?.units ?? [])));
  return 0;
}

/** The chapters listed as `manual diff` lists them, then what the lines of each changed one mean. */
function changeList(changes: Changes): string[] {
  const lines = (Object.keys(LINES) as (keyof Changes)[]).flatMap((kind) =>
    changes[kind].map((change) => `${kind.padEnd(11)} ${LINES[kind](change)}`),
  );
  if (lines.length === 0) return ['no chapter has changed'];
  return changes.changed.length ? [...lines, '', LEGEND] : lines;
}

const titled = (chapter: EditionChapter | undefined, id: string) =>
  chapter ? `${numberedTitle(chapter)} (${id})` : `no chapter ${id}`;

function noEdition(id: string, archived: string[], archive: string): string {
  const fix = archived.length
    ? `compare two of the archived editions: ${archived.join(', ')}`
    : '`manual release` archives the current edition';
  return `manual compare: there is no edition ${id} in ${archive}\n  fix: ${fix}, or current for the sources now`;
}

function refusal(folder: string, problems: string[]): string {
  return [
    `manual compare: ${folder} differs from its release record, so it cannot be quoted:`,
    ...problems.map((p) => `  ${p}`),
    '  fix: restore the archive from version control; `manual verify` checks every archived file',
  ].join('\n');
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

const write = (lines: string[]) => process.stdout.write(lines.map((l) => `${l}\n`).join(''));
