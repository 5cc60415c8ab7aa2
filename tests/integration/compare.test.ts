import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyManual, edit, manual, removeCopies, write } from '../helpers/fixture.ts';

/**
 * Two releases of a copy of the small manual: February 2025, then August 2025 with a paragraph of
 * Visits edited, one added and one removed, Visits moved before Placements (both renumbered), a
 * Contact chapter added and the Pledge removed. `manual compare` quotes them for a case file.
 */
const SLOW = 300_000;
let root: string;
const compare = (...args: string[]) => manual(['compare', ...args, '--root', root]);
const archived = (...parts: string[]) => path.join(root, 'archive', ...parts);
const EPUB = () => archived('2025-08', 'small-test-manual-2025-08.epub');
const RECORD = () => archived('2025-08', 'release.json');

const VISITS = `--- 2025-02  February 2025 edition, 3 February 2025: 2.1.2 Visits (care/visits)
+++ 2025-08  August 2025 edition, 4 August 2025: 2.1.1 Visits (care/visits)
Lines: "  " unchanged, "- " deleted, "+ " inserted, "~ " changed with [-deleted words-]{+inserted words+}, "> " moved here.
  § 1 Frequency
  Visit every six weeks.
~ Write a [-short-]{+full+} note after each visit and keep it on the child's file{+ for a year+}.
- Ask the child where they would like to meet.
  § 2 Who visits
  The social worker visits. A manager may come too.
+ Book the next visit before you leave.
`;

/** Runs `check` with a file of the archive changed by `change`, then puts its bytes back. */
function tampered(file: string, change: (bytes: Buffer) => Buffer | Promise<Buffer>) {
  return async (check: () => void) => {
    const bytes = readFileSync(file);
    writeFileSync(file, await change(bytes));
    try {
      check();
    } finally {
      writeFileSync(file, bytes);
    }
  };
}

beforeAll(() => {
  root = copyManual();
  write(
    root,
    'chapters/care/visits.md',
    "# Visits\n\n## Frequency\n\nVisit every six weeks.\n\nWrite a short note after each visit and keep it on the child's file.\n\nAsk the child where they would like to meet.\n\n## Who visits\n\nThe social worker visits. A manager may come too.\n",
  );
  const first = manual(['release', '--root', root, '-q']);
  if (first.status !== 0) throw new Error(first.stderr);
  const contents = 'chapters/contents.yml';
  edit(root, contents, '      - chapter: care/pledge\n        numbered: false\n', '');
  edit(root, contents, '          - chapter: care/visits\n', '');
  edit(
    root,
    contents,
    '          - chapter: care/placements\n',
    '          - chapter: care/visits\n          - chapter: care/placements\n',
  );
  edit(
    root,
    contents,
    '            remark: under review\n',
    '            remark: under review\n          - chapter: care/contact\n',
  );
  write(root, 'chapters/care/contact.md', '# Contact\n\nFamily time is arranged by the team.\n');
  const visits = 'chapters/care/visits.md';
  edit(root, visits, 'a short note after each visit', 'a full note after each visit');
  edit(root, visits, "child's file.", "child's file for a year.");
  edit(root, visits, 'Ask the child where they would like to meet.\n\n', '');
  edit(root, visits, 'may come too.', 'may come too.\n\nBook the next visit before you leave.');
  edit(
    root,
    'chapters/amendments.yml',
    'editions:\n',
    'editions:\n  - edition: 2025-08\n    date: 2025-08-04\n    updated:\n      - chapter: care/visits\n        details: Notes are kept for a year.\n    new:\n      - chapter: care/contact\n        details: A new chapter.\n    removed:\n      - title: Our Pledge\n        details: Now on the website.\n',
  );
  const second = manual(['release', '--root', root, '-q']);
  if (second.status !== 0) throw new Error(second.stderr);
}, SLOW);
afterAll(removeCopies);

