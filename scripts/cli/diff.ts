import path from 'node:path';
import type { Changes } from '../changes/diff.ts';
import { hasDocumentChanges, type DocumentChanges } from '../changes/document-diff.ts';
import { Diagnostics } from '../core/diagnostics.ts';
import { bookOf, checkManual, pipelineOptions } from '../pipeline/pipeline.ts';
import type { Settings } from '../core/settings.ts';
import { report } from './report.ts';
import { LINES } from './change-lines.ts';
import type { ChangedSection } from '../core/book.ts';

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
  let any = false;
  for (const kind of Object.keys(LINES) as (keyof Changes)[]) {
    for (const change of checked.changes[kind]) {
      const sections = kind === 'changed' ? (sectionsOf.get(change.id) ?? []) : undefined;
      process.stdout.write(
        `${kind.padEnd(11)} ${LINES[kind](change)}${sections ? `: ${sectionList(sections)}` : ''}\n`,
      );
      any = true;
    }
  }
  if (!any) process.stdout.write('no chapter has changed\n');
  writeDocumentChanges(checked.documentChanges);
  return diagnostics.hasErrors() ? 1 : 0;
}

/** The documents changed, added and removed, under a heading of their own; nothing when the release recorded none. */
function writeDocumentChanges(changes: DocumentChanges | undefined): void {
  if (!changes || !hasDocumentChanges(changes)) return;
  process.stdout.write('documents:\n');
  for (const kind of ['changed', 'added', 'removed'] as const)
    for (const { path, title, type } of changes[kind])
      process.stdout.write(`${kind.padEnd(11)} ${title} (${path}${type ? `, ${type}` : ''})\n`);
}
