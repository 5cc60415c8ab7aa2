import type { Connection } from 'puppeteer-core';

/** Renderer deaths, by browser context. */
export interface CrashReports {
  /** `crashed` rejects once a page of the context has crashed; `stop` stops watching it. */
  watch(context: string): { crashed: Promise<never>; stop: () => void };
}

/**
 * Chromium reports a renderer's death on the browser's connection (puppeteer turns target discovery
 * on) as Target.targetCrashed, for a page whose context Target.targetCreated named. The page's own
 * "error" event comes only once puppeteer has made the page, and a renderer that dies while the
 * page is being set up leaves the commands sent to it unanswered until the protocol timeout.
 */
export function crashReports(connection: Connection): CrashReports {
  const contextOf = new Map<string, string>();
  const watchers = new Map<string, (e: Error) => void>();
  connection.on('Target.targetCreated', ({ targetInfo }) => {
    if (targetInfo.type === 'page' && targetInfo.browserContextId)
      contextOf.set(targetInfo.targetId, targetInfo.browserContextId);
  });
  connection.on('Target.targetDestroyed', ({ targetId }) => contextOf.delete(targetId));
  connection.on('Target.targetCrashed', ({ targetId, status }) => {
    const context = contextOf.get(targetId);
    if (context) watchers.get(context)?.(new Error(`the page's renderer crashed (${status})`));
  });
  return {
    watch(context) {
      const crashed = new Promise<never>((_, reject) => watchers.set(context, reject));
      crashed.catch(() => undefined); // it is reported by the print it races
      return { crashed, stop: () => watchers.delete(context) };
    },
  };
}
