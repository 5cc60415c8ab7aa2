import { spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyManual, edit, filesUnder, manual, removeCopies, REPO, scratchDir, write } from '../helpers/fixture.ts';
import { chromiumUnder, gone, killManualAfter, running, spinCores } from '../helpers/processes.ts';

afterAll(removeCopies);

/** A stand-in for Chromium that behaves badly, as a script. */
function fakeChromium(body: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'fake-chromium-')), 'chromium');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

const snapshot = filesUnder;

describe('a Chromium that is broken', () => {
  it('hangs at start: a clear error within the configured time, nothing left running, dist/ untouched', () => {
    const root = copyManual();
    expect(manual(['build', '--root', root]).status).toBe(0);
    const before = snapshot(path.join(root, 'dist'));
    // A duration no other process on the machine sleeps for, so that only this one is looked for.
    const sleep = `sleep 600.${process.pid}`;
    const hanging = fakeChromium(`exec ${sleep}`);
    const started = performance.now();
    const result = manual(['build', '--root', root], REPO, { MANUAL_CHROMIUM: hanging, MANUAL_PRINT_TIMEOUT: '3' });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`chromium: error: Chromium did not start in time`);
    expect(result.stderr).toContain('set MANUAL_PRINT_TIMEOUT (seconds)');
    expect(running(sleep)).toBe('');
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
  });

  it('crashes at start: a clear error, exit 1', () => {
    const root = copyManual();
    const result = manual(['build', '--root', root], REPO, {
      MANUAL_CHROMIUM: fakeChromium('echo "segmentation fault" >&2; exit 139'),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('chromium: error: Chromium failed to start: ');
    expect(result.stderr).toContain('check that "chromium --version" runs');
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  });
});

/** The command line of a process, or '' once it has gone. */
const commandLine = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
};
/** CPU time a process has used, in clock ticks (utime + stime from /proc/PID/stat); 0 for one that has ended. */
const cpuTicks = (pid: number) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
};
const pids = (pattern: string) => running(pattern).split('\n').filter(Boolean).map(Number);

describe('a Chromium that crashes in the middle of a print', () => {
  it.each(['browser', 'renderer'])(
    '(its %s) stops the build with a clear error, leaves dist/ untouched and nothing running',
    { timeout: 300_000 },
    async (victim) => {
      // A renderer killed just as its print ends, before its page closes, stops nothing: the
      // build then writes every output. Such a kill missed its moment and is tried again.
      let attempt: Awaited<ReturnType<typeof killMidPrint>> | undefined;
      for (let tries = 0; tries < 5 && (attempt === undefined || attempt.status === 0); tries++) {
        if (attempt) expect(readdirSync(path.join(attempt.root, 'dist')).sort()).toHaveLength(5);
        attempt = await killMidPrint(victim);
      }
      const { root, temp, status, stderr, killedAt, endedAt } = attempt!;
      expect(status).toBe(1);
      expect(endedAt - killedAt).toBeLessThan(20_000);
      expect(stderr).toMatch(
        /^chromium: error: Chromium failed to print a PDF: [^\n]*(closed|crashed|Printing failed)[^\n]*\n  fix: nothing was written; build again, and if it fails again check that "chromium --version" runs and that the machine has free memory\n$/,
      );
      expect(existsSync(path.join(root, 'dist'))).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(running(temp), 'Chromium left running after the crash').toBe('');
    },
  );
});

