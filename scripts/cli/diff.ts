import path from 'node:path';
import type { Changes } from '../changes/diff.ts';
import { hasDocumentChanges, type DocumentChanges } from '../changes/document-diff.ts';
import { Diagnostics } from '../core/diagnostics.ts';
import { bookOf, checkManual, pipelineOptions } from '../pipeline/pipeline.ts';
import type { Settings } from '../core/settings.ts';
import { report } from './report.ts';
import { LINES } from './change-lines.ts';
import type { ChangedSection } from '../core/book.ts';
import { numberedTitle } from '../core/numbered-title.ts';
import { whatChanged } from '../changes/base-review.ts';
import { regionalDiff, type RegionalDiff } from '../changes/regional-diff.ts';
import type { Baseline } from '../load/types.ts';

/** "1.2 changed, 3 added, 4.1 removed": a chapter's sections as the diff of its units found them. */
function sectionList(sections: ChangedSection[]): string {
  if (sections.length === 0) return 'its source changed, not the words it prints';
  return sections.map((s) => `${s.number ?? (s.title ? `"${s.title}"` : 'opening')} ${s.change}`).join(', ');
}

/** Lists what changed in the sources since the latest archived release up to the current edition. */
export async function runDiff(settings: Settings): Promise<number> {
  const { root, archive } = settings;
  const diagnostics = new Diagnostics();
  const options = pipelineOptions(settings, { compareReleased: true });
  const checked = await checkManual(root, diagnostics, options);
  report(diagnostics);
  if (!checked) return 1;
  const baseline = checked.compared;
  if (!baseline || !checked.changes) {
    process.stdout.write(`no archived release in ${path.relative(root, archive) || archive} to compare with\n`);
    return 0;
  }
  process.stdout.write(
    `compared with the ${baseline.edition.label} release (${path.relative(root, baseline.folder)}):\n`,
  );
  const book = await bookOf(checked, diagnostics, options);
  const sectionsOf = new Map(book?.chapters.map((c) => [c.id, c.changes?.sections]) ?? []);
  const { source } = checked;
  if (source.base) {
    const regional = regionalDiff(
      { ...source, base: source.base },
      checked.numbered.contents.chapters,
      checked.changes,
      baseline,
      checked.baseChanges?.move,
    );
    writeRegional(regional, baseline);
    process.stdout.write('Local:\n');
    writeChanges(regional.local, sectionsOf, 'no local chapter has changed');
    writeLocalChanges(regional);
  } else writeChanges(checked.changes, sectionsOf, 'no chapter has changed');
  writeDocumentChanges(checked.documentChanges);
  return diagnostics.hasErrors() ? 1 : 0;
}

/** Each chapter changed, added, removed, retitled or renumbered, a changed one with its sections; `none` when there is none. */
function writeChanges(changes: Changes, sectionsOf: Map<string, ChangedSection[] | undefined>, none: string): void {
  let any = false;
  for (const kind of Object.keys(LINES) as (keyof Changes)[]) {
    for (const change of changes[kind]) {
      const sections = kind === 'changed' ? (sectionsOf.get(change.id) ?? []) : undefined;
      process.stdout.write(
        `${kind.padEnd(11)} ${LINES[kind](change)}${sections ? `: ${sectionList(sections)}` : ''}\n`,
      );
      any = true;
    }
  }
  if (!any) process.stdout.write(`${none}\n`);
}

/** "Regional base: TITLE, FROM -> TO": the base chapters the base changed, added and removed, each with what it says of them. */
function writeRegional({ base, move, regional }: RegionalDiff, release: Baseline): void {
  if (!move) {
    process.stdout.write(
      `Regional base: ${base.title}, now its ${base.edition.label} edition (${base.edition.id}); the ${release.edition.label} release recorded no base to compare with, so its chapters are listed with the local ones\n`,
    );
    return;
  }
  const moved =
    move.from.id === move.to.id
      ? `${move.to.label} (${move.to.id}), as in the release`
      : `${move.from.label} -> ${move.to.label} (${move.from.id} -> ${move.to.id})`;
  process.stdout.write(`Regional base: ${base.title}, ${moved}\n`);
  for (const chapter of regional) {
    const what = chapter.change === 'changed' ? `: ${whatChanged(chapter)}` : '';
    const here = chapter.here ? ` [${chapter.here}]` : '';
    process.stdout.write(`${chapter.change.padEnd(11)} ${numberedTitle(chapter)} (${chapter.id})${what}${here}\n`);
    for (const says of chapter.says) process.stdout.write(`${''.padEnd(12)}the base says: ${says}\n`);
  }
  if (regional.length === 0) process.stdout.write('no base chapter has changed\n');
}

/** Substitutes put in or taken out since the release, and every base entry this manual leaves out, with its reason. */
function writeLocalChanges({ substitutes, leftOut }: RegionalDiff): void {
  for (const s of substitutes)
    process.stdout.write(
      s.change === 'substituted'
        ? `substituted ${numberedTitle(s)} (${s.id}): ${s.file} in the base chapter's place\n`
        : `restored    ${numberedTitle(s)} (${s.id}): the base's chapter again, in place of the local one\n`,
    );
  for (const l of leftOut)
    process.stdout.write(
      `left out    ${l.title && l.title !== l.target ? `${l.title} (${l.target})` : l.target}: ${l.reason}${l.new ? ' (since the release)' : ''}\n`,
    );
}

/** The documents changed, added and removed, under a heading of their own; nothing when the release recorded none. */
function writeDocumentChanges(changes: DocumentChanges | undefined): void {
  if (!changes || !hasDocumentChanges(changes)) return;
  process.stdout.write('documents:\n');
  for (const kind of ['changed', 'added', 'removed'] as const)
    for (const { path, title, type } of changes[kind])
      process.stdout.write(`${kind.padEnd(11)} ${title} (${path}${type ? `, ${type}` : ''})\n`);
}
