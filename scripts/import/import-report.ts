import { MANIFEST_FILE } from '../load/manifest.ts';
import type { DocumentPlan } from './import-document.ts';
import type { ImportPlan } from './plan-import.ts';
import type { FileStatus } from './write-import.ts';

/** What an import wrote and what it did not carry over, document by document. */
export function importReport(plan: ImportPlan, statuses: ReadonlyMap<string, FileStatus>): string {
  const lines = plan.documents.flatMap((document) => documentLines(document));
  const contents = statuses.get(MANIFEST_FILE);
  const added = plan.documents.reduce((n, d) => n + d.chapters.length, 0);
  lines.push(
    contents && contents !== 'unchanged'
      ? `${MANIFEST_FILE}: the chapters were added`
      : `${MANIFEST_FILE}: unchanged (the chapters were listed already)`,
  );
  if (added === 0) lines.push('no chapters were made: the documents have no text');
  return `${lines.join('\n')}\n`;
}

function documentLines(document: DocumentPlan): string[] {
  const lines = [`${document.file} -> chapters/${document.into}/`];
  for (const chapter of document.chapters)
    lines.push(
      `  chapters/${chapter.id}.md: ${chapter.group && chapter.group !== chapter.title ? `${chapter.group} / ` : ''}${chapter.title}`,
    );
  if (document.images.length)
    lines.push(
      `  chapters/${document.into}/images/: ${document.images.length} image${document.images.length === 1 ? '' : 's'}`,
    );
  if (document.linkedDocuments.length)
    lines.push(
      `  chapters/${document.into}/documents/: ${document.linkedDocuments.length} document${document.linkedDocuments.length === 1 ? '' : 's'}`,
    );
  for (const note of document.notes) lines.push(`  ${note}`);
  return lines;
}

/** What a re-import would change, written instead of changing it. */
export function reimportReport(plan: ImportPlan, statuses: ReadonlyMap<string, FileStatus>): string {
  const lines: string[] = [];
  for (const [name, ids] of plan.reimports) {
    lines.push(`${name} was imported before, into ${ids.map((id) => `chapters/${id}.md`).join(', ')}`);
    const produced = new Set(plan.documents.filter((d) => d.name === name).flatMap((d) => d.chapters.map((c) => c.id)));
    for (const id of ids.filter((id) => !produced.has(id)))
      lines.push(`  would leave chapters/${id}.md, which it no longer makes`);
  }
  const changes = [...statuses].filter(([, status]) => status !== 'unchanged');
  for (const [file, status] of changes) lines.push(`  would ${status === 'new' ? 'add' : 'change'} ${file}`);
  lines.push(
    changes.length === 0
      ? 'nothing would change'
      : 'nothing was written: run again with --force to write these changes',
  );
  return `${lines.join('\n')}\n`;
}
