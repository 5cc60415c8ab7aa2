import { parseArgs } from 'node:util';
import { ManualError } from '../core/diagnostics.ts';
import { REPORT_FORMATS, type ReportFormat, type Settings } from '../core/settings.ts';
import { EDITION_FOLDER } from '../load/release-record.ts';
import { settingsFrom } from './settings.ts';

const USAGE = `Usage: manual <command> [options]

Commands:
  init     start a new manual in DIR (default: the current folder), with a first edition dated
           today: manual init [DIR] [--title T] [--publisher P] [--templates] [--base PATH]
  check    validate the manual (contents, chapters, links, images, amendments) without rendering
  build    check, then write the editions into the output folder
  diff     list the chapters changed, added, removed, retitled or renumbered since the last release
  reviews  list the chapters by the month they are due for review (front matter review-by:), with
           their owners (owner:), those overdue for the current edition first
  release  build the current edition twice, and archive it when both builds agree
  verify   recompute every archived file's checksum against its release record
  compare  what two archived editions printed differently, for a case file: the chapters added,
           removed, retitled, renumbered and changed, or one chapter's words unit by unit:
           manual compare FROM TO [--chapter ID], editions as YYYY-MM, or current for the sources now
  at       which archived edition was in force on a date, its files and their checksums, verified:
           manual at YYYY-MM-DD
  preview  serve the web edition of the sources on this machine, rebuilt and reloaded on every save:
           manual preview [--port N] [--host ADDR]
  import   turn Word documents (.docx) and saved web pages (.html) into chapters:
           manual import FILE... [--into DIR] [--split-at 1|2|none] [--section TITLE] [--force]

Options:
  --root DIR     the manual's folder (default: the current folder)
  --out DIR      where build writes (default: ROOT/dist)
  --archive DIR  the archive of releases (default: ROOT/archive)
  --timings      print how long each step of a build took
  -q, --quiet    build, release: print only problems and the files written (no progress)
  --format F     check: print problems as text (default), json (an array on standard output:
                 file, line, column, severity, ruleId, message, fix) or github (GitHub Actions
                 annotations on standard output)
  --no-change-marks  build, release, preview: no change bars or inline marks against the last release
                 (the chapters' banners and the appendix still say what changed)
  --port N       preview: the port to serve on (default: 4000; 0: any free one)
  --host ADDR    preview: the address to listen on (default: 127.0.0.1, this machine only)
  --chapter ID   compare: only this chapter (its id, as the contents names it: care/visits)
  --into DIR     import: the folder under chapters/ (default: from the file's name)
  --split-at N   import: one chapter per Heading 1 or 2, or "none" (default: 1 when the
                 document has more than one Heading 1, else none)
  --section T    import: add the chapters to the end of the existing section titled T
                 (default: a new section titled after the document)
  --force        import: write a re-imported document's changes
  --title T      init: the manual's title (asked on a terminal when not given)
  --publisher P  init: the council or service that publishes it (asked likewise)
  --templates    init: also copy the built-in templates and styles into DIR/templates to rebrand
  --base PATH    init: start a local manual on the regional manual in PATH (relative to DIR): the
                 base's chapters, with a local chapter added after its first (docs/regional-base.md)
  -h, --help     show this help
`;

type Values = ReturnType<typeof parse>['values'];

const DEFAULT_PORT = 4000;
// Only this machine: the preview serves drafts.
const DEFAULT_HOST = '127.0.0.1';

