import path from 'node:path';

/**
 * The flags every Chromium this project starts is given: no sandbox (it runs as root in
 * containers), no GPU, none of the background connections a closed network refuses, and not the
 * browser's own omnibox pages, which Chromium 156 loads into a renderer of their own even
 * headless: a trace of one 1,000-page print found that renderer busy for 7.8 s of its 28.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup',
];

/**
 * The environment Chromium starts in. It makes its singleton socket at
 * TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket and exits at once when that path is longer
 * than a Unix socket address holds (107 bytes), so a long TMPDIR is swapped for /tmp.
 */
export function chromiumEnvironment(env: NodeJS.ProcessEnv, temp: string): NodeJS.ProcessEnv {
  const socket = path.join(temp, 'org.chromium.Chromium.XXXXXX', 'SingletonSocket');
  return Buffer.byteLength(socket) > 107 ? { ...env, TMPDIR: '/tmp' } : env;
}
