import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { manual } from './helpers/fixture.ts';
import { runFolder } from './run-folder.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder the sample manual's editions were built into, once for the whole run. */
    sampleOut: string;
  }
}

/**
 * Gives the run a temporary folder of its own (`runFolder`), then builds the sample's editions
 * once, with the real command, for every test that reads them.
 */
export default function setup(project: TestProject) {
  const run = runFolder();
  const out = mkdtempSync(path.join(run.folder, 'manual-sample-'));
  const result = manual(['build', '--out', out]);
  if (result.status !== 0) {
    run.teardown();
    throw new Error(`building the sample failed:\n${result.stderr}`);
  }
  project.provide('sampleOut', out);
  return run.teardown;
}
