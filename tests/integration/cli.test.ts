import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyManual, edit, filesUnder, manual, removeCopies, REPO } from '../helpers/fixture.ts';

afterAll(removeCopies);

const OUTPUTS = [
  'small-test-manual-2025-02-print.pdf',
  'small-test-manual-2025-02.epub',
  'small-test-manual-2025-02.html',
  'small-test-manual-2025-02.pdf',
  'web',
];

describe('the manual command', () => {
  it('checks and builds a manual outside the repository, run from another folder', () => {
    const root = copyManual();
    const checked = manual(['check', '--root', root], tmpdir());
    expect(checked).toMatchObject({ status: 0, stderr: '' });
    expect(checked.stdout).toBe('Small Test Manual: 4 chapters in 2 sections, February 2025 edition: no errors\n');

    const built = manual(['build', '--root', root], tmpdir());
    expect(built.status).toBe(0);
    expect(readdirSync(path.join(root, 'dist')).sort()).toEqual(OUTPUTS);
    const html = readFileSync(path.join(root, 'dist/small-test-manual-2025-02.html'), 'utf8');
    expect(html).toContain('<span class="entry-number">2.1.1</span> <span class="entry-title">Placements</span>');
  });

  it('writes the same bytes whatever the time zone of the machine', () => {
    const [utc, auckland] = [copyManual(), copyManual()];
    expect(manual(['build', '--root', utc], REPO, { TZ: 'UTC' }).status).toBe(0);
    expect(manual(['build', '--root', auckland], REPO, { TZ: 'Pacific/Auckland' }).status).toBe(0);
    const [inUtc, inAuckland] = [filesUnder(path.join(utc, 'dist')), filesUnder(path.join(auckland, 'dist'))];
    expect([...inAuckland.keys()]).toEqual([...inUtc.keys()]);
    expect([...inUtc.keys()]).toContain('web/chapters/care/visits.html');
    for (const [name, data] of inUtc) expect(inAuckland.get(name)!.equals(data), name).toBe(true);
  });

  it('exits 1 on errors, prints file:line:column and how to fix, and writes nothing', () => {
    const root = copyManual();
    expect(manual(['build', '--root', root]).status).toBe(0);
    const before = readFileSync(path.join(root, 'dist/small-test-manual-2025-02.html'));

    edit(root, 'chapters/care/visits.md', '## Frequency', '## Frequency\n\n[broken](nowhere.md)');
    const built = manual(['build', '--root', root]);
    expect(built.status).toBe(1);
    expect(built.stderr).toBe(
      'chapters/care/visits.md:5:1: error: link to chapter chapters/care/nowhere.md, which does not exist\n' +
        '  fix: link to a chapter listed in the contents, by the path of its .md file relative to this file\n' +
        '1 error, 0 warnings\n' +
        'manual build: nothing was written; fix the errors above and build again\n',
    );
    expect(readdirSync(path.join(root, 'dist')).sort()).toEqual(OUTPUTS);
    expect(readFileSync(path.join(root, 'dist/small-test-manual-2025-02.html')).equals(before)).toBe(true);
    expect(manual(['check', '--root', root]).status).toBe(1);
  });

  it('exits 0 with warnings only, and prints them', () => {
    const root = copyManual();
    edit(root, 'chapters/care/visits.md', '# Visits\n', '');
    const checked = manual(['check', '--root', root]);
    expect(checked.status).toBe(0);
    expect(checked.stderr).toContain('chapters/care/visits.md:1:1: warning: the chapter has no title');
    expect(checked.stderr).toContain('0 errors, 1 warning');
  });

  it('says clearly when the folder is not a manual', () => {
    const result = manual(['check', '--root', tmpdir()]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `chapters/contents.yml: error: the contents manifest chapters/contents.yml does not exist in ${tmpdir()}`,
    );
  });

  it('says how to install Chromium when it is missing, and writes nothing', () => {
    const root = copyManual();
    const result = manual(['build', '--root', root], REPO, { MANUAL_CHROMIUM: '/nonexistent/chromium' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      '/nonexistent/chromium: error: Chromium is needed to print the PDFs, and it is not installed\n' +
        '  fix: install Debian\'s Chromium with "sudo apt-get install chromium" (scripts/setup.sh does it), or set MANUAL_CHROMIUM to its path\n',
    );
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  });

  it('keeps the archived February 2025 release of the sample intact, and the sample agrees with it', () => {
    expect(manual(['verify'])).toMatchObject({ status: 0, stdout: '2025-02: ok, 3 files match release.json\n' });
    expect(manual(['check'])).toMatchObject({ status: 0, stderr: '' });
    expect(manual(['diff']).stdout).toBe(
      'compared with the February 2025 release (archive/2025-02):\nno chapter has changed\n',
    );
  });

  it('stops quietly when its reader stops early, as `| head` does', () => {
    const result = spawnSync('sh', ['-c', `"${process.execPath}" scripts/manual.mjs reviews | head -1`], {
      cwd: REPO,
      encoding: 'utf8',
    });
    expect(result.stdout.split('\n')).toHaveLength(2);
    expect(result.stderr).toBe('');
  });

  it('exits 2 with the usage on a wrong command or option', () => {
    for (const args of [[], ['publish'], ['check', '--colour']]) {
      const result = manual(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('Usage: manual <command> [options]');
    }
    expect(manual(['--help'])).toMatchObject({ status: 0 });
  });
});
