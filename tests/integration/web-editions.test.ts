import { appendFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, problemsOf, siteBrowser, type SiteBrowser } from '../helpers/browser.ts';
import { copyManual, edit, filesUnder, manual, removeCopies } from '../helpers/fixture.ts';
import { brokenLinks } from '../helpers/site-links.ts';

/**
 * One story on a copy of the small manual: release February 2025, change a chapter and release
 * August 2025, change another, remove Early Help and release February 2026; then build, and read
 * the replaced editions under web/editions/ and the editions page in Chromium from file://.
 */
const SLOW = 300_000;
const SHOTS = process.env.MANUAL_SHOTS;
let root: string;
let web: string;
let browser: SiteBrowser;
const archive = (...parts: string[]) => path.join(root, 'archive', ...parts);
const record = (edition: string) => JSON.parse(readFileSync(archive(edition, 'release.json'), 'utf8'));
const released = (edition: string) => {
  const result = manual(['release', '--root', root, '-q']);
  if (result.status !== 0) throw new Error(`release ${edition}: ${result.stderr}`);
};
const build = () => manual(['build', '--root', root, '-q']);
/** The banner as the editions renderer adds it: one element right after the skip link, from its line break to its first `</section>`. */
const withoutBanner = (html: string) => html.replace(/\n<section class="archived-edition"[^]*?<\/section>/, '');
const addEdition = (text: string) => edit(root, 'chapters/amendments.yml', 'editions:\n', `editions:\n${text}`);

beforeAll(async () => {
  root = copyManual();
  web = path.join(root, 'dist/web');
  released('2025-02');
  edit(root, 'chapters/care/placements.md', 'Plan first.', 'Plan first, with the family.');
  addEdition(
    '  - edition: 2025-08\n    date: 2025-08-04\n    updated:\n      - chapter: care/placements\n        details: Planning involves the family.\n',
  );
  released('2025-08');
  edit(root, 'chapters/care/visits.md', 'Visit every six weeks.', 'Visit every four weeks.');
  edit(root, 'chapters/contents.yml', '      - chapter: help/early-help\n', '');
  rmSync(path.join(root, 'chapters/help/early-help.md'));
  addEdition(
    '  - edition: 2026-02\n    date: 2026-02-02\n    updated:\n      - chapter: care/visits\n        details: Visits are more frequent.\n' +
      '    removed:\n      - chapter: help/early-help\n        title: Early Help\n        details: Early help is in the partnership manual.\n',
  );
  released('2026-02');
  const built = build();
  if (built.status !== 0) throw new Error(built.stderr);
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
      expect([...copied.keys()].sort()).toEqual([...archived.keys(), 'about-this-copy.txt', 'editions.html'].sort());
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
    const plain = await browser.open(path.join(web, 'editions.html'), { javascript: false });
    expect(await plain.$eval('.edition-on', (d) => (d as HTMLElement).hidden)).toBe(true);
    expect(await plain.$$eval('.in-force li', (items) => items.map((i) => i.textContent))).toEqual([
      'From 2 February 2026: February 2026 edition (the current edition)',
      '4 August 2025 to 2 February 2026: August 2025 edition',
      '3 February 2025 to 4 August 2025: February 2025 edition',
    ]);
  });

  it(
    'gives axe-core nothing to find on the editions page and on an archived page, wide and narrow',
    { timeout: SLOW },
    async () => {
      for (const file of ['editions.html', 'editions/2025-08/chapters/care/visits.html']) {
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
