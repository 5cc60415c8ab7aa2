import { CHROMIUM_FLAGS, chromiumEnvironment } from '../../core/chromium-flags.ts';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Connection, Page, Target } from 'puppeteer-core';
import { ManualError } from '../../core/diagnostics.ts';
import { crashReports, type CrashReports } from './renderer-crashes.ts';

/** Print options shared by every PDF: the page size and margins come from the templates' CSS. */
export interface PrintOptions {
  /** Milliseconds one print may take before the build fails. */
  timeout: number;
  /** Told how long each step took, when the caller wants to know. */
  timing?: (step: string, milliseconds: number) => void;
  /** Told how many of a step's prints are done, of how many. */
  count?: (step: string, done: number, total: number) => void;
}

/** One headless Chromium for a whole build, shared by every PDF it prints. */
export interface PdfBrowser {
  /**
   * Prints a self-contained HTML page (no request of it is ever answered) to PDF bytes; a
   * measuring pass needs no tags. Each print has a renderer process of its own, so two print at
   * once, on two cores much faster than one after the other, each coming out as it does alone.
   */
  print(html: string, options: PrintOptions, tagged?: boolean): Promise<Uint8Array>;
  /** The browser's version, as "156.0.8078.79": releases record it. */
  version: string;
  close(): Promise<void>;
}

const FLAGS = [...CHROMIUM_FLAGS, '--disable-dev-shm-usage'];

/** A Chromium failure as the build reports it: what stopped, and what to do. */
function chromiumError(stage: string, e: unknown): ManualError {
  const timedOut = e instanceof Error && (e.name === 'TimeoutError' || /timed out/i.test(e.message));
  const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return new ManualError([
    {
      severity: 'error',
      file: 'chromium',
      message: `Chromium ${timedOut ? `did not ${stage} in time` : `failed to ${stage}`}: ${why}`,
      hint: timedOut
        ? 'nothing was written; a very large edition may need more time: set MANUAL_PRINT_TIMEOUT (seconds) and build again'
        : 'nothing was written; build again, and if it fails again check that "chromium --version" runs and that the machine has free memory',
      ruleId: 'chromium-failed',
    },
  ]);
}

/**
 * Chromium's low-end device mode: its renderers give back memory as they finish laying out, with
 * the same bytes. It makes a mid-sized print slower, so only editions too large to print both
 * PDFs at once in the usual mode use it (see print-plan.ts; bench/README.md has the figures).
 */
const LOW_MEMORY_FLAGS = ['--enable-low-end-device-mode'];

export interface LaunchOptions {
  /** Chromium's path. */
  executable: string;
  /** Milliseconds Chromium may take to start. */
  timeout: number;
  /** Trade some speed for memory (see LOW_MEMORY_FLAGS). */
  lowMemory?: boolean;
}

/** Starts Chromium with a fresh profile that is removed on close. */
export async function launchBrowser({ executable, timeout, lowMemory = false }: LaunchOptions): Promise<PdfBrowser> {
  if (!existsSync(executable)) {
    throw new ManualError([
      {
        severity: 'error',
        file: executable,
        message: 'Chromium is needed to print the PDFs, and it is not installed',
        hint: 'install Debian\'s Chromium with "sudo apt-get install chromium" (scripts/setup.sh does it), or set MANUAL_CHROMIUM to its path',
        ruleId: 'program-missing',
      },
    ]);
  }
  const profile = await mkdtemp(path.join(tmpdir(), 'manual-chromium-'));
  let chromium: Chromium;
  try {
    chromium = await startChromium(executable, lowMemory ? [...FLAGS, ...LOW_MEMORY_FLAGS] : FLAGS, profile, timeout);
  } catch (e) {
    await removeProfile(profile);
    throw chromiumError('start', e);
  }
  return pdfBrowser(chromium, profile);
}

/** A started Chromium, and what tells when it, or one of its renderers, has died. */
interface Chromium {
  browser: Browser;
  /** The browser's own connection, on which Chromium reports every target. */
  connection: Connection;
  /** Rejects once the browser process has ended or its pipe has closed. */
  ended: Promise<never>;
  crashes: CrashReports;
  version: string;
}

/**
 * Starts Chromium over a pipe, so that it ends when the build's process ends, however it ends (even
 * killed). puppeteer's launch never settles on a Chromium that dies while its first tab attaches
 * (TargetManager.initialize awaits a Deferred that a closed pipe does not settle), so the launch
 * races the browser process's end, watched from the first target puppeteer filters, which attaches
 * before any such wait, and the start timeout, whose timer keeps the build's process alive.
 */
