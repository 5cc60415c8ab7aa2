import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Book } from '../core/book.ts';
import { ManualError } from '../core/diagnostics.ts';
import { toolRoot } from '../core/tool-root.ts';

/** The templates this tool ships; a manual with its own `templates/` folder uses its files first. */
export const BUILT_IN_TEMPLATES = path.join(toolRoot(), 'templates');

export function templatesDir(root: string): string {
  const own = path.join(root, 'templates');
  return existsSync(own) ? own : BUILT_IN_TEMPLATES;
}

/**
 * The house style's sheets for a book, before an output's own: a manual on a regional base adds
 * `regional.css` (its local information), which other manuals' outputs do not carry.
 */
export const houseStyles = (book: Pick<Book, 'base'>): string[] => [
  'manual.css',
  ...(book.base ? ['regional.css'] : []),
];

export interface Templates {
  dir: string;
  /** A hash of every template and partial loaded: what the templates print is the same while it is. */
  key: string;
  render(name: string, context: object): string;
  /** Stylesheets of `templates/styles/`, in the order given, as one. */
  styles(...names: string[]): Promise<string>;
  /** The path of one file of the templates (`web/assets/search.js`): the manual's own, else the built-in one. */
  file(name: string): string;
}

/**
 * Loads one output format's handlebars templates (`templates/<format>/*.hbs`) with the partials
 * of `templates/shared/` and `templates/<format>/partials/` into a handlebars environment of
 * their own: no state is shared between builds or formats. A manual's own templates folder
 * overrides the built-in files it holds, one by one; those it leaves out are the built-in ones.
 */
export async function loadTemplates(dir: string, format: string): Promise<Templates> {
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  const compiled = new Map<string, { file: string; template: Handlebars.TemplateDelegate }>();
  const hash = createHash('sha256').update(dir);
  for (const folder of ['shared', path.join(format, 'partials')]) {
    for (const [name, { source }] of await readHbs(dir, folder)) {
      hbs.registerPartial(name, source);
      hash.update(`\0partial ${name}\0${source}`);
    }
  }
  for (const [name, { file, source }] of await readHbs(dir, format)) {
    compiled.set(name, { file, template: hbs.compile(source, { strict: true }) });
    hash.update(`\0template ${name}\0${source}`);
  }
  const file = (name: string) => fileOf(dir, name);
  return {
    dir,
    key: hash.digest('hex'),
    render(name, context) {
      const found = compiled.get(name);
      if (!found) throw templateFailed(dir, path.join(dir, format, `${name}.hbs`), 'the template is missing');
      try {
        return found.template(context);
      } catch (error) {
        throw templateFailed(dir, found.file, (error as Error).message);
      }
    },
    styles: async (...names) =>
      (await Promise.all(names.map((name) => readFile(file(path.join('styles', name)), 'utf8')))).join('\n'),
    file,
  };
}

function fileOf(dir: string, name: string): string {
  const own = path.join(dir, name);
  return dir === BUILT_IN_TEMPLATES || existsSync(own) ? own : path.join(BUILT_IN_TEMPLATES, name);
}

/** A template that cannot print, named as the manual's file, with where the working one is. */
function templateFailed(dir: string, file: string, problem: string): ManualError {
  const own = dir !== BUILT_IN_TEMPLATES && file.startsWith(dir + path.sep);
  const name = path
    .relative(own ? dir : BUILT_IN_TEMPLATES, file)
    .split(path.sep)
    .join('/');
  return new ManualError([
    {
      severity: 'error',
      file: own ? `templates/${name}` : file,
      message: `the template could not print the edition: ${problem.split('\n')[0]}`,
      hint: own
        ? `compare it with the built-in ${path.join(BUILT_IN_TEMPLATES, name)} (the names it may use are there), or delete it to use that one`
        : 'this is a fault in manual-editions: please report it with this message',
      ruleId: 'template-failed',
    },
  ]);
}

/** The .hbs files of one folder of the templates, by name: the built-in ones overlaid with the manual's own. */
async function readHbs(dir: string, folder: string): Promise<Map<string, { file: string; source: string }>> {
  const files = new Map<string, { file: string; source: string }>();
  for (const base of dir === BUILT_IN_TEMPLATES ? [dir] : [BUILT_IN_TEMPLATES, dir]) {
    const at = path.join(base, folder);
    if (!existsSync(at)) continue;
    const names = (await readdir(at)).filter((n) => n.endsWith('.hbs')).sort();
    for (const n of names)
      files.set(n.slice(0, -4), { file: path.join(at, n), source: await readFile(path.join(at, n), 'utf8') });
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

function registerHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('add', (a: number, b: number) => a + b);
  /** A heading level `by` below `level`; HTML has no h7. */
  hbs.registerHelper('h', (level: number, by: number) => Math.min(6, level + by));
  // A CSS string, quoted, for generated style rules: nothing in it can end the string or the <style>.
  hbs.registerHelper(
    'cssString',
    (text: unknown) => `"${String(text).replace(/[\\"<>\n]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`,
  );
}
