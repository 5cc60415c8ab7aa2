import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_FLAGS, chromiumEnvironment } from '../scripts/core/chromium-flags.ts';
import { median } from './measure.ts';

/** What the bench measured of `manual preview` and of the web edition's search, in milliseconds. */
export interface PreviewResult {
  /** From starting `manual preview` (parse cache warm) to its address line. */
  start: Series;
  /** From writing a one-sentence edit to the open chapter page showing it, in Chromium (patched in place, or loaded anew). */
  edit: Series;
  /** From writing a retitled section into contents.yml to the open home page showing it. */
  contents: Series;
  /** The built site from file://: from focusing the search box to the index being loaded. */
  searchLoad: Series;
  /** Then from typing a word to its results being on the page. */
  searchResult: Series;
}

interface Series {
  ms: number[];
  median: number;
}

/** Every request but one to this machine goes to a proxy that is not there, and fails. */
const PROXY_FLAGS = ['--proxy-server=127.0.0.1:9', '--proxy-bypass-list=127.0.0.1'];

const series = (ms: number[]): Series => ({ ms: ms.map(Math.round), median: Math.round(median(ms)) });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the preview of the manual in `root` (its sources are put back as they were), and searches
 * its built site in `site` (the web edition's folder). `cacheDir` is a parse cache already filled.
 */
export async function benchPreview(
  { manual, root, site, cacheDir }: { manual: string; root: string; site: string; cacheDir: string },
  runs: number,
  edits: number,
): Promise<PreviewResult> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'manual-bench-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.MANUAL_CHROMIUM ?? '/usr/bin/chromium',
    userDataDir: profile,
    env: chromiumEnvironment(process.env, os.tmpdir()),
    args: [...CHROMIUM_FLAGS, ...PROXY_FLAGS],
  });
  try {
    const start: number[] = [];
    for (let i = 1; i < runs; i++) {
      const preview = await startPreview(manual, root, cacheDir);
      start.push(preview.ms);
      await preview.stop();
    }
    const preview = await startPreview(manual, root, cacheDir);
    start.push(preview.ms);
    try {
      const { edit, contents } = await followSaves(browser, preview.url, root, edits);
      const search = await searchSite(browser, site, searchWords(site, edits));
      return { start: series(start), edit: series(edit), contents: series(contents), ...search };
    } finally {
      await preview.stop();
    }
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function startPreview(manual: string, root: string, cacheDir: string) {
  const started = performance.now();
  const child = spawn(process.execPath, [manual, 'preview', '--root', root, '--port', '0'], {
    env: { ...process.env, MANUAL_CACHE_DIR: cacheDir },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done) throw new Error('manual preview ended before printing its address');
  return { url: String(first.value), ms: performance.now() - started, stop: () => stopped(child) };
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('close', () => resolve());
    child.kill('SIGINT');
  });
}

/** Edits the middle chapter `edits` times with its page open, then retitles a section `edits` times with the home page open. */
async function followSaves(browser: Browser, url: string, root: string, edits: number) {
  const chapters = path.join(root, 'chapters');
  const ids = readdirSync(chapters, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3).split(path.sep).join('/'))
    .sort();
  const id = ids[Math.floor(ids.length / 2)];
  const file = path.join(chapters, `${id}.md`);
  const contentsFile = path.join(chapters, 'contents.yml');
  const original = { chapter: readFileSync(file, 'utf8'), contents: readFileSync(contentsFile, 'utf8') };
  const page = await openPreview(browser, `${url}chapters/${id}.html`);
  const home = await openPreview(browser, url);
  try {
    const edit: number[] = [];
    const at = original.chapter.indexOf('\n\n', original.chapter.indexOf('\n\n') + 2);
    for (let i = 1; i <= edits; i++) {
      const marker = `Reviewed again in edit ${i} of the bench.`;
      edit.push(await shown(page, marker, () => writeFileSync(file, insert(original.chapter, at, ` ${marker}`))));
      await pause(300);
    }
    const contents: number[] = [];
    for (let i = 1; i <= edits; i++) {
      const title = `Retitled ${i} by the bench`;
      const retitled = original.contents.replace(/(sections:\s*\n\s*- title: "?)([^"\n]*)/, `$1${title}`);
      if (retitled === original.contents) throw new Error(`no section title found in ${contentsFile}`);
      contents.push(await shown(home, title, () => writeFileSync(contentsFile, retitled)));
      await pause(300);
    }
    return { edit, contents };
  } finally {
    writeFileSync(file, original.chapter);
    writeFileSync(contentsFile, original.contents);
    await page.close();
    await home.close();
  }
}

const insert = (text: string, at: number, words: string) => `${text.slice(0, at)}${words}${text.slice(at)}`;

/**
 * Runs `save`, then waits for the page to show `text`: the milliseconds from the save to the first
 * frame drawn with it (both clocks are this machine's). A page patched in place is watched from
 * inside (`watchFor`); a page that loads itself anew instead is read once per load, never polled
 * (reading a large page's text while it loads slows it), and timed by its first contentful paint.
 */