describe('manual compare', () => {
  it("prints a chapter's words unit by unit, changed words marked", () => {
    const result = compare('2025-02', '2025-08', '--chapter', 'care/visits');
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(VISITS);
    expect(result.status).toBe(0);
  });

  it('lists the chapters changed, added, removed and renumbered, then each changed one', () => {
    const result = compare('2025-02', '2025-08');
    expect(result.status).toBe(0);
    const [list, legend, earlyHelp, visits] = result.stdout.split('\n\n');
    expect(list).toBe(
      [
        '--- 2025-02  February 2025 edition, 3 February 2025',
        '+++ 2025-08  August 2025 edition, 4 August 2025',
        // The link to Placements prints its number, which changed.
        'changed     1.1 Early Help (help/early-help)',
        'changed     2.1.1 Visits (care/visits)',
        'added       2.1.3 Contact (care/contact)',
        'removed     Our Pledge (care/pledge)',
        'renumbered  care/visits: 2.1.2 -> 2.1.1',
        'renumbered  care/placements: 2.1.1 -> 2.1.2',
      ].join('\n'),
    );
    expect(legend).toBe(VISITS.split('\n')[2]);
    expect(earlyHelp).toContain('~ See 2.1.[-1-]{+2+} Placements');
    expect(visits).toBe(
      [
        '--- 2025-02: 2.1.2 Visits (care/visits)',
        '+++ 2025-08: 2.1.1 Visits (care/visits)',
        ...VISITS.split('\n').slice(3),
      ].join('\n'),
    );
  });

  it('shows a chapter one edition lacks as wholly inserted', () => {
    const result = compare('2025-02', '2025-08', '--chapter', 'care/contact');
    expect(result.stdout.split('\n')).toEqual([
      '--- 2025-02  February 2025 edition, 3 February 2025: no chapter care/contact',
      '+++ 2025-08  August 2025 edition, 4 August 2025: 2.1.3 Contact (care/contact)',
      VISITS.split('\n')[2],
      '+ Family time is arranged by the team.',
      '',
    ]);
  });

  it('names the editions that exist, and the nearest chapter, when given others', () => {
    expect(compare('2025-02', '2025-05')).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'manual compare: there is no edition 2025-05 in archive\n  fix: compare two of the archived editions: 2025-02, 2025-08, or current for the sources now\n',
    });
    const chapter = compare('2025-02', '2025-08', '--chapter', 'care/visit');
    expect(chapter.status).toBe(1);
    expect(chapter.stderr).toContain('fix: did you mean "care/visits"?');
    expect(compare('2025-02', '2025-8').status).toBe(2);
    expect(compare('2025-02').status).toBe(2);
    expect(manual(['at', '2025-03-01', '--chapter', 'care/visits', '--root', root]).status).toBe(2);
  });

  it('refuses an EPUB that differs from its release record', async () => {
    await tampered(EPUB(), async (bytes) => {
      const zip = await JSZip.loadAsync(bytes);
      const name = 'OEBPS/ch-care.visits.xhtml';
      zip.file(name, (await zip.file(name)!.async('string')).replace('six weeks', 'twelve weeks'));
      return Buffer.from(await zip.generateAsync({ type: 'uint8array' }));
    })(() => {
      const result = compare('2025-02', '2025-08', '--chapter', 'care/visits');
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        /^manual compare: archive\/2025-08 differs from its release record, so it cannot be quoted:\n {2}small-test-manual-2025-08\.epub has changed: its SHA-256 is [0-9a-f]{64}, the release recorded [0-9a-f]{64}\n {2}fix: restore the archive/,
      );
    });
  });

  it('refuses a release record whose chapters are not what its EPUB prints', async () => {
    const retitle = (bytes: Buffer) =>
      Buffer.from(bytes.toString().replace('"title": "Visits"', '"title": "Home visits"'));
    await tampered(
      RECORD(),
      retitle,
    )(() => {
      const result = compare('2025-02', '2025-08');
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        '  release.json gives chapter care/visits as "2.1.1 Home visits", small-test-manual-2025-08.epub prints "2.1.1 Visits"\n',
      );
    });
    const rehash = (bytes: Buffer) => {
      const record = JSON.parse(bytes.toString());
      record.chapters['care/visits'].units[1][1] = '0123456789abcdef';
      return Buffer.from(JSON.stringify(record));
    };
    await tampered(
      RECORD(),
      rehash,
    )(() => {
      expect(compare('2025-02', '2025-08').stderr).toContain(
        'release.json records other words for chapter care/visits than small-test-manual-2025-08.epub prints',
      );
    });
  });

  it('reads the words of a release that recorded no units from its EPUB alike', async () => {
    const unrecorded = (bytes: Buffer) => {
      const record = JSON.parse(bytes.toString());
      for (const chapter of Object.values<{ units?: unknown }>(record.chapters)) delete chapter.units;
      return Buffer.from(JSON.stringify(record));
    };
    await tampered(
      RECORD(),
      unrecorded,
    )(() => {
      expect(compare('2025-02', '2025-08', '--chapter', 'care/visits').stdout).toBe(VISITS);
    });
  });

  it('compares an edition with the sources as they are now', () => {
    const visits = path.join(root, 'chapters/care/visits.md');
    const source = readFileSync(visits);
    writeFileSync(visits, source.toString().replace('Visit every six weeks.', 'Visit every four weeks.'));
    try {
      const result = compare('2025-08', 'current', '--chapter', 'care/visits');
      expect(result.status).toBe(0);
      expect(result.stdout.split('\n')).toEqual([
        '--- 2025-08  August 2025 edition, 4 August 2025: 2.1.1 Visits (care/visits)',
        '+++ current  the sources now, for the August 2025 edition, 4 August 2025: 2.1.1 Visits (care/visits)',
        VISITS.split('\n')[2],
        '  § 1 Frequency',
        '~ Visit every [-six-]{+four+} weeks.',
        "  Write a full note after each visit and keep it on the child's file for a year.",
        '  ... 3 unchanged paragraphs ...',
        '',
      ]);
    } finally {
      writeFileSync(visits, source);
    }
  });
});
