import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edit, filesUnder, manual, removeCopies, write } from '../helpers/fixture.ts';
import { copyRegion, moveBase, run, type Region } from '../helpers/regional.ts';

afterAll(removeCopies);

/** The line of `file` (under `root`) holding `part`, counting from 1. */
function lineOf(root: string, file: string, part: string): number {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(part));
  expect(index, `"${part}" is in ${file}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/** `manual check` on a manual: its exit status and what it printed. */
function check(root: string): { status: number | null; output: string } {
  const result = manual(['check', '--root', root]);
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('a local change naming what the base does not have', () => {
  it('is an error at its line of the contents, and a failed build leaves dist/ as it was', () => {
    const region = copyRegion();
    const { torbay } = region;
    run(['build'], torbay);
    const before = filesUnder(path.join(torbay, 'dist'));
    expect(before.size).toBeGreaterThan(0);
    edit(torbay, 'chapters/contents.yml', 'after: referrals/making-a-referral', 'after: referrals/making-a-referal');
    edit(torbay, 'chapters/contents.yml', 'end: "#child-protection"', 'end: "#child-protectoin"');
    const checked = check(torbay);
    expect(checked.status).toBe(1);
    const after = lineOf(torbay, 'chapters/contents.yml', 'making-a-referal');
    const end = lineOf(torbay, 'chapters/contents.yml', 'child-protectoin');
    expect(checked.output).toMatch(
      new RegExp(
        `^chapters/contents\\.yml:${after}:\\d+: error: "referrals/making-a-referal" is not an entry of the base manual\\n  fix: did you mean "referrals/making-a-referral"\\?`,
        'm',
      ),
    );
    expect(checked.output).toMatch(
      new RegExp(
        `^chapters/contents\\.yml:${end}:\\d+: error: "#child-protectoin" is not an entry of the base manual\\n  fix: did you mean "#child-protection"\\?`,
        'm',
      ),
    );
    const built = manual(['build', '--root', torbay, '-q']);
    expect(built.status).toBe(1);
    expect(built.stderr).toContain('making-a-referal');
    expect(filesUnder(path.join(torbay, 'dist'))).toEqual(before);
  }, 120_000);
});

describe('a base that cannot be built on', () => {
  it('base-missing: a base path that holds no manual, at the base line', () => {
    const { torbay } = copyRegion();
    edit(torbay, 'chapters/contents.yml', 'path: ../base', 'path: ../regional');
    const checked = check(torbay);
    expect(checked.status).toBe(1);
    const line = lineOf(torbay, 'chapters/contents.yml', 'path: ../regional');
    expect(checked.output).toMatch(
      new RegExp(
        `^chapters/contents\\.yml:${line}:\\d+: error: the base \\.\\./regional has no chapters/contents\\.yml`,
        'm',
      ),
    );
  });

  it("base-document: a base's document entry, at the base's own contents line", () => {
    const region = copyRegion();
    write(region.base, 'chapters/referral-form.pdf', '%PDF-1.4\n%%EOF\n');
    edit(
      region.base,
      'chapters/contents.yml',
      '      - chapter: referrals/assessment\n',
      '      - chapter: referrals/assessment\n      - document: referral-form.pdf\n        title: Referral Form\n',
    );
    expect(check(region.base).status).toBe(0);
    const checked = check(region.torbay);
    expect(checked.status).toBe(1);
    const line = lineOf(region.base, 'chapters/contents.yml', 'document: referral-form.pdf');
    expect(checked.output).toMatch(
      new RegExp(
        `^\\.\\./base/chapters/contents\\.yml:${line}:\\d+: error: the base's document chapters/referral-form\\.pdf cannot be carried into a local manual yet`,
        'm',
      ),
    );
  });

  it('local-information-marker: text before the first marker, at its line', () => {
    const { plymouth } = copyRegion();
    const file = 'chapters/local/referral-information.md';
    write(plymouth, file, `Plymouth's own words, with no place.\n\n${readFileSync(path.join(plymouth, file), 'utf8')}`);
    const checked = check(plymouth);
    expect(checked.status).toBe(1);
    expect(checked.output).toMatch(
      /^chapters\/local\/referral-information\.md:1:1: error: this text comes before the first block marker, so it has no place in the chapter$/m,
    );
  });
});

describe('the pin: edition: names the base release the local manual is built on', () => {
  let region: Region;
  let commit: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', region.base, '-c', 'user.name=Region', '-c', 'user.email=region@example.org', ...args], {
      encoding: 'utf8',
    }).trim();

  beforeAll(() => {
    region = copyRegion();
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'The February 2026 edition');
    commit = git('rev-parse', 'HEAD');
    run(['release'], region.base);
    expect(existsSync(path.join(region.base, 'archive/2026-02/release.json'))).toBe(true);
    edit(region.torbay, 'chapters/contents.yml', 'path: ../base\n', 'path: ../base\n  edition: 2026-02\n');
  }, 240_000);

  it('passes when the base is its 2026-02 release', () => {
    const checked = check(region.torbay);
    expect(checked.output).not.toMatch(/: error:/);
    expect(checked.output).toContain('no errors');
    expect(checked.status).toBe(0);
  });

  it('fails when a base chapter was edited after that release, naming the chapter and the commit', () => {
    const chapter = 'chapters/referrals/assessment.md';
    const released = readFileSync(path.join(region.base, chapter), 'utf8');
    write(region.base, chapter, `${released}\nA paragraph added after the release.\n`);
    try {
      const checked = check(region.torbay);
      expect(checked.status).toBe(1);
      const line = lineOf(region.torbay, 'chapters/contents.yml', 'path: ../base');
      expect(checked.output).toMatch(
        new RegExp(
          `^chapters/contents\\.yml:${line}:\\d+: error: the base's chapters are not its 2026-02 release: referrals/assessment changed since\\n  fix: check the base out at its release \\(git -C \\.\\./base checkout ${commit}\\)$`,
          'm',
        ),
      );
    } finally {
      write(region.base, chapter, released);
    }
    expect(check(region.torbay).status).toBe(0);
  });

  it('fails when the base moved to 2026-08, saying which edition it is at', () => {
    moveBase(region);
    const checked = check(region.torbay);
    expect(checked.status).toBe(1);
    expect(checked.output).toContain(
      'error: the base ../base is at its edition 2026-08, not 2026-02 as "edition" pins it\n  fix: pin "edition: 2026-08" to move to it',
    );
  });
});
