import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyManual, edit, manual, removeCopies, scratchDir } from '../helpers/fixture.ts';
import { gone, killManualAfter } from '../helpers/processes.ts';

/**
 * The small manual with its February 2025 edition archived and the August 2025 edition ready to
 * release; `manual release` is killed at moments spread over its run.
 */
const SLOW = 300_000;
let root: string;
let archive: string;
/** The archive before the August release, and as the finished release leaves it. */
let before: Map<string, Buffer>;
let after: Map<string, Buffer>;

/** A name a release writes before renaming it into place. */
const isTemporary = (name: string) => name.split('/').some((part) => /\.tmp-\d+/.test(part));

/** Every file under a folder, by its path inside it. */
function snapshot(dir: string, under = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(path.join(dir, under))) {
    const relative = path.posix.join(under, name);
    if (statSync(path.join(dir, relative)).isDirectory())
      for (const [file, data] of snapshot(dir, relative)) files.set(file, data);
    else files.set(relative, readFileSync(path.join(dir, relative)));
  }
  return files;
}

function restore(dir: string, files: Map<string, Buffer>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [name, data] of files) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), data);
  }
}

const same = (a: Map<string, Buffer>, b: Map<string, Buffer>) =>
  a.size === b.size && [...a].every(([name, data]) => b.get(name)?.equals(data));
/** The id of a process that has ended, as a killed release's temporary names carry. */
const endedPid = () => spawnSync('true').pid;

beforeAll(() => {
  root = copyManual();
  archive = path.join(root, 'archive');
  expect(manual(['release', '--root', root]).status).toBe(0);
  edit(
    root,
    'chapters/amendments.yml',
    'editions:\n',
    'editions:\n  - edition: 2025-08\n    date: 2025-08-04\n    updated:\n      - chapter: care/visits\n        details: Visits are every four weeks.\n',
  );
  edit(root, 'chapters/care/visits.md', 'every six weeks', 'every four weeks');
  before = snapshot(archive);
}, SLOW);
afterAll(removeCopies);

describe('a release killed at any moment', () => {
  it(
    'leaves archive/ as it was or as the finished release writes it, verified, and no Chromium behind',
    { timeout: SLOW },
    async () => {
      // What a release killed long ago left: the next release clears it away.
      const stale = endedPid();
      mkdirSync(path.join(archive, `.2025-08.tmp-${stale}`));
      writeFileSync(path.join(archive, `.2025-08.tmp-${stale}`, 'small-test-manual-2025-08.pdf'), '%PDF-1.7 half');
      writeFileSync(path.join(archive, `.index.md.tmp-${stale}`), '# Archived');
      expect(manual(['release', '--root', root]).status).toBe(0);
      after = snapshot(archive);
      expect([...after.keys()].filter(isTemporary)).toEqual([]);
      // The PDFs, the EPUB, the amendment pack and release.json, and the web edition's files.
      const filed = [...after.keys()].filter((name) => name.startsWith('2025-08/'));
      expect(filed.filter((name) => !name.startsWith('2025-08/web/'))).toHaveLength(5);
      expect(filed).toContain('2025-08/web/chapters/care/visits.html');

      const temp = scratchDir('manual-release-killed-');
      const outcomes: string[] = [];
      for (const afterMs of [300, 1500, 3000, 5000, 8000, 11_000]) {
        restore(archive, before);
        await killManualAfter(['release', '--root', root], afterMs, { TMPDIR: temp });
        const found = snapshot(archive);
        const kept = new Map([...found].filter(([name]) => !isTemporary(name)));
        const outcome = same(kept, before) ? 'as before' : same(kept, after) ? 'released' : 'broken';
        outcomes.push(`${afterMs} ms: ${outcome}${kept.size < found.size ? ', with temporary names' : ''}`);
        expect(outcome, `archive/ after a kill at ${afterMs} ms`).not.toBe('broken');
        expect(manual(['verify', '--root', root]).status, `verify after a kill at ${afterMs} ms`).toBe(0);
        // Chromium ends once it reads the end of its pipe; on a loaded machine that takes a few seconds.
        expect(await gone(temp, 15_000), `Chromium left running after a kill at ${afterMs} ms`).toBe('');
      }
      console.log(`manual release killed: ${outcomes.join('; ')}`);
      expect(existsSync(path.join(root, 'dist'))).toBe(false);
    },
  );

  it('killed between filing the edition and rewriting the index, the next release mends the index', () => {
    const archived = new Map([...after].filter(([name]) => !name.startsWith('index.')));
    restore(
      archive,
      new Map([...archived, ['index.json', before.get('index.json')!], ['index.md', before.get('index.md')!]]),
    );
    const result = manual(['release', '--root', root]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'error: edition 2025-08 is already archived; an archived release is never overwritten',
    );
    expect(same(snapshot(archive), after)).toBe(true);
  });
});
