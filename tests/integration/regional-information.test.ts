import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../scripts/core/diagnostics.ts';
import { buildBook } from '../../scripts/pipeline/pipeline.ts';
import { axeViolations, problemsOf, siteBrowser } from '../helpers/browser.ts';
import { ace, epubcheck, openEpub } from '../helpers/epub.ts';
import { edit, manual, removeCopies, scratchDir } from '../helpers/fixture.ts';
import { hasColour, pdfLinks, pdfPages } from '../helpers/pdf.ts';
import { startPreview } from '../helpers/processes.ts';
import { copyRegion, run, type Region } from '../helpers/regional.ts';

const TITLE = 'Local information: Plymouth City Council';
const GATEWAY = 'In Plymouth, refer to the Gateway on 01752 668000';
const CONFIRMS = "Plymouth's Gateway confirms every referral in writing";
const TEAMS = 'Plymouth strategy discussions are held on Microsoft Teams';
const INFORMATION = 'chapters/local/referral-information.md';

let region: Region;
let dist: string;
const output = (ending: string) =>
  path.join(
    dist,
    readdirSync(dist).find((f) => f.endsWith(ending))!,
  );
/** Words only, on one line: what a reader sees of a page or a file. */
const words = (text: string) => text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(() => {
  region = copyRegion();
  run(['build'], region.plymouth);
  dist = path.join(region.plymouth, 'dist');
}, 120_000);
afterAll(removeCopies);

/** Where each of `texts` is found in `text`, each looked for after the one before it (-1: not found). */
function places(text: string, texts: string[]): number[] {
  let from = 0;
  return texts.map((t) => {
    const at = from < 0 ? -1 : text.indexOf(t, from);
    from = at < 0 ? -1 : at + t.length;
    return at;
  });
}
/** Every one was found, each after the one before it. */
const inOrder = (at: number[]) => at.every((n) => n >= 0);

