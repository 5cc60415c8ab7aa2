import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryBudget, printOneAtATime } from '../../scripts/output/render-editions.ts';

afterEach(() => vi.unstubAllEnvs());

describe('printOneAtATime', () => {
  it('prints both editions at once only while that stays within the memory budget', () => {
    vi.stubEnv('MANUAL_PRINT_ONE_AT_A_TIME', '');
    vi.stubEnv('MANUAL_MEMORY_GB', '');
    expect(memoryBudget()).toBe(3 * 2 ** 30);
    expect(printOneAtATime(2000)).toBe(true);
    vi.stubEnv('MANUAL_MEMORY_GB', '1');
    expect(printOneAtATime(400)).toBe(true);
    vi.stubEnv('MANUAL_MEMORY_GB', 'lots');
    expect(memoryBudget()).toBe(3 * 2 ** 30);
  });

  it('does as MANUAL_PRINT_ONE_AT_A_TIME says, whatever the budget', () => {
    vi.stubEnv('MANUAL_MEMORY_GB', '1');
    vi.stubEnv('MANUAL_PRINT_ONE_AT_A_TIME', '0');
    expect(printOneAtATime(2000)).toBe(false);
    vi.stubEnv('MANUAL_PRINT_ONE_AT_A_TIME', '1');
    expect(printOneAtATime(10)).toBe(true);
  });
});
