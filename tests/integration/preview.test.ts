import type { ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, chromiumEnvironment } from '../../scripts/core/chromium-flags.ts';
import { onePagePdf } from '../helpers/documents.ts';
import { copyManual, edit, manual, removeCopies, REPO, scratchDir, write } from '../helpers/fixture.ts';
import { startPreview, type RunningPreview } from '../helpers/processes.ts';

const CHROMIUM_ARGS = [...CHROMIUM_FLAGS];

let root: string;
let child: ChildProcess;
let address: string;
let preview: RunningPreview;
let browser: Browser;
let page: Page;

/** The status of a GET of `target` exactly as written, sent by http.request so that no URL library normalises it. */
function statusOf(target: string, headers: Record<string, string> = {}): Promise<number> {
  const { hostname, port } = new URL(address);
  return new Promise((resolve, reject) => {
    const sent = request({ hostname, port, path: target, method: 'GET', headers }, (response) => {
      response.resume();
      resolve(response.statusCode!);
    });
    sent.on('error', reject);
    sent.end();
  });
}

/** The status line's code for raw bytes of a request line, for what http.request refuses to send (a NUL). */
function rawStatusOf(target: string): Promise<number> {
  const { hostname, port } = new URL(address);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () =>
      socket.write(`GET ${target} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`),
    );
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk.toString('latin1')));
    socket.on('end', () => resolve(Number(reply.split(' ')[1])));
    socket.on('error', reject);
  });
}

const bodyText = () => page.evaluate(() => document.body.innerText);
type Marked = Window & { previewTestMarker?: string; previewTestFocus?: Element | null };
/** Marks the open document: a page loaded anew has lost the mark. */
const mark = () => page.evaluate(() => void ((window as Marked).previewTestMarker = 'before the save'));
const sameDocument = () =>
  page.evaluate(
    () =>
      (window as Marked).previewTestMarker === 'before the save' &&
      performance.getEntriesByType('navigation').length === 1,
  );
const overlayText = () =>
  page.evaluate(() => (document.getElementById('manual-preview-overlay') as HTMLDetailsElement | null)?.innerText);

beforeAll(async () => {
  root = copyManual();
  // Its own templates, to edit: a manual's templates/ overrides the built-in ones.
  cpSync(path.join(REPO, 'templates'), path.join(root, 'templates'), { recursive: true });
  // A chapter page long enough to scroll: 150 paragraphs after the sentence the tests edit, one with a link to focus.
  const filler = Array.from({ length: 150 }, (_, i) => `Visit rule ${i + 1} applies to every visit.`);
  filler[2] += ' Before one, see [the checks](placements.md#checks-before-placement).';
  appendFileSync(path.join(root, 'chapters/care/visits.md'), `\n${filler.join('\n\n')}\n`);
  // A document, linked from a chapter, where the site is published: the preview serves it from disk.
  mkdirSync(path.join(root, 'chapters/forms'));
  writeFileSync(path.join(root, 'chapters/forms/guide.pdf'), onePagePdf('Guide'));
  appendFileSync(path.join(root, 'chapters/care/pledge.md'), '\nRead [the guide](../forms/guide.pdf).\n');
  edit(
    root,
    'chapters/contents.yml',
    'publisher: Test Council\n',
    'publisher: Test Council\nsite-url: https://example.org/\n',
  );
  preview = await startPreview(root);
  ({ child, address } = preview);
  browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    userDataDir: scratchDir('preview-chromium-'),
    env: chromiumEnvironment(process.env, tmpdir()),
  });
  page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (sent) => (sent.url().startsWith(address) ? sent.continue() : sent.abort()));
});

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) child.kill('SIGKILL');
  removeCopies();
});

