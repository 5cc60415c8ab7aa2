import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, copyManual, edit, manual, REPO, removeCopies, write } from '../helpers/fixture.ts';

afterAll(removeCopies);

const CONTENTS = 'chapters/contents.yml';
const AMENDMENTS = 'chapters/amendments.yml';
const VISITS = 'chapters/care/visits.md';

/** The rest of what `manual check` reports, each case breaking the small fixture in one way: the exact report. */
const cases: { name: string; breakIt: (root: string) => void; expected: string[] }[] = [
  {
    name: 'a chapter path leaving chapters/',
    breakIt: (root) => edit(root, CONTENTS, '- chapter: care/visits\n', '- chapter: ../care/visits\n'),
    expected: [
      'chapters/contents.yml:22:22: error: chapter path "../care/visits" must stay inside chapters/\n  fix: write the path relative to chapters/, e.g. "care/placements"',
    ],
  },
  {
    name: 'a duplicate section id',
    breakIt: (root) => edit(root, CONTENTS, '        id: placements\n', '        id: help\n'),
    expected: [
      'chapters/contents.yml:17:13: error: id "help" is used twice\n  fix: give each section and subsection its own id',
    ],
  },
  {
    name: 'a malformed section id',
    breakIt: (root) => edit(root, CONTENTS, '        id: placements\n', '        id: 2placements\n'),
    expected: [
      'chapters/contents.yml:17:13: error: id "2placements" must start with a letter and hold only letters, digits, "-" and "_"\n  fix: write it like "short-breaks"',
    ],
  },
  {
    name: 'a bad slug',
    breakIt: (root) => edit(root, CONTENTS, 'language: en-GB\n', 'language: en-GB\nslug: Small_Manual\n'),
    expected: [
      'chapters/contents.yml:4:7: error: slug "Small_Manual" may hold only lower-case letters, digits and hyphens\n  fix: it names the output files: write it like "derby-childrens-social-care"',
    ],
  },
  {
    name: 'a missing logo',
    breakIt: (root) => edit(root, CONTENTS, 'language: en-GB\n', 'language: en-GB\nlogo: images/logo.svg\n'),
    expected: [
      'chapters/contents.yml:4:7: error: the logo chapters/images/logo.svg does not exist\n  fix: give the image path relative to chapters/, or remove the "logo" line',
    ],
  },
  {
    name: 'a section with no entries, and entries that are not a list',
    breakIt: (root) =>
      edit(
        root,
        CONTENTS,
        '  - title: Help\n',
        '  - title: Empty\n    entries: []\n  - title: Odd\n    entries: none\n  - title: Help\n',
      ),
    expected: [
      'chapters/contents.yml:6:14: error: section "Empty" has no entries\n  fix: list its chapters under "entries:", or remove it',
      'chapters/contents.yml:8:14: error: "entries" in section "Odd" must be a list\n  fix: write each item on its own line starting with "- "',
    ],
  },
  {
    name: 'no sections at all',
    breakIt: (root) => write(root, CONTENTS, 'title: Small Test Manual\npublisher: Test Council\nlanguage: en-GB\n'),
    expected: [
      'chapters/contents.yml:1:1: error: the contents manifest has no "sections" list\n  fix: add "sections:" followed by lines starting with "- "',
    ],
  },
  {
    name: 'an outside document that is not a web address',
    breakIt: (root) => edit(root, CONTENTS, 'url: https://example.org/thresholds', 'url: example.org/thresholds'),
    expected: [
      'chapters/contents.yml:10:14: error: "example.org/thresholds" is not a web address\n  fix: write the full address, starting with https://',
    ],
  },
  {
    name: 'an unknown generated entry',
    breakIt: (root) => edit(root, CONTENTS, 'generated: amendments', 'generated: index'),
    expected: [
      'chapters/contents.yml:23:20: error: "generated: index" is not something the tool can generate\n  fix: the only generated entry is "generated: amendments"',
    ],
  },
  {
    name: 'a section that is not a mapping',
    breakIt: (root) => edit(root, CONTENTS, '  - title: Care\n', '  - Care\n  - title: Care\n'),
    expected: [
      'chapters/contents.yml:12:5: error: a section must be a mapping of "key: value" lines\n  fix: write it as lines such as "title: ..."',
    ],
  },
  {
    name: 'a remark that is not text, and numbered that is not true or false',
    breakIt: (root) => {
      edit(root, CONTENTS, 'remark: under review', 'remark: [under, review]');
      edit(root, CONTENTS, 'numbered: false', 'numbered: no way');
    },
    expected: [
      'chapters/contents.yml:15:19: error: "numbered" in an entry must be true or false\n  fix: write "numbered: false" or leave the line out',
      'chapters/contents.yml:21:21: error: "remark" in an entry must be a line of text\n  fix: write it as "remark: some text"',
    ],
  },
  {
    name: 'a removed chapter still in the contents',
    breakIt: (root) => edit(root, AMENDMENTS, '    new:\n', '    removed:\n      - chapter: care/pledge\n    new:\n'),
    expected: [
      'chapters/amendments.yml:9:18: error: chapter "care/pledge" is listed as removed but is still in the contents\n  fix: remove it from chapters/contents.yml, or from the "removed" list',
    ],
  },
  {
    name: 'a chapter listed twice in one edition',
    breakIt: (root) =>
      edit(
        root,
        AMENDMENTS,
        '      - chapter: care/visits\n',
        '      - chapter: care/visits\n      - chapter: care/placements\n',
      ),
    expected: [
      'chapters/amendments.yml:10:18: error: chapter "care/placements" is listed twice in edition 2025-02 (in "updated" and "new")\n  fix: list each chapter once per edition',
    ],
  },
  {
    name: 'an earlier edition naming a chapter no longer in the contents without its title',
    breakIt: (root) =>
      edit(root, AMENDMENTS, '      - title: Old Visits Chapter\n', '      - chapter: care/old-visits\n'),
    expected: [
      'chapters/amendments.yml:14:18: error: chapter "care/old-visits" is no longer in the contents, so its name cannot be looked up\n  fix: add "title:" with the name the chapter had in that edition',
    ],
  },
  {
    name: 'an amendment naming neither a chapter nor a title',
    breakIt: (root) => edit(root, AMENDMENTS, '      - title: Old Visits Chapter\n        details', '      - details'),
    expected: [
      'chapters/amendments.yml:14:9: error: an amendment must name a "chapter" or a "document" (its path) or give its "title"\n  fix: add "chapter: PATH" or "document: PATH", or "title: ..." for a chapter that no longer exists under that name',
    ],
  },
  {
    name: 'no edition at all',
    breakIt: (root) => write(root, AMENDMENTS, 'editions: []\n'),
    expected: [
      'chapters/amendments.yml:1:11: error: the amendments file lists no edition\n  fix: add the current edition, with its "edition" id and "date"',
    ],
  },
  {
    name: 'front matter whose title is not text, and front matter that is not "key: value" lines',
    breakIt: (root) => {
      edit(root, 'chapters/care/pledge.md', 'title: "Our Pledge"', 'title: [Our, Pledge]');
      write(root, VISITS, '---\n- Visits\n---\n\nVisit every six weeks.\n');
    },
    expected: [
      'chapters/care/pledge.md:2:1: error: the front matter "title" must be a line of text\n  fix: write it as title: "The Chapter Title"',
      'chapters/care/visits.md:2:1: error: the front matter must be "key: value" lines\n  fix: write it as lines such as title: "The Chapter Title"',
    ],
  },
  {
    name: 'a link to a missing file, and one to a document while the contents says not where the web edition is',
    breakIt: (root) => {
      mkdirSync(path.join(root, 'chapters/forms'));
      write(root, 'chapters/forms/visit.pdf', '%PDF-1.7');
      edit(
        root,
        VISITS,
        'Visit every six weeks.',
        'Visit every six weeks, on [the form](../forms/visit.pdf).\n\n[Notes](../forms/notes.docx)',
      );
    },
    expected: [
      'chapters/care/visits.md:7:1: error: link to chapters/forms/notes.docx, which does not exist\n  fix: link to chapters by their .md file, or give a full web address (https://...)',
      `chapters/contents.yml: warning: the manual links to 1 document, but the contents does not say where the web edition is published: the PDFs, the HTML edition and the EPUB name them without a link\n  fix: add the web edition's address to chapters/contents.yml, like "site-url: https://procedures.example.gov.uk/children/"`,
    ],
  },
  {
    name: 'warnings: an image on the web, in markdown and in raw HTML; none for a raw HTML image of the manual',
    breakIt: (root) =>
      edit(
        root,
        VISITS,
        'Visit every six weeks.',
        'Visit every six weeks.\n\n![A map](https://example.org/map.png)\n\n<img src="../images/flow.svg" alt="Steps">' +
          '\n\n<p><img src="https://example.org/map.png" alt="Map"></p>',
      ),
    expected: [
      'chapters/care/visits.md:7:1: warning: image https://example.org/map.png is on the web; editions never fetch it, so readers see its alt text\n  fix: save the image under chapters/ and link to it by a relative path',
      'chapters/care/visits.md:11:4: warning: image https://example.org/map.png is on the web; editions never fetch it, so readers see its alt text\n  fix: save the image under chapters/ and link to it by a relative path',
    ],
  },
];

