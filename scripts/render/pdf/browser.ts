import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { ManualError } from '../../diagnostics.ts';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

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
   * once: on two cores, the partner and binder editions of the sample took 5.3 s together against
   * 9.2 s one after the other, and each came out as it does alone.
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

/** Starts Debian's Chromium (or `executable`) with a fresh profile that is removed on close. */
export async function launchBrowser(executable = process.env.MANUAL_CHROMIUM ?? DEFAULT_CHROMIUM): Promise<PdfBrowser> {
  if (!existsSync(executable)) {
    throw new ManualError([
      {
        severity: 'error',
        file: executable,
        message: 'Chromium is needed to print the PDF editions, and it is not installed',
        hint: 'install Debian\'s Chromium with "sudo apt-get install chromium" (scripts/setup.sh does it), or set MANUAL_CHROMIUM to its path',
      },
    ]);
  }
  const profile = await mkdtemp(path.join(tmpdir(), 'manual-chromium-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({ executablePath: executable, headless: true, args: FLAGS, userDataDir: profile, protocolTimeout: 600_000 });
  } catch (e) {
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
  const version = (await browser.version()).replace(/^[^/]*\//, '');
  return {
    print: (html, options, tagged = true) => printPage(browser, html, options, tagged),
    version,
    async close() {
      await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
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
    await page.setContent(html, { waitUntil: 'load', timeout: options.timeout });
    return await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged, outline: false, timeout: options.timeout });
  } finally {
    await context.close();
  }
}
