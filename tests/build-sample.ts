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

/** Builds the sample's editions once, with the real command, for every test that reads them. */
export default function setup(project: TestProject) {
  const out = mkdtempSync(path.join(tmpdir(), 'manual-sample-'));
  const result = manual(['build', '--out', out]);
  if (result.status !== 0) throw new Error(`building the sample failed:\n${result.stderr}`);
  project.provide('sampleOut', out);
  return () => rmSync(out, { recursive: true, force: true });
}