describe('manual check reports the rarer problems with their exact words', () => {
  for (const { name, breakIt, expected } of cases) {
    it(name, async () => {
      const root = copyManual();
      breakIt(root);
      expect(await check(root)).toEqual(expected);
    });
  }

  it('an archived release record that cannot be read, named from where check runs', () => {
    const root = copyManual();
    mkdirSync(path.join(root, 'archive/2024-08'), { recursive: true });
    write(root, 'archive/2024-08/release.json', '{ "format": 1 ');
    const result = manual(['check'], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "archive/2024-08/release.json: error: the archived release record cannot be read: it is not valid JSON (Expected ',' or '}' after property value in JSON at position 14)\n" +
        '  fix: restore it from version control; `manual verify` checks every archived file\n' +
        '1 error, 0 warnings\n',
    );
  });
});

describe("the release gate, against the sample's archived February 2025 release", () => {
  const NEXT =
    'editions:\n  - edition: 2025-08\n    date: 2025-08-04\n    updated:\n      - chapter: children-in-care/care-planning\n        details: Reviewed.\n';

  it("warns when the released edition's chapters changed since", async () => {
    const root = copyManual(REPO);
    appendFileSync(path.join(root, 'chapters/children-in-care/staying-put.md'), '\nA new paragraph.\n');
    expect(await check(root)).toEqual([
      'chapters/amendments.yml:4:5: warning: edition 2025-02 is already released (archive/2025-02), and chapters have changed since its February 2025 release\n' +
        '  fix: add the next edition at the top of chapters/amendments.yml and list the changes there',
    ]);
  });

  it('warns about a changed chapter the new edition leaves out, and an updated one that did not change', async () => {
    const root = copyManual(REPO);
    edit(root, AMENDMENTS, 'editions:\n', NEXT);
    appendFileSync(path.join(root, 'chapters/children-in-care/staying-put.md'), '\nA new paragraph.\n');
    expect(await check(root)).toEqual([
      'chapters/amendments.yml:4:5: warning: chapter "children-in-care/staying-put" has changed since the February 2025 release, but edition 2025-08 does not list it as updated\n' +
        '  fix: add "- chapter: children-in-care/staying-put" with its details under "updated"',
      'chapters/amendments.yml:7:18: warning: chapter "children-in-care/care-planning" is listed as updated, but its source has not changed since the February 2025 release\n' +
        '  fix: remove it from "updated", or make the change it describes',
    ]);
  });
});
