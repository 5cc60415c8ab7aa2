import { GIGABYTE } from '../../core/settings.ts';

/**
 * The memory a build takes that prints both PDFs at once, each a renderer process holding its
 * whole laid-out edition, in Chromium's usual mode and in its low-memory mode (bench/README.md
 * has the measurements these come from).
 */
const AT_ONCE = { base: 0.5 * GIGABYTE, perPage: 1.6e6 };
const AT_ONCE_LOW_MEMORY = { base: 0.75 * GIGABYTE, perPage: 1.1e6 };

/** How the final prints of an edition share the machine. */
export interface PrintPlan {
  /** Chromium in low-memory mode: when printing both at once in its usual mode would not fit. */
  lowMemory: boolean;
  /** One edition after the other: as the settings force, else when both at once would not fit even in low-memory mode. */
  oneAtATime: boolean;
}

export interface PrintPlanInput {
  /** Pages of the partner PDF. */
  pages: number;
  /** Bytes the build may take (the settings' memory budget). */
  budget: number;
  /** Bytes of memory free now. */
  free: number;
  /** One at a time (true) or both at once (false) whatever the memory, when the settings say so. */
  oneAtATime?: boolean;
}

/** What fits is the lesser of the budget and the memory free. */
export function printPlan({ pages, budget, free, oneAtATime }: PrintPlanInput): PrintPlan {
  const fits = (cost: typeof AT_ONCE) => cost.base + pages * cost.perPage <= Math.min(budget, free);
  const lowMemory = !fits(AT_ONCE);
  return { lowMemory, oneAtATime: oneAtATime ?? (lowMemory && !fits(AT_ONCE_LOW_MEMORY)) };
}
