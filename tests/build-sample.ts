import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { manual } from './helpers/fixture.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder the sample manual's editions were built into, once for the whole run. */
    sampleOut: string;
  }
}

/**
 * Gives the whole run a temporary folder of its own (TMPDIR, which the test processes, the
 * commands they run and Chromium inherit) and removes it at the end, so that no copy, output or
 * profile a test makes outlives the run, even a test that fails before its own clean-up. Then
 * builds the sample's editions once, with the real command, for every test that reads them.
 */
export default function setup(project: TestProject) {
  const outer = process.env.TMPDIR;
  const run = mkdtempSync(path.join(tmpdir(), 'manual-tests-'));
  process.env.TMPDIR = run;
  const out = mkdtempSync(path.join(run, 'manual-sample-'));
  const result = manual(['build', '--out', out]);
  if (result.status !== 0) throw new Error(`building the sample failed:\n${result.stderr}`);
  project.provide('sampleOut', out);
  return () => {
    rmSync(run, { recursive: true, force: true });
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
  };
}
