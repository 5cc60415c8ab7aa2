import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHROMIUM, settingsFrom } from '../../scripts/cli/settings.ts';
import { GIGABYTE } from '../../scripts/core/settings.ts';
import { SMALL } from '../helpers/fixture.ts';

describe('settingsFrom', () => {
  it('takes the flags, then the MANUAL_* variables, then the defaults', () => {
    const defaults = settingsFrom({ root: SMALL }, {});
    expect(defaults).toMatchObject({
      root: SMALL,
      out: path.join(SMALL, 'dist'),
      archive: path.join(SMALL, 'archive'),
      timings: false,
      print: { chromium: DEFAULT_CHROMIUM, timeout: 600_000, memoryBudget: 3 * GIGABYTE, oneAtATime: undefined },
    });
    expect(defaults.cacheDir).toBe(path.join(SMALL, 'node_modules/.cache/manual-editions'));
    expect(defaults.progress).toBe('lines');
    expect(settingsFrom({ root: SMALL }, {}, true).progress).toBe('terminal');
    expect(settingsFrom({ root: SMALL, quiet: true }, {}, true).progress).toBe('quiet');
    expect(settingsFrom({ root: SMALL }, { TERM: 'dumb' }, true).progress).toBe('lines');
    const env = {
      MANUAL_CHROMIUM: '/opt/chromium',
      MANUAL_PRINT_TIMEOUT: '30',
      MANUAL_MEMORY_GB: '1.5',
      MANUAL_PRINT_ONE_AT_A_TIME: '1',
      MANUAL_CACHE_DIR: '/tmp/c',
    };
    expect(settingsFrom({ root: SMALL, out: 'o', timings: true }, env)).toMatchObject({
      out: path.resolve('o'),
      cacheDir: '/tmp/c',
      timings: true,
      print: { chromium: '/opt/chromium', timeout: 30_000, memoryBudget: 1.5 * GIGABYTE, oneAtATime: true },
    });
  });

  it('falls back to the default for a value that is not a positive number', () => {
    const print = settingsFrom(
      { root: SMALL },
      { MANUAL_MEMORY_GB: 'lots', MANUAL_PRINT_TIMEOUT: '-5', MANUAL_PRINT_ONE_AT_A_TIME: '0' },
    ).print;
    expect(print).toMatchObject({ timeout: 600_000, memoryBudget: 3 * GIGABYTE, oneAtATime: false });
  });
});
