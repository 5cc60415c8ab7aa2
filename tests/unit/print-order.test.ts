import { freemem } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryBudget, printPlan } from '../../scripts/output/render-editions.ts';

afterEach(() => vi.unstubAllEnvs());

describe('printPlan', () => {
  it('prints both editions at once, in low-memory mode only where the usual mode would not fit the budget', () => {
    vi.stubEnv('MANUAL_PRINT_ONE_AT_A_TIME', '');
    vi.stubEnv('MANUAL_MEMORY_GB', '');
    expect(memoryBudget()).toBe(3 * 2 ** 30);
    // The estimates at 3 GB: 0.5 GB + 1.6 MB a page fits 1,000 pages, not 2,000; 0.75 GB + 1.1 MB a page fits 2,000.
    const plenty = freemem() > 3 * 2 ** 30;
    if (plenty) {
      expect(printPlan(1000)).toEqual({ lowMemory: false, oneAtATime: false });
      expect(printPlan(2000)).toEqual({ lowMemory: true, oneAtATime: false });
    }
    expect(printPlan(3000)).toEqual({ lowMemory: true, oneAtATime: true });
    vi.stubEnv('MANUAL_MEMORY_GB', '1');
    expect(printPlan(100)).toEqual({ lowMemory: false, oneAtATime: false });
    expect(printPlan(400)).toEqual({ lowMemory: true, oneAtATime: true });
    vi.stubEnv('MANUAL_MEMORY_GB', 'lots');
    expect(memoryBudget()).toBe(3 * 2 ** 30);
  });

  it('prints one at a time or both at once as MANUAL_PRINT_ONE_AT_A_TIME says, whatever the budget', () => {
    vi.stubEnv('MANUAL_MEMORY_GB', '1');
    vi.stubEnv('MANUAL_PRINT_ONE_AT_A_TIME', '0');
    expect(printPlan(2000)).toEqual({ lowMemory: true, oneAtATime: false });
    vi.stubEnv('MANUAL_PRINT_ONE_AT_A_TIME', '1');
    expect(printPlan(10)).toEqual({ lowMemory: false, oneAtATime: true });
  });
});
