import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { darkPixels, MM, passage, rowsMarked, wordsOn } from '../helpers/change-bars.ts';
import { ace, epubcheck } from '../helpers/epub.ts';
import { check, edit, manual, removeCopies, scratchDir } from '../helpers/fixture.ts';
import { pdfPages } from '../helpers/pdf.ts';
import { nextLocalEdition, run, sharedRegionStory, type Region } from '../helpers/regional.ts';

/**
 * A local manual's edition carries the base's amendment items as regional updates, its release
 * records the base edition and chapter checksums, and `verify` proves them against the base's
 * own release: on the region's story (base 2026-02 and 2026-08 released, torbay 2026-03
 * released on 2026-02, torbay 2026-09 unreleased on 2026-08).
 */

let region: Region;
const torbay = (name: string) => path.join(region.torbay, name);
const output = (edition: string, ending: string) =>
  torbay(`dist/torbay-childrens-safeguarding-procedures-${edition}${ending}`);
const record = (root: string, edition: string) =>
  JSON.parse(readFileSync(path.join(root, 'archive', edition, 'release.json'), 'utf8'));
const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The amendments appendix's tables read by column: chapter names on the left, details on the right. */
function appendixColumns(pdf: string, from: string, to?: string): { names: string; details: string } {
  const text = pdfPages(pdf, true).join('\n');
  const start = text.indexOf(from);
  const part = text.slice(start, to === undefined ? undefined : text.indexOf(to, start));
  const lines = part.split('\n');
  const at = Math.max(...lines.map((line) => line.indexOf('Details')));
  return {
    names: squeeze(lines.map((line) => line.slice(0, at)).join(' ')),
    details: squeeze(lines.map((line) => line.slice(at)).join(' ')),
  };
}

const DETAILS = {
  assessment: "Section 2, Timescales, adds a manager's review of assessments open at 35 working days.",
  conferences: 'Conferences that cannot be held in time are escalated; children may bring an advocate.',
  strategy: 'Schools and early years settings take part in strategy discussions where appropriate.',
};

beforeAll(async () => {
  region = await sharedRegionStory();
  run(['build'], region.torbay);
}, 300_000);

afterAll(removeCopies);

describe('a local release records the base it carried', () => {
  it("writes the base's edition and the SHA-256 of each of its chapters into release.json", () => {
    const base = record(region.torbay, '2026-03').base;
    const released = record(region.base, '2026-02');
    expect(base.path).toBe('../base');
    expect(base.title).toBe('South West Child Protection Procedures');
    expect(base.edition).toEqual({ id: '2026-02', label: 'February 2026', date: '2026-02-02' });
    expect(Object.keys(base.chapters).sort()).toEqual(Object.keys(released.chapters).sort());
    for (const [id, sha256] of Object.entries(base.chapters)) expect(sha256).toBe(released.chapters[id].sha256);
    expect(base.substituted).toEqual(['child-protection/conferences']);
    // The local chapter printed in the substituted one's place is not the base's file.
    expect(record(region.torbay, '2026-03').chapters['child-protection/conferences'].sha256).not.toBe(
      base.chapters['child-protection/conferences'],
    );
  });

  it('records each base entry left out with its reason, which no output prints', () => {
    const base = record(region.plymouth, '2026-03').base;
    expect(base.leftOut).toEqual([
      {
        target: 'child-protection/secure-accommodation',
        reason: 'Plymouth places through the regional secure welfare service; see its own procedure.',
      },
    ]);
    expect(record(region.torbay, '2026-03').base.leftOut).toEqual([]);
  });

  it('names, for a date, the regional edition the edition then in force carried', () => {
    const said = manual(['at', '2026-03-15', '--root', region.torbay]);
    expect(said.status).toBe(0);
    expect(said.stdout).toContain(
      'It carried the South West Child Protection Procedures, February 2026 edition (2026-02), from ../base',
    );
  });

  it("lists the base's edition and checksums in the archive's index", () => {
    const index = readFileSync(torbay('archive/index.md'), 'utf8');
    expect(index).toContain(
      'Regional base: South West Child Protection Procedures, February 2026 edition (2026-02), from `../base`.',
    );
    const base = record(region.torbay, '2026-03').base;
    expect(index).toContain(`| referrals/assessment | \`${base.chapters['referrals/assessment']}\` |`);
    expect(index).toContain('| child-protection/conferences (substituted) |');
    const json = JSON.parse(readFileSync(torbay('archive/index.json'), 'utf8'));
    expect(json[0].base.edition.id).toBe('2026-02');
  });
});

