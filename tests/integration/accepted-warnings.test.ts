import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, copyManual, edit, manual, removeCopies, write } from '../helpers/fixture.ts';

afterAll(removeCopies);

const CONTENTS = 'chapters/contents.yml';
const VISITS = 'chapters/care/visits.md';

/**
 * The small fixture with warnings a team has looked at: two chapters of a legacy folder the
 * contents does not list yet (accepted there by a glob), an image with no text alternative (its
 * chapter accepts it), a link written for the old site (not accepted), and an acceptance of a
 * warning no chapter has any more.
 */
function acceptingManual(): string {
  const root = copyManual();
  mkdirSync(path.join(root, 'chapters/legacy/forms'), { recursive: true });
  write(root, 'chapters/legacy/intake.md', '# Intake\n\nOld text.\n');
  write(root, 'chapters/legacy/forms/referral.md', '# Referral\n\nOld text.\n');
  edit(root, VISITS, '# Visits\n', '---\naccept:\n  - image-no-alt\n---\n# Visits\n');
  appendFileSync(path.join(root, VISITS), '\n![](../images/flow.svg)\n');
  edit(root, 'chapters/help/early-help.md', '[visits](../care/visits.md)', '[visits](../care/visits.html)');
  appendFileSync(
    path.join(root, CONTENTS),
    [
      'accept:',
      '  - rule: unlisted-chapter',
      '    paths: [chapters/legacy/**]',
      '    reason: kept until the move is finished',
      '  - rule: image-on-the-web',
      '',
    ].join('\n'),
  );
  return root;
}

const SHOWN = [
  'chapters/contents.yml:28:11: warning: no "image-on-the-web" warning is left to accept',
  '  fix: delete this acceptance, so that the warning shows again if it comes back',
  'chapters/help/early-help.md:7:59: warning: link to ../care/visits.html is written for a web site; the editions take it to chapter care/visits.md',
  '  fix: link to the chapter\'s file: "../care/visits.md"',
];

describe('accepted warnings', () => {
  const root = acceptingManual();

  it('are left out of what check prints, which counts them by where they are accepted', () => {
    const result = manual(['check', '--root', root]);
    expect(result.status).toBe(0);
    expect(result.stderr.split('\n')).toEqual([
      ...SHOWN,
      '0 errors, 2 warnings; 3 warnings accepted (contents.yml: 2, front matter: 1)',
      '',
    ]);
    expect(result.stdout).toContain('no errors');
  });

  it('are still reported by every stage: only printing leaves them out', async () => {
    const all = await check(root);
    expect(all.filter((line) => line.includes('is not listed in the contents'))).toHaveLength(2);
    expect(all.filter((line) => line.startsWith(`${VISITS}:11:1: warning: image`))).toHaveLength(1);
    expect(all.some((line) => line.includes('is left to accept'))).toBe(false);
  });

  it('are left out of the JSON and GitHub formats too', () => {
    const json = manual(['check', '--root', root, '--format', 'json']);
    const problems = JSON.parse(json.stdout) as { ruleId: string; line: number }[];
    expect(problems.map((p) => `${p.ruleId} ${p.line}`)).toEqual(['accepted-warning-unused 28', 'link-site-address 7']);
    const github = manual(['check', '--root', root, '--format', 'github']);
    expect(
      github.stdout
        .trim()
        .split('\n')
        .map((line) => /title=([^:]+)::/.exec(line)?.[1]),
    ).toEqual(['manual warning (accepted-warning-unused)', 'manual warning (link-site-address)']);
  });
});

describe('an acceptance of an error', () => {
  it('is itself an error, with what to do instead, and no acceptance is judged stale in a run with errors', () => {
    const root = acceptingManual();
    edit(root, VISITS, '  - image-no-alt\n', '  - image-no-alt\n  - image-missing\n');
    const result = manual(['check', '--root', root]);
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n')).toEqual([
      'chapters/care/visits.md:4:5: error: "image-missing" is an error, and only warnings can be accepted',
      '  fix: take it out of "accept" and fix what it reports: an error stops build and release',
      ...SHOWN.slice(2),
      '1 error, 1 warning; 3 warnings accepted (contents.yml: 2, front matter: 1)',
      '',
    ]);
  });

  it('in the contents is an error too, as is a rule that does not exist', () => {
    const root = acceptingManual();
    appendFileSync(path.join(root, CONTENTS), '  - rule: lost-in-output\n  - rule: link-site-adress\n');
    const result = manual(['check', '--root', root]);
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n')).toEqual([
      'chapters/contents.yml:29:11: error: "lost-in-output" is an error, and only warnings can be accepted',
      '  fix: take it out of "accept" and fix what it reports: an error stops build and release',
      'chapters/contents.yml:30:11: error: "link-site-adress" names no rule of manual check',
      '  fix: did you mean "link-site-address"?',
      '2 errors, 0 warnings',
      '',
    ]);
  });
});
