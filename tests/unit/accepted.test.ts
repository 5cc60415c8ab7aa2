import { describe, expect, it } from 'vitest';
import { acceptedLine, globMatches, siftAccepted } from '../../scripts/core/accepted.ts';
import { Diagnostics, formatDiagnostic, type Acceptance, type Diagnostic } from '../../scripts/core/diagnostics.ts';
import { parseManifest } from '../../scripts/load/manifest.ts';

const warning = (file: string, ruleId: Diagnostic['ruleId'], line = 3): Diagnostic => ({
  severity: 'warning',
  file,
  line,
  column: 1,
  message: `a ${ruleId} warning`,
  ruleId,
});

const at = (line: number) => ({ file: 'chapters/contents.yml', line, column: 11 });

describe('siftAccepted', () => {
  const items: Diagnostic[] = [
    warning('chapters/legacy/intro.md', 'link-site-address'),
    warning('chapters/legacy/deep/steps.md', 'link-site-address'),
    warning('chapters/care/visits.md', 'link-site-address'),
    warning('chapters/care/visits.md', 'image-no-alt'),
    warning('chapters/care/placements.md', 'image-no-alt'),
  ];
  const legacy: Acceptance = {
    rule: 'link-site-address',
    from: 'contents.yml',
    where: at(30),
    paths: ['chapters/legacy/**'],
  };
  const visits: Acceptance = {
    rule: 'image-no-alt',
    from: 'front matter',
    where: { file: 'chapters/care/visits.md', line: 2, column: 10 },
    file: 'chapters/care/visits.md',
  };

  it('leaves out the warnings of an accepted rule in the files an acceptance covers, and counts them', () => {
    const { shown, accepted } = siftAccepted(items, [legacy, visits]);
    expect(shown.map((d) => `${d.file} ${d.ruleId}`)).toEqual([
      'chapters/care/visits.md link-site-address',
      'chapters/care/placements.md image-no-alt',
    ]);
    expect(accepted).toEqual({ 'contents.yml': 2, 'front matter': 1 });
    expect(acceptedLine(accepted)).toBe('3 warnings accepted (contents.yml: 2, front matter: 1)');
  });

  it('accepts in every file when an acceptance gives no paths, and counts a warning once, where its chapter accepts it', () => {
    const everywhere: Acceptance = { rule: 'image-no-alt', from: 'contents.yml', where: at(33) };
    const { shown, accepted } = siftAccepted(items, [everywhere, visits]);
    expect(shown.filter((d) => d.ruleId === 'image-no-alt')).toEqual([]);
    expect(accepted).toEqual({ 'contents.yml': 1, 'front matter': 1 });
  });

  it('never leaves out an error, nor what the input held', () => {
    const error: Diagnostic = { ...warning('chapters/legacy/intro.md', 'link-no-chapter'), severity: 'error' };
    const input = [...items, error];
    const copy = structuredClone(input);
    const { shown } = siftAccepted(input, [{ ...legacy, rule: 'link-no-chapter' }]);
    expect(shown).toContainEqual(error);
    expect(input).toEqual(copy);
  });

  it('warns at an acceptance that covered no warning, but only in a run without errors', () => {
    const stale: Acceptance = {
      rule: 'image-on-the-web',
      from: 'contents.yml',
      where: at(36),
      paths: ['chapters/x/*'],
    };
    const { shown } = siftAccepted(items, [legacy, stale]);
    expect(shown.filter((d) => d.ruleId === 'accepted-warning-unused').map(formatDiagnostic)).toEqual([
      'chapters/contents.yml:36:11: warning: no "image-on-the-web" warning is left to accept in chapters/x/*\n' +
        '  fix: delete this acceptance, so that the warning shows again if it comes back',
    ]);
    const error: Diagnostic = { ...warning('chapters/a.md', 'image-missing'), severity: 'error' };
    expect(siftAccepted([...items, error], [stale]).shown.map((d) => d.ruleId)).not.toContain(
      'accepted-warning-unused',
    );
  });

  it('says nothing of acceptances when none applied', () => {
    expect(acceptedLine(siftAccepted(items, []).accepted)).toBe('');
  });
});

describe('globMatches', () => {
  it('reads "**" as any folders, "*" and "?" within a name, and a folder as what it holds', () => {
    expect(globMatches('chapters/legacy/**', 'chapters/legacy/a/b.md')).toBe(true);
    expect(globMatches('chapters/**/old-*.md', 'chapters/old-intro.md')).toBe(true);
    expect(globMatches('chapters/*.md', 'chapters/care/visits.md')).toBe(false);
    expect(globMatches('chapters/care/visit?.md', 'chapters/care/visits.md')).toBe(true);
    expect(globMatches('./chapters/legacy/', 'chapters/legacy/intro.md')).toBe(true);
    expect(globMatches('chapters/legacy', 'chapters/legacy-2/intro.md')).toBe(false);
    expect(globMatches('chapters/a+b (1).md', 'chapters/a+b (1).md')).toBe(true);
  });
});

describe("the contents' accept list", () => {
  const contents = (accept: string) =>
    `title: T\npublisher: P\nlanguage: en-GB\nsections:\n  - title: S\n    entries:\n      - chapter: a\naccept:\n${accept}`;
  const read = (accept: string) => {
    const diagnostics = new Diagnostics();
    const manifest = parseManifest(contents(accept), diagnostics);
    return { accept: manifest?.accept, problems: diagnostics.items.map((d) => `${d.line} ${d.ruleId} ${d.message}`) };
  };

  it('reads each rule with its paths, reason and place', () => {
    const { accept, problems } = read(
      '  - rule: link-site-address\n    paths: [chapters/legacy/**]\n    reason: the old site\n  - rule: image-no-alt\n',
    );
    expect(problems).toEqual([]);
    expect(accept).toEqual([
      {
        rule: 'link-site-address',
        from: 'contents.yml',
        where: at(9),
        paths: ['chapters/legacy/**'],
      },
      { rule: 'image-no-alt', from: 'contents.yml', where: at(12), paths: undefined },
    ]);
  });

  it('refuses an error, a finding of the release gate, a rule that does not exist and a key it does not know', () => {
    const { problems } = read(
      '  - rule: image-missing\n  - rule: change-not-listed\n  - rule: image-no-alts\n  - rule: image-no-alt\n    path: [x]\n',
    );
    expect(problems).toEqual([
      '9 accept-not-allowed "image-missing" is an error, and only warnings can be accepted',
      '10 accept-not-allowed "change-not-listed" is a finding of the release gate, which release refuses whatever check accepts',
      '11 accept-unknown-rule "image-no-alts" names no rule of manual check',
      '13 unknown-key unknown key "path" in an acceptance',
    ]);
  });
});