describe("the next local edition lists the base's updates", () => {
  it("lists the base's items in the partner PDF's appendix, by the local numbers, with the base's details", () => {
    const { names, details } = appendixColumns(output('2026-09', '.pdf'), 'Updated Chapters', 'Archive');
    expect(names).toContain('Regional update (August 2026): 1.4 Assessment of Children in Need');
    expect(names).toContain('Regional update (August 2026): 2.1 Strategy Discussions');
    expect(names).toContain('Regional update (August 2026): 2.2 Child Protection Conferences in Torbay');
    for (const text of Object.values(DETAILS)) expect(details).toContain(text);
    expect(details).toContain("The regional procedure changed; this manual's own chapter stands in its place.");
    // The base edition torbay 2026-03 carried listed nothing: its archived edition lists no regional update.
    expect(
      pdfPages(output('2026-09', '.pdf'))
        .join('\n')
        .match(/Regional update/g),
    ).toHaveLength(3);
  });

  it('flags the changed base chapters Updated in the contents, not the substituted one', () => {
    const contents = pdfPages(output('2026-09', '.pdf'), true)[1];
    expect(contents).toMatch(/1\.4 Assessment of Children in Need UPDATED/);
    expect(contents).toMatch(/2\.1 Strategy Discussions UPDATED/);
    expect(contents).toMatch(/2\.2 Child Protection Conferences in Torbay\s+Local\s+\d/);
  });

  it("bars the base's changed paragraph, and not the one after it", () => {
    const pdf = output('2026-09', '.pdf');
    const page = pdfPages(pdf).findIndex((p) => /team manager reviews it/.test(p)) + 1;
    const words = wordsOn(pdf, page);
    const left = Math.min(...words.map((w) => w.x0));
    const dark = darkPixels(pdf, page);
    const bars = (first: string[], last: string) => {
      const { top, bottom } = passage(words, first, last);
      return rowsMarked(dark, left - 6 * MM, left - 1 * MM, top + 1, bottom - 1);
    };
    const changed = bars(['The', 'maximum', 'timeframe'], 'continues.');
    expect(changed.rows).toBeGreaterThan(20);
    expect(changed.marked).toBe(changed.rows);
    expect(bars(['A', 'good', 'assessment'], 'appropriate.').marked).toBe(0);
    const text = squeeze(pdfPages(pdf)[page - 1]);
    expect(text).toContain('Updated in September 2026, a regional update (August 2026).');
  });

  it('shows the regional items on the web amendments page', () => {
    const html = readFileSync(torbay('dist/web/amendments.html'), 'utf8');
    const text = squeeze(html.replace(/<[^>]+>/g, ' ')).replaceAll('&#x27;', "'");
    expect(text).toContain('Regional update (August 2026): 1.4 Assessment of Children in Need');
    expect(text).toContain(`2.2 Child Protection Conferences in Torbay ${DETAILS.conferences}`);
    expect(html).toMatch(
      /<a href="chapters\/referrals\/assessment\.html#[^"]+">1\.4 Assessment of Children in Need<\/a>/,
    );
  });

  it('keeps the EPUB valid and accessible with the regional items', () => {
    const epub = output('2026-09', '.epub');
    const result = epubcheck(epub);
    expect(result.output).toMatch(/No errors or warnings detected/);
    expect(ace(epub, scratchDir('ace-regional-'))).toEqual([]);
  }, 600_000);
});

describe('the release gate and verify', () => {
  it('accepts the base chapters the base listed, and still finds one it did not list', async () => {
    expect((await check(region.torbay)).filter((d) => d.includes('does not list it'))).toEqual([]);
    const file = 'chapters/referrals/making-a-referral.md';
    const before = readFileSync(path.join(region.base, file), 'utf8');
    edit(region.base, file, 'should make a referral', 'should make a referral promptly');
    const found = (await check(region.torbay)).filter((d) => d.includes('does not list it'));
    writeFileSync(path.join(region.base, file), before);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('chapter "referrals/making-a-referral" has changed since the March 2026 release');
  });

  it('releases torbay 2026-09 without local items, recording the base edition it carries', () => {
    run(['release'], region.torbay);
    const base = record(region.torbay, '2026-09').base;
    expect(base.edition.id).toBe('2026-08');
    expect(base.chapters['referrals/assessment']).toBe(
      record(region.base, '2026-08').chapters['referrals/assessment'].sha256,
    );
  }, 300_000);

  it("proves each release's base against the base's own release, and fails when they disagree", () => {
    const ok = run(['verify'], region.torbay);
    expect(ok).toMatch(
      /2026-03: ok, \d+ files match release\.json; the base's February 2026 edition \(4 chapters\) matches \.\.\/base\/archive\/2026-02\/release\.json/,
    );
    expect(ok).toMatch(
      /2026-09: ok, \d+ files match release\.json; the base's August 2026 edition \(4 chapters\) matches/,
    );
    const baseRecord = path.join(region.base, 'archive/2026-02/release.json');
    const text = readFileSync(baseRecord, 'utf8');
    const recorded = JSON.parse(text).chapters['referrals/assessment'].sha256;
    writeFileSync(baseRecord, text.replace(recorded, '0'.repeat(64)));
    const failed = manual(['verify', '--root', region.torbay, '-q']);
    writeFileSync(baseRecord, text);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('2026-03: FAILED');
    expect(failed.stdout).toContain(`the base chapter "referrals/assessment" was carried with SHA-256 ${recorded}`);
    expect(failed.stdout).toMatch(/2026-09: ok/);
  });

  it("warns that a base edition could not be proved when the base's release is not there", () => {
    const folder = path.join(region.base, 'archive/2026-08');
    renameSync(folder, `${folder}-away`);
    const result = manual(['verify', '--root', region.torbay, '-q']);
    renameSync(`${folder}-away`, folder);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      "warning: the base's August 2026 edition it carried could not be proved: ../base/archive/2026-08/release.json is not there",
    );
  });

  it("keeps a released edition's regional updates in the appendix's archive", () => {
    nextLocalEdition(region.torbay, '2026-10', '2026-10-05');
    run(['build'], region.torbay);
    const pdf = output('2026-10', '.pdf');
    const { names, details } = appendixColumns(pdf, 'Updated Chapters', 'March 2026');
    expect(names).toContain('Regional update (August 2026): Assessment of Children in Need');
    expect(details).toContain(DETAILS.strategy);
    // The current edition carries the same base edition as the one before it: nothing new.
    expect(
      pdfPages(pdf)
        .join('\n')
        .match(/Regional update/g),
    ).toHaveLength(3);
  }, 300_000);
});
