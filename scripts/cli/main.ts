import { parseArgs } from 'node:util';
import { ManualError } from '../diagnostics.ts';
import { runBuild } from './build.ts';
import { runCheck } from './check.ts';

const USAGE = `Usage: manual <command> [options]

Commands:
  check    validate the manual (contents, chapters, links, images, amendments) without rendering
  build    check, then write the editions into the output folder

Options:
  --root DIR   the manual's folder (default: the current folder)
  --out DIR    where build writes (default: ROOT/dist)
  --timings    print how long each step of a build took
  -h, --help   show this help
`;

/** Runs the `manual` command; returns the exit status (0 done, 1 the manual has errors, 2 misuse). */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { root: { type: 'string' }, out: { type: 'string' }, timings: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
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
  if (positionals.length !== 1 || !(command in COMMANDS)) {
    process.stderr.write(`manual: ${command ? `unknown command "${positionals.join(' ')}"` : 'no command given'}\n\n${USAGE}`);
    return 2;
  }
  const root = values.root ?? process.cwd();
  try {
    return await COMMANDS[command as keyof typeof COMMANDS](root, values.out, values.timings);
  } catch (e) {
    if (e instanceof ManualError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

const COMMANDS = {
  check: (root: string) => runCheck(root),
  build: (root: string, out?: string, timings?: boolean) => runBuild(root, out, timings),
};
