import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import type { Page } from 'puppeteer-core';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, problemsOf, siteBrowser, type SiteBrowser } from '../helpers/browser.ts';
import { seedContents } from '../helpers/fixture.ts';
import { brokenLinks } from '../helpers/site-links.ts';

const SEED = seedContents();
const text = (node: Element | undefined) => (node ? toString(node).replace(/\s+/g, ' ').trim() : '');
const parse = (file: string): Root => unified().use(rehypeParse).parse(readFileSync(file, 'utf8'));

let out = '';
let web = '';
let browser: SiteBrowser;
const pageText = (page: Page, selector: string) =>
  page.$eval(selector, (e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim());

beforeAll(async () => {
  out = inject('sampleOut');
  web = path.join(out, 'web');
  browser = await siteBrowser([web, out]);
});
afterAll(() => browser?.close());

describe('the web edition of the Derby sample', () => {
  it('lists every entry of the contents on its home page, with its number, flag and remark, in order', () => {
    const contents = select('nav.contents', parse(path.join(web, 'index.html')))!;
    const entries = selectAll('li', contents).flatMap((li) => {
      const link = li.children.find((c): c is Element => c.type === 'element' && c.tagName === 'a');
      const number = link && select('.entry-number', link);
      if (!number) return [];
      return [
        {
          number: text(number),
          title: text(select('.entry-title', link)!),
          flag: text(select(':scope > .flag', li)),
          remark: text(select(':scope > .entry-remark', li)).replace(/^– /, ''),
        },
      ];
    });
    expect(entries).toEqual(SEED);
    expect(selectAll('li.contents-see-also', contents)).toHaveLength(9);
    expect(selectAll('li.contents-note', contents).map(text)).toEqual([
      'In an emergency, please refer to the following procedures:',
    ]);
    for (const a of selectAll('li.contents-outside > a', contents))
      expect(String(a.properties.href)).toMatch(/^https:\/\//);
  });

  it('opens with the title block, the downloads beside it and a feed to register for', () => {
    const home = parse(path.join(web, 'index.html'));
    expect(text(select('.title-page', home)!)).toBe(
      "Derby City Children's Social Care Procedures Derby City Council February 2025 edition Published 3 February 2025 Next update: August 2025",
    );
    expect(selectAll('.downloads a', home).map((a) => a.properties.href)).toEqual([
      '../derby-childrens-social-care-2025-02.pdf',
      '../derby-childrens-social-care-2025-02-print.pdf',
      '../derby-childrens-social-care-2025-02.epub',
    ]);
    expect(select('link[rel=alternate][type="application/atom+xml"]', home)!.properties.href).toBe('feed.xml');
    expect(selectAll('.quick-links a', home)).toHaveLength(10);
  });

  it('has no broken link: every local file and every #fragment a page links to is there', () => {
    expect(brokenLinks(web)).toEqual([]);
  });

  it('leads from the home page to a chapter with its breadcrumb, banner, body, PDF page and neighbours', async () => {
    const page = await browser.open(path.join(web, 'index.html'));
    await Promise.all([
      page.waitForNavigation(),
      page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLAnchorElement>('nav.contents a'))
          .find((a) => a.textContent!.includes('Staying Put Policy'))!
          .click(),
      ),
    ]);
    expect(page.url()).toMatch(/\/web\/chapters\/children-in-care\/staying-put\.html$/);
    expect(await page.$$eval('nav.breadcrumb li', (items) => items.map((li) => li.textContent!.trim()))).toEqual([
      'Contents',
      '6 Children in Care',
      '6.7 Leaving Care',
    ]);
    expect(await pageText(page, 'h1')).toBe('6.7.6 Staying Put Policy');
    expect(await pageText(page, '.change-banner')).toBe(
      'UPDATED Updated in February 2025. The Staying Put allowance rates for 2025 have been added.',
    );
    expect((await pageText(page, '.chapter-body')).length).toBeGreaterThan(1000);
    expect(await pageText(page, '.pdf-page')).toMatch(/^In the partner PDF this chapter starts on page \d+\.$/);
    const pdf = await page.$eval('.pdf-page a', (a) => a.getAttribute('href'));
    expect(pdf).toMatch(/^\.\.\/\.\.\/\.\.\/derby-childrens-social-care-2025-02\.pdf#page=\d+$/);
    const at = SEED.findIndex((e) => e.number === '6.7.6');
    const [before, after] = [SEED[at - 1], SEED[at + 1]];
    expect(await pageText(page, '.pager-previous')).toBe(`Previous ${before.number} ${before.title}`);
    await Promise.all([page.waitForNavigation(), page.click('.pager-next a')]);
    expect(await pageText(page, 'h1')).toBe(`${after.number} ${after.title}`);
    await page.close();
  });

  it('finds a chapter by a word of its body as the reader types, and leads to it from the keyboard', async () => {
    const page = await browser.open(path.join(web, 'sections', 'sec-children-in-care.html'));
    await page.focus('#search-input');
    // A word only the body of 6.7.6 and one other chapter use.
    await page.keyboard.type('23CZA');
    await page.waitForSelector('#search-results a');
    const results = await page.$$eval('#search-results .result-title', (titles) => titles.map((t) => t.textContent));
    expect(results[0]).toBe('6.7.6 Staying Put Policy, section 1 What Staying Put Means');
    expect(problemsOf(page)).toEqual([]);
    expect(await pageText(page, '#search-status')).toMatch(/^\d+ match(es)?/);
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.closest('#search-results') !== null);
    expect(focused).toBe(true);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(decodeURIComponent(page.url())).toMatch(
      /\/web\/chapters\/children-in-care\/staying-put\.html#ch-children-in-care\.staying-put--what-staying-put-means$/,
    );
    await page.close();
  });

  it("takes a link to another chapter's heading to that heading on that chapter's page", async () => {
    const page = await browser.open(
      path.join(web, 'chapters', 'friends-and-family', 'placements-with-connected-persons.html'),
    );
    const heading = 'ch-friends-and-family.placements-with-parents--assessment-and-checks-before-placement';
    await Promise.all([
      page.waitForNavigation(),
      page.evaluate(
        (label) =>
          Array.from(document.querySelectorAll<HTMLAnchorElement>('.chapter-body a'))
            .find((a) => a.textContent === label)!
            .click(),
        '5.6 Placements with Parents, Section 1.2 Assessment and Checks before Placement',
      ),
    ]);
    const url = new URL(page.url());
    expect(url.pathname).toMatch(/\/web\/chapters\/friends-and-family\/placements-with-parents\.html$/);
    expect(decodeURIComponent(url.hash)).toBe(`#${heading}`);
    expect(await page.evaluate((id) => document.getElementById(id)?.textContent, heading)).toBe(
      '1.2 Assessment and Checks before Placement',
    );
    await page.close();
  });

  it('offers an Atom feed with an entry for every edition', () => {
    const errors: string[] = [];
    const xml = readFileSync(path.join(web, 'feed.xml'), 'utf8');
    const report = (message: string) => void errors.push(message);
    const doc = new DOMParser({
      errorHandler: { warning: report, error: report, fatalError: report },
    }).parseFromString(xml, 'application/xml');
    expect(errors).toEqual([]);
    const feed = doc.documentElement!;
    expect([feed.localName, feed.namespaceURI]).toEqual(['feed', 'http://www.w3.org/2005/Atom']);
    const child = (parent: typeof feed, name: string) =>
      Array.from(parent.childNodes as unknown as ArrayLike<typeof feed>).filter((n) => n.localName === name);
    for (const name of ['id', 'title', 'updated', 'author']) expect(child(feed, name)).toHaveLength(1);
    expect(child(feed, 'id')[0].textContent).toMatch(/^urn:uuid:/);
    const entries = child(feed, 'entry');
    expect(entries.map((e) => child(e, 'title')[0].textContent)).toEqual([
      'February 2025 edition',
      'August 2017 edition',
    ]);
    for (const entry of entries) {
      for (const name of ['id', 'title', 'updated', 'link']) expect(child(entry, name).length).toBeGreaterThan(0);
      expect(child(entry, 'updated')[0].textContent).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
    }
    expect(child(entries[0], 'content')[0].textContent).toContain(
      '<a href="chapters/children-in-care/staying-put.html">Staying Put Policy</a>',
    );
  });

  it.each([
    ['the home page', 'index.html'],
    ['a section page', 'sections/sec-children-in-care.html'],
    ['a subsection page', 'sections/sec-care-planning.html'],
    ['a chapter page with its banner', 'chapters/children-in-care/staying-put.html'],
    ['a chapter page with tables', 'chapters/permanence/permanency-policy.html'],
    ['the amendments page', 'amendments.html'],
  ])('gives axe-core nothing to report on %s', async (_, file) => {
    const page = await browser.open(path.join(web, file));
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('gives axe-core nothing to report with the search results open', async () => {
    const page = await browser.open(path.join(web, 'index.html'));
    await page.focus('#search-input');
    await page.keyboard.type('placement');
    await page.waitForSelector('#search-results a');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('reads at 320 px wide without sideways scrolling; tables scroll in their own box', async () => {
    for (const file of ['index.html', 'chapters/permanence/permanency-policy.html', 'amendments.html']) {
      const page = await browser.open(path.join(web, file), { width: 320 });
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth), file).toBeLessThanOrEqual(320);
      await page.close();
    }
  });

  it('keeps its contents working without JavaScript, the search box hidden', async () => {
    const page = await browser.open(path.join(web, 'index.html'), { javascript: false });
    expect(await page.$eval('[role=search]', (e) => (e as HTMLElement).offsetParent === null)).toBe(true);
    await Promise.all([page.waitForNavigation(), page.click('.quick-links a')]);
    expect(await pageText(page, 'h1')).toBe('1 All Children');
    await page.close();
  });

  it('works from file:// under its Content-Security-Policy: nothing refused, nothing asked of any other place', async () => {
    const page = await browser.open(path.join(web, 'chapters', 'children-in-care', 'staying-put.html'));
    expect(await page.$eval('link[rel=stylesheet]', (l) => (l as HTMLLinkElement).sheet !== null)).toBe(true);
    expect(
      await page
        .$eval('img.logo, .chapter-body img', (i) => (i as HTMLImageElement).naturalWidth > 0)
        .catch(() => true),
    ).toBe(true);
    await page.focus('#search-input');
    await page.keyboard.type('placement');
    await page.waitForSelector('#search-results a');
    expect(problemsOf(page)).toEqual([]);
    expect(browser.blocked).toEqual([]);
    await page.close();
  });
});
