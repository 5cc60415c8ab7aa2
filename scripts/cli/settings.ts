import path from 'node:path';
import type { PrintSettings, ReportFormat, Settings } from '../core/settings.ts';
import { GIGABYTE } from '../core/settings.ts';
import { templatesDir } from '../render/templates.ts';

/** The command's flags, as parsed. */
export interface Flags {
  root?: string;
  out?: string;
  archive?: string;
  timings?: boolean;
  'no-change-marks'?: boolean;
  format?: string;
  quiet?: boolean;
}

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The settings of one command: its flags, then the MANUAL_* variables of `env`, then the defaults. */
export function settingsFrom(flags: Flags, env: NodeJS.ProcessEnv, terminal = false): Settings {
  const root = path.resolve(flags.root ?? process.cwd());
  return {
    root,
    out: path.resolve(flags.out ?? path.join(root, 'dist')),
    archive: path.resolve(flags.archive ?? path.join(root, 'archive')),
    // The manual's own project, never dist/ (which holds only editions) nor this tool's folder,
    // which may be installed read-only.
    cacheDir: env.MANUAL_CACHE_DIR || path.join(root, 'node_modules/.cache/manual-editions'),
    templatesDir: templatesDir(root),
    timings: flags.timings ?? false,
    changeMarks: !flags['no-change-marks'],
    format: (flags.format as ReportFormat | undefined) ?? 'text',
    // --timings prints each step's time already.
    progress: flags.quiet || flags.timings ? 'quiet' : terminal && env.TERM !== 'dumb' ? 'terminal' : 'lines',
    print: printSettingsFrom(env),
  };
}

export function printSettingsFrom(env: NodeJS.ProcessEnv): PrintSettings {
  return {
    chromium: env.MANUAL_CHROMIUM || DEFAULT_CHROMIUM,
    timeout: positive(env.MANUAL_PRINT_TIMEOUT, 600) * 1000,
    // The 3 GB a 2,000-page build is held to.
    memoryBudget: positive(env.MANUAL_MEMORY_GB, 3) * GIGABYTE,
    oneAtATime:
      env.MANUAL_PRINT_ONE_AT_A_TIME === '1' ? true : env.MANUAL_PRINT_ONE_AT_A_TIME === '0' ? false : undefined,
  };
}

/** A positive number from a variable, else the default. */
function positive(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return value && Number.isFinite(number) && number > 0 ? number : fallback;
}
