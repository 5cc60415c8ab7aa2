import { describe, expect, it } from 'vitest';
import { GIGABYTE } from '../../scripts/core/settings.ts';
import { printPlan } from '../../scripts/render/pdf/print-plan.ts';

const plenty = 20 * GIGABYTE;

describe('printPlan', () => {
  it('prints both PDFs at once, in low-memory mode only where the usual mode would not fit the budget', () => {
    // At 3 GB: 0.5 GB + 1.6 MB a page fits 1,000 pages, not 2,000; 0.75 GB + 1.1 MB a page fits 2,000.
    const budget = 3 * GIGABYTE;
    expect(printPlan({ pages: 1000, budget, free: plenty })).toEqual({ lowMemory: false, oneAtATime: false });
    expect(printPlan({ pages: 2000, budget, free: plenty })).toEqual({ lowMemory: true, oneAtATime: false });
    expect(printPlan({ pages: 3000, budget, free: plenty })).toEqual({ lowMemory: true, oneAtATime: true });
    expect(printPlan({ pages: 100, budget: GIGABYTE, free: plenty })).toEqual({ lowMemory: false, oneAtATime: false });
    expect(printPlan({ pages: 400, budget: GIGABYTE, free: plenty })).toEqual({ lowMemory: true, oneAtATime: true });
  });

  it('fits the memory free when that is less than the budget', () => {
    expect(printPlan({ pages: 1000, budget: 3 * GIGABYTE, free: 1.9 * GIGABYTE })).toEqual({
      lowMemory: true,
      oneAtATime: false,
    });
    expect(printPlan({ pages: 1000, budget: 3 * GIGABYTE, free: 1.5 * GIGABYTE })).toEqual({
      lowMemory: true,
      oneAtATime: true,
    });
  });

  it('prints one at a time or both at once as the settings force, whatever the memory', () => {
    expect(printPlan({ pages: 2000, budget: GIGABYTE, free: plenty, oneAtATime: false })).toEqual({
      lowMemory: true,
      oneAtATime: false,
    });
    expect(printPlan({ pages: 10, budget: GIGABYTE, free: plenty, oneAtATime: true })).toEqual({
      lowMemory: false,
      oneAtATime: true,
    });
  });
});
