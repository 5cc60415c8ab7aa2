import { Diagnostics } from '../core/diagnostics.ts';
import { checkManual, pipelineOptions } from '../pipeline/pipeline.ts';
import type { Settings } from '../core/settings.ts';
import { plural, report } from './report.ts';

export async function runCheck(settings: Settings): Promise<number> {
  const diagnostics = new Diagnostics();
  const checked = await checkManual(settings.root, diagnostics, pipelineOptions(settings));
  report(diagnostics, settings.format);
  if (diagnostics.hasErrors() || !checked) return 1;
  if (settings.format !== 'text') return 0;
  const { sections, chapters } = checked.numbered.contents;
  process.stdout.write(
    `${checked.source.manifest.meta.title}: ${plural(chapters.size, 'chapter')} in ${plural(sections.length, 'section')}, ${checked.source.editions[0].label} edition: no errors\n`,
  );
  return 0;
}
