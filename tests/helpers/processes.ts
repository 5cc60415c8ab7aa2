import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO } from './fixture.ts';

/** The pids of running processes whose command line matches `pattern`, one a line ('' for none). */
export const running = (pattern: string) => spawnSync('pgrep', ['-f', pattern]).stdout.toString().trim();

/** The processes matching `pattern` still running after up to `ms` milliseconds of waiting for them to end. */
export async function gone(pattern: string, ms: number): Promise<string> {
  for (const until = performance.now() + ms; running(pattern) && performance.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 250));
  return running(pattern);
}

/** Runs the real `manual` command, SIGKILLs it after `afterMs` milliseconds, and waits a second for what it leaves to settle. */
export async function killManualAfter(args: string[], afterMs: number, env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, [path.join(REPO, 'scripts/manual.mjs'), ...args], { stdio: 'ignore', env: { ...process.env, ...env } });
  const ended = new Promise((resolve) => child.on('close', resolve)); // a late kill finds it finished
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  child.kill('SIGKILL');
  await ended;
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
