import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostics } from '../core/diagnostics.ts';

/** Names the built-in templates once used and use no more, with what they use now. */
const RENAMED: readonly { old: RegExp; now: string }[] = [
  { old: /\(eq kind "outside"\)/, now: '(eq kind "outside-document")' },
  { old: /\{\{#each units\}\}/, now: '{{#each parts}}' },
];
const RENAMED_FILES: readonly { old: string; now: string }[] = [
  { old: 'epub/outside.hbs', now: 'epub/outside-document.hbs' },
];

/**
 * A manual's own templates, copied from an earlier version of the built-in ones, that still use a
 * name the edition no longer gives: such a template would quietly leave entries out, so each use
 * is an error at its line.
 */
export async function checkOwnTemplates(root: string, diagnostics: Diagnostics): Promise<void> {
  const dir = path.join(root, 'templates');
  if (!existsSync(dir)) return;
  const files = (await readdir(dir, { recursive: true, encoding: 'utf8' }))
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => file.endsWith('.hbs'))
    .sort();
  for (const file of files) {
    const renamed = RENAMED_FILES.find((r) => r.old === file);
    if (renamed)
      diagnostics.error(
        { file: `templates/${file}` },
        `this template's name is now ${renamed.now}, so the edition does not use it`,
        `rename it to templates/${renamed.now}`,
        'template-outdated',
      );
    const lines = (await readFile(path.join(dir, file), 'utf8')).split('\n');
    lines.forEach((text, i) => {
      for (const { old, now } of RENAMED) {
        const found = old.exec(text);
        if (found)
          diagnostics.error(
            { file: `templates/${file}`, line: i + 1, column: found.index + 1 },
            `${found[0]} names what the edition now calls ${now}: these entries would be left out`,
            `write ${now}`,
            'template-outdated',
          );
      }
    });
  }
}
