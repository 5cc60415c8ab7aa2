import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { ManualError } from '../../core/diagnostics.ts';

/** Print options shared by every PDF: the page size and margins come from the templates' CSS. */
export interface PrintOptions {
  /** Milliseconds one print may take before the build fails. */
  timeout: number;
  /** Told how long each step took, when the caller wants to know. */
  timing?: (step: string, milliseconds: number) => void;
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

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

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
      },
    ]);
  }
  const profile = await mkdtemp(path.join(tmpdir(), 'manual-chromium-'));
  let browser: Browser;
  try {
    // Over a pipe, Chromium ends when the build's process ends, however it ends (even killed).
    browser = await puppeteer.launch({ executablePath: executable, headless: true, args: lowMemory ? [...FLAGS, ...LOW_MEMORY_FLAGS] : FLAGS, userDataDir: profile, pipe: true, timeout, protocolTimeout: timeout });
  } catch (e) {
    await rm(profile, { recursive: true, force: true });
    throw chromiumError('start', e);
  }
  const version = (await browser.version()).replace(/^[^/]*\//, '');
  return {
    print: (html, options, tagged = true) => printPage(browser, html, options, tagged).catch((e: unknown) => Promise.reject(chromiumError('print a PDF', e))),
    version,
    async close() {
      // A Chromium that hangs may not answer "close": it gets five seconds, then is killed.
      const child = browser.process();
      await Promise.race([browser.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await rm(profile, { recursive: true, force: true });
    },
  };
}

async function printPage(browser: Browser, html: string, options: PrintOptions, tagged: boolean): Promise<Uint8Array> {
  // A context of its own puts each print in a renderer process of its own: two pages printing at
  // once in one process wrote different bytes (fonts are numbered as the process loads them).
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  try {
    // The page is self-contained (styles and images inline), so every request it makes, to the
    // network or to a file, is refused: a chapter can never pull anything into the PDF.
    await page.setRequestInterception(true);
    page.on('request', (request) => void request.abort('blockedbyclient'));
    await page.setJavaScriptEnabled(false);
    // A renderer that dies mid-print is only reported as the page's "error": without this the
    // print would wait for the whole timeout.
    const crashed = new Promise<never>((_, reject) => page.once('error', reject));
    crashed.catch(() => undefined);
    const print = async () => {
      await page.setContent(html, { waitUntil: 'load', timeout: options.timeout });
      return page.pdf({ preferCSSPageSize: true, printBackground: true, tagged, outline: false, timeout: options.timeout });
    };
    return await Promise.race([print(), crashed]);
  } finally {
    await context.close();
  }
}
