import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** A command's wall time and the peak memory of its whole process tree, Chromium included. */
export interface Run {
  seconds: number;
  peakBytes: number;
  stderr: string;
}

/**
 * Runs a command and samples, every second, the proportional set size (Pss: shared pages split
 * between the processes that share them) of it and all its descendants, so that Chromium's many
 * processes are not counted once each for the same shared libraries. Sampling every 100 ms cost
 * a third of a core (the kernel walks each process's pages), which slowed the builds it measured.
 */
export function runMeasured(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let peakBytes = 0;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const sampler = setInterval(() => (peakBytes = Math.max(peakBytes, treePss(child.pid!))), 1000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      if (status !== 0) reject(new Error(`${command} ${args.join(' ')} exited with ${status}:\n${stderr}`));
      else resolve({ seconds, peakBytes, stderr });
    });
  });
}

function treePss(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    // The command name may hold spaces and brackets: the parent pid is the second field after the last ')'.
    const parent = Number(stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(Number(entry));
  }
  let total = 0;
  const visit = (pid: number): void => {
    const pss = /^Pss:\s+(\d+) kB/m.exec(read(`/proc/${pid}/smaps_rollup`) ?? '');
    total += pss ? Number(pss[1]) * 1024 : 0;
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return total;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
