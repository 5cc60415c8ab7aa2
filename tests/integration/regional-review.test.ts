import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { check, manual, removeCopies, scratchDir } from '../helpers/fixture.ts';
import { copyRegion, run, sharedRegionStory, type Region } from '../helpers/regional.ts';
import { releasedBaseFrom, setReleasedBase } from '../helpers/released-base.ts';

afterAll(removeCopies);

const RULE = 'base-changed-under-local';
const CONFERENCES = '../base/chapters/child-protection/conferences.md';
const STRATEGY = '../base/chapters/child-protection/strategy-discussions.md';

let region: Region;

beforeAll(async () => {
  region = await sharedRegionStory();
}, 240_000);

/** A copy of the story's region, to change without changing what the other tests read. */
function copyOfStory(): Region {
  const dir = scratchDir('region-copy-');
  cpSync(region.dir, dir, { recursive: true });
  return { dir, base: path.join(dir, 'base'), torbay: path.join(dir, 'torbay'), plymouth: path.join(dir, 'plymouth') };
}

const warnings = async (root: string) => (await check(root)).filter((line) => line.includes(RULE));

describe('check warns at local content over base chapters the base changed', () => {
  test('Torbay: its substitute for the conferences chapter, with the sections changed and what the base says', async () => {
    const found = await warnings(region.torbay);
    expect(found).toHaveLength(1);
    const [warning] = found;
    expect(warning).toMatch(/^chapters\/local\/conferences\.md:1:1: warning: /);
    expect(warning).toContain(CONFERENCES);
    expect(warning).toContain('takes the place of');
    expect(warning).toContain("between the base's February 2026 and August 2026 editions");
    expect(warning).toContain("after this manual's March 2026 release");
    expect(warning).toContain('"Timescales" changed, "Who Should Attend" changed');
    expect(warning).not.toContain('The Child Protection Plan');
    expect(warning).toContain('the base says: Conferences that cannot be held in time are escalated');
  });

  test('Plymouth: its strategy information, not its referral information, whose base chapter did not change', async () => {
    const found = await warnings(region.plymouth);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^chapters\/local\/strategy-information\.md:1:1: warning: /);
    expect(found[0]).toContain(STRATEGY);
    expect(found[0]).toContain('"Attendance" changed');
    expect(found[0]).not.toContain('"Purpose"');
    expect(found[0]).toContain('the base says: Schools and early years settings take part');
    expect(found.join('\n')).not.toContain('referral-information');
  });

  test('the warning can be accepted in the local file, or for its path in the contents', () => {
    const copy = copyOfStory();
    const information = path.join(copy.plymouth, 'chapters/local/strategy-information.md');
    writeFileSync(information, `---\naccept: [${RULE}]\n---\n${readFileSync(information, 'utf8')}`);
    const contents = path.join(copy.torbay, 'chapters/contents.yml');
    writeFileSync(
      contents,
      `${readFileSync(contents, 'utf8')}accept:\n  - rule: ${RULE}\n    paths: [chapters/local/conferences.md]\n`,
    );
    const plymouth = manual(['check', '--root', copy.plymouth]);
    expect(plymouth.stderr).not.toContain(RULE);
    expect(plymouth.stderr).toContain('warning accepted (front matter: 1)');
    const torbay = manual(['check', '--root', copy.torbay]);
    expect(torbay.stderr).not.toContain(RULE);
    expect(torbay.stderr).toContain('warning accepted (contents.yml: 1)');
  });

  test('no warning when the latest release carried the base as it is, or recorded no base, or on a first edition', async () => {
    const copy = copyOfStory();
    setReleasedBase(copy.torbay, '2026-03', releasedBaseFrom(copy.base, '2026-08'));
    expect(await warnings(copy.torbay)).toEqual([]);
    setReleasedBase(copy.plymouth, '2026-03', undefined);
    expect(await warnings(copy.plymouth)).toEqual([]);
    expect(await warnings(copyRegion().torbay)).toEqual([]);
  });

  test("a base edition not yet released is read from the base's files; with no release of either edition, the change is said without sections", async () => {
    const copy = copyOfStory();
    rmSync(path.join(copy.base, 'archive/2026-08'), { recursive: true });
    const [fromFiles] = await warnings(copy.torbay);
    expect(fromFiles).toContain('"Timescales" changed, "Who Should Attend" changed');
    rmSync(path.join(copy.base, 'archive/2026-02'), { recursive: true });
    const [unknown] = await warnings(copy.torbay);
    expect(unknown).toContain(CONFERENCES);
    expect(unknown).toContain('its text changed');
    expect(unknown).toContain('the base says: Conferences that cannot be held in time are escalated');
  });
});

