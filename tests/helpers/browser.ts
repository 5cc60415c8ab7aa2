import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_FLAGS, chromiumEnvironment } from '../../scripts/core/chromium-flags.ts';
import { REPO } from './fixture.ts';

const FLAGS = [...CHROMIUM_FLAGS];

export interface SiteBrowser {
  /** Opens a file of the site (by its path) in a new page, from file://. */
  open(file: string, options?: { width?: number; javascript?: boolean }): Promise<Page>;
  /** Every request refused because it went outside the allowed folders. */
  blocked: string[];
  close(): Promise<void>;
}

const PROBLEMS = new WeakMap<Page, string[]>();

/**
 * What a page opened with `open` reported: console errors (a Content-Security-Policy refusal is
 * one) and uncaught errors. axe-core's own requests report errors too, so ask before running it.
 */
export const problemsOf = (page: Page): string[] => PROBLEMS.get(page) ?? [];

/**
 * Debian's Chromium with a fresh profile, in which a page may load only files under `allowed`
 * (the site's folder and the output folder beside it): every other request is refused and listed.
 */
export async function siteBrowser(allowed: string[]): Promise<SiteBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'manual-web-chromium-'));
  const browser: Browser = await puppeteer.launch({
    executablePath: process.env.MANUAL_CHROMIUM ?? '/usr/bin/chromium',
    userDataDir: profile,
    env: chromiumEnvironment(process.env, tmpdir()),
    args: FLAGS,
  });
  const prefixes = allowed.map((dir) => `${pathToFileURL(dir).href}/`);
  const blocked: string[] = [];
  return {
    blocked,
    async open(file, { width = 1200, javascript = true } = {}) {
      const page = await browser.newPage();
      await page.setViewport({ width, height: 900 });
      await page.setJavaScriptEnabled(javascript);
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const url = request.url();
        if (url.startsWith('data:') || prefixes.some((p) => url.startsWith(p))) void request.continue();
        else {
          blocked.push(url);
          void request.abort('blockedbyclient');
        }
      });
      const problems: string[] = [];
      PROBLEMS.set(page, problems);
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`${page.url()}: ${(error as Error).message}`));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      return page;
    },
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What axe-core finds on the page as it is now, every rule of every impact, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol: the page's Content-Security-Policy refuses an inline script tag.
  await page.evaluate(readFileSync(path.join(REPO, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeResult[] }> } }).axe;
    return (await axe.run()).violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.html).slice(0, 3),
    }));
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.join(' | ')}`);
}

interface AxeResult {
  id: string;
  impact: string;
  nodes: { html: string }[];
}