// Each command loads only what it needs: `check` without Chromium's driver, pdf-lib and the EPUB
// packager, whose loading would be a large part of a check.
const COMMANDS: Record<string, (settings: Settings, values: Values, files: string[]) => Promise<number>> = {
  init: async (_settings, values, files) =>
    (await import('./init.ts')).runInit(files[0] ?? values.root ?? '.', {
      title: values.title,
      publisher: values.publisher,
      templates: values.templates ?? false,
      base: values.base,
      today: localDate(new Date()),
    }),
  check: async (settings) => (await import('./check.ts')).runCheck(settings),
  build: async (settings) => (await import('./build.ts')).runBuild(settings),
  diff: async (settings) => (await import('./diff.ts')).runDiff(settings),
  reviews: async (settings) => (await import('./reviews.ts')).runReviews(settings),
  release: async (settings) => (await import('./release.ts')).runRelease(settings),
  verify: async (settings) => (await import('./release.ts')).runVerify(settings),
  compare: async (settings, values, args) => (await import('./compare.ts')).runCompare(settings, args, values.chapter),
  at: async (settings, _values, args) => (await import('./at.ts')).runAt(settings, args[0]),
  preview: async (settings, values) =>
    (await import('./preview.ts')).runPreview(settings, {
      port: values.port === undefined ? DEFAULT_PORT : Number(values.port),
      host: values.host ?? DEFAULT_HOST,
    }),
  import: async (settings, values, files) =>
    (await import('./import.ts')).runImport(settings, files, {
      into: values.into,
      splitAt: values['split-at'] === 'none' ? 'none' : (Number(values['split-at'] ?? NaN) as 1 | 2) || undefined,
      section: values.section,
      force: values.force ?? false,
    }),
};

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      root: { type: 'string' },
      out: { type: 'string' },
      archive: { type: 'string' },
      timings: { type: 'boolean' },
      'no-change-marks': { type: 'boolean' },
      format: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      title: { type: 'string' },
      publisher: { type: 'string' },
      templates: { type: 'boolean' },
      base: { type: 'string' },
      chapter: { type: 'string' },
      into: { type: 'string' },
      'split-at': { type: 'string' },
      section: { type: 'string' },
      force: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** Runs the `manual` command; returns the exit status (0 done, 1 the manual has errors, 2 misuse). */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parse(argv);
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
  const problem = misuse(positionals, values);
  if (problem) {
    process.stderr.write(`manual: ${problem}\n\n${USAGE}`);
    return 2;
  }
  try {
    const settings = settingsFrom(values, process.env, process.stdout.isTTY === true);
    return await COMMANDS[command](settings, values, positionals.slice(1));
  } catch (e) {
    if (e instanceof ManualError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

/** The date on this machine's calendar, as YYYY-MM-DD. */
function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** What is wrong with the command line, if anything: import takes files and its own options, preview its own options, the others neither. */
function misuse(positionals: string[], values: Values): string | undefined {
  const [command, ...files] = positionals;
  if (!command) return 'no command given';
  const importOnly = (['into', 'split-at', 'section', 'force'] as const).filter((key) => values[key] !== undefined);
  const previewOnly = (['port', 'host'] as const).filter((key) => values[key] !== undefined);
  if (command !== 'preview' && previewOnly.length) return `--${previewOnly[0]} is an option of preview only`;
  if (values.format !== undefined && command !== 'check') return '--format is an option of check only';
  const initOnly = (['title', 'publisher', 'templates', 'base'] as const).filter((key) => values[key] !== undefined);
  if (command !== 'init' && initOnly.length) return `--${initOnly[0]} is an option of init only`;
  if (command === 'init') return files.length > 1 ? 'init takes one folder: manual init [DIR]' : undefined;
  if (values.chapter !== undefined && command !== 'compare') return '--chapter is an option of compare only';
  if (command === 'compare') return compareMisuse(files, values.chapter);
  if (command === 'at') return files.length === 1 ? undefined : 'at takes one date: manual at YYYY-MM-DD';
  if (values.format !== undefined && !REPORT_FORMATS.includes(values.format as ReportFormat))
    return `--format must be ${REPORT_FORMATS.join(', ')}, not "${values.format}"`;
  if (command === 'import') {
    if (files.length === 0) return 'import needs the files to import: manual import FILE...';
    const split = values['split-at'];
    if (split !== undefined && !['1', '2', 'none'].includes(split))
      return `--split-at must be 1, 2 or none, not "${split}"`;
    return undefined;
  }
  if (positionals.length !== 1 || !Object.hasOwn(COMMANDS, command))
    return `unknown command "${positionals.join(' ')}"`;
  if (importOnly.length) return `--${importOnly[0]} is an option of import only`;
  const port = values.port;
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535))
    return `--port must be a number from 0 to 65535, not "${port}"`;
  if (values.host === '') return '--host needs an address, such as 127.0.0.1';
  return undefined;
}

/** compare takes two different editions as YYYY-MM or current, and a chapter id when --chapter is given. */
function compareMisuse(editions: string[], chapter: string | undefined): string | undefined {
  if (editions.length !== 2) return 'compare takes two editions: manual compare FROM TO [--chapter ID]';
  const odd = editions.find((e) => e !== 'current' && !EDITION_FOLDER.test(e));
  if (odd !== undefined)
    return `compare: "${odd}" is not an edition: give it as YYYY-MM, such as 2025-02, or current for the sources now`;
  if (editions[0] === editions[1]) return `compare: give two different editions, not ${editions[0]} twice`;
  if (chapter === '') return '--chapter needs a chapter id, such as care/visits';
  return undefined;
}
