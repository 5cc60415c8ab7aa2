import { Listr } from 'listr2';
import type { ProgressMode } from '../core/settings.ts';
import type { StepCounter, StepTimer } from '../render/contract.ts';

/** What a long command shows while it runs: each of its steps, as it starts and ends. */
export interface Progress {
  /** Runs a step: one of the steps declared, or a part of the one running (shown under it). */
  time: StepTimer;
  /** How far a countable step has gone: a bar under it on a terminal. */
  count: StepCounter;
  /** Ends the display: steps that never ran are shown as skipped. */
  end(): Promise<void>;
}

interface Step {
  name: string;
  started?: number;
  settle?: (outcome: 'done' | 'skipped' | 'failed') => void;
  settled: Promise<'done' | 'skipped' | 'failed'>;
  detail?: string;
  counted?: { done: number; total: number };
}

const BAR_WIDTH = 24;

/**
 * The progress of a command with these steps, in the mode the settings chose: on a terminal a
 * task list (listr2) with a spinner and the time of each step, and a bar where its work is
 * counted; off one, a plain line on standard output as each step ends; quiet, nothing.
 */
export function startProgress(mode: ProgressMode, names: string[]): Progress {
  const steps = names.map((name): Step => {
    let settle!: Step['settle'];
    const settled = new Promise<'done' | 'skipped' | 'failed'>((resolve) => (settle = resolve));
    return { name, settle, settled };
  });
  const stepOf = (label: string) => steps.find((s) => label === s.name || label.startsWith(`${s.name} `));
  const running = () => steps.filter((s) => s.started !== undefined && s.settle);
  const list = mode === 'terminal' ? taskList(steps) : undefined;
  const shown = list?.run().catch(() => undefined);
  const finish = (step: Step, outcome: 'done' | 'failed') => {
    if (!step.settle) return;
    if (mode === 'lines')
      process.stdout.write(`${outcome === 'done' ? 'done' : 'FAILED'} ${seconds(step.started!)} ${step.name}\n`);
    step.settle(outcome);
    step.settle = undefined;
  };
  return {
    async time(label, work) {
      const step = stepOf(label);
      if (step && step.started === undefined) step.started = performance.now();
      else if (!step) for (const s of running()) s.detail = label;
      try {
        const result = await work();
        if (step) finish(step, 'done');
        return result;
      } catch (e) {
        if (step) finish(step, 'failed');
        throw e;
      }
    },
    count(label, done, total) {
      const step = stepOf(label);
      if (step) step.counted = { done, total };
    },
    async end() {
      for (const step of steps) {
        step.settle?.(step.started === undefined ? 'skipped' : 'failed');
        step.settle = undefined;
      }
      await shown;
    },
  };
}

/** The listr2 task list: one task a step, all at once, each waiting for its step to settle. */
function taskList(steps: Step[]) {
  return new Listr(
    steps.map((step) => ({
      title: step.name,
      task: async (_context: unknown, task) => {
        task.output = 'waiting';
        const ticker = setInterval(() => {
          if (step.started === undefined) return;
          const bar = step.counted ? `${progressBar(step.counted)} ` : '';
          task.output = `${bar}${seconds(step.started)}${step.detail ? ` · ${step.detail}` : ''}`;
        }, 200);
        try {
          const outcome = await step.settled;
          if (outcome === 'skipped') task.skip(`${step.name}: not needed`);
          if (outcome === 'failed') throw new Error(`${step.name} failed`);
          // Its own time: every task of the list starts at once, when the command does.
          task.title = `${step.name} (${seconds(step.started!)})`;
        } finally {
          clearInterval(ticker);
        }
      },
    })),
    {
      concurrent: true,
      exitOnError: false,
      rendererOptions: { collapseSkips: true },
    },
  );
}

/** `[██████░░░░░░] 3/12`: a bar of the counted work done. */
function progressBar({ done, total }: { done: number; total: number }): string {
  const filled = Math.round((done / Math.max(total, 1)) * BAR_WIDTH);
  return `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${done}/${total}`;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
