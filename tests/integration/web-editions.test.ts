import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, problemsOf, siteBrowser, type SiteBrowser } from '../helpers/browser.ts';
import { builtEditionStory } from '../helpers/edition-story.ts';
import { filesUnder, manual, removeCopies } from '../helpers/fixture.ts';
import { brokenLinks } from '../helpers/site-links.ts';

/**
 * The three releases of the edition story (tests/helpers/edition-story.ts), then a build: the
 * replaced editions under web/editions/, the editions page, the chapters' histories and the
 * comparisons, read in Chromium from file://.
 */
const SLOW = 300_000;
const SHOTS = process.env.MANUAL_SHOTS;
let root: string;
let web: string;
let browser: SiteBrowser;
const archive = (...parts: string[]) => path.join(root, 'archive', ...parts);
const record = (edition: string) => JSON.parse(readFileSync(archive(edition, 'release.json'), 'utf8'));
const build = () => manual(['build', '--root', root, '-q']);
/** The banner as the editions renderer adds it: one element right after the skip link, from its line break to its first `</section>`. */
const withoutBanner = (html: string) => html.replace(/\n<section class="archived-edition"[^]*?<\/section>/, '');

beforeAll(async () => {
  ({ root, web } = builtEditionStory());
  browser = await siteBrowser([path.join(root, 'dist')]);
}, SLOW);
afterAll(async () => {
  await browser?.close();
  removeCopies();
});