test('manual reviews lists the regional changes first, and does not warn of them again', () => {
  const out = manual(['reviews', '--root', region.torbay]);
  expect(out.status).toBe(0);
  const lines = out.stdout.split('\n');
  expect(lines[0]).toBe(
    'Regional changes to review: the base moved from its February 2026 to its August 2026 edition after the March 2026 release',
  );
  expect(lines[1]).toBe(
    `  chapters/local/conferences.md takes the place of ${CONFERENCES}, "Initial Child Protection Conferences"`,
  );
  expect(lines[2]).toBe('    changed: "Timescales" changed, "Who Should Attend" changed');
  expect(lines[3]).toMatch(/^ {4}the base says: Conferences that cannot be held/);
  const chapters = lines.findIndex((line) =>
    line.startsWith("Torbay Children's Safeguarding Procedures, September 2026"),
  );
  expect(chapters).toBeGreaterThan(3);
  expect(out.stderr).not.toContain(RULE);
  const plymouth = manual(['reviews', '--root', region.plymouth]).stdout;
  expect(plymouth).toContain(
    `  chapters/local/strategy-information.md is placed in ${STRATEGY}, "Strategy Discussions"`,
  );
  expect(plymouth).not.toContain('referral-information.md is placed in');
});

describe('manual diff lists the base changes apart from the local ones', () => {
  const parts = (root: string) => {
    const out = run(['diff'], root);
    const at = out.indexOf('\nLocal:\n');
    expect(at).toBeGreaterThan(0);
    return { regional: out.slice(0, at), local: out.slice(at) };
  };

  test('Torbay: the base chapters the base changed, then no local change', () => {
    const { regional, local } = parts(region.torbay);
    expect(regional).toContain(
      'Regional base: South West Child Protection Procedures, February 2026 -> August 2026 (2026-02 -> 2026-08)',
    );
    expect(regional).toMatch(
      /changed +1\.4 Assessment of Children in Need \(referrals\/assessment\): "Timescales" changed/,
    );
    expect(regional).toMatch(
      /changed +2\.2 Initial Child Protection Conferences \(child-protection\/conferences\): "Timescales" changed, "Who Should Attend" changed \[chapters\/local\/conferences\.md takes its place here\]/,
    );
    expect(regional).toContain('the base says: Conferences that cannot be held in time are escalated');
    expect(regional).not.toContain('making-a-referral');
    expect(local).toContain('no local chapter has changed');
    expect(local).not.toContain('referrals/assessment');
  });

  test('Plymouth: its leave-out with its reason under Local', () => {
    const { regional, local } = parts(region.plymouth);
    expect(regional).toMatch(
      /"Attendance" changed \[with local information from chapters\/local\/strategy-information\.md\]/,
    );
    expect(local).toContain(
      'left out    child-protection/secure-accommodation: Plymouth places through the regional secure welfare service; see its own procedure.',
    );
    expect(local).not.toContain('(since the release)');
    expect(regional).not.toContain('secure-accommodation');
  });

  test('a leave-out and a substitute put in since the release are listed as local changes, not as the base removing or changing them', async () => {
    const copy = copyOfStory();
    const contents = path.join(copy.torbay, 'chapters/contents.yml');
    cpSync(
      path.join(copy.torbay, 'chapters/local/conferences.md'),
      path.join(copy.torbay, 'chapters/local/strategy.md'),
    );
    writeFileSync(
      contents,
      readFileSync(contents, 'utf8').replace(
        'local:\n',
        'local:\n  - leave-out: child-protection/secure-accommodation\n    reason: Torbay uses the regional secure welfare service.\n  - substitute: child-protection/strategy-discussions\n    chapter: local/strategy\n',
      ),
    );
    const { regional, local } = parts(copy.torbay);
    expect(regional).not.toMatch(/removed .*secure-accommodation/);
    expect(local).toContain(
      'left out    child-protection/secure-accommodation: Torbay uses the regional secure welfare service. (since the release)',
    );
    expect(local).toMatch(
      /substituted .*\(child-protection\/strategy-discussions\): chapters\/local\/strategy\.md in the base chapter's place/,
    );
    expect(local).not.toMatch(/^changed .*strategy-discussions/m);
    // The substitute was written against the base as it is: only the older one is warned of.
    const found = await warnings(copy.torbay);
    expect(found.map((line) => line.split(':')[0])).toEqual(['chapters/local/conferences.md']);
  });
});
