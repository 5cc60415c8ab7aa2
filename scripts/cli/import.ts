import { Diagnostics, ManualError } from '../core/diagnostics.ts';
import type { Settings } from '../core/settings.ts';
import { MANIFEST_FILE } from '../load/manifest.ts';
import { importReport, reimportReport } from '../import/import-report.ts';
import { planImport } from '../import/plan-import.ts';
import type { SplitAt } from '../import/split-chapters.ts';
import { compareWithDisk, writeImport } from '../import/write-import.ts';
import { checkManual, pipelineOptions } from '../pipeline/pipeline.ts';
import { report } from './report.ts';

export interface ImportFlags {
  into?: string;
  splitAt?: SplitAt;
  section?: string;
  force: boolean;
}

/**
 * `manual import FILE...`: converts every file first and writes only when all converted; a
 * document imported before is written again only with --force, after listing what would change.
 * Then checks the manual, so the author sees at once what the import left to do.
 */
export async function runImport(settings: Settings, files: string[], flags: ImportFlags): Promise<number> {
  let plan;
  try {
    plan = await planImport({ root: settings.root, files, ...flags });
  } catch (e) {
    if (!(e instanceof ManualError)) throw e;
    process.stderr.write(`${e.message}\nmanual import: nothing was written; fix the problem above and import again\n`);
    return 1;
  }
  const statuses = await compareWithDisk(settings.root, plan.files);
  const overwrites = plan.files.filter((f) => f.path !== MANIFEST_FILE && statuses.get(f.path) === 'changed');
  if (plan.reimports.size === 0 && overwrites.length > 0) {
    throw new ManualError(
      overwrites.map((f) => ({
        severity: 'error',
        file: f.path,
        message: 'the import would overwrite this file, which it did not write',
        hint: 'import into another folder with --into DIR',
        ruleId: 'import-would-overwrite',
      })),
    );
  }
  const changing = [...statuses.values()].some((s) => s !== 'unchanged');
  if (plan.reimports.size > 0 && !flags.force) {
    process.stdout.write(reimportReport(plan, statuses));
    return changing ? 1 : 0;
  }
  await writeImport(settings.root, plan.files, statuses);
  process.stdout.write(importReport(plan, statuses));
  const diagnostics = new Diagnostics();
  await checkManual(settings.root, diagnostics, pipelineOptions(settings));
  const count = report(diagnostics);
  process.stdout.write(count === '' ? 'manual check: no errors\n' : `manual check: ${count} (listed above)\n`);
  return 0;
}