describe("Plymouth's local information in the base's chapters", () => {
  it('is a titled callout in the HTML edition, after the section it follows and before the next', () => {
    const html = readFileSync(output('-2026-03.html'), 'utf8');
    const text = words(html);
    expect(places(text, ['Who May Refer', TITLE, GATEWAY, 'Information to Include'])).toSatisfy(inOrder);
    expect(places(text, ['What Happens Next', TITLE, CONFIRMS, '2.1 Strategy Discussions'])).toSatisfy(inOrder);
    expect(places(text, ['Attendance', TITLE, TEAMS, 'Recording'])).toSatisfy(inOrder);
    expect(html.match(/<aside class="local-information"/g)).toHaveLength(3);
    // The link from the information to a base chapter, written from the local file, leads to that chapter.
    expect(html).toMatch(
      /<a href="#ch-child-protection\.strategy-discussions">2\.1 Strategy Discussions<\/a> for what follows/,
    );
    // No id is given twice on the one page.
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('prints in the partner PDF where it belongs, and its link opens the chapter it names', () => {
    const file = output('-2026-03.pdf');
    const pages = pdfPages(file);
    const text = words(pages.join(' '));
    expect(places(text, ['1 Who May Refer', TITLE, GATEWAY, '2 Information to Include'])).toSatisfy(inOrder);
    expect(places(text, ['2 Attendance', TITLE, TEAMS, '3 Recording'])).toSatisfy(inOrder);
    const from = pages.findIndex((p) => p.includes("Plymouth's Gateway confirms")) + 1;
    const target = pages.findIndex((p) => /2\.1\s+Strategy Discussions\s+Whenever/.test(p)) + 1;
    const link = pdfLinks(file, from).find((l) => l.text.includes('Strategy'));
    expect(link?.page).toBe(target);
  });

  it('prints in the binder PDF without colour, each title on the page of its text', () => {
    const file = output('-print.pdf');
    const pages = pdfPages(file);
    const on = pages.flatMap((p, i) => (p.includes(TITLE) ? [i + 1] : []));
    expect(pages.join('\f').split(TITLE)).toHaveLength(4);
    for (const page of on) expect(hasColour(file, page)).toBe(false);
    for (const text of [GATEWAY, CONFIRMS, TEAMS])
      expect(places(words(pages.find((p) => words(p).includes(text)) ?? ''), [TITLE, text])).toSatisfy(inOrder);
  });

  it('is in the EPUB, which epubcheck and Ace pass', async () => {
    const file = output('.epub');
    const epub = await openEpub(file);
    const chapter = words(await epub.text('OEBPS/ch-referrals.making-a-referral.xhtml'));
    expect(places(chapter, ['Who May Refer', TITLE, GATEWAY, 'Information to Include'])).toSatisfy(inOrder);
    expect(words(await epub.text('OEBPS/ch-child-protection.strategy-discussions.xhtml'))).toContain(TEAMS);
    const checked = epubcheck(file);
    expect(checked.output).not.toMatch(/\b(ERROR|FATAL|WARNING)\b/);
    expect(checked.status).toBe(0);
    expect(ace(file, scratchDir('ace-')).map((v) => `${v.rule} (${v.impact}) in ${v.file}: ${v.html}`)).toEqual([]);
  }, 300_000);

  it("is on the web edition's chapter page, which axe passes, and its link leads to the chapter", async () => {
    const web = path.join(dist, 'web');
    const browser = await siteBrowser([web]);
    try {
      const page = await browser.open(path.join(web, 'chapters/referrals/making-a-referral.html'));
      const text = (await page.evaluate(() => document.querySelector('main')!.innerText)).replace(/\s+/g, ' ');
      expect(places(text, ['Who May Refer', TITLE, GATEWAY, 'Information to Include'])).toSatisfy(inOrder);
      const href = await page.evaluate(
        () =>
          Array.from(document.querySelectorAll<HTMLAnchorElement>('.local-information a')).find((a) =>
            a.textContent!.includes('2.1'),
          )!.href,
      );
      expect(href).toMatch(/\/chapters\/child-protection\/strategy-discussions\.html(#[^/]*)?$/);
      expect(problemsOf(page)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});

describe('what the local information changes', () => {
  it("changes the hash of what its chapter prints, and no other chapter's", async () => {
    const hashes = async () => {
      const diagnostics = new Diagnostics();
      const book = await buildBook(region.plymouth, diagnostics);
      expect(diagnostics.errors).toEqual([]);
      return new Map(book!.chapters.map((c) => [c.id, c.contentSha256]));
    };
    const before = await hashes();
    edit(region.plymouth, INFORMATION, 'office hours', 'weekdays, 9 to 5');
    const after = await hashes();
    edit(region.plymouth, INFORMATION, 'weekdays, 9 to 5', 'office hours');
    const changed = [...before].filter(([id, sha]) => after.get(id) !== sha).map(([id]) => id);
    expect(changed).toEqual(['referrals/making-a-referral']);
  }, 60_000);

  it('is an error at the marker when it names a heading the base chapter does not have', () => {
    const copy = copyRegion();
    edit(copy.plymouth, INFORMATION, '<!-- after: #who-may-refer -->', '<!-- after: #who-can-refer -->');
    const result = manual(['check', '--root', copy.plymouth]);
    const out = `${result.stdout}${result.stderr}`;
    expect(result.status).not.toBe(0);
    const line = out.split('\n').find((l) => l.includes('has no heading "#who-can-refer"'));
    expect(line).toContain(`${INFORMATION}:1:`);
    expect(line).toContain('the base chapter ../base/chapters/referrals/making-a-referral.md');
    expect(out).toContain(
      'the base may have renamed it: name one of its headings, e.g. "<!-- after: #who-may-refer -->"',
    );
  });

  it('is an error at its line when it has a heading of its own', () => {
    const copy = copyRegion();
    edit(copy.plymouth, INFORMATION, '<!-- end -->\n', '<!-- end -->\n\n## Out of hours\n');
    const result = manual(['check', '--root', copy.plymouth]);
    const out = `${result.stdout}${result.stderr}`;
    expect(result.status).not.toBe(0);
    expect(out.split('\n').find((l) => l.includes('a heading of its own'))).toContain(`${INFORMATION}:8:`);
  });

  it('shows in the preview again once its file is saved', async () => {
    const copy = copyRegion();
    const preview = await startPreview(copy.plymouth);
    try {
      const chapter = async () => (await fetch(`${preview.address}chapters/referrals/making-a-referral.html`)).text();
      expect(await chapter()).toContain('01752 668000');
      edit(copy.plymouth, INFORMATION, '01752 668000', '01752 999999');
      const deadline = Date.now() + 30_000;
      let page = await chapter();
      while (!page.includes('01752 999999') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        page = await chapter();
      }
      expect(page).toContain('01752 999999');
      expect(page).not.toContain('01752 668000');
    } finally {
      preview.child.kill();
    }
  }, 90_000);
});
