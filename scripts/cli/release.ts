import path from 'node:path';
import { Diagnostics } from '../core/diagnostics.ts';
import type { Settings } from '../core/settings.ts';
import { reportedTemplateSyntax } from '../output/ledger/ledger.ts';
import { releaseEdition } from '../release/release.ts';
import { verifyArchive } from '../release/verify.ts';
import { shownSteps, timingsPrinter } from './build.ts';
import { startProgress } from './progress.ts';
import { buildBook, pipelineOptions } from '../pipeline/pipeline.ts';
import { plural, report } from './report.ts';

/** The steps a release shows; each build's own steps show under the one running. */
const RELEASE_STEPS = ['check', 'first build', 'checking the outputs', 'second build, to compare', 'archiving'];

export async function runRelease(settings: Settings): Promise<number> {
  const diagnostics = new Diagnostics();
  const timing = timingsPrinter(settings.timings);
  const progress = startProgress(settings.progress, RELEASE_STEPS);
  let released;
  try {
    // The release gate refuses, where `check` warns, a change the amendments do not list.
    const options = pipelineOptions(settings, { gate: 'error' });
    const book = await progress.time('check', () => buildBook(settings.root, diagnostics, options));
    const reported = reportedTemplateSyntax(diagnostics);
    released = book && (await releaseEdition(book, settings, timing, shownSteps(progress, timing), reported));
  } finally {
    await progress.end();
    report(diagnostics);
  }
  if (!released) {
    process.stderr.write('manual release: nothing was archived; fix the errors above and release again\n');
    return 1;
  }
  const where = path.relative(process.cwd(), released.folder) || released.folder;
  process.stdout.write(`released the ${released.record.edition.label} edition into ${where}:\n`);
  for (const file of released.record.files)
    process.stdout.write(`  ${file.name}  ${file.bytes} bytes  sha256 ${file.sha256}\n`);
  return 0;
}

export async function runVerify({ archive, root }: Settings): Promise<number> {
  const verdicts = verifyArchive(archive, root);
  if (verdicts.length === 0) process.stdout.write(`no releases in ${archive}\n`);
  for (const { edition, files, problems, warnings, base } of verdicts) {
    const proved = base ? `; ${base}` : '';
    if (problems.length === 0)
      process.stdout.write(`${edition}: ok, ${plural(files, 'file')} match release.json${proved}\n`);
    else process.stdout.write(`${edition}: FAILED\n${problems.map((p) => `  ${p}\n`).join('')}`);
    for (const warning of warnings) process.stdout.write(`  warning: ${warning}\n`);
  }
  return verdicts.some((v) => v.problems.length > 0) ? 1 : 0;
}
