import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualError } from '../../scripts/core/diagnostics.ts';
import { BUILT_IN_TEMPLATES, loadTemplates } from '../../scripts/render/templates.ts';
import { check, copyManual, removeCopies } from '../helpers/fixture.ts';

afterAll(removeCopies);

function put(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

describe("a manual's own templates", () => {
  it('override the built-in files they hold, one by one', async () => {
    const root = copyManual();
    put(root, 'templates/html/partials/entry-label.hbs', 'OWN LABEL {{title}}');
    put(root, 'templates/styles/manual.css', '.own {}');
    const own = await loadTemplates(path.join(root, 'templates'), 'html');
    const builtIn = await loadTemplates(BUILT_IN_TEMPLATES, 'html');
    expect(own.key).not.toBe(builtIn.key);
    expect(await own.styles('manual.css', 'web.css')).toMatch(/^\.own \{\}\n/);
    expect(own.file('web/assets/search.js')).toBe(path.join(BUILT_IN_TEMPLATES, 'web/assets/search.js'));
    expect(own.file('styles/manual.css')).toBe(path.join(root, 'templates/styles/manual.css'));
  });

  it('that cannot print are an error at their file, saying where the working one is', async () => {
    const root = copyManual();
    put(root, 'templates/html/edition.hbs', '<html><h1>{{title}}</h1>{{subtitle}}</html>');
    const templates = await loadTemplates(path.join(root, 'templates'), 'html');
    let thrown: unknown;
    try {
      templates.render('edition', { title: 'A manual' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ManualError);
    const [problem] = (thrown as ManualError).diagnostics;
    expect(problem).toMatchObject({ file: 'templates/html/edition.hbs', ruleId: 'template-failed' });
    expect(problem.message).toContain('"subtitle" not defined');
    expect(problem.hint).toContain(path.join(BUILT_IN_TEMPLATES, 'html/edition.hbs'));
  });

  it('copied from an earlier version are errors at each name the edition no longer gives', async () => {
    const root = copyManual();
    put(root, 'templates/pdf/edition.hbs', '<body>\n{{#each units}}\n{{/each}}\n</body>');
    put(root, 'templates/web/partials/web-entries.hbs', '{{#if x}}\n{{else if (eq kind "outside")}}\n{{/if}}');
    put(root, 'templates/epub/outside.hbs', '<p>{{title}}</p>');
    expect((await check(root)).filter((line) => line.startsWith('templates/'))).toEqual([
      "templates/epub/outside.hbs: error: this template's name is now epub/outside-document.hbs, so the edition does not use it\n  fix: rename it to templates/epub/outside-document.hbs",
      'templates/pdf/edition.hbs:2:1: error: {{#each units}} names what the edition now calls {{#each parts}}: these entries would be left out\n  fix: write {{#each parts}}',
      'templates/web/partials/web-entries.hbs:2:11: error: (eq kind "outside") names what the edition now calls (eq kind "outside-document"): these entries would be left out\n  fix: write (eq kind "outside-document")',
    ]);
  });

  it('copied from this version give no errors', async () => {
    const root = copyManual();
    put(root, 'templates/pdf/edition.hbs', '{{#each parts}}{{#if (eq kind "outside-document")}}{{/if}}{{/each}}');
    expect((await check(root)).filter((line) => line.startsWith('templates/'))).toEqual([]);
  });
});
