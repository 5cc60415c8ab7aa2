import type { ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsFrom } from '../../scripts/cli/settings.ts';
import { CHROMIUM_FLAGS, chromiumEnvironment } from '../../scripts/core/chromium-flags.ts';
import { Diagnostics } from '../../scripts/core/diagnostics.ts';
import { buildBook } from '../../scripts/pipeline/pipeline.ts';
import { renderSite } from '../../scripts/preview/render-site.ts';
import { webEditionsRenderer } from '../../scripts/render/web/archived-editions.ts';
import { copyManual, edit, manual, removeCopies, scratchDir, write } from '../helpers/fixture.ts';
import { startPreview, type RunningPreview } from '../helpers/processes.ts';

/**
 * `manual preview` of a copy of the small manual released twice (February 2025, then August 2025
 * with a chapter changed): the February edition is a replaced one, which the preview makes file
 * by file when asked for, as `manual build` writes it.
 */
const SLOW = 300_000;
let root: string;
let web: string;
let child: ChildProcess;
let address: string;
let preview: RunningPreview;
const said: string[] = [];
let browser: Browser;
let page: Page;

const released = () => {
  const result = manual(['release', '--root', root, '-q']);
  if (result.status !== 0) throw new Error(result.stderr);
};
/** The tags the preview puts into each page it serves (live-reload.ts, `withClient`). */
const withoutClient = (html: string) =>
  html.replace(/<meta name="preview-version"[^>]*>[^]*?<script src="\/__preview\/client\.js" defer><\/script>/, '');

/** The status and body of a GET of `target` exactly as written, sent by http.request so that no URL library normalises it. */
function get(target: string): Promise<{ status: number; body: Buffer }> {
  const { hostname, port } = new URL(address);
  return new Promise((resolve, reject) => {
    const sent = request({ hostname, port, path: target, method: 'GET' }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: Buffer.concat(chunks) }));
    });
    sent.on('error', reject);
    sent.end();
  });
}