describe('replaced editions in the web edition', () => {
  it('copies each replaced edition as released, adding one banner to each page', () => {
    for (const edition of ['2025-02', '2025-08']) {
      const archived = filesUnder(archive(edition, 'web'));
      const copied = filesUnder(path.join(web, 'editions', edition));
      // Where a copy's chapter pages link to their history, a page sends the reader on to it.
      const forwards = [...archived.keys()]
        .filter((name) => /^chapters\/(care\/(placements|visits|contact)|help\/early-help)\.html$/.test(name))
        .map((name) => name.replace(/\.html$/, '.history.html'));
      expect([...copied.keys()].sort()).toEqual(
        [...archived.keys(), 'about-this-copy.txt', 'editions.html', ...forwards].sort(),
      );
      for (const [name, data] of archived) {
        const copy = copied.get(name)!;
        if (name.endsWith('.html')) {
          expect(copy.toString('utf8')).toContain('<section class="archived-edition"');
          expect(Buffer.from(withoutBanner(copy.toString('utf8')))).toEqual(data);
        } else expect(copy).toEqual(data);
      }
    }
    // The PDFs, EPUB and pack sit beside the edition's folder, where its pages' download links lead.
    for (const edition of ['2025-02', '2025-08'])
      for (const { name } of record(edition).files.filter((f: { name: string }) => !f.name.startsWith('web/')))
        expect(readFileSync(path.join(web, 'editions', name))).toEqual(readFileSync(archive(edition, name)));
    expect(brokenLinks(web)).toEqual([]);
    // The current edition stays at the top of the site, not copied again.
    expect(() => statSync(path.join(web, 'editions/2026-02'))).toThrow();
  });

  it('links an archived chapter to the same chapter in the current edition', { timeout: SLOW }, async () => {
    const page = await browser.open(path.join(web, 'editions/2025-08/chapters/care/visits.html'));
    const banner = await page.$eval('section.archived-edition', (s) => ({
      label: s.getAttribute('aria-label'),
      text: s.textContent,
      first: s.previousElementSibling?.matches('body > a.skip-link:first-child') ?? false,
    }));
    expect(banner).toEqual({
      label: 'Replaced edition',
      text: expect.stringContaining(
        'This is the August 2025 edition, in force from 4 August 2025 to 2 February 2026. It has been replaced: see this chapter in the current edition.',
      ),
      first: true,
    });
    await Promise.all([page.waitForNavigation(), page.click('section.archived-edition a')]);
    expect(page.url()).toBe(pathToFileURL(path.join(web, 'chapters/care/visits.html')).href);
    expect(await page.$eval('main', (m) => m.textContent)).toContain('Visit every four weeks.');
    expect(problemsOf(page)).toEqual([]);
  });

  it('says a removed chapter was removed, and in which edition', { timeout: SLOW }, async () => {
    const page = await browser.open(path.join(web, 'editions/2025-02/chapters/help/early-help.html'));
    expect(await page.$eval('section.archived-edition', (s) => s.textContent)).toContain(
      'This chapter was removed in the February 2026 edition: see the contents of the current edition (February 2026).',
    );
    await Promise.all([page.waitForNavigation(), page.click('section.archived-edition a')]);
    expect(page.url()).toBe(pathToFileURL(path.join(web, 'index.html')).href);
  });

  it(
    'lists every edition on the editions page with the checksums its release recorded',
    { timeout: SLOW },
    async () => {
      const page = await browser.open(path.join(web, 'editions.html'));
      const editions = await page.$$eval('section.edition', (sections) =>
        sections.map((s) => ({
          heading: s.querySelector('h2')!.textContent,
          files: Array.from(s.querySelectorAll('.edition-file')).map((f) => ({
            name: f.querySelector('dt code')!.textContent,
            sha256: f.querySelector('.checksum')!.textContent,
          })),
          online: s.querySelector('.edition-pages a')?.getAttribute('href') ?? null,
          links: Array.from(s.querySelectorAll('.edition-file a')).map((a) => a.getAttribute('href')),
        })),
      );
      expect(editions.map((e) => e.heading)).toEqual([
        'February 2026 edition (current)',
        'August 2025 edition',
        'February 2025 edition',
      ]);
      for (const [i, id] of [[1, '2025-08'] as const, [2, '2025-02'] as const]) {
        const files = record(id).files.filter((f: { name: string }) => !f.name.startsWith('web/'));
        expect(files.length).toBeGreaterThan(2);
        expect(editions[i].files).toEqual(
          files.map((f: { name: string; sha256: string }) => ({ name: f.name, sha256: f.sha256 })),
        );
        expect(editions[i].online).toBe(`editions/${id}/index.html`);
        expect(editions[i].links).toEqual(files.map((f: { name: string }) => `editions/${f.name}`));
      }
      expect(await page.$eval('.site-footer', (f) => f.textContent)).toContain('Editions');
    },
  );

  it('names the edition in force on a date, and lists the dates without JavaScript', { timeout: SLOW }, async () => {
    const page = await browser.open(path.join(web, 'editions.html'));
    await page.$eval('#edition-date', (input) => {
      (input as HTMLInputElement).value = '2025-09-01';
      input.dispatchEvent(new Event('change'));
    });
    expect(await page.$eval('#edition-on-result', (p) => p.textContent)).toBe(
      'On that date the manual in force was the August 2025 edition.',
    );
    expect(await page.$eval('#edition-on-result a', (a) => a.getAttribute('href'))).toBe('editions/2025-08/index.html');
    // The day a new edition comes into force is its first day.
    await page.$eval('#edition-date', (input) => {
      (input as HTMLInputElement).value = '2026-02-02';
      input.dispatchEvent(new Event('change'));
    });
    expect(await page.$eval('#edition-on-result', (p) => p.textContent)).toContain('the February 2026 edition');
    // A date in the August 2025 edition's range opens that edition's home page.
    await page.$eval('#edition-date', (input) => {
      (input as HTMLInputElement).value = '2025-12-31';
      input.dispatchEvent(new Event('change'));
    });
    await Promise.all([page.waitForNavigation(), page.click('#edition-on-result a')]);
    expect(page.url()).toBe(pathToFileURL(path.join(web, 'editions/2025-08/index.html')).href);
    expect(await page.$eval('section.archived-edition', (s) => s.textContent)).toContain(
      'This is the August 2025 edition',
    );
    const plain = await browser.open(path.join(web, 'editions.html'), { javascript: false });
    expect(await plain.$eval('.edition-on', (d) => (d as HTMLElement).hidden)).toBe(true);
    expect(await plain.$$eval('.in-force li', (items) => items.map((i) => i.textContent))).toEqual([
      'From 2 February 2026: February 2026 edition (the current edition)',
      '4 August 2025 to 2 February 2026: August 2025 edition',
      '3 February 2025 to 4 August 2025: February 2025 edition',
    ]);
  });

  it(
    'gives axe-core nothing to find on the editions, history and compare pages and an archived page, wide and narrow',
    { timeout: SLOW },
    async () => {
      for (const file of [
        'editions.html',
        'editions/2025-08/chapters/care/visits.html',
        'chapters/care/placements.history.html',
        'chapters/care/placements.compare.2025-08.2026-02.html',
        'compare/2025-02.2026-02.html',
      ]) {
        for (const width of [1200, 320]) {
          const page = await browser.open(path.join(web, file), { width });
          if (SHOTS) {
            mkdirSync(SHOTS, { recursive: true });
            await page.screenshot({
              path: path.join(SHOTS, `${file.replace(/\//g, '_')}-${width}.png`),
              fullPage: true,
            });
          }
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
          expect(await axeViolations(page)).toEqual([]);
        }
      }
    },
  );

  it('stops the build when an archived file has changed, naming it, and writes nothing', { timeout: SLOW }, () => {
    const tampered = archive('2025-02', 'web/chapters/care/visits.html');
    const before = filesUnder(web);
    const original = readFileSync(tampered);
    appendFileSync(tampered, '<!-- edited -->');
    try {
      const result = build();
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('archive/2025-02/web/chapters/care/visits.html');
      expect(result.stderr).toContain('the archived file has changed');
      expect(result.stderr).toContain('manual verify');
      expect(filesUnder(web)).toEqual(before);
    } finally {
      writeFileSync(tampered, original);
    }
  });
});