async function startChromium(executable: string, args: string[], profile: string, timeout: number): Promise<Chromium> {
  // Loaded only by a command that prints: it takes a quarter of a second.
  const { default: puppeteer, TimeoutError } = await import('puppeteer-core');
  let seen: Browser | undefined;
  let fail!: (e: unknown) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const timer = setTimeout(() => fail(new TimeoutError(`no answer in ${timeout / 1000} s`)), timeout);
  const watch = (target: Target) => {
    if (!seen) browserEnd((seen = target.browser())).catch(fail);
    return true;
  };
  // No wait for the first page: it is never printed on, and puppeteer's wait outlives a dead Chromium by the whole timeout.
  const launching = puppeteer.launch({
    executablePath: executable,
    headless: true,
    args,
    userDataDir: profile,
    env: chromiumEnvironment(process.env, tmpdir()),
    pipe: true,
    timeout,
    protocolTimeout: timeout,
    waitForInitialPage: false,
    targetFilter: watch,
  });
  try {
    const browser = await Promise.race([launching, failed]);
    const ended = browserEnd(browser);
    const [version, session] = await Promise.race([
      Promise.all([browser.version(), browser.target().createCDPSession()]),
      ended,
      failed,
    ]);
    const connection = session.connection()!;
    return { browser, connection, ended, crashes: crashReports(connection), version: version.replace(/^[^/]*\//, '') };
  } catch (e) {
    killChromium(seen?.process());
    void launching.then((browser) => browser.close()).catch(() => undefined);
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/** Rejects once the browser process has ended or its pipe has closed, whichever the build sees first. */
function browserEnd(browser: Browser): Promise<never> {
  const child = browser.process();
  const ended = new Promise<never>((_, reject) => {
    const end = (why: string) => reject(new Error(`the browser closed unexpectedly (${why})`));
    const exited = (code: number | null, signal: NodeJS.Signals | null) =>
      end(signal ? `killed by ${signal}` : `exit code ${code}`);
    browser.once('disconnected', () => end('its pipe closed'));
    child?.once('exit', exited);
    if (child && (child.exitCode !== null || child.signalCode !== null)) exited(child.exitCode, child.signalCode);
    if (!browser.connected) end('its pipe closed');
  });
  ended.catch(() => undefined); // it is reported where a print or the start awaits it
  return ended;
}

/** Kills Chromium's browser process and its renderers, unless the browser process has already ended. */
function killChromium(child: ChildProcess | null | undefined): void {
  // While Node has not seen the process end, its pid is still its own, and (launched detached) so is its process group.
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** A renderer's death can leave one of its files being written while the profile is removed: a profile left behind never fails the build. */
const removeProfile = (profile: string) =>
  rm(profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);

function pdfBrowser(chromium: Chromium, profile: string): PdfBrowser {
  let ended: unknown;
  chromium.ended.catch((e: unknown) => (ended = e));
  let closing: Promise<void> | undefined;
  return {
    print(html, options, tagged = true) {
      // Once Chromium has died, or been closed, a print fails at once: nothing would ever answer it.
      if (ended || closing)
        return Promise.reject(
          chromiumError('print a PDF', ended ?? new Error('the browser was closed before the print')),
        );
      return Promise.race([printPage(chromium, html, options, tagged), chromium.ended]).catch((e: unknown) =>
        Promise.reject(chromiumError('print a PDF', e)),
      );
    },
    version: chromium.version,
    close: () => (closing ??= closeChromium(chromium.browser, profile)),
  };
}

/**
 * Closes Chromium and removes its profile. It settles however Chromium ends and never rejects: a
 * build that failed reports its own error, not the close's.
 */
async function closeChromium(browser: Browser, profile: string): Promise<void> {
  const child = browser.process();
  // A Chromium that hangs may not answer "close": it gets five seconds, then is killed. The timer
  // is a live handle: with Chromium gone, it keeps the build's process alive while close() waits.
  let timer: NodeJS.Timeout | undefined;
  const given = new Promise((resolve) => (timer = setTimeout(resolve, 5000)));
  await Promise.race([browser.close().catch(() => undefined), given]);
  clearTimeout(timer);
  killChromium(child);
  await removeProfile(profile);
}

async function printPage(
  chromium: Chromium,
  html: string,
  options: PrintOptions,
  tagged: boolean,
): Promise<Uint8Array> {
  // A context of its own puts each print in a renderer process of its own: two pages printing at
  // once in one process wrote different bytes (fonts are numbered as the process loads them).
  const context = await chromium.browser.createBrowserContext();
  const crash = chromium.crashes.watch(context.id!);
  const printed = new AbortController();
  try {
    const print = async () => {
      const page = await openPage(chromium, context, options, printed.signal);
      // The page is self-contained (styles and images inline), so every request it makes, to the
      // network or to a file, is refused: a chapter can never pull anything into the PDF.
      await page.setRequestInterception(true);
      page.on('request', (request) => void request.abort('blockedbyclient'));
      await page.setJavaScriptEnabled(false);
      await page.setContent(html, { waitUntil: 'load', timeout: options.timeout });
      return page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        tagged,
        outline: false,
        timeout: options.timeout,
      });
    };
    // Chromium's end too: the finally below must run, to stop the wait for the page's target.
    return await Promise.race([print(), crash.crashed, chromium.ended]);
  } finally {
    crash.stop();
    printed.abort();
    await context.close();
  }
}

/**
 * context.newPage(), but waiting for the new page only as long as the print: newPage's own wait
 * for the page's target runs on for 30 s after Chromium has died, and the build's process with it.
 */
async function openPage(
  chromium: Chromium,
  context: BrowserContext,
  options: PrintOptions,
  signal: AbortSignal,
): Promise<Page> {
  await chromium.connection.send('Target.createTarget', { url: 'about:blank', browserContextId: context.id });
  // The wait below listens for the signal's "abort" event, which a signal aborted meanwhile has already fired.
  signal.throwIfAborted();
  const target = await chromium.browser.waitForTarget((t) => t.browserContext() === context && t.type() === 'page', {
    timeout: options.timeout,
    signal,
  });
  const page = await target.page();
  if (!page) throw new Error('Chromium made no page for the print');
  return page;
}
