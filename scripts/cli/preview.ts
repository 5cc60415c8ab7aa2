import { formatDiagnostic, sortDiagnostics } from '../core/diagnostics.ts';
import type { Settings } from '../core/settings.ts';
import { startPreview, type Rebuild } from '../preview/start-preview.ts';
import { RENDERERS } from '../output/render-outputs.ts';
import { pipelineOptions } from '../pipeline/pipeline.ts';
import { plural } from './report.ts';

export interface PreviewFlags {
  port: number;
  host: string;
}

/**
 * Serves the web edition of the sources and keeps it current until Ctrl-C or SIGTERM. The first
 * line of standard output is the address served; problems go to standard error as `check`
 * prints them.
 */
export async function runPreview(settings: Settings, { port, host }: PreviewFlags): Promise<number> {
  let preview;
  try {
    preview = await startPreview({
      root: settings.root,
      pipeline: pipelineOptions(settings),
      templatesDir: settings.templatesDir,
      print: settings.print,
      port,
      host,
      renderers: RENDERERS,
      report: reportRebuild(),
      warn: (message) => void process.stderr.write(`manual preview: ${message}\n`),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EADDRNOTAVAIL' && code !== 'EACCES') throw error;
    process.stderr.write(
      `manual preview: cannot listen on ${host}:${port} (${code}); choose another --port or --host\n`,
    );
    return 1;
  }
  process.stdout.write(`${preview.url}\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stderr.write(`manual preview: ${signal}, stopping\n`);
  await preview.close();
  return 0;
}

/** Prints each rebuild's problems when they differ from the last ones printed, then what was rebuilt and how fast. */
function reportRebuild(): (rebuild: Rebuild) => void {
  let printed = '';
  return ({ problems, built, change, ms }) => {
    const text = sortDiagnostics(problems).map(formatDiagnostic).join('\n');
    if (text !== printed) {
      const errors = problems.filter((p) => p.severity === 'error').length;
      const counts = `${plural(errors, 'error')}, ${plural(problems.length - errors, 'warning')}`;
      process.stderr.write(text ? `${text}\n${counts}\n` : 'no problems left\n');
      printed = text;
    }
    if (!change) return;
    const what = change.files.length === 1 ? change.files[0] : plural(change.files.length, 'file');
    const outcome = built ? 'pages told to reload' : 'kept the last good site';
    process.stdout.write(`${what}: ${outcome}, ${Math.round(ms)} ms after the save\n`);
  };
}