describe("each chapter's history and the comparisons", () => {
  const history = async (id: string) => {
    const page = await browser.open(path.join(web, `chapters/${id}.history.html`));
    return page.$$eval('.history-edition', (items) =>
      items.map((item) => ({
        edition: item.querySelector('h2')!.textContent,
        changes: Array.from(item.querySelectorAll('.history-changes li')).map((li) => li.textContent),
        details: item.querySelector('.history-details')?.textContent?.trim() ?? null,
        links: Array.from(item.querySelectorAll('.history-links a')).map((a) => a.getAttribute('href')),
      })),
    );
  };

  it('lists every edition that changed a chapter, newest first, with its amendment and its pages', async () => {
    expect(await history('care/placements')).toEqual([
      {
        edition: 'February 2026 edition (current)',
        changes: ['Its words were updated.'],
        details: 'Checks include the school.',
        links: ['placements.compare.2025-08.2026-02.html', 'placements.html'],
      },
      {
        edition: 'August 2025 edition',
        changes: ['Its words were updated.'],
        details: 'Planning involves the family.',
        links: ['placements.compare.2025-02.2025-08.html', '../../editions/2025-08/chapters/care/placements.html'],
      },
      {
        edition: 'February 2025 edition',
        changes: ['In the manual as 2.1.1 Placements.'],
        details: 'Section 1.2 was rewritten.',
        links: ['../../editions/2025-02/chapters/care/placements.html'],
      },
    ]);
    const visits = await history('care/visits');
    expect(visits.map((e) => e.changes)).toEqual([
      ['Its words were updated.'],
      ['Renumbered: 2.1.2 became 2.1.3.'],
      ['New in this edition, as 2.1.2 Visits.'],
    ]);
    expect((await history('care/contact')).map((e) => e.changes)).toEqual([['New in this edition, as 2.1.2 Contact.']]);
    const page = await browser.open(path.join(web, 'chapters/care/visits.html'));
    await Promise.all([page.waitForNavigation(), page.click('.chapter-history a')]);
    expect(page.url()).toBe(pathToFileURL(path.join(web, 'chapters/care/visits.history.html')).href);
  });

  it("ends a removed chapter's history with its removal, linked from its old address", async () => {
    const removed = await history('help/early-help');
    expect(removed[0]).toEqual({
      edition: 'February 2026 edition (current)',
      changes: ['Removed in this edition (it was 1.1 Early Help).'],
      details: 'Early help is in the partnership manual.',
      links: [],
    });
    expect(removed.at(-1)!.edition).toBe('February 2025 edition');
    const page = await browser.open(path.join(web, 'chapters/help/early-help.html'));
    expect(await page.$eval('.chapter-history a', (a) => a.getAttribute('href'))).toBe('early-help.history.html');
  });

  it("sends a replaced edition's history link on to the chapter's history", { timeout: SLOW }, async () => {
    const page = await browser.open(path.join(web, 'editions/2025-08/chapters/care/visits.html'));
    await Promise.all([page.waitForNavigation(), page.click('.chapter-history a')]);
    await page.waitForFunction(
      () =>
        location.pathname.endsWith('/chapters/care/visits.history.html') && !location.pathname.includes('/editions/'),
    );
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('History of 2.1.3 Visits');
  });

  it('marks the inserted and deleted words of a chapter, each said as well as shown', async () => {
    const page = await browser.open(path.join(web, 'chapters/care/visits.compare.2025-08.2026-02.html'));
    const marks = await page.$$eval('.compare ins, .compare del', (found) =>
      found.map((m) => ({ tag: m.tagName, text: m.textContent, unit: m.closest('div')!.textContent })),
    );
    expect(marks).toEqual([
      { tag: 'DEL', text: 'deleted: six', unit: 'Visit every deleted: sixinserted: four weeks.' },
      { tag: 'INS', text: 'inserted: four', unit: 'Visit every deleted: sixinserted: four weeks.' },
    ]);
    expect(await page.$eval('.compare del .sr-only', (s) => getComputedStyle(s).position)).toBe('absolute');
  });

  it('compares any two editions of the whole manual, from the form on the editions page', async () => {
    const page = await browser.open(path.join(web, 'editions.html'));
    await page.select('#compare-from', '2026-02');
    await page.select('#compare-to', '2025-02');
    await Promise.all([page.waitForNavigation(), page.click('.compare-form button')]);
    expect(page.url()).toBe(pathToFileURL(path.join(web, 'compare/2025-02.2026-02.html')).href);
    const groups = await page.$$eval('main h2', (headings) =>
      headings.map((h) => ({
        title: h.textContent,
        chapters: Array.from(h.nextElementSibling!.children).map((li) => li.textContent!.replace(/\s+/g, ' ').trim()),
      })),
    );
    expect(groups).toEqual([
      { title: 'Chapters added', chapters: ['2.1.2 Contact August 2025 edition: new'] },
      { title: 'Chapters removed', chapters: ['1.1 Early Help February 2026 edition: removed'] },
      {
        title: 'Chapters changed',
        chapters: [
          '2.1.1 Placements August 2025 edition: updated (compare its words) February 2026 edition: updated (compare its words)',
          '2.1.3 Visits August 2025 edition: renumbered February 2026 edition: updated (compare its words)',
        ],
      },
    ]);
    const plain = await browser.open(path.join(web, 'editions.html'), { javascript: false });
    expect(await plain.$eval('.compare-form', (f) => (f as HTMLElement).hidden)).toBe(true);
    expect(await plain.$$eval('.edition-compare a', (links) => links.map((a) => a.getAttribute('href')))).toEqual([
      'compare/2025-08.2026-02.html',
      'compare/2025-02.2025-08.html',
    ]);
  });
});

describe('releases recorded before their units were', () => {
  it('give the same histories and comparisons, their words read from their EPUBs', { timeout: SLOW }, () => {
    const made = (files: Map<string, Buffer>) =>
      new Map([...files].filter(([name]) => /\.(history|compare\.[^/]+)\.html$|^compare\//.test(name)));
    const before = made(filesUnder(web));
    expect(before.size).toBeGreaterThan(8);
    const records = ['2025-02', '2025-08'].map(
      (id) => [archive(id, 'release.json'), readFileSync(archive(id, 'release.json'))] as const,
    );
    try {
      for (const [file, data] of records) {
        const old = JSON.parse(data.toString('utf8'));
        for (const chapter of Object.values(old.chapters) as { units?: unknown }[]) delete chapter.units;
        writeFileSync(file, JSON.stringify(old, null, 2));
      }
      const result = build();
      expect(result.stderr).toBe('');
      expect(made(filesUnder(web))).toEqual(before);
    } finally {
      for (const [file, data] of records) writeFileSync(file, data);
    }
  });
});
