import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import MiniSearch from 'minisearch';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, problemsOf, siteBrowser, type SiteBrowser } from '../helpers/browser.ts';
import { builtEditionStory } from '../helpers/edition-story.ts';
import { manual, removeCopies } from '../helpers/fixture.ts';

/**
 * The search box's "All editions" switch, on the edition story (tests/helpers/edition-story.ts:
 * three releases, Early Help removed in the last); then a build, and searches in Chromium from
 * file:// with the switch off and on.
 */
const SLOW = 300_000;
const SHOTS = process.env.MANUAL_SHOTS;
let root: string;
let web: string;
let browser: SiteBrowser;
const build = () => manual(['build', '--root', root, '-q']);

beforeAll(async () => {
  ({ root, web } = builtEditionStory());
  browser = await siteBrowser([path.join(root, 'dist')]);
}, SLOW);
afterAll(async () => {
  await browser?.close();
  removeCopies();
});

const statusOf = (page: Page) => page.$eval('#search-status', (s) => s.textContent ?? '');
/** Waits until the status line says something that `pattern` matches, and gives it. */
async function statusMatching(page: Page, pattern: RegExp): Promise<string> {
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector('#search-status')?.textContent ?? ''),
    { timeout: 20_000 },
    pattern.source,
  );
  return statusOf(page);
}
/** Each result as the reader gets it: its title, the edition it is labelled with (none: the current one), its link. */
const resultsOf = (page: Page) =>
  page.$$eval('#search-results a', (links) =>
    links.map((a) => ({
      title: a.querySelector('.result-title')!.textContent,
      edition: a.querySelector('.result-edition')?.textContent ?? null,
      href: a.getAttribute('href'),
    })),
  );
/** Opens a page, turns "All editions" on, and searches for `query` as one input. */
async function searchAll(file: string, query: string, width = 1200): Promise<Page> {
  const page = await browser.open(path.join(web, file), { width });
  await page.click('#search-all-editions');
  await page.$eval(
    '#search-input',
    (input, value) => {
      (input as HTMLInputElement).value = value;
      input.dispatchEvent(new Event('input'));
    },
    query,
  );
  await statusMatching(page, / edition/);
  return page;
}

