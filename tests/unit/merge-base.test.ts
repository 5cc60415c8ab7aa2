import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../scripts/core/diagnostics.ts';
import { parseManifest } from '../../scripts/load/manifest.ts';
import { mergeBase } from '../../scripts/load/merge-base.ts';
import type { EntrySpec, ManifestSpec, SectionSpec } from '../../scripts/load/types.ts';

const BASE = `title: Regional Procedures
publisher: The Region
language: en-GB
sections:
  - title: Referrals
    id: referrals
    entries:
      - chapter: referrals/making-a-referral
        remark: Read first
      - chapter: referrals/assessment
      - title: Pathways
        id: pathways
        entries:
          - chapter: referrals/pathway
  - title: Child Protection
    id: child-protection
    entries:
      - chapter: child-protection/strategy
      - chapter: child-protection/conferences
        numbered: false
      - chapter: child-protection/secure
      - see-also: referrals/assessment
`;

/** The base's contents as the load stage hands them on: every chapter's file found under ../base/, marked the base's. */
function baseSections(): SectionSpec[] {
  const found = new Diagnostics();
  const manifest = parseManifest(BASE, found, '../base/chapters/contents.yml')!;
  expect(found.items).toEqual([]);
  const inBase = (entries: EntrySpec[]): EntrySpec[] =>
    entries.map((entry) =>
      entry.kind === 'chapter'
        ? { ...entry, origin: 'base', file: `../base/chapters/${entry.id}.md` }
        : entry.kind === 'subsection'
          ? { ...entry, origin: 'base', entries: inBase(entry.entries) }
          : { ...entry, origin: 'base' },
    );
  return manifest.sections.map((section) => ({ ...section, entries: inBase(section.entries) }));
}

/** A local manual's contents on the base, with these lines under `local:` and `sections` after. */
function localContents(local: string, sections = ''): { text: string; manifest: ManifestSpec } {
  const text = `title: Local\npublisher: Council\nlanguage: en-GB\nbase:\n  path: ../base\nlocal:\n${local}${sections}`;
  const found = new Diagnostics();
  const manifest = parseManifest(text, found);
  expect(found.items).toEqual([]);
  return { text, manifest: manifest! };
}

function merge(local: string, sections = '') {
  const { text, manifest } = localContents(local, sections);
  const diagnostics = new Diagnostics();
  const base = baseSections();
  const merged = mergeBase(base, manifest.sections, manifest.base!.changes, diagnostics);
  return { text, merged, diagnostics, base };
}

/** The merged contents in brief: chapter ids (local ones and substitutes marked), subsections as lists. */
function outline(items: readonly (SectionSpec | EntrySpec)[]): unknown[] {
  return items.map((item) => {
    if (!('kind' in item)) return { [item.title]: outline(item.entries) };
    if (item.kind === 'subsection') return { [item.title]: outline(item.entries) };
    const mark = item.origin === 'local' ? ' (local)' : item.origin === 'substituted' ? ' (substituted)' : '';
    if (item.kind === 'chapter') return `${item.id}${mark}`;
    if (item.kind === 'note') return `note: ${item.text}${mark}`;
    if (item.kind === 'see-also') return `see also ${item.target}${mark}`;
    return `${item.kind}${mark}`;
  });
}