/** Builds a manual whose prints take a few seconds and kills its Chromium's browser or a busy renderer once a print is under way. */
async function killMidPrint(victim: string) {
  const root = copyManual();
  // A chapter long enough that each print takes a few seconds, so the crash lands inside one.
  const rows = Array.from({ length: 1500 }, (_, i) => `| ${i + 1} | Placement review ${i + 1} |`).join('\n');
  write(root, 'chapters/care/visits.md', `# Visits\n\n## Frequency\n\n| Number | Review |\n|---|---|\n${rows}\n`);
  const temp = scratchDir('manual-crash-');
  // A renderer's death must be noticed at once, not when a print times out.
  const child = spawn(process.execPath, [path.join(REPO, 'scripts/manual.mjs'), 'build', '--root', root, '--timings'], {
    env: { ...process.env, TMPDIR: temp, MANUAL_PRINT_TIMEOUT: '60' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<number | null>((resolve) => child.on('close', resolve));
  // A print has started once the book is made and one of this build's renderers is busy laying
  // out a page (before, a busy renderer is Chromium's first tab, which prints nothing).
  let target: number | undefined;
  for (let tries = 0; tries < 600 && target === undefined; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (!stderr.includes('check and book model')) continue;
    const ours = pids(`user-data-dir=${temp}`);
    const renderers = ours.filter(
      (pid) => / --type=renderer /.test(commandLine(pid)) && !commandLine(pid).includes('--top-chrome-webui'),
    );
    const busy = renderers.find((pid) => cpuTicks(pid) >= 20);
    if (busy)
      target =
        victim === 'renderer' ? busy : ours.find((pid) => commandLine(pid) && !commandLine(pid).includes('--type='));
  }
  expect(target, 'no print started').toBeDefined();
  process.kill(target!, 'SIGKILL');
  const killedAt = performance.now();
  const status = await ended;
  const problems = stderr.replace(/^ +[\d.]+ s {2}.*\n/gm, '');
  return { root, temp, status, stderr: problems, killedAt, endedAt: performance.now() };
}

/** What a killing waits for, from the build's timings so far and Chromium's processes: the processes to kill once its moment has come, none before. */
type Moment = (said: string, chromium: ReturnType<typeof chromiumUnder>) => number[];

const LOW_MEMORY = '--enable-low-end-device-mode';
/** A renderer that has laid out for a while: a print is under way. */
const busy = (chromium: ReturnType<typeof chromiumUnder>) =>
  chromium.renderers.some(({ pid }) => {
    try {
      return cpuTicks(pid) >= 10;
    } catch {
      return false; // it ended while it was looked at
    }
  });
const browserOf = (chromium: ReturnType<typeof chromiumUnder>) => chromium.browsers.slice(0, 1).map(({ pid }) => pid);

/**
 * Where a moment lands in the build, the settings that make the build reach it, whether two
 * spinning processes load both cores meanwhile, and whether the killing goes on until the build
 * ends (each renderer as it appears) or stops after the first.
 */
const MOMENTS: [string, Record<string, string>, boolean, 'once' | 'until the build ends', Moment][] = [
  [
    'its browser, as it starts, once its first renderer appears',
    {},
    true,
    'once',
    (_, chromium) => (chromium.renderers.length > 0 ? browserOf(chromium) : []),
  ],
  [
    'its browser, during the measuring passes',
    {},
    false,
    'once',
    (said, chromium) => (said.includes(' start Chromium\n') && busy(chromium) ? browserOf(chromium) : []),
  ],
  [
    'its browser, during the final prints',
    {},
    true,
    'once',
    (said, chromium) => (said.includes(' measuring passes\n') && busy(chromium) ? browserOf(chromium) : []),
  ],
  [
    'its browser, late, as the binder PDF prints after the partner PDF',
    { MANUAL_PRINT_ONE_AT_A_TIME: '1' },
    false,
    'once',
    (said, chromium) => (said.includes(' partner PDF\n') ? browserOf(chromium) : []),
  ],
  [
    'its low-memory browser, as it starts, once its first renderer appears',
    { MANUAL_MEMORY_GB: '0.5' },
    true,
    'once',
    (_, chromium) =>
      chromium.renderers.some(({ line }) => line.includes(LOW_MEMORY))
        ? chromium.browsers.filter(({ line }) => line.includes(LOW_MEMORY)).map(({ pid }) => pid)
        : [],
  ],
  [
    'each renderer of its pages, as the page is set up',
    {},
    false,
    'until the build ends',
    (said, chromium) => (said.includes(' start Chromium\n') ? chromium.renderers.map(({ pid }) => pid) : []),
  ],
];

/** Runs `manual build --timings` on `root`, SIGKILLs Chromium's processes at `moment`, and waits for the build to end (killing it a minute after the first kill). */
async function buildKillingChromium(root: string, moment: Moment, again: boolean, env: Record<string, string>) {
  const temp = scratchDir('manual-killed-chromium-');
  const child = spawn(process.execPath, [path.join(REPO, 'scripts/manual.mjs'), 'build', '--root', root, '--timings'], {
    env: {
      ...process.env,
      TMPDIR: temp,
      MANUAL_CACHE_DIR: scratchDir('manual-cache-'),
      MANUAL_PRINT_TIMEOUT: '60',
      ...env,
    },
  });
  const build = { stderr: '', status: undefined as number | null | undefined, killed: new Set<number>(), killedAt: 0 };
  child.stderr.on('data', (chunk: Buffer) => (build.stderr += chunk.toString()));
  const ended = new Promise<void>((resolve) => child.on('close', (status) => resolve(void (build.status = status))));
  let watchdog: NodeJS.Timeout | undefined;
  while (build.status === undefined && (again || build.killed.size === 0)) {
    for (const pid of moment(build.stderr, chromiumUnder(temp)).filter((pid) => !build.killed.has(pid))) {
      build.killed.add(pid);
      build.killedAt ||= performance.now();
      watchdog ??= setTimeout(() => child.kill('SIGKILL'), 60_000);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // it ended between the look and the kill
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await ended;
  clearTimeout(watchdog);
  return { ...build, afterKill: performance.now() - build.killedAt, temp };
}

describe('a Chromium killed at any moment of a build', () => {
  let root: string;
  let before: Map<string, Buffer>;
  beforeAll(() => {
    root = copyManual();
    // The last build's editions, as a build that wrote anything would change them.
    mkdirSync(path.join(root, 'dist'));
    for (const name of ['.html', '.pdf', '-print.pdf', '.epub'].map((end) => `small-test-manual-2025-02${end}`))
      write(root, `dist/${name}`, `the last build's ${name}`);
    before = snapshot(path.join(root, 'dist'));
  });

  it.each(MOMENTS)(
    '(%s) stops the build at once with a clear error, dist/ untouched and nothing running',
    { timeout: 120_000 },
    async (_, env, loaded, killing, moment) => {
      // Each spinner stops by itself within two minutes, and is stopped once the build has ended.
      const unload = loaded ? spinCores(2, 120_000) : () => undefined;
      let build;
      try {
        build = await buildKillingChromium(root, moment, killing !== 'once', env);
      } finally {
        unload();
      }
      expect(
        build.killed.size,
        `the build ended (${build.status}) before the moment came:\n${build.stderr}`,
      ).toBeGreaterThan(0);
      expect(build.afterKill, 'the build hung after Chromium was killed').toBeLessThan(20_000);
      expect(build.status, build.stderr).toBe(1);
      expect(build.stderr.replace(/^ *\d+\.\d\d s {2}.*\n/gm, '')).toMatch(
        /^chromium: error: Chromium failed to (start|print a PDF): [^\n]+\n  fix: nothing was written; build again, and if it fails again check that "chromium --version" runs and that the machine has free memory\n$/,
      );
      expect(snapshot(path.join(root, 'dist'))).toEqual(before);
      expect(await gone(build.temp, 15_000), 'Chromium left running after the kill').toBe('');
    },
  );
});

describe('a template whose page numbers move the pages', () => {
  it('fails after three passes, saying so, and leaves dist/ untouched', { timeout: 120_000 }, () => {
    const root = copyManual();
    cpSync(path.join(REPO, 'templates'), path.join(root, 'templates'), { recursive: true });
    // Early Help starts on page 4 (title page, contents, section opener). Printed with "4" in the
    // contents, this template pushes everything a page on; printed with "5", back: no plan holds.
    const push =
      '{{#if (eq anchor "ch-help.early-help")}}{{#if (eq page "4")}}<span style="display: block; height: 200mm"></span>{{/if}}{{/if}}';
    edit(
      root,
      'templates/pdf/partials/entry-line.hbs',
      '<span class="entry-line">',
      `${push}<span class="entry-line">`,
    );
    // A TMPDIR too long for Chromium's singleton socket, as some CI runners and macOS give.
    const temp = scratchDir(`manual-moving-${'x'.repeat(64)}-`);
    const result = manual(['build', '--root', root], REPO, { TMPDIR: temp });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "templates/pdf: error: the partner PDF's pages moved on every one of 3 passes: writing its page numbers in moved the text\n" +
        '  fix: print page numbers and counts only in boxes of fixed width (the .page-ref and .page-count rules of templates/styles/print.css), and let nothing else in a template depend on them\n',
    );
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
    expect(running(temp)).toBe('');
  });
});

describe('a build killed at any moment', () => {
  it(
    'leaves each output either as it was or as the finished build writes it, and no Chromium behind',
    { timeout: 300_000 },
    async () => {
      const root = copyManual();
      expect(manual(['build', '--root', root]).status).toBe(0);
      const before = snapshot(path.join(root, 'dist'));
      // The chapter changes, so a finished build writes different files: `after` is what it writes.
      writeFileSync(
        path.join(root, 'chapters/care/visits.md'),
        '# Visits\n\n## Frequency\n\nVisit every four weeks.\n',
      );
      const reference = mkdtempSync(path.join(tmpdir(), 'manual-reference-'));
      expect(manual(['build', '--root', root, '--out', reference]).status).toBe(0);
      const after = snapshot(reference);
      // The killed builds keep their Chromium profiles in a folder of their own, to find leftovers.
      const temp = mkdtempSync(path.join(tmpdir(), 'manual-killed-'));
      for (const afterMs of [300, 1200, 2500, 4000, 5500, 7000]) {
        await killManualAfter(['build', '--root', root], afterMs, { TMPDIR: temp });
        const editions = new Map([...snapshot(path.join(root, 'dist'))].filter(([name]) => !name.includes('.tmp-')));
        expect([...editions.keys()].sort()).toEqual([...before.keys()].sort());
        for (const [name, data] of editions)
          expect(data.equals(before.get(name)!) || data.equals(after.get(name)!), `${name} after ${afterMs} ms`).toBe(
            true,
          );
        // Chromium ends once it reads the end of its pipe; on a loaded machine that takes a few seconds.
        expect(await gone(temp, 15_000), `Chromium left running after a kill at ${afterMs} ms`).toBe('');
      }
    },
  );
});
