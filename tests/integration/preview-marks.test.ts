import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { copyManual, edit, REPO, removeCopies, SAMPLE_NEXT_EDITION } from '../helpers/fixture.ts';

afterAll(removeCopies);

const CHAPTER = 'chapters/children-in-care/care-planning.md';

/** The served page of Care Planning from `manual preview` run with `flags`, which is stopped after. */
async function previewedChapter(root: string, flags: string[]): Promise<string> {
  const child = spawn(
    process.execPath,
    [path.join(REPO, 'scripts/manual.mjs'), 'preview', '--root', root, '--port', '0', ...flags],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const address = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`manual preview ended (${code}):\n${stderr}`)));
    });
    const response = await fetch(new URL('chapters/children-in-care/care-planning.html', address));
    expect(response.status).toBe(200);
    return await response.text();
  } finally {
    child.kill('SIGTERM');
  }
}

describe('manual preview, as build, follows the settings of the command', () => {
  it('shows change marks against the last release, and none with --no-change-marks', { timeout: 120_000 }, async () => {
    const root = copyManual(REPO);
    edit(
      root,
      CHAPTER,
      'The Care Plan is a living document.',
      'The Care Plan is a living document, reviewed at every review.',
    );
    edit(root, 'chapters/amendments.yml', 'editions:\n', SAMPLE_NEXT_EDITION);
    expect(await previewedChapter(root, [])).toContain('class="change-mark"');
    const plain = await previewedChapter(root, ['--no-change-marks']);
    expect(plain).not.toContain('class="change-mark"');
    expect(plain).toContain('reviewed at every review');
  });
});