/** The line of the first line of `text` holding `part`, counting from 1. */
function lineOf(text: string, part: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(part));
  expect(index, `"${part}" is in the text`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

const BASE_OUTLINE = [
  { Referrals: ['referrals/making-a-referral', 'referrals/assessment', { Pathways: ['referrals/pathway'] }] },
  {
    'Child Protection': [
      'child-protection/strategy',
      'child-protection/conferences',
      'child-protection/secure',
      'see also referrals/assessment',
    ],
  },
];

describe('mergeBase', () => {
  it('gives the base as it is when there are no changes, and leaves the base it was given alone', () => {
    const { merged, diagnostics, base } = merge('  []\n');
    expect(diagnostics.items).toEqual([]);
    expect(outline(merged.sections)).toEqual(BASE_OUTLINE);
    expect(merged.sections).not.toBe(base);
  });

  it('adds entries after and before a base chapter, and at the end of a section or subsection, marked local', () => {
    const { merged, diagnostics } = merge(
      [
        '  - add:',
        '      - chapter: local/front-door',
        '      - note: Local',
        '    after: referrals/making-a-referral',
        '  - add: [{ chapter: local/first }]',
        '    before: referrals/making-a-referral',
        '  - add: [{ chapter: local/toolkit }]',
        '    end: "#child-protection"',
        '  - add: [{ chapter: local/pathway }]',
        '    end: "#pathways"',
        '  - add: [{ chapter: local/before-secure }]',
        '    before: child-protection/secure',
        '',
      ].join('\n'),
    );
    expect(diagnostics.items).toEqual([]);
    expect(outline(merged.sections)).toEqual([
      {
        Referrals: [
          'local/first (local)',
          'referrals/making-a-referral',
          'local/front-door (local)',
          'note: Local (local)',
          'referrals/assessment',
          { Pathways: ['referrals/pathway', 'local/pathway (local)'] },
        ],
      },
      {
        'Child Protection': [
          'child-protection/strategy',
          'child-protection/conferences',
          'local/before-secure (local)',
          'child-protection/secure',
          'see also referrals/assessment',
          'local/toolkit (local)',
        ],
      },
    ]);
  });

  it('adds after a subsection, in its section', () => {
    const { merged, diagnostics } = merge('  - add: [{ chapter: local/after-pathways }]\n    after: "#pathways"\n');
    expect(diagnostics.items).toEqual([]);
    expect(outline(merged.sections)[0]).toEqual({
      Referrals: [
        'referrals/making-a-referral',
        'referrals/assessment',
        { Pathways: ['referrals/pathway'] },
        'local/after-pathways (local)',
      ],
    });
  });

  it('keeps the order of two adds after one chapter as the local list gives it', () => {
    const { merged, diagnostics } = merge(
      [
        '  - add: [{ chapter: local/one }]',
        '    after: referrals/assessment',
        '  - add: [{ chapter: local/two }]',
        '    after: referrals/assessment',
        '',
      ].join('\n'),
    );
    expect(diagnostics.items).toEqual([]);
    expect(outline(merged.sections)[0]).toEqual({
      Referrals: [
        'referrals/making-a-referral',
        'referrals/assessment',
        'local/one (local)',
        'local/two (local)',
        { Pathways: ['referrals/pathway'] },
      ],
    });
  });

  it("substitutes a chapter in the base chapter's place, under its id, number setting and remark, from the local file", () => {
    const { merged, diagnostics, text } = merge(
      [
        '  - substitute: child-protection/conferences',
        '    chapter: local/conferences',
        '  - substitute: referrals/making-a-referral',
        '    chapter: local/referral.md',
        '',
      ].join('\n'),
    );
    expect(diagnostics.items).toEqual([]);
    expect(outline(merged.sections)[1]).toEqual({
      'Child Protection': [
        'child-protection/strategy',
        'child-protection/conferences (substituted)',
        'child-protection/secure',
        'see also referrals/assessment',
      ],
    });
    const [referral] = merged.sections[0].entries;
    expect(referral).toMatchObject({
      kind: 'chapter',
      id: 'referrals/making-a-referral',
      file: 'chapters/local/referral.md',
      remark: 'Read first',
      origin: 'substituted',
      where: { file: 'chapters/contents.yml', line: lineOf(text, 'chapter: local/referral.md') },
    });
    expect(merged.sections[1].entries[1]).toMatchObject({ numbered: false });
    expect(merged.substituted.get('child-protection/conferences')).toMatchObject({
      baseFile: '../base/chapters/child-protection/conferences.md',
      where: { line: lineOf(text, 'substitute: child-protection/conferences') },
    });
  });

  it('leaves out a chapter and a subsection, keeping what it left out, its title and why', () => {
    const { merged, diagnostics, text } = merge(
      [
        '  - leave-out: child-protection/secure',
        '    reason: We place through the regional service.',
        '  - leave-out: "#pathways"',
        '    reason: Not used here.',
        '',
      ].join('\n'),
    );
    expect(diagnostics.items).toEqual([]);
    expect(outline(merged.sections)).toEqual([
      { Referrals: ['referrals/making-a-referral', 'referrals/assessment'] },
      {
        'Child Protection': [
          'child-protection/strategy',
          'child-protection/conferences',
          'see also referrals/assessment',
        ],
      },
    ]);
    expect(merged.leftOut).toEqual([
      {
        target: 'child-protection/secure',
        title: 'child-protection/secure',
        reason: 'We place through the regional service.',
        where: expect.objectContaining({ line: lineOf(text, 'leave-out: child-protection/secure') }),
      },
      {
        target: '#pathways',
        title: 'Pathways',
        reason: 'Not used here.',
        where: expect.objectContaining({ line: lineOf(text, 'leave-out: "#pathways"') }),
      },
    ]);
  });

  it('leaves out a whole section', () => {
    const { merged, diagnostics } = merge('  - leave-out: "#referrals"\n    reason: Our own front door.\n');
    expect(diagnostics.items).toEqual([]);
    expect(outline(merged.sections)).toEqual([BASE_OUTLINE[1]]);
    expect(merged.leftOut.map((left) => left.title)).toEqual(['Referrals']);
  });

  it('adds after a chapter it leaves out, whichever change comes first', () => {
    for (const order of [0, 1]) {
      const changes = [
        '  - leave-out: child-protection/secure\n    reason: Ours instead.\n',
        '  - add: [{ chapter: local/secure }]\n    after: child-protection/secure\n',
      ];
      const { merged, diagnostics } = merge(order ? changes.reverse().join('') : changes.join(''));
      expect(diagnostics.items).toEqual([]);
      expect(outline(merged.sections)[1]).toEqual({
        'Child Protection': [
          'child-protection/strategy',
          'child-protection/conferences',
          'local/secure (local)',
          'see also referrals/assessment',
        ],
      });
    }
  });

  it("appends the local manual's own sections after the base's, their entries marked local", () => {
    const { merged, diagnostics } = merge(
      '  []\n',
      'sections:\n  - title: Local Guidance\n    entries:\n      - chapter: local/guide\n      - title: More\n        entries:\n          - chapter: local/more\n',
    );
    expect(diagnostics.items).toEqual([]);
    expect(outline(merged.sections)).toEqual([
      ...BASE_OUTLINE,
      { 'Local Guidance': ['local/guide (local)', { More: ['local/more (local)'] }] },
    ]);
    expect(merged.sections[2].entries[1]).toMatchObject({ kind: 'subsection', origin: 'local' });
  });

  it('keeps the local information changes whose chapter is there', () => {
    const { merged, diagnostics } = merge(
      '  - information: referrals/assessment\n    file: local/assessment-information.md\n',
    );
    expect(diagnostics.items).toEqual([]);
    expect(merged.information).toMatchObject([
      { kind: 'information', target: 'referrals/assessment', file: 'chapters/local/assessment-information.md' },
    ]);
    expect(outline(merged.sections)).toEqual(BASE_OUTLINE);
  });
});

describe('mergeBase: what it refuses', () => {
  const problems = (diagnostics: Diagnostics) =>
    diagnostics.items.map((d) => `${d.file}:${d.line}: ${d.ruleId}: ${d.message} | ${d.hint}`);

  it('reports a change naming no base entry at its line, with the nearest id as a hint', () => {
    const { diagnostics, text, merged } = merge(
      [
        '  - substitute: child-protection/conference',
        '    chapter: local/conferences',
        '  - add: [{ chapter: local/x }]',
        '    end: "#child-protectoin"',
        '  - information: referals/assessment',
        '    file: local/info.md',
        '',
      ].join('\n'),
    );
    expect(problems(diagnostics)).toEqual([
      `chapters/contents.yml:${lineOf(text, 'substitute:')}: base-entry-missing: "child-protection/conference" is not an entry of the base manual | did you mean "child-protection/conferences"? A change names a base chapter by its path or a section by "#id"; the base may have moved or removed it`,
      `chapters/contents.yml:${lineOf(text, 'end:')}: base-entry-missing: "#child-protectoin" is not an entry of the base manual | did you mean "#child-protection"? A change names a base chapter by its path or a section by "#id"; the base may have moved or removed it`,
      `chapters/contents.yml:${lineOf(text, 'information:')}: base-entry-missing: "referals/assessment" is not an entry of the base manual | did you mean "referrals/assessment"? A change names a base chapter by its path or a section by "#id"; the base may have moved or removed it`,
    ]);
    expect(outline(merged.sections)).toEqual(BASE_OUTLINE);
  });

  it('refuses a substitute or local information for a section, and an entry added beside a section', () => {
    const { diagnostics, text } = merge(
      [
        '  - substitute: "#pathways"',
        '    chapter: local/pathways',
        '  - information: "#referrals"',
        '    file: local/info.md',
        '  - add: [{ chapter: local/x }]',
        '    after: "#child-protection"',
        '',
      ].join('\n'),
    );
    expect(diagnostics.items.map((d) => [d.line, d.ruleId])).toEqual([
      [lineOf(text, 'substitute:'), 'base-entry-missing'],
      [lineOf(text, 'information:'), 'base-entry-missing'],
      [lineOf(text, 'after:'), 'base-entry-missing'],
    ]);
    expect(diagnostics.items[2].message).toContain('"#child-protection" is a section');
  });

  it("refuses two changes substituting or leaving out one chapter, naming the first one's line", () => {
    const { diagnostics, text, merged } = merge(
      [
        '  - substitute: child-protection/conferences',
        '    chapter: local/conferences',
        '  - leave-out: child-protection/conferences',
        '    reason: Twice.',
        '  - leave-out: child-protection/secure',
        '    reason: Not here.',
        '  - substitute: child-protection/secure',
        '    chapter: local/secure',
        '',
      ].join('\n'),
    );
    expect(problems(diagnostics)).toEqual([
      `chapters/contents.yml:${lineOf(text, 'leave-out: child-protection/conferences')}: local-change-conflict: "child-protection/conferences" is already substituted (line ${lineOf(text, 'substitute: child-protection/conferences')}) | keep one change for each base entry`,
      `chapters/contents.yml:${lineOf(text, 'substitute: child-protection/secure')}: local-change-conflict: "child-protection/secure" is already left out (line ${lineOf(text, 'leave-out: child-protection/secure')}) | keep one change for each base entry`,
    ]);
    expect(merged.substituted.has('child-protection/secure')).toBe(false);
  });

  it('refuses local information in a chapter it leaves out, whichever comes first', () => {
    for (const order of [0, 1]) {
      const changes = [
        '  - information: child-protection/secure\n    file: local/secure-information.md\n',
        '  - leave-out: child-protection/secure\n    reason: Not here.\n',
      ];
      const { diagnostics, merged, text } = merge(order ? changes.reverse().join('') : changes.join(''));
      expect(problems(diagnostics)).toEqual([
        `chapters/contents.yml:${lineOf(text, 'information:')}: local-change-conflict: local information is placed in "child-protection/secure", which is left out (line ${lineOf(text, 'leave-out:')}) | remove the local information, or keep the chapter`,
      ]);
      expect(merged.information).toEqual([]);
    }
  });

  it('refuses a change aimed inside a section it leaves out, which would vanish with it', () => {
    const { diagnostics, text, merged } = merge(
      [
        '  - add: [{ chapter: local/x }]',
        '    end: "#pathways"',
        '  - substitute: referrals/pathway',
        '    chapter: local/pathway',
        '  - information: referrals/assessment',
        '    file: local/info.md',
        '  - leave-out: "#referrals"',
        '    reason: Our own front door.',
        '',
      ].join('\n'),
    );
    const leaveOut = lineOf(text, 'leave-out:');
    expect(problems(diagnostics)).toEqual([
      `chapters/contents.yml:${lineOf(text, 'end:')}: local-change-conflict: "#pathways" is in "#referrals", which is left out (line ${leaveOut}) | keep one change for each base entry`,
      `chapters/contents.yml:${lineOf(text, 'substitute:')}: local-change-conflict: "referrals/pathway" is in "#referrals", which is left out (line ${leaveOut}) | keep one change for each base entry`,
      `chapters/contents.yml:${lineOf(text, 'information:')}: local-change-conflict: local information is placed in "referrals/assessment", which is left out (line ${leaveOut}) | remove the local information, or keep the chapter`,
    ]);
    expect(merged.information).toEqual([]);
    expect(merged.substituted.size).toBe(0);
  });
});