async function shown(page: Page, text: string, save: () => void): Promise<number> {
  await page.bringToFront(); // a page in a background tab draws no frames
  const started = performance.now();
  const savedAt = Date.now();
  await page.evaluate(watchFor, text);
  const loaded = () => page.waitForNavigation({ waitUntil: 'domcontentloaded', timeout: 30_000 });
  let next = loaded();
  save();
  const patched = await page.evaluate(() => (window as Watched).benchShown).catch(() => undefined);
  if (patched !== undefined) {
    next.catch(() => undefined); // no load is awaited
    return patched - savedAt;
  }
  for (;;) {
    await next;
    next = loaded();
    const found = await page
      .evaluate(
        (wanted) =>
          new Promise<boolean>((resolve) =>
            requestAnimationFrame(() => resolve(document.documentElement.textContent?.includes(wanted) ?? false)),
          ),
        text,
      )
      .catch(() => false); // loaded anew again meanwhile: the next load is read
    if (found) {
      next.catch(() => undefined); // no further load is awaited
      const painted = await page.evaluate(firstPaint);
      return painted === undefined ? performance.now() - started : painted - savedAt;
    }
  }
}

type Watched = Window & { benchShown?: Promise<number> };

/**
 * In the page: `benchShown` settles when the page shows `text` without loading anew, with the
 * time (ms since the epoch) the frame holding it was drawn: the task after that frame's
 * animation callbacks runs once the frame is painted.
 */
function watchFor(text: string): void {
  (window as Watched).benchShown = new Promise<number>((resolve, reject) => {
    setTimeout(() => reject(new Error(`not shown in 30 s: ${text}`)), 30_000);
    const observer = new MutationObserver(() => {
      if (!document.body.textContent?.includes(text)) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.timeOrigin + performance.now())));
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

/** In the page: when (ms since the epoch) it first drew its content, if it has. */
function firstPaint(): number | undefined {
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return paint && performance.timeOrigin + paint.startTime;
}

/**
 * A page of the preview. It is not intercepted, since pausing each request in Node added 90 ms
 * to every reload measured; the browser's proxy (PROXY_FLAGS) refuses every address but this
 * machine's instead.
 */
async function openPreview(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/** A page of the site from disk, which may load only the site's own files. */
async function openFromDisk(browser: Browser, url: string, folder: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.url().startsWith(folder)) void request.continue();
    else void request.abort('blockedbyclient');
  });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/**
 * Words of the site's chapter bodies (their text, not their markup or the page's frame, which
 * the index leaves out), spread over the manual, so each search finds something.
 */
function searchWords(site: string, count: number): string[] {
  const pages = readdirSync(path.join(site, 'chapters'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .sort();
  const text = pages
    .filter((_, i) => i % Math.max(1, Math.floor(pages.length / 20)) === 0)
    .map((f) => readFileSync(path.join(site, 'chapters', f), 'utf8'))
    .map((html) => html.slice(html.indexOf('class="chapter-body"'), html.lastIndexOf('</article>')))
    .map((html) => html.replace(/<script[\s\S]*?<\/script>|<[^>]+>|&[a-z#0-9]+;/gi, ' '))
    .join(' ');
  const words = [...new Set(text.toLowerCase().match(/\b[a-z]{7,}\b/g) ?? [])].sort();
  return Array.from({ length: count }, (_, i) => words[Math.floor(((i + 0.5) * words.length) / count)]);
}

/** Loads the site's home page from disk, then times the index's loading and each word's first results. */
async function searchSite(browser: Browser, site: string, words: string[]) {
  const searchLoad: number[] = [];
  const searchResult: number[] = [];
  const folder = `${pathToFileURL(site).href}/`;
  for (const word of words) {
    const page = await openFromDisk(browser, `${folder}index.html`, folder);
    try {
      const { load, result } = await page.evaluate(timeSearch, word);
      searchLoad.push(load);
      searchResult.push(result);
    } finally {
      await page.close();
    }
  }
  return { searchLoad: series(searchLoad), searchResult: series(searchResult) };
}

/** In the page: focus the box and wait until a search can run; then type `word` and wait for its results to be drawn. */
async function timeSearch(word: string): Promise<{ load: number; result: number }> {
  const input = document.querySelector<HTMLInputElement>('[role="search"] input[type="search"]')!;
  const list = document.querySelector('#search-results')!;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const until = async (done: () => boolean, what: string) => {
    const deadline = performance.now() + 20_000;
    while (!done()) {
      if (performance.now() > deadline)
        throw new Error(`${what}: ${document.querySelector('#search-status')?.textContent}`);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  const type = (value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  let started = performance.now();
  input.focus();
  // A query typed while the index loads is answered once it is in: the first answer marks the load.
  type('manual');
  const status = document.querySelector('#search-status')!;
  await until(
    () => list.childElementCount > 0 || /No chapter/.test(status.textContent ?? ''),
    'the index never loaded',
  );
  const load = performance.now() - started;
  type('');
  await frame();
  started = performance.now();
  type(word);
  await until(() => list.childElementCount > 0, `no result for "${word}"`);
  await frame();
  return { load, result: performance.now() - started };
}
