import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyManual, edit, filesUnder, manual, removeCopies } from '../helpers/fixture.ts';

afterAll(removeCopies);

const temp = () => mkdtempSync(path.join(tmpdir(), 'manual-cache-test-'));

function build(root: string, cacheDir: string, env: Record<string, string> = {}): { out: string; timings: string } {
  const out = temp();
  const built = manual(['build', '--root', root, '--out', out, '--timings'], root, {
    MANUAL_CACHE_DIR: cacheDir,
    ...env,
  });
  expect(built.status, built.stderr).toBe(0);
  return { out, timings: built.stderr };
}

/** Every file of two output folders, the web edition's among them, is the same, byte for byte. */
function expectSameFiles(a: string, b: string): void {
  const [first, second] = [filesUnder(a), filesUnder(b)];
  expect([...second.keys()]).toEqual([...first.keys()]);
  for (const [name, data] of first) expect(second.get(name)!.equals(data), name).toBe(true);
}

describe('the layout kept from the last build', () => {
  it('spares the measuring passes and writes the same bytes as a cold build, also when it is stale', () => {
    const root = copyManual();
    const cache = temp();
    const cold = build(root, cache);
    expect(cold.timings).toContain('measuring passes');

    // As on a machine short of memory: Chromium in low-memory mode, printing one edition after the
    // other. The same bytes.
    const warm = build(root, cache, { MANUAL_MEMORY_GB: '0.5' });
    expect(warm.timings).toContain('start Chromium in low-memory mode');
    expect(warm.timings.indexOf('partner PDF')).toBeLessThan(warm.timings.indexOf('binder PDF, pass 1'));
    expect(warm.timings).not.toContain('measuring passes');
    expect(warm.timings).not.toContain('pass 2');
    expect(warm.timings).not.toContain('EPUB again');
    expectSameFiles(cold.out, warm.out);

    // A chapter three pages longer: the kept layout is wrong, the print shows it, and a second pass
    // fixes it; the EPUB made from the wrong plan while the PDFs printed is made again.
    edit(
      root,
      'chapters/care/visits.md',
      '## Frequency',
      `## Frequency\n\n${'A visit is recorded on the day it happens, with who was seen and what they said. '.repeat(120)}`,
    );
    const stale = build(root, cache);
    expect(stale.timings).toContain('partner PDF, pass 2');
    expect(stale.timings).toContain('EPUB again, from the printed pages');
    expectSameFiles(build(root, temp()).out, stale.out);
  });
});
