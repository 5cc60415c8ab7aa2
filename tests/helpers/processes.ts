import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { REPO } from './fixture.ts';

/** The pids of running processes whose command line matches `pattern`, one a line ('' for none). */
export const running = (pattern: string) => spawnSync('pgrep', ['-f', pattern]).stdout.toString().trim();

/** The processes matching `pattern` still running after up to `ms` milliseconds of waiting for them to end. */
export async function gone(pattern: string, ms: number): Promise<string> {
  for (const until = performance.now() + ms; running(pattern) && performance.now() < until;)
    await new Promise((resolve) => setTimeout(resolve, 250));
  return running(pattern);
}

/** Runs the real `manual` command, SIGKILLs it after `afterMs` milliseconds, and waits a second for what it leaves to settle. */
export async function killManualAfter(args: string[], afterMs: number, env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, [path.join(REPO, 'scripts/manual.mjs'), ...args], {
    stdio: 'ignore',
    env: { ...process.env, ...env },
  });
  const ended = new Promise((resolve) => child.on('close', resolve)); // a late kill finds it finished
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  child.kill('SIGKILL');
  await ended;
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

/** A process and its command line (arguments joined by spaces). */
export interface Process {
  pid: number;
  line: string;
}

/** Chromium's processes whose profile is under `dir`: its browser processes, and the renderers of its pages (not of its own UI), read from /proc at once. */
export function chromiumUnder(dir: string): { browsers: Process[]; renderers: Process[] } {
  const found = { browsers: [] as Process[], renderers: [] as Process[] };
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let line: string;
    try {
      line = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue; // it ended while the list was read
    }
    if (!line.includes(`--user-data-dir=${dir}`)) continue;
    if (!line.includes('--type=')) found.browsers.push({ pid: Number(entry), line });
    else if (line.includes('--type=renderer') && !line.includes('--top-chrome-webui'))
      found.renderers.push({ pid: Number(entry), line });
  }
  return found;
}

/** Loads the machine: `count` processes that each spin a core for at most `ms` milliseconds. Call the result to stop them sooner. */
export function spinCores(count: number, ms: number): () => void {
  const spinners = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', `for (const end = Date.now() + ${ms}; Date.now() < end; );`], { stdio: 'ignore' }),
  );
  return () => spinners.forEach((spinner) => spinner.kill('SIGKILL'));
}

/** A `manual preview` running on a free port: its process, its address, its output lines and what it has said on stderr. */
export interface RunningPreview {
  child: ChildProcess;
  address: string;
  lines: Interface;
  stderr: () => string;
}

/** Starts `manual preview` on the manual at `root` and waits for the address it prints first. */
export async function startPreview(root: string): Promise<RunningPreview> {
  const child = spawn(
    process.execPath,
    [path.join(REPO, 'scripts/manual.mjs'), 'preview', '--root', root, '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout! });
  const address = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`manual preview ended (${code}) before serving:\n${stderr}`)));
  });
  return { child, address, lines, stderr: () => stderr };
}
