import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArchivedRelease } from '../../scripts/load/types.ts';
import { bookArchive } from '../../scripts/model/archive.ts';

const release = (id: string, date: string, hasWeb = true): ArchivedRelease => ({
  id,
  label: id,
  date,
  folder: `/manual/archive/${id}`,
  shownFolder: `archive/${id}`,
  files: [],
  hasWeb,
  chapters: [],
});
const RELEASES = [
  release('2025-02', '2025-02-03', false),
  release('2025-08', '2025-08-04'),
  release('2026-02', '2026-02-02'),
];
const dates = (current: { id: string; date: string }) =>
  bookArchive(RELEASES, current).editions.map(({ id, from, until, current: isCurrent }) => ({
    id,
    from,
    until,
    isCurrent,
  }));

describe('the archive in the book model', () => {
  it('lists the editions newest first, each in force until the next one', () => {
    expect(dates({ id: '2026-02', date: '2026-02-02' })).toEqual([
      { id: '2026-02', from: '2026-02-02', until: undefined, isCurrent: true },
      { id: '2025-08', from: '2025-08-04', until: '2026-02-02', isCurrent: false },
      { id: '2025-02', from: '2025-02-03', until: '2025-08-04', isCurrent: false },
    ]);
  });

  it('ends the latest release on the current edition date before the current one is released', () => {
    expect(dates({ id: '2026-08', date: '2026-08-03' })[0]).toEqual({
      id: '2026-02',
      from: '2026-02-02',
      until: '2026-08-03',
      isCurrent: false,
    });
  });

  it('leaves out releases newer than the edition built', () => {
    expect(dates({ id: '2025-08', date: '2025-08-04' }).map((e) => e.id)).toEqual(['2025-08', '2025-02']);
  });

  it('reads no file outside a release folder', () => {
    const archive = bookArchive(RELEASES, { id: '2026-02', date: '2026-02-02' });
    expect(() => archive.read('2025-08', '../2026-02/release.json')).toThrow('no archived file');
    expect(() => archive.read('2024-02', 'release.json')).toThrow('no archived file');
  });

  it('reads no file that a link leads out of its release folder, and follows one that stays inside', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'book-archive-'));
    try {
      const folder = path.join(root, 'archive/2025-08');
      mkdirSync(path.join(folder, 'web'), { recursive: true });
      writeFileSync(path.join(root, 'secret.html'), 'secret');
      writeFileSync(path.join(folder, 'web/index.html'), 'index');
      symlinkSync(path.join(root, 'secret.html'), path.join(folder, 'web/out.html'));
      symlinkSync(path.join(folder, 'web/index.html'), path.join(folder, 'web/in.html'));
      const archive = bookArchive([{ ...release('2025-08', '2025-08-04'), folder }], {
        id: '2026-02',
        date: '2026-02-02',
      });
      expect(archive.read('2025-08', 'web/index.html').toString()).toBe('index');
      expect(archive.read('2025-08', 'web/in.html').toString()).toBe('index');
      expect(() => archive.read('2025-08', 'web/out.html')).toThrow("a link out of its release's folder");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
