import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyManual, manual, removeCopies, REPO } from '../helpers/fixture.ts';

afterAll(removeCopies);

/** A stand-in for Chromium that behaves badly, as a script. */
function fakeChromium(body: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'fake-chromium-')), 'chromium');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

const running = (pattern: string) => spawnSync('pgrep', ['-f', pattern]).stdout.toString().trim();
const snapshot = (dir: string) => new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name))]));

describe('a Chromium that is broken', () => {
  it('hangs at start: a clear error within the configured time, nothing left running, dist/ untouched', () => {
    const root = copyManual();
    expect(manual(['build', '--root', root]).status).toBe(0);
    const before = snapshot(path.join(root, 'dist'));
    const hanging = fakeChromium('exec sleep 600');
    const started = performance.now();
    const result = manual(['build', '--root', root], REPO, { MANUAL_CHROMIUM: hanging, MANUAL_PRINT_TIMEOUT: '3' });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`chromium: error: Chromium did not start in time`);
    expect(result.stderr).toContain('set MANUAL_PRINT_TIMEOUT (seconds)');
    expect(running(`sleep 600`)).toBe('');
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
  });

  it('crashes at start: a clear error, exit 1', () => {
    const root = copyManual();
    const result = manual(['build', '--root', root], REPO, { MANUAL_CHROMIUM: fakeChromium('echo "segmentation fault" >&2; exit 139') });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('chromium: error: Chromium failed to start: ');
    expect(result.stderr).toContain('check that "chromium --version" runs');
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  });
});

describe('a build killed at any moment', () => {
  it('leaves each output either as it was or as the finished build writes it, and no Chromium behind', { timeout: 300_000 }, async () => {
    const root = copyManual();
    expect(manual(['build', '--root', root]).status).toBe(0);
    const before = snapshot(path.join(root, 'dist'));
    // The chapter changes, so a finished build writes different files: `after` is what it writes.
    writeFileSync(path.join(root, 'chapters/care/visits.md'), '# Visits\n\n## Frequency\n\nVisit every four weeks.\n');
    const reference = mkdtempSync(path.join(tmpdir(), 'manual-reference-'));
    expect(manual(['build', '--root', root, '--out', reference]).status).toBe(0);
    const after = snapshot(reference);
    // The killed builds keep their Chromium profiles in a folder of their own, to find leftovers.
    const temp = mkdtempSync(path.join(tmpdir(), 'manual-killed-'));
    for (const afterMs of [300, 1200, 2500, 4000, 5500, 7000]) {
      const child = spawn(process.execPath, [path.join(REPO, 'scripts/manual.mjs'), 'build', '--root', root], { stdio: 'ignore', env: { ...process.env, TMPDIR: temp } });
      const ended = new Promise((resolve) => child.on('close', resolve)); // a late kill finds it finished
      await new Promise((resolve) => setTimeout(resolve, afterMs));
      child.kill('SIGKILL');
      await ended;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const editions = new Map([...snapshot(path.join(root, 'dist'))].filter(([name]) => !name.includes('.tmp-')));
      expect([...editions.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [name, data] of editions) expect(data.equals(before.get(name)!) || data.equals(after.get(name)!), `${name} after ${afterMs} ms`).toBe(true);
      expect(running(temp), `Chromium left running after a kill at ${afterMs} ms`).toBe('');
    }
  });
});
