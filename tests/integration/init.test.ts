import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, manual, REPO, removeCopies, scratchDir } from '../helpers/fixture.ts';

afterAll(removeCopies);

const files = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .sort();

describe('manual init', () => {
  it('starts a manual that checks clean, dated today, with a package.json and a .gitignore', async () => {
    const dir = path.join(scratchDir('manual-init-'), 'handbook');
    const result = manual(['init', dir, '--title', 'Fostering: the Handbook', '--publisher', 'Test Council']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(files(dir)).toEqual(
      expect.arrayContaining([
        '.gitignore',
        'chapters/amendments.yml',
        'chapters/contents.yml',
        'chapters/getting-started/welcome.md',
        'chapters/getting-started/writing-chapters.md',
        'chapters/images/editions.svg',
        'package.json',
      ]),
    );
    expect(await check(dir)).toEqual([]);
    const today = new Date();
    const month = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}`;
    expect(readFileSync(path.join(dir, 'chapters/amendments.yml'), 'utf8')).toContain(`edition: "${month}"`);
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).scripts).toMatchObject({
      build: 'manual build',
      check: 'manual check',
      preview: 'manual preview',
    });
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('dist/');
    const contents = readFileSync(path.join(dir, 'chapters/contents.yml'), 'utf8');
    for (const kind of [
      'chapter:',
      'url:',
      'see-also:',
      'note:',
      'generated: amendments',
      'numbered: false',
      'remark:',
    ])
      expect(contents).toContain(kind);
  });

  it('refuses to write over anything, and writes nothing then', () => {
    const dir = scratchDir('manual-init-');
    writeFileSync(path.join(dir, '.gitignore'), 'mine\n');
    const result = manual(['init', dir, '--title', 'T', '--publisher', 'P']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('nothing was written; these are already there:');
    expect(result.stderr).toContain('.gitignore');
    expect(readdirSync(dir)).toEqual(['.gitignore']);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('mine\n');
  });

  it('copies the templates with --templates, which the manual then builds from', async () => {
    const dir = scratchDir('manual-init-');
    expect(manual(['init', dir, '--title', 'T', '--publisher', 'P', '--templates']).status).toBe(0);
    expect(readdirSync(path.join(dir, 'templates')).sort()).toEqual(['epub', 'html', 'pdf', 'shared', 'styles', 'web']);
    expect(readFileSync(path.join(dir, 'templates/styles/manual.css'), 'utf8')).toBe(
      readFileSync(path.join(REPO, 'templates/styles/manual.css'), 'utf8'),
    );
    expect(await check(dir)).toEqual([]);
  });

  it('asks for the title and publisher on a terminal, and says what to give off one', () => {
    const dir = scratchDir('manual-init-');
    const offTerminal = manual(['init', dir]);
    expect(offTerminal.status).toBe(2);
    expect(offTerminal.stderr).toContain('--title "..." --publisher "..."');
    const command = `${process.execPath} ${path.join(REPO, 'scripts/manual.mjs')} init ${dir}`;
    const onTerminal = spawnSync('script', ['-qec', command, '/dev/null'], {
      input: 'Asked Title\nAsked Council\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(onTerminal.stdout).toContain('Title of the manual:');
    expect(onTerminal.status).toBe(0);
    expect(readFileSync(path.join(dir, 'chapters/contents.yml'), 'utf8')).toContain('title: "Asked Title"');
    expect(existsSync(path.join(dir, 'chapters/amendments.yml'))).toBe(true);
  });
});
