import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, removeCopies, scratchDir } from '../helpers/fixture.ts';

/**
 * The tool as a council installs it: packed, installed from the tarball into an empty project
 * (from npm's cache, as `npm ci` left it), its folder made read-only, then a manual started,
 * checked and built there with `npx manual`.
 */
const SLOW = 900_000;
let source: string;
let tarball: string;
let project: string;
let installed: string;

const npx = (...args: string[]) =>
  spawnSync('npx', ['--no-install', 'manual', ...args], { cwd: project, encoding: 'utf8', timeout: SLOW });

/** Every file under a folder with its size and modification time: what writing into it would change. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => {
      const s = statSync(path.join(dir, f));
      return `${f} ${s.isDirectory() ? 'dir' : s.size} ${s.mtimeMs}`;
    })
    .sort();
}

beforeAll(() => {
  // Packed from a copy, so that the repository never holds lib/ while other tests run its command.
  source = scratchDir('manual-source-');
  for (const entry of ['package.json', 'package-lock.json', 'README.md', 'scripts', 'templates', 'docs'])
    cpSync(path.join(REPO, entry), path.join(source, entry), { recursive: true });
  symlinkSync(path.join(REPO, 'node_modules'), path.join(source, 'node_modules'));
  const packs = scratchDir('manual-pack-');
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', packs], {
    cwd: source,
    encoding: 'utf8',
  });
  tarball = path.join(packs, name.trim().split('\n').at(-1)!);
  project = scratchDir('manual-council-');
  writeFileSync(path.join(project, 'package.json'), '{ "name": "council-manual", "private": true }\n');
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], {
    cwd: project,
    encoding: 'utf8',
    timeout: SLOW,
  });
  installed = path.join(project, 'node_modules/manual-editions');
}, SLOW);
afterAll(() => {
  if (installed && existsSync(installed)) execFileSync('chmod', ['-R', 'u+w', installed]);
  removeCopies();
});

describe('the installed package', () => {
  it('ships built JavaScript, the templates and the docs, and no tests, sample, archive or bench', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    expect(files).toContain('package/lib/cli/main.mjs');
    expect(files).toContain('package/scripts/manual.mjs');
    expect(files).toContain('package/templates/init/chapters/contents.yml');
    expect(files.filter((f) => /^package\/(tests|bench|archive|chapters|scripts\/\w+\/)/.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
    expect(existsSync(path.join(source, 'lib'))).toBe(false); // postpack cleans up after itself
  });

  it('starts, checks and builds a manual with npx, writing nothing inside itself', { timeout: SLOW }, () => {
    execFileSync('chmod', ['-R', 'a-w', installed]);
    chmodSync(installed, 0o555);
    const before = snapshot(installed);
    const init = npx(
      'init',
      '--title',
      'Borsetshire Children’s Services Procedures',
      '--publisher',
      'Borsetshire County Council',
    );
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    // The project's package.json was there: init leaves it as it was.
    expect(JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8'))).toMatchObject({
      name: 'council-manual',
    });
    expect(existsSync(path.join(project, 'chapters/contents.yml'))).toBe(true);
    const check = npx('check');
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const build = npx('build');
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const dist = readdirSync(path.join(project, 'dist')).sort();
    const edition = /^(.*)-\d{4}-\d{2}\.pdf$/
      .exec(dist.find((f) => /-\d{4}-\d{2}\.pdf$/.test(f))!)![0]
      .replace('.pdf', '');
    expect(dist).toEqual(
      [`${edition}-print.pdf`, `${edition}.epub`, `${edition}.html`, `${edition}.pdf`, 'web'].sort(),
    );
    expect(existsSync(path.join(project, 'dist/web/index.html'))).toBe(true);
    expect(existsSync(path.join(project, 'node_modules/.cache/manual-editions'))).toBe(true);
    expect(snapshot(installed)).toEqual(before);
  });
});
