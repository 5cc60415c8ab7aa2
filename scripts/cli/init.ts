import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { monthLabels } from '../core/dates.ts';
import { BUILT_IN_TEMPLATES } from '../render/templates.ts';
import { baseFields, type BaseFields } from './init-base.ts';

export interface InitOptions {
  title?: string;
  publisher?: string;
  /** Also copy the built-in templates and styles into DIR/templates, for rebranding. */
  templates: boolean;
  /** The regional manual to build on, relative to DIR: a local manual on it instead of a manual of its own. */
  base?: string;
  /** Today, as YYYY-MM-DD: the first edition's date. */
  today: string;
}

/** The starter manual, under the built-in templates: copied with its `{{fields}}` filled in. */
const STARTER = path.join(BUILT_IN_TEMPLATES, 'init');
/** The starter of a local manual on a base: its own files, and the starter's .gitignore. */
const BASE_STARTER = path.join(BUILT_IN_TEMPLATES, 'init-base');
/** The template folders a manual may keep its own copy of (the starter manual is not one). */
const TEMPLATE_FOLDERS = ['epub', 'html', 'pdf', 'shared', 'styles', 'web'];

/**
 * `manual init [DIR]`: a new manual that checks and builds, with a first edition dated today;
 * with `--base PATH`, a local manual on the regional manual there. Asks for the title and
 * publisher on a terminal when they are not given; writes nothing when any file it would write is
 * already there.
 */
export async function runInit(dir: string, options: InitOptions): Promise<number> {
  const root = path.resolve(dir);
  // The base is read before anything is asked: a wrong path is said at once.
  const base = options.base === undefined ? undefined : await baseFields(root, options.base);
  if (typeof base === 'string') {
    process.stderr.write(`manual init: nothing was written; ${base}\n`);
    return 2;
  }
  const asked = await askMissing(options);
  if (!asked) {
    process.stderr.write('manual init: give the manual\'s title and publisher: --title "..." --publisher "..."\n');
    return 2;
  }
  const files = starterFiles(root, { ...asked, today: options.today }, base);
  if (!existsSync(path.join(root, 'package.json')))
    files.set(path.join(root, 'package.json'), packageJson(asked.title));
  const templates = path.join(root, 'templates');
  const taken = [...files.keys(), ...(options.templates ? [templates] : [])].filter((f) => existsSync(f));
  if (taken.length) {
    process.stderr.write(
      `manual init: nothing was written; these are already there:\n${taken.map((f) => `  ${path.relative(process.cwd(), f) || f}\n`).join('')}` +
        '  fix: start the manual in an empty folder (manual init DIR), or move those files away\n',
    );
    return 1;
  }
  for (const [file, text] of files) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text, { flag: 'wx' });
  }
  if (options.templates)
    for (const folder of TEMPLATE_FOLDERS)
      cpSync(path.join(BUILT_IN_TEMPLATES, folder), path.join(templates, folder), { recursive: true });
  const shown = path.relative(process.cwd(), root) || '.';
  process.stdout.write(
    `started "${asked.title}" in ${shown}${options.templates ? ', with its own templates/' : ''}\n` +
      `next: npx manual check${shown === '.' ? '' : ` --root ${shown}`}, npx manual preview, npx manual build\n`,
  );
  return 0;
}

async function askMissing(options: InitOptions): Promise<{ title: string; publisher: string } | undefined> {
  let { title, publisher } = options;
  if ((!title || !publisher) && process.stdin.isTTY) {
    const prompt = createInterface({ input: process.stdin, output: process.stdout });
    // Lines typed ahead of a question are kept for it; Ctrl-D answers nothing.
    const lines = prompt[Symbol.asyncIterator]();
    const ask = async (question: string) => {
      process.stdout.write(question);
      const line = await lines.next();
      return line.done ? '' : String(line.value).trim();
    };
    try {
      title ||= await ask('Title of the manual: ');
      publisher ||= await ask('Publisher (the council or service): ');
    } finally {
      prompt.close();
    }
  }
  return title && publisher ? { title, publisher } : undefined;
}

/** Every file of the starter manual (on a base: of the local starter), by where it goes, with its fields filled in. */
function starterFiles(
  root: string,
  values: { title: string; publisher: string; today: string },
  base: BaseFields | undefined,
): Map<string, string> {
  const edition = values.today.slice(0, 7);
  const next = new Date(`${edition}-01T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 6);
  const fields: Record<string, string> = {
    title: values.title,
    shortTitle: values.title,
    publisher: values.publisher,
    slug: slugOf(values.title),
    edition,
    date: values.today,
    nextUpdate: monthLabels(base?.language ?? 'en-GB')(next.toISOString().slice(0, 10)),
    ...base,
  };
  const files = new Map<string, string>();
  const sources = base ? [...filesOf(BASE_STARTER), ['gitignore', path.join(STARTER, 'gitignore')]] : filesOf(STARTER);
  for (const [name, from] of sources) {
    const text = readFileSync(from, 'utf8');
    // YAML gets its values as JSON strings, which YAML reads as they are: a title may hold a colon.
    const quote = name.endsWith('.yml') ? JSON.stringify : (v: string) => v;
    const filled = text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in fields ? quote(fields[key]) : whole));
    files.set(path.join(root, name === 'gitignore' ? '.gitignore' : name), filled);
  }
  return files;
}

/** The files under a starter folder: each one's name there, and its path. */
function filesOf(folder: string): [string, string][] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name): [string, string] => [name, path.join(folder, name)])
    .filter(([, from]) => statSync(from).isFile());
}

function packageJson(title: string): string {
  const manifest = {
    name: slugOf(title),
    private: true,
    description: `${title}: a procedures manual`,
    scripts: { build: 'manual build', check: 'manual check', preview: 'manual preview', release: 'manual release' },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const slugOf = (title: string) =>
  title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'manual';
