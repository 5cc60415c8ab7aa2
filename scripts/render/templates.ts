import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { toolRoot } from '../core/tool-root.ts';

/** The templates this tool ships; a manual with its own `templates/` folder uses those instead. */
export const BUILT_IN_TEMPLATES = path.join(toolRoot(), 'templates');

export function templatesDir(root: string): string {
  const own = path.join(root, 'templates');
  return existsSync(own) ? own : BUILT_IN_TEMPLATES;
}

export interface Templates {
  dir: string;
  /** A hash of every template and partial loaded: what the templates print is the same while it is. */
  key: string;
  render(name: string, context: object): string;
  /** Stylesheets of `templates/styles/`, in the order given, as one. */
  styles(...names: string[]): Promise<string>;
}

/**
 * Loads one output format's handlebars templates (`templates/<format>/*.hbs`) with the partials
 * of `templates/shared/` and `templates/<format>/partials/` into a handlebars environment of
 * their own: no state is shared between builds or formats.
 */
export async function loadTemplates(dir: string, format: string): Promise<Templates> {
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  const hash = createHash('sha256').update(dir);
  for (const folder of [path.join(dir, 'shared'), path.join(dir, format, 'partials')]) {
    for (const [name, source] of await readHbs(folder)) {
      hbs.registerPartial(name, source);
      hash.update(`\0partial ${name}\0${source}`);
    }
  }
  for (const [name, source] of await readHbs(path.join(dir, format))) {
    compiled.set(name, hbs.compile(source, { strict: true }));
    hash.update(`\0template ${name}\0${source}`);
  }
  return {
    dir,
    key: hash.digest('hex'),
    render(name, context) {
      const template = compiled.get(name);
      if (!template) throw new Error(`template ${format}/${name}.hbs is missing from ${dir}`);
      return template(context);
    },
    styles: async (...names) =>
      (await Promise.all(names.map((name) => readFile(path.join(dir, 'styles', name), 'utf8')))).join('\n'),
  };
}

async function readHbs(folder: string): Promise<[string, string][]> {
  if (!existsSync(folder)) return [];
  const names = (await readdir(folder)).filter((n) => n.endsWith('.hbs')).sort();
  return Promise.all(
    names.map(async (n) => [n.slice(0, -4), await readFile(path.join(folder, n), 'utf8')] as [string, string]),
  );
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