/** Resolves once the preview says it has rebuilt for a save of `file`. */
async function rebuiltFor(file: string): Promise<void> {
  const seen = said.length;
  for (let waited = 0; waited < 30_000; waited += 50) {
    if (said.slice(seen).some((line) => line.startsWith(`${file}: `))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no rebuild for ${file}:\n${said.join('\n')}\n${preview.stderr()}`);
}

type Marked = Window & { previewTestMarker?: string };
const mark = () => page.evaluate(() => void ((window as Marked).previewTestMarker = 'before the save'));
const sameDocument = () => page.evaluate(() => (window as Marked).previewTestMarker === 'before the save');
const overlayText = () =>
  page.evaluate(() => (document.getElementById('manual-preview-overlay') as HTMLElement | null)?.innerText);

beforeAll(async () => {
  root = copyManual();
  web = path.join(root, 'dist/web');
  released();
  edit(root, 'chapters/care/placements.md', 'Plan first.', 'Plan first, with the family.');
  edit(
    root,
    'chapters/amendments.yml',
    'editions:\n',
    'editions:\n  - edition: 2025-08\n    date: 2025-08-04\n    updated:\n      - chapter: care/placements\n        details: Planning involves the family.\n',
  );
  released();
  const built = manual(['build', '--root', root, '-q']);
  if (built.status !== 0) throw new Error(built.stderr);
  preview = await startPreview(root);
  ({ child, address } = preview);
  const { lines } = preview;
  lines.on('line', (line) => said.push(line));
  browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_FLAGS],
    userDataDir: scratchDir('preview-editions-chromium-'),
    env: chromiumEnvironment(process.env, tmpdir()),
  });
  page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (sent) => (sent.url().startsWith(address) ? sent.continue() : sent.abort()));
}, SLOW);

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) child.kill('SIGKILL');
  removeCopies();
});

describe('manual preview of a manual with replaced editions', () => {
  it('serves every file the editions renderer makes, as `manual build` writes it', { timeout: SLOW }, async () => {
    const book = (await buildBook(root, new Diagnostics()))!;
    const made = [...(await renderSite(book, [webEditionsRenderer], settingsFrom({ root }, {}))).keys()];
    expect(made).toContain('editions.html');
    expect(made).toContain('editions/2025-02/chapters/care/placements.html');
    expect(made).toContain('editions/small-test-manual-2025-02.pdf');
    for (const name of made) {
      const { status, body } = await get(`/${name}`);
      expect(status, name).toBe(200);
      const built = readFileSync(path.join(web, name));
      if (name.endsWith('.html')) expect(withoutClient(body.toString('utf8')), name).toBe(built.toString('utf8'));
      else expect(body.equals(built), name).toBe(true);
    }
  });

  it("shows an archived chapter with its banner, whose link leads to the current edition's", async () => {
    await page.goto(`${address}editions/2025-02/chapters/care/placements.html`);
    expect(await page.$eval('section.archived-edition', (s) => s.textContent)).toContain(
      'This is the February 2025 edition, in force from 3 February 2025 to 4 August 2025. It has been replaced: see this chapter in the current edition.',
    );
    expect(await page.$eval('main', (m) => m.textContent)).not.toContain('with the family');
    await Promise.all([page.waitForNavigation(), page.click('section.archived-edition a')]);
    expect(page.url()).toBe(`${address}chapters/care/placements.html`);
    expect(await page.$eval('main', (m) => m.textContent)).toContain('Plan first, with the family.');
  });

  it('refuses every path out of the manual, and a link out of the archive', async () => {
    const hostile = [
      '/editions/../../x',
      '/editions/../../../etc/passwd',
      '/editions/%2e%2e/%2e%2e/package.json',
      '/editions/%2E%2E/%2E%2E/etc/passwd',
      '/editions/%252e%252e/%252e%252e/etc/passwd',
      '/editions/2025-02/..%2f..%2f..%2farchive%2f2025-02%2frelease.json',
      '/editions\\..\\..\\chapters\\contents.yml',
      '/editions/2025-02/chapters/care/placements.html%00.md',
      '/editions/2025-02/release.json',
      '/archive/2025-02/release.json',
      '/archive/2025-02/web/index.html',
      '/editions/2025-08/index.html',
      '/editions/',
    ];
    for (const target of hostile) expect((await get(target)).status, target).toBe(404);
    // The same bytes, but outside the manual: a link there is refused, though its checksum matches.
    const pledge = path.join(root, 'archive/2025-02/web/chapters/care/pledge.html');
    const outside = path.join(scratchDir('preview-outside-'), 'pledge.html');
    const original = readFileSync(pledge);
    writeFileSync(outside, original);
    rmSync(pledge);
    symlinkSync(outside, pledge);
    try {
      const { status, body } = await get('/editions/2025-02/chapters/care/pledge.html');
      expect(status).toBe(500);
      expect(body.toString('utf8')).toContain('archive/2025-02/web/chapters/care/pledge.html');
      expect(body.toString('utf8')).toContain("a link out of its release's folder");
    } finally {
      rmSync(pledge);
      writeFileSync(pledge, original);
    }
    expect((await get('/editions/2025-02/chapters/care/pledge.html')).status).toBe(200);
  });

  it('names a changed archived file in an error page and in the overlay, until it is put back', async () => {
    await page.goto(`${address}editions.html`);
    const visits = path.join(root, 'archive/2025-02/web/chapters/care/visits.html');
    const original = readFileSync(visits);
    appendFileSync(visits, '<!-- edited -->');
    try {
      const { status, body } = await get('/editions/2025-02/chapters/care/visits.html');
      expect(status).toBe(500);
      expect(body.toString('utf8')).toContain('archive/2025-02/web/chapters/care/visits.html');
      expect(body.toString('utf8')).toContain('the archived file has changed');
      expect(body.toString('utf8')).toContain('manual verify');
      await page.waitForFunction(
        () => document.getElementById('manual-preview-overlay')?.textContent?.includes('archive/2025-02/web/chapters'),
        { timeout: 15_000 },
      );
      expect(await overlayText()).toContain('the archived file has changed');
      expect(preview.stderr()).toContain('archive/2025-02/web/chapters/care/visits.html');
      expect(child.exitCode).toBeNull();
    } finally {
      writeFileSync(visits, original);
    }
    expect((await get('/editions/2025-02/chapters/care/visits.html')).status).toBe(200);
    await page.waitForFunction(() => !document.getElementById('manual-preview-overlay'), { timeout: 15_000 });
  });

  it('still serves the editions page after a save of a chapter, the open page kept', { timeout: SLOW }, async () => {
    await page.goto(`${address}editions.html`);
    await mark();
    edit(root, 'chapters/care/visits.md', 'Visit every six weeks.', 'Visit every five weeks.');
    await rebuiltFor('chapters/care/visits.md');
    const { status, body } = await get('/editions.html');
    expect(status).toBe(200);
    expect(withoutClient(body.toString('utf8'))).toBe(readFileSync(path.join(web, 'editions.html'), 'utf8'));
    expect(await page.$$eval('section.edition h2', (headings) => headings.map((h) => h.textContent))).toEqual([
      'August 2025 edition (current)',
      'February 2025 edition',
    ]);
    expect(page.url()).toBe(`${address}editions.html`);
    expect(await sameDocument()).toBe(true);
  });

  it('patches an open archived page in place when the current book changes what its banner says', async () => {
    await page.goto(`${address}editions/2025-02/chapters/help/early-help.html`);
    await mark();
    const contents = readFileSync(path.join(root, 'chapters/contents.yml'), 'utf8');
    write(root, 'chapters/contents.yml', contents.replace('      - chapter: help/early-help\n', ''));
    try {
      await page.waitForFunction(
        () => document.querySelector('section.archived-edition')?.textContent?.includes('This chapter was removed'),
        { timeout: 15_000 },
      );
      expect(page.url()).toBe(`${address}editions/2025-02/chapters/help/early-help.html`);
      expect(await sameDocument()).toBe(true);
    } finally {
      write(root, 'chapters/contents.yml', contents);
    }
  });
});
