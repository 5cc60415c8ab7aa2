import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyManual, filesUnder, manual, removeCopies, REPO, write } from '../helpers/fixture.ts';
import { pdfInfo, pdfPages } from '../helpers/pdf.ts';

afterAll(removeCopies);

const PARTNER = 'small-test-manual-2025-02.pdf';

describe('odd input that real chapters contain', () => {
  it(
    'builds CRLF, a byte-order mark, right-to-left and non-Latin text, emoji, a word longer than the page, a 50-level list and a 2,000-row table',
    { timeout: 300_000 },
    () => {
      const root = copyManual();
      const nested = Array.from({ length: 50 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n');
      const rows = Array.from({ length: 2000 }, (_, i) => `| ${i + 1} | Placement review ${i + 1} |`).join('\n');
      const chapter = [
        '# Visits',
        '',
        '## Frequency',
        '',
        'Visit every six weeks.',
        '',
        'مرحبا بكم في دليل الإجراءات. Croeso i’r llawlyfr. 欢迎阅读手册。 Witamy — żółć.',
        '',
        'A child’s wishes 👧🏽 come first ✅.',
        '',
        `${'Supercalifragilistic'.repeat(20)} ends here.`,
        '',
        nested,
        '',
        '| Number | Review |',
        '|---|---|',
        rows,
        '',
      ].join('\r\n');
      write(root, 'chapters/care/visits.md', `\uFEFF${chapter}`);
      const out = mkdtempSync(path.join(tmpdir(), 'manual-odd-'));
      const built = manual(['build', '--root', root, '--out', out]);
      expect(built.status, built.stderr).toBe(0);
      expect(built.stderr).toBe('');

      const text = pdfPages(path.join(out, PARTNER)).join('\n');
      expect(text).toContain('2.1.2 Visits'); // the byte-order mark did not hide the title
      for (const words of [
        'Croeso i’r llawlyfr',
        '欢迎阅读手册',
        'żółć',
        'ends here.',
        'level 50',
        'Placement review 2000',
      ])
        expect(text, words).toContain(words);
      const html = readFileSync(path.join(out, 'small-test-manual-2025-02.html'), 'utf8');
      expect(html).toContain('👧🏽');
      expect(html).toContain('مرحبا بكم في دليل الإجراءات');
      expect(html).not.toContain('\r');
      // The long word wraps inside the page instead of running off it.
      expect(Number(pdfInfo(path.join(out, PARTNER)).Pages)).toBeGreaterThan(40);
    },
  );

  it('lets two builds of one manual run at once, each writing whole files', { timeout: 300_000 }, async () => {
    const root = copyManual();
    const single = mkdtempSync(path.join(tmpdir(), 'manual-single-'));
    expect(manual(['build', '--root', root, '--out', single]).status).toBe(0);
    const both = await Promise.all(
      [0, 1].map(
        () =>
          new Promise<number | null>((resolve) => {
            const child = spawn(process.execPath, [path.join(REPO, 'scripts/manual.mjs'), 'build', '--root', root], {
              stdio: 'ignore',
            });
            child.on('close', resolve);
          }),
      ),
    );
    expect(both).toEqual([0, 0]);
    // Every file, the web edition's among them, whole and the same as a build alone writes.
    const [dist, alone] = [filesUnder(path.join(root, 'dist')), filesUnder(single)];
    expect([...dist.keys()]).toEqual([...alone.keys()]);
    for (const [name, data] of alone) expect(dist.get(name)!.equals(data), name).toBe(true);
  });
});
