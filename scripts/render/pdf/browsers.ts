import type { PrintSettings } from '../../core/settings.ts';
import type { SharedResources } from '../shared-resources.ts';
import { launchBrowser, type PdfBrowser } from './browser.ts';

/** The build's Chromium in its shared resources: started by the first renderer that asks (or warms up), closed with the build. */
export const chromiumOf = (resources: SharedResources, settings: PrintSettings): Browsers =>
  resources.use('chromium', () => startBrowsers(settings));

/**
 * The Chromium of one build, shared by every renderer that prints. It starts as soon as the
 * command asks for it (while the manual is checked: Chromium takes a second or so to start); the PDF
 * renderer may replace it by one in low-memory mode. A Chromium that will not start is reported
 * by the first renderer that needs it.
 */
export interface Browsers {
  /** The Chromium prints go to now. */
  current(): Promise<PdfBrowser>;
  /** Closes the current Chromium and starts another, in low-memory mode. */
  restartInLowMemoryMode(): Promise<PdfBrowser>;
  /** The version of the Chromium started last: releases record it. */
  readonly version: string;
  close(): Promise<void>;
}

export function startBrowsers(settings: PrintSettings): Browsers {
  const launch = (lowMemory: boolean) => {
    const started = launchBrowser({ executable: settings.chromium, timeout: settings.timeout, lowMemory });
    started.catch(() => undefined);
    return started;
  };
  let current = launch(false);
  let version = '';
  const track = (browser: Promise<PdfBrowser>) => browser.then((b) => ((version = b.version), b));
  return {
    current: () => track(current),
    async restartInLowMemoryMode() {
      await closing(current);
      current = launch(true);
      return track(current);
    },
    get version() {
      return version;
    },
    close: () => closing(current),
  };
}

const closing = (browser: Promise<PdfBrowser>) => browser.then((b) => b.close()).catch(() => undefined);