describe('manual preview', () => {
  it('prints the address it serves first, on 127.0.0.1, and serves the site there', async () => {
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await page.goto(`${address}chapters/care/visits.html`);
    expect(response!.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(response!.headers()['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self';/);
    expect(await page.title()).toContain('Small Test Manual');
    expect(await bodyText()).toContain('Visit every six weeks.');
  });

  it('shows a save in the open page without loading it anew, at the same scroll position', async () => {
    await page.evaluate(() => window.scrollTo(0, 1500));
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(1000);
    await mark();
    const saved = performance.now();
    edit(root, 'chapters/care/visits.md', 'Visit every six weeks.', 'Visit every six weeks. Phone in between.');
    await page.waitForFunction(() => document.body.innerText.includes('Phone in between.'), { timeout: 15_000 });
    process.stderr.write(
      `preview test: the page showed the edit ${Math.round(performance.now() - saved)} ms after the save\n`,
    );
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, { timeout: 5_000 }, before);
    expect(await sameDocument()).toBe(true);
  });

  it('makes the search index when the search box asks for it, from the sources as saved', async () => {
    await page.focus('#search-input');
    await page.keyboard.type('phone');
    await page.waitForSelector('#search-results a', { timeout: 15_000 });
    const first = await page.$eval('#search-results a', (a) => a.getAttribute('href'));
    expect(first).toContain('visits.html');
    const index = await fetch(`${address}search-index.js`).then((r) => r.text());
    expect(index).toMatch(/^globalThis\.manualSearch = /);
    expect(index).toContain('Phone in between.');
  });

  it('keeps the focus and the search box (its text, its results) as the reader left them', async () => {
    const link = '.chapter-body a[href*="checks-before-placement"]';
    await page.focus(link);
    await page.evaluate(() => ((window as Marked).previewTestFocus = document.activeElement));
    const results = await page.$$eval('#search-results li', (items) => items.length);
    expect(results).toBeGreaterThan(0);
    await mark();
    edit(root, 'chapters/care/visits.md', 'Visit every six weeks.', 'Visit every six weeks, or sooner.');
    await page.waitForFunction(() => document.body.innerText.includes('or sooner.'), { timeout: 15_000 });
    expect(await sameDocument()).toBe(true);
    expect(await page.evaluate(() => document.activeElement === (window as Marked).previewTestFocus)).toBe(true);
    expect(await page.$eval('#search-input', (input) => (input as HTMLInputElement).value)).toBe('phone');
    expect(await page.$$eval('#search-results li', (items) => items.length)).toBe(results);
  });

  it('shows a broken link in the overlay with its file and line, and drops it once fixed', async () => {
    edit(root, 'chapters/care/visits.md', 'Phone in between.', 'See [the plan](placements.md#no-such-heading).');
    await page.waitForFunction(() => document.getElementById('manual-preview-overlay')?.textContent?.includes('error'));
    const shown = await overlayText();
    expect(shown).toContain('chapters/care/visits.md:5:');
    expect(shown).toContain('no heading "#no-such-heading"');
    expect(shown).toContain('fix:');
    expect(preview.stderr()).toMatch(/chapters\/care\/visits\.md:5:\d+: error: .*no-such-heading/);
    edit(root, 'chapters/care/visits.md', 'See [the plan](placements.md#no-such-heading).', 'Phone each week.');
    await page.waitForFunction(() => document.body.innerText.includes('Phone each week.'), { timeout: 15_000 });
    expect(await overlayText()).toBeUndefined();
  });

  it("loads the page anew on a save of a stylesheet, its new inline style allowed by the page's policy", async () => {
    await mark();
    appendFileSync(path.join(root, 'templates/styles/manual.css'), '\nbody { --preview-test: saved; }\n');
    await page.waitForFunction(
      () => getComputedStyle(document.body).getPropertyValue('--preview-test').trim() === 'saved',
      { timeout: 15_000 },
    );
    expect(await sameDocument()).toBe(false);
  });

  it('survives a contents.yml that is not YAML, serving the last good site with the overlay', async () => {
    const contents = readFileSync(path.join(root, 'chapters/contents.yml'), 'utf8');
    write(root, 'chapters/contents.yml', `title: [unclosed\n${contents}`);
    await page.waitForFunction(() =>
      document.getElementById('manual-preview-overlay')?.textContent?.includes('chapters/contents.yml:2:1'),
    );
    expect(child.exitCode).toBeNull();
    expect(await bodyText()).toContain('Phone each week.');
    expect(await statusOf('/')).toBe(200);
    write(root, 'chapters/contents.yml', contents);
    await page.waitForFunction(() => !document.getElementById('manual-preview-overlay'));
  });

  it("sends a page whose address is gone to the site's home", async () => {
    await page.goto(`${address}chapters/help/early-help.html`);
    const contents = readFileSync(path.join(root, 'chapters/contents.yml'), 'utf8');
    write(root, 'chapters/contents.yml', contents.replace('      - chapter: help/early-help\n', ''));
    await page.waitForFunction(() => location.pathname === '/', { timeout: 15_000 });
    write(root, 'chapters/contents.yml', contents);
  });

  it('serves the images of chapters/ and nothing else: every way out is a 404', async () => {
    const outside = scratchDir('preview-outside-');
    writeFileSync(path.join(outside, 'secret.svg'), '<svg><text>secret</text></svg>');
    symlinkSync(path.join(outside, 'secret.svg'), path.join(root, 'chapters/images/leak.svg'));
    symlinkSync(outside, path.join(root, 'chapters/outside'));
    expect(await statusOf('/chapters/images/flow.svg')).toBe(200);
    const hostile = [
      '/chapters/images/leak.svg',
      '/chapters/outside/secret.svg',
      '/chapters/contents.yml',
      '/chapters/care/visits.md',
      '/chapters/../chapters/images/flow.svg',
      '/../../../../etc/passwd',
      '/chapters/../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/chapters/%2E%2E/%2E%2E/etc/passwd',
      '/chapters/%252e%252e/%252e%252e/etc/passwd',
      '/chapters/..%2f..%2fetc%2fpasswd',
      '/chapters\\..\\..\\etc\\passwd',
      '/chapters/images/..\\..\\contents.yml',
      '//etc/passwd',
      `/${root}/chapters/contents.yml`,
      `${root}/chapters/contents.yml`,
      '/%2fetc%2fpasswd',
      '/chapters/images/flow.svg%00.md',
      '/etc/passwd',
      '/package.json',
      '/__preview/../package.json',
      '/__preview/waiting.html',
    ];
    for (const target of hostile) expect(await statusOf(target), target).toBe(404);
    expect(await rawStatusOf('/chapters/images/flow.svg\u0000.md')).not.toBe(200);
  });

  it('serves each document the site publishes from the manual as saved, and nothing outside it', async () => {
    const guide = path.join(root, 'chapters/forms/guide.pdf');
    const served = await fetch(`${address}documents/forms/guide.pdf`);
    expect([served.status, served.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(Buffer.from(await served.arrayBuffer()).equals(readFileSync(guide))).toBe(true);
    // A document saved is read again: the page linking to it gives its new size.
    await page.goto(`${address}chapters/care/pledge.html`);
    const bigger = onePagePdf('Guide '.repeat(400));
    writeFileSync(guide, bigger);
    const size = `PDF document, ${Math.round(bigger.length / 1024)} KB`;
    await page.waitForFunction((s) => document.body.innerText.includes(s), { timeout: 15_000 }, size);
    expect(Buffer.from(await (await fetch(`${address}documents/forms/guide.pdf`)).arrayBuffer()).equals(bigger)).toBe(
      true,
    );
    for (const target of [
      '/documents/forms/other.pdf',
      '/documents/care/pledge.md',
      '/documents/contents.yml',
      '/documents/../chapters/contents.yml',
      '/documents/forms/%2e%2e/%2e%2e/contents.yml',
      '/documents/forms/guide.pdf/',
    ])
      expect(await statusOf(target), target).toBe(404);
    // Swapped for a link out of the manual, the document is refused, whatever the site last built says.
    const outside = scratchDir('preview-outside-');
    writeFileSync(path.join(outside, 'secret.pdf'), onePagePdf('secret'));
    rmSync(guide);
    symlinkSync(path.join(outside, 'secret.pdf'), guide);
    expect(await statusOf('/documents/forms/guide.pdf')).toBe(404);
    rmSync(guide);
    writeFileSync(guide, bigger);
  });

  it('answers only to its own address, so a page of another site renamed to it (DNS rebinding) reads nothing', async () => {
    const { port } = new URL(address);
    expect(await statusOf('/', { Host: `localhost:${port}` })).toBe(200);
    expect(await statusOf('/', { Host: `attacker.example:${port}` })).toBe(421);
  });

  it('refuses --port and --host on other commands, and a port that is no port', () => {
    expect(manual(['check', '--root', root, '--port', '4000']).stderr).toContain('--port is an option of preview only');
    const wrong = manual(['preview', '--root', root, '--port', '99999']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--port must be a number from 0 to 65535');
  });

  it('ends with status 0 on Ctrl-C, within a few seconds', async () => {
    const ended = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    const code = await Promise.race([
      ended,
      new Promise((resolve) => setTimeout(() => resolve('still running'), 5000)),
    ]);
    expect(code).toBe(0);
  });
});
