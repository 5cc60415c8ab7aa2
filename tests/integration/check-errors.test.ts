import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, copyManual, edit, removeCopies, write } from '../helpers/fixture.ts';

afterAll(removeCopies);

const CONTENTS = 'chapters/contents.yml';
const AMENDMENTS = 'chapters/amendments.yml';

/** Each case breaks the small fixture manual in one way and states the exact report. */
const cases: { name: string; breakIt: (root: string) => void; expected: string[] }[] = [
  {
    name: 'YAML syntax error in the contents',
    breakIt: (root) =>
      edit(root, CONTENTS, '        url: https://example.org/thresholds', '       url: https://example.org/thresholds'),
    expected: [
      'chapters/contents.yml:10:1: error: YAML syntax: Sequence item without - indicator' +
        '\n  fix: check the indentation and quoting on this line and the one above it; quote text that contains ": " or starts with a special character',
    ],
  },
  {
    name: 'unknown key, with the nearest known one',
    breakIt: (root) => edit(root, CONTENTS, '  - title: Care\n', '  - titel: Care\n'),
    expected: [
      'chapters/contents.yml:12:5: error: unknown key "titel" in a section' + '\n  fix: did you mean "title"?',
    ],
  },
  {
    name: 'unknown key far from any known one',
    breakIt: (root) =>
      edit(root, CONTENTS, '        numbered: false\n', '        numbered: false\n        colour: blue\n'),
    expected: [
      'chapters/contents.yml:16:9: error: unknown key "colour" in a "chapter" entry' +
        '\n  fix: the keys allowed here are: chapter, numbered, remark',
    ],
  },
  {
    name: 'an entry of no kind',
    breakIt: (root) => edit(root, CONTENTS, '          - chapter: care/visits\n', '          - remark: lonely\n'),
    expected: [
      'chapters/contents.yml:22:13: error: an entry must have exactly one of "chapter", "url", "document", "entries", "see-also", "note" or "generated"; this one has none of them' +
        '\n  fix: say what the entry is, e.g. "- chapter: care/placements"',
    ],
  },
  {
    name: 'an entry of two kinds',
    breakIt: (root) =>
      edit(
        root,
        CONTENTS,
        '          - chapter: care/visits\n',
        '          - chapter: care/visits\n            url: https://example.org/\n',
      ),
    expected: [
      'chapters/contents.yml:22:13: error: an entry must have exactly one of "chapter", "url", "document", "entries", "see-also", "note" or "generated"; this one has "chapter" and "url"' +
        '\n  fix: split it into one entry per kind',
    ],
  },
  {
    name: 'a missing chapter file',
    breakIt: (root) => rmSync(path.join(root, 'chapters/care/visits.md')),
    expected: [
      'chapters/contents.yml:22:22: error: chapter file chapters/care/visits.md does not exist' +
        '\n  fix: create chapters/care/visits.md, or correct the path in the contents',
    ],
  },
  {
    name: 'a chapter listed twice',
    breakIt: (root) =>
      edit(
        root,
        CONTENTS,
        '      - generated: amendments\n',
        '      - chapter: help/early-help.md\n      - generated: amendments\n',
      ),
    expected: [
      'chapters/contents.yml:23:18: error: chapter "help/early-help" is listed twice in the contents (first on line 8)' +
        '\n  fix: list each chapter once; use "see-also" to point at it from another place',
    ],
  },
  {
    name: 'a link to a missing chapter',
    breakIt: (root) => edit(root, 'chapters/help/early-help.md', '(../care/visits.md)', '(../care/visit.md)'),
    expected: [
      'chapters/help/early-help.md:7:59: error: link to chapter chapters/care/visit.md, which does not exist' +
        '\n  fix: correct the link (did you mean "../care/visits.md"?)',
    ],
  },
  {
    name: 'a link to a missing heading',
    breakIt: (root) => edit(root, 'chapters/help/early-help.md', '#checks-before-placement', '#checks-before-placment'),
    expected: [
      'chapters/help/early-help.md:7:5: error: chapter "Placements" has no heading "#checks-before-placment"' +
        '\n  fix: link to one of its headings, e.g. "#checks-before-placement"',
    ],
  },
  {
    name: 'a missing image',
    breakIt: (root) => rmSync(path.join(root, 'chapters/images/flow.svg')),
    expected: [
      'chapters/care/placements.md:3:1: error: image chapters/images/flow.svg does not exist in the manual' +
        '\n  fix: put the image in the manual folder and give its path relative to the chapter file',
    ],
  },
  {
    name: 'an amendment naming a chapter not in the contents',
    breakIt: (root) =>
      edit(root, AMENDMENTS, '      - chapter: care/placements\n', '      - chapter: care/placement\n'),
    expected: [
      'chapters/amendments.yml:6:18: error: the current edition names chapter "care/placement", which is not in the contents' +
        '\n  fix: correct the path, or add the chapter to chapters/contents.yml',
    ],
  },
  {
    name: 'a malformed edition id',
    breakIt: (root) => edit(root, AMENDMENTS, 'edition: 2024-08', 'edition: 2024-8'),
    expected: [
      'chapters/amendments.yml:11:14: error: edition id "2024-8" is not of the form YYYY-MM' +
        '\n  fix: write the year and month of the edition, e.g. "edition: 2025-02"',
    ],
  },
  {
    name: 'a malformed date',
    breakIt: (root) => edit(root, AMENDMENTS, 'date: 2024-08-01', 'date: 2024-02-30'),
    expected: [
      'chapters/amendments.yml:12:11: error: date "2024-02-30" is not a date of the form YYYY-MM-DD' +
        '\n  fix: write the publication date, e.g. "date: 2025-02-03"',
    ],
  },
  {
    name: 'duplicate edition ids',
    breakIt: (root) =>
      edit(root, AMENDMENTS, 'edition: 2024-08\n    date: 2024-08-01', 'edition: 2025-02\n    date: 2024-08-01'),
    expected: [
      'chapters/amendments.yml:11:5: error: edition "2025-02" is listed twice' +
        '\n  fix: give each edition its own id (YYYY-MM), or merge the two entries',
      'chapters/amendments.yml:12:11: warning: edition "2025-02" is dated 2024-08-01, in another month' +
        '\n  fix: make the edition id the year and month of its date',
    ],
  },
  {
    name: 'editions not newest first',
    breakIt: (root) =>
      edit(root, AMENDMENTS, 'edition: 2024-08\n    date: 2024-08-01', 'edition: 2025-08\n    date: 2025-08-01'),
    expected: [
      'chapters/amendments.yml:11:5: error: edition "2025-08" (2025-08-01) is not older than the edition above it, "2025-02" (2025-02-03)' +
        '\n  fix: list editions newest first: the current edition comes first',
    ],
  },
  {
    name: 'a chapter that is not UTF-8',
    breakIt: (root) =>
      write(
        root,
        'chapters/care/visits.md',
        Buffer.concat([Buffer.from('# Visits\n\n## Frequency\n\nCaf'), Buffer.from([0xe9]), Buffer.from(' visits.\n')]),
      ),
    expected: [
      'chapters/care/visits.md:5:1: error: the chapter is not valid UTF-8 text' +
        '\n  fix: save the file as UTF-8 (in Word: "Plain Text" with Unicode (UTF-8) encoding); text pasted from old documents is the usual cause',
    ],
  },
  {
    name: 'a see-also pointing nowhere',
    breakIt: (root) => edit(root, CONTENTS, 'see-also: "#placements"', 'see-also: "#placement"'),
    expected: [
      'chapters/contents.yml:11:19: error: see-also target "#placement" does not exist: no section or subsection has the id "placement"' +
        '\n  fix: point it at a chapter path, at "#id" of a section or subsection, or at a web address',
    ],
  },
  {
    name: 'missing required metadata and a bad language tag',
    breakIt: (root) => edit(root, CONTENTS, 'publisher: Test Council\nlanguage: en-GB\n', 'language: english_uk\n'),
    expected: [
      'chapters/contents.yml:1:1: error: the contents manifest has no "publisher"' +
        '\n  fix: add a line "publisher: ..."',
      'chapters/contents.yml:2:11: error: "english_uk" is not a BCP 47 language tag' +
        '\n  fix: write a tag such as "en-GB" or "cy"',
    ],
  },
  {
    name: 'a YAML error in front matter, at its line in the chapter',
    breakIt: (root) => edit(root, 'chapters/care/pledge.md', 'owner: Head of Service', 'owner: [Head of Service'),
    expected: [
      'chapters/care/pledge.md:3:24: error: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]' +
        '\n  fix: check the indentation and quoting on this line and the one above it; quote text that contains ": " or starts with a special character',
    ],
  },
  {
    name: 'a warning: an image with no text alternative',
    breakIt: (root) => edit(root, 'chapters/care/placements.md', '![A flowchart of the placement steps]', '![]'),
    expected: [
      'chapters/care/placements.md:3:1: warning: image chapters/images/flow.svg has no text alternative, so screen readers cannot say what it shows' +
        '\n  fix: write what the image shows between the brackets: ![A flowchart of the referral steps](path)',
    ],
  },
  {
    name: 'warnings: an unlisted markdown file and a chapter with no title',
    breakIt: (root) => {
      write(root, 'chapters/care/draft.md', '# Draft\n');
      edit(root, 'chapters/care/visits.md', '# Visits\n', '');
    },
    expected: [
      'chapters/care/draft.md: warning: this markdown file is not listed in the contents, so no edition includes it' +
        '\n  fix: add "- chapter: care/draft" to chapters/contents.yml, or delete the file',
      'chapters/care/visits.md:1:1: warning: the chapter has no title' +
        '\n  fix: start it with a "# Title" line, or give "title:" in its front matter',
    ],
  },
];

describe('manual check reports each broken input with file, line, what and how to fix', () => {
  it('finds nothing wrong in the unbroken fixture', async () => {
    expect(await check(copyManual())).toEqual([]);
  });

  for (const { name, breakIt, expected } of cases) {
    it(name, async () => {
      const root = copyManual();
      breakIt(root);
      expect(await check(root)).toEqual(expected);
    });
  }
});
