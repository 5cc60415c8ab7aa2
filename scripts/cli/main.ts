import { parseArgs } from 'node:util';
import { ManualError } from '../core/diagnostics.ts';
import type { Settings } from '../core/settings.ts';
import { settingsFrom } from './settings.ts';

const USAGE = `Usage: manual <command> [options]

Commands:
  check    validate the manual (contents, chapters, links, images, amendments) without rendering
  build    check, then write the editions into the output folder
  diff     list the chapters changed, added, removed, retitled or renumbered since the last release
  release  build the current edition twice, and archive it when both builds agree
  verify   recompute every archived file's checksum against its release record

Options:
  --root DIR     the manual's folder (default: the current folder)
  --out DIR      where build writes (default: ROOT/dist)
  --archive DIR  the archive of releases (default: ROOT/archive)
  --timings      print how long each step of a build took
  -h, --help     show this help
`;

// Each command loads only what it needs: `check` without Chromium's driver, pdf-lib and the EPUB
// packager, whose loading would be a large part of a check.
const COMMANDS: Record<string, (settings: Settings) => Promise<number>> = {
  check: async (settings) => (await import('./check.ts')).runCheck(settings),
  build: async (settings) => (await import('./build.ts')).runBuild(settings),
  diff: async (settings) => (await import('./diff.ts')).runDiff(settings),
  release: async (settings) => (await import('./release.ts')).runRelease(settings),
  verify: async (settings) => (await import('./release.ts')).runVerify(settings),
};

/** Runs the `manual` command; returns the exit status (0 done, 1 the manual has errors, 2 misuse). */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        root: { type: 'string' },
        out: { type: 'string' },
        archive: { type: 'string' },
        timings: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`manual: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const command = positionals[0];
  if (values.help || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length !== 1 || !Object.hasOwn(COMMANDS, command)) {
    process.stderr.write(
      `manual: ${command ? `unknown command "${positionals.join(' ')}"` : 'no command given'}\n\n${USAGE}`,
    );
    return 2;
  }
  try {
    return await COMMANDS[command](settingsFrom(values, process.env));
  } catch (e) {
    if (e instanceof ManualError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
