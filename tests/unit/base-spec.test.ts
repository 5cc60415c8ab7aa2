import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../scripts/core/diagnostics.ts';
import { parseManifest } from '../../scripts/load/manifest.ts';
import { mergeBase } from '../../scripts/load/merge-base.ts';

const HEAD = 'title: Local\npublisher: Council\nlanguage: en-GB\n';

function read(rest: string) {
  const text = HEAD + rest;
  const diagnostics = new Diagnostics();
  const manifest = parseManifest(text, diagnostics);
  const problems = diagnostics.items.map((d) => `${d.file}:${d.line}: ${d.ruleId}: ${d.message}`);
  return { text, manifest, problems, diagnostics };
}

/** The line of the first line of `text` holding `part`, counting from 1. */
function lineOf(text: string, part: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(part));
  expect(index, `"${part}" is in the text`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

describe('base: and local: in the contents', () => {
  it('reads the base and every kind of change, each with the line of its target', () => {
    const { text, manifest, problems } = read(
      [
        'base:',
        '  path: ../regional',
        '  edition: 2026-02',
        '  credit: "Regional by {base}, local by {council}"',
        'local:',
        '  - add:',
        '      - chapter: local/front-door',
        '      - title: MASH',
        '        url: https://example.org/mash',
        '    after: referrals/making-a-referral.md',
        '  - add: [{ note: Ours }]',
        '    end: "#child-protection"',
        '  - substitute: ./child-protection/conferences',
        '    chapter: local/conferences.md',
        '  - leave-out: child-protection/secure',
        '    reason: We use the regional service.',
        '  - information: referrals/assessment',
        '    file: local/assessment-information',
        '',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    const base = manifest!.base!;
    expect(base).toMatchObject({
      path: '../regional',
      edition: '2026-02',
      credit: 'Regional by {base}, local by {council}',
      where: { file: 'chapters/contents.yml', line: lineOf(text, 'path: ../regional') },
    });
    expect(manifest!.sections).toEqual([]);
    expect(base.changes.map((c) => [c.kind, c.target, c.targetAt.line])).toEqual([
      ['add', 'referrals/making-a-referral', lineOf(text, 'after:')],
      ['add', '#child-protection', lineOf(text, 'end:')],
      ['substitute', 'child-protection/conferences', lineOf(text, 'substitute:')],
      ['leave-out', 'child-protection/secure', lineOf(text, 'leave-out:')],
      ['information', 'referrals/assessment', lineOf(text, 'information:')],
    ]);
    expect(base.changes[0]).toMatchObject({
      place: 'after',
      entries: [
        { kind: 'chapter', id: 'local/front-door' },
        { kind: 'outside-document', title: 'MASH' },
      ],
    });
    expect(base.changes[2]).toMatchObject({
      chapter: { kind: 'chapter', id: 'local/conferences', file: 'chapters/local/conferences.md' },
    });
    expect(base.changes[3]).toMatchObject({ reason: 'We use the regional service.' });
    expect(base.changes[4]).toMatchObject({ file: 'chapters/local/assessment-information.md' });
  });

  it('needs no sections of its own on a base, and still needs them without one', () => {
    expect(read('base:\n  path: ../regional\n').problems).toEqual([]);
    expect(read('').problems).toEqual([expect.stringContaining('"sections"')]);
  });

  it('local-without-base: local changes and no base, at the "local" line', () => {
    const { text, problems } = read(
      'sections:\n  - title: A\n    entries:\n      - chapter: a\nlocal:\n  - leave-out: b\n    reason: no\n',
    );
    expect(problems).toEqual([
      `chapters/contents.yml:${lineOf(text, '- leave-out')}: local-without-base: local changes are listed, but the contents names no base manual to change`,
    ]);
  });

  it('local-change-kind: a change of no kind, of two kinds, an add with no place or two, end naming a chapter', () => {
    const { text, problems, manifest } = read(
      [
        'base:',
        '  path: ../regional',
        'local:',
        '  - reason: what is this?',
        '  - substitute: a/b',
        '    leave-out: a/b',
        '    chapter: local/b',
        '  - add: [{ chapter: local/c }]',
        '  - add: [{ chapter: local/d }]',
        '    after: a/b',
        '    before: a/c',
        '  - add: [{ chapter: local/e }]',
        '    end: a/b',
        '',
      ].join('\n'),
    );
    expect(manifest).toBeUndefined();
    expect(problems).toEqual([
      `chapters/contents.yml:${lineOf(text, 'reason: what')}: local-change-kind: a local change must have exactly one of "add", "substitute", "leave-out" or "information"`,
      `chapters/contents.yml:${lineOf(text, 'substitute: a/b')}: local-change-kind: a local change must have exactly one of "add", "substitute", "leave-out" or "information"`,
      `chapters/contents.yml:${lineOf(text, 'local/c')}: local-change-kind: an "add" change must say where, with exactly one of "after", "before" or "end"`,
      `chapters/contents.yml:${lineOf(text, 'local/d')}: local-change-kind: an "add" change must say where, with exactly one of "after", "before" or "end"`,
      `chapters/contents.yml:${lineOf(text, 'end: a/b')}: local-change-kind: "end" names a base section, written "#id"; "a/b" is a chapter`,
    ]);
  });

  it('an unknown key of a change is reported, with the one it looks like', () => {
    const { text, diagnostics } = read('base:\n  path: ../regional\nlocal:\n  - leave-out: a/b\n    reasons: no\n');
    expect(diagnostics.items).toMatchObject([
      { line: lineOf(text, 'reasons:'), hint: expect.stringContaining('reason') },
    ]);
  });

  it('path-outside: a target, a substitute chapter or an information file that leaves chapters/', () => {
    const { text, problems } = read(
      [
        'base:',
        '  path: ../regional',
        'local:',
        '  - leave-out: ../elsewhere/a',
        '    reason: no',
        '  - substitute: a/b',
        '    chapter: /etc/passwd',
        '  - information: a/c',
        '    file: local/../../secret.md',
        '',
      ].join('\n'),
    );
    expect(problems).toEqual([
      `chapters/contents.yml:${lineOf(text, '../elsewhere')}: path-outside: path "../elsewhere/a" must stay inside chapters/`,
      `chapters/contents.yml:${lineOf(text, '/etc/passwd')}: path-outside: path "/etc/passwd" must stay inside chapters/`,
      `chapters/contents.yml:${lineOf(text, 'secret.md')}: path-outside: path "local/../../secret.md" must stay inside chapters/`,
    ]);
  });

  it("edition-id-format: a pin that is no YYYY-MM, reported with the changes' own problems", () => {
    const { text, problems, manifest } = read(
      'base:\n  path: ../regional\n  edition: 2026-13\nlocal:\n  - substitute: a/b\n',
    );
    expect(manifest).toBeUndefined();
    expect(problems).toEqual([
      `chapters/contents.yml:${lineOf(text, 'edition:')}: edition-id-format: base edition "2026-13" is not an edition id`,
      `chapters/contents.yml:${lineOf(text, '- substitute')}: missing-key: a "substitute" change has no "chapter"`,
    ]);
    expect(read('base:\n  path: ../regional\n  edition: February 2026\n').problems).toEqual([
      expect.stringContaining('edition-id-format: base edition "February 2026" is not an edition id'),
    ]);
  });

  it('a base written as a path alone, or with no path, is reported at its line', () => {
    const short = read('base: ../regional\n');
    expect(short.manifest).toBeUndefined();
    expect(short.diagnostics.items).toMatchObject([{ line: lineOf(short.text, 'base:') }]);
    const pathless = read('base:\n  edition: 2026-02\n');
    expect(pathless.manifest).toBeUndefined();
    expect(pathless.problems).toEqual([expect.stringContaining('"path"')]);
  });

  it('names a base file by its path from the local manual when asked to', () => {
    const diagnostics = new Diagnostics();
    parseManifest(
      `${HEAD}sections:\n  - title: A\n    entries:\n      - chapter: ../a\n`,
      diagnostics,
      '../regional/chapters/contents.yml',
    );
    expect(diagnostics.items).toMatchObject([
      { file: '../regional/chapters/contents.yml', line: 7, ruleId: 'path-outside' },
    ]);
  });
});

describe('base-entry-missing and local-change-conflict: the contents read, then merged with the base', () => {
  it('reports each at its line of the local contents', () => {
    const found = new Diagnostics();
    const base = parseManifest(
      `${HEAD}sections:\n  - title: A\n    id: a\n    entries:\n      - chapter: a/one\n      - chapter: a/two\n`,
      found,
      '../regional/chapters/contents.yml',
    )!;
    const { text, manifest, problems } = read(
      [
        'base:',
        '  path: ../regional',
        'local:',
        '  - leave-out: a/too',
        '    reason: x',
        '  - substitute: a/one',
        '    chapter: local/one',
        '  - leave-out: a/one',
        '    reason: y',
        '',
      ].join('\n'),
    );
    expect([...found.items, ...problems]).toEqual([]);
    mergeBase(base.sections, manifest!.sections, manifest!.base!.changes, found);
    expect(found.items.map((d) => `${d.file}:${d.line}: ${d.ruleId}`)).toEqual([
      `chapters/contents.yml:${lineOf(text, 'a/too')}: base-entry-missing`,
      `chapters/contents.yml:${lineOf(text, 'leave-out: a/one')}: local-change-conflict`,
    ]);
    expect(found.items[0].hint).toContain('did you mean "a/two"?');
  });
});