describe('searching every edition of the web edition', () => {
  it(
    'finds a word of a removed chapter only with "All editions" on, and leads to that edition\'s copy',
    { timeout: SLOW },
    async () => {
      const page = await browser.open(path.join(web, 'chapters/care/visits.html'));
      const switchBox = await page.$eval('#search-all-editions', (input) => ({
        type: (input as HTMLInputElement).type,
        checked: (input as HTMLInputElement).checked,
        label: Array.from((input as HTMLInputElement).labels ?? []).map((l) => l.textContent),
      }));
      expect(switchBox).toEqual({ type: 'checkbox', checked: false, label: ['All editions'] });
      await page.focus('#search-input');
      await page.keyboard.type('timescales');
      expect(await statusMatching(page, /^Nothing matches/)).toBe(
        'Nothing matches "timescales". Tick "All editions" to search the earlier editions too.',
      );
      expect(await resultsOf(page)).toEqual([]);
      // The switch is the next stop of the keyboard after the box, and Space turns it on.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-all-editions');
      await page.keyboard.press('Space');
      expect(await statusMatching(page, / editions?\./)).toBe(
        '2 matches in 2 editions. Use the down arrow to reach them.',
      );
      const results = await resultsOf(page);
      expect(results.map((r) => r.edition)).toEqual(['August 2025 edition', 'February 2025 edition']);
      expect(results[1]).toEqual({
        title: '1.1 Early Help, section 1.1 Timescales',
        edition: 'February 2025 edition',
        href: '../../editions/2025-02/chapters/help/early-help.html#ch-help.early-help--timescales',
      });
      expect(problemsOf(page)).toEqual([]);
      await Promise.all([page.waitForNavigation(), page.click('#search-results li:nth-child(2) a')]);
      expect(page.url()).toBe(
        `${pathToFileURL(path.join(web, 'editions/2025-02/chapters/help/early-help.html')).href}#ch-help.early-help--timescales`,
      );
      expect(await page.$eval('main', (m) => m.textContent)).toContain('Within 5 working days.');
    },
  );

  it('gives a word of every edition results from each, the current edition first', { timeout: SLOW }, async () => {
    const page = await searchAll('index.html', 'visits');
    const results = await resultsOf(page);
    const editions = results.map((r) => r.edition);
    // Grouped by edition, newest first: the current edition's results carry no label.
    const order = [null, 'August 2025 edition', 'February 2025 edition'];
    expect([...new Set(editions)]).toEqual(order);
    expect(editions.map((e) => order.indexOf(e))).toEqual(editions.map((e) => order.indexOf(e)).sort());
    expect(await statusOf(page)).toBe(`${results.length} matches in 3 editions. Use the down arrow to reach them.`);
    // The current edition's Visits says four weeks; each replaced edition's copy still says six.
    // Contact came before it in August 2025, so it is 2.1.3 since, 2.1.2 before.
    const visits = results.filter((r) => /^2\.1\.[23] Visits, section 1 Frequency$/.test(r.title ?? ''));
    expect(visits.map((r) => r.title)).toEqual([
      '2.1.3 Visits, section 1 Frequency',
      '2.1.3 Visits, section 1 Frequency',
      '2.1.2 Visits, section 1 Frequency',
    ]);
    expect(visits.map((r) => r.href)).toEqual([
      'chapters/care/visits.html#ch-care.visits--frequency',
      'editions/2025-08/chapters/care/visits.html#ch-care.visits--frequency',
      'editions/2025-02/chapters/care/visits.html#ch-care.visits--frequency',
    ]);
    for (const { href } of visits) {
      const text = readFileSync(path.join(web, href!.split('#')[0]), 'utf8');
      expect(text).toContain(href!.startsWith('editions/') ? 'Visit every six weeks.' : 'Visit every four weeks.');
    }
    // The arrow keys reach a replaced edition's results as they reach the current one's.
    await page.focus('#search-input');
    for (const _ of results.slice(0, 3)) await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(results[2].href);
    expect(problemsOf(page)).toEqual([]);
    expect(browser.blocked).toEqual([]);
  });

  it(
    'gives axe-core nothing to find with results of every edition shown, wide and narrow',
    { timeout: SLOW },
    async () => {
      for (const width of [1200, 320]) {
        const page = await searchAll('chapters/care/visits.html', 'visits', width);
        expect((await resultsOf(page)).some((r) => r.edition === 'February 2025 edition')).toBe(true);
        if (SHOTS) {
          mkdirSync(SHOTS, { recursive: true });
          await page.screenshot({ path: path.join(SHOTS, `search-all-editions-${width}.png`) });
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        expect(await axeViolations(page)).toEqual([]);
        await page.close();
      }
    },
  );

  it(
    "searches, from a replaced edition's copy, the editions before it beside its folder",
    { timeout: SLOW },
    async () => {
      // August 2025 was released after February 2025 was replaced: its pages have the switch too.
      const page = await searchAll('editions/2025-08/chapters/care/visits.html', 'timescales');
      expect(await resultsOf(page)).toEqual([
        expect.objectContaining({
          edition: null,
          href: '../../chapters/help/early-help.html#ch-help.early-help--timescales',
        }),
        expect.objectContaining({
          edition: 'February 2025 edition',
          href: '../../../2025-02/chapters/help/early-help.html#ch-help.early-help--timescales',
        }),
      ]);
      await Promise.all([page.waitForNavigation(), page.click('#search-results li:nth-child(2) a')]);
      expect(page.url()).toContain('/web/editions/2025-02/chapters/help/early-help.html#');
    },
  );

  it('reads an index in the first format, from before stop words and stored titles', { timeout: SLOW }, async () => {
    const file = path.join(web, 'editions/2025-02/search-index.js');
    const released = readFileSync(file);
    // The format of the first web editions: the part's title stored as "t", no stop words, no documents.
    const options = { fields: ['title', 'text'], storeFields: ['n', 't', 'c', 'f', 'x'] };
    const search = new MiniSearch(options);
    search.addAll([
      { id: 0, title: 'Early Help', t: 'Early Help', text: 'An older wording of the chapter.', c: 0, x: 'An older…' },
      {
        id: 1,
        title: 'Deadlines',
        t: 'Deadlines',
        n: '1.1',
        f: 'ch-help.early-help--deadlines',
        text: 'Within a week.',
        c: 0,
        x: 'Within a week.',
      },
    ]);
    const chapters = [{ n: '1.1', t: 'Early Help', s: '1 Help', u: 'chapters/help/early-help.html' }];
    writeFileSync(
      file,
      `globalThis.manualSearch = ${JSON.stringify({ options, chapters, index: search.toJSON() })};\n`,
    );
    try {
      const page = await searchAll('index.html', 'deadlines');
      expect(await resultsOf(page)).toEqual([
        {
          title: '1.1 Early Help, section 1.1 Deadlines',
          edition: 'February 2025 edition',
          href: 'editions/2025-02/chapters/help/early-help.html#ch-help.early-help--deadlines',
        },
      ]);
      expect(problemsOf(page)).toEqual([]);
    } finally {
      writeFileSync(file, released);
    }
  });

  it(
    'says which edition could not be searched when its index does not load, and still lists the others',
    { timeout: SLOW },
    async () => {
      const file = path.join(web, 'editions/2025-02/search-index.js');
      const released = readFileSync(file);
      rmSync(file);
      try {
        const page = await searchAll('index.html', 'visits');
        const status = await statusOf(page);
        expect(status).toMatch(/^\d+ matches in 2 editions\. /);
        expect(status).toContain('The February 2025 edition could not be searched.');
        const editions = new Set((await resultsOf(page)).map((r) => r.edition));
        expect(editions).toEqual(new Set([null, 'August 2025 edition']));
        // A second search reads what the first loaded, and says it again.
        await page.$eval('#search-input', (input) => {
          (input as HTMLInputElement).value = 'placements';
          input.dispatchEvent(new Event('input'));
        });
        await page.waitForFunction(() =>
          document.querySelector('#search-results .result-title')?.textContent?.includes('Placements'),
        );
        expect(await statusOf(page)).toContain('The February 2025 edition could not be searched.');
        // An index that loads but lists none of the chapters its parts name is not searched either.
        const data = JSON.parse(
          released
            .toString('utf8')
            .replace(/^globalThis\.manualSearch = /, '')
            .replace(/;\n$/, ''),
        );
        writeFileSync(file, `globalThis.manualSearch = ${JSON.stringify({ ...data, chapters: [] })};\n`);
        const again = await searchAll('index.html', 'visits');
        expect(await statusOf(again)).toMatch(
          /^\d+ matches in 2 editions\. .*The February 2025 edition could not be searched\.$/,
        );
        expect(problemsOf(again)).toEqual([]);
      } finally {
        writeFileSync(file, released);
      }
    },
  );

  it(
    'names a replaced edition released without a web edition as not searchable online',
    { timeout: SLOW },
    async () => {
      // February 2025 as a release made before the web edition existed: its record lists no web/ file.
      const record = path.join(root, 'archive/2025-02/release.json');
      const json = JSON.parse(readFileSync(record, 'utf8'));
      json.files = json.files.filter((f: { name: string }) => !f.name.startsWith('web/'));
      writeFileSync(record, `${JSON.stringify(json, null, 2)}\n`);
      rmSync(path.join(root, 'archive/2025-02/web'), { recursive: true });
      rmSync(path.join(root, 'dist'), { recursive: true });
      const built = build();
      expect(built.status, built.stderr).toBe(0);
      const page = await searchAll('index.html', 'visits');
      expect(await statusOf(page)).toMatch(
        /^\d+ matches in 2 editions\. Use the down arrow to reach them\. The February 2025 edition is not searchable online\.$/,
      );
      expect(problemsOf(page)).toEqual([]);
    },
  );
});
