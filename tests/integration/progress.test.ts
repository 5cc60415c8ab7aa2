import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyManual, manual, REPO, removeCopies, scratchDir } from '../helpers/fixture.ts';

/** What a build shows while it runs: on a terminal (a pseudo-terminal made by `script`), in a pipe, and quiet. */
const SLOW = 300_000;
const ESCAPE = '\u001b';
afterAll(removeCopies);

/** A cold build of a copy of the small fixture, on a 100-column pseudo-terminal. */
function onTerminal(env: Record<string, string> = {}) {
  const root = copyManual();
  const command = `stty cols 100 rows 40; ${process.execPath} ${path.join(REPO, 'scripts/manual.mjs')} build --root ${root}`;
  return spawnSync('script', ['-qec', command, '/dev/null'], {
    encoding: 'utf8',
    timeout: SLOW,
    env: { ...process.env, MANUAL_CACHE_DIR: scratchDir('manual-cache-'), ...env },
  });
}

describe('progress', () => {
  it('shows each step with its time and a bar for the measuring passes on a terminal', { timeout: SLOW }, () => {
    const shown = onTerminal();
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain(ESCAPE);
    expect(shown.stdout).toMatch(/\[█*░*\] \d+\/\d+/);
    for (const step of ['check', 'measuring passes', 'partner PDF', 'binder PDF', 'EPUB', 'web edition', 'writing'])
      expect(shown.stdout).toMatch(new RegExp(`✔\\S* ${step} \\(\\d+\\.\\d s\\)`));
    expect(shown.stdout).toContain('amendment pack: not needed');
    expect(shown.stdout).toMatch(/\u001b\[3\dm/);
  });

  it('honours NO_COLOR on a terminal', { timeout: SLOW }, () => {
    const shown = onTerminal({ NO_COLOR: '1' });
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/✔ partner PDF \(/);
    expect(shown.stdout).not.toMatch(/\u001b\[3\dm/);
  });

  it(
    'prints one plain line a step off a terminal, and only the files written and the ledger with --quiet',
    { timeout: SLOW },
    () => {
      const root = copyManual();
      const env = { MANUAL_CACHE_DIR: scratchDir('manual-cache-') };
      const piped = manual(['build', '--root', root], REPO, env);
      expect(piped.status).toBe(0);
      expect(piped.stderr).toBe('');
      expect(piped.stdout).not.toContain(ESCAPE);
      const steps = piped.stdout.split('\n').filter((l) => l.startsWith('done '));
      expect(steps.map((l) => l.replace(/^done \d+\.\d s /, '')).sort()).toEqual(
        [
          'binder PDF',
          'check',
          'checking the outputs',
          'EPUB',
          'HTML edition',
          'measuring passes',
          'partner PDF',
          'search index',
          'web edition',
          'writing',
        ].sort(),
      );
      const quiet = manual(['build', '--root', root, '--quiet'], REPO, env);
      expect(quiet.status).toBe(0);
      expect(
        quiet.stdout
          .trim()
          .split('\n')
          .every((l) => l.startsWith('wrote ') || l.startsWith('checked ')),
      ).toBe(true);
      expect(quiet.stdout).toMatch(/^checked .*: all in 5 outputs$/m);
    },
  );
});
