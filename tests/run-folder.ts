import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Gives the run a temporary folder of its own (TMPDIR, which the test processes, the commands
 * they run and Chromium inherit) and removes it at the end, so that no copy, output or profile a
 * test makes outlives the run, even a test that fails before its own clean-up. Each project of a
 * run calls it; a second call nests its folder in the first's, so either teardown order removes both.
 */
export function runFolder(): { folder: string; teardown: () => void } {
  const outer = process.env.TMPDIR;
  const folder = mkdtempSync(path.join(tmpdir(), 'manual-tests-'));
  process.env.TMPDIR = folder;
  return {
    folder,
    teardown: () => {
      rmSync(folder, { recursive: true, force: true });
      if (outer === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = outer;
    },
  };
}

/** The global setup of the projects that need nothing built first. */
export default function setup() {
  return runFolder().teardown;
}
