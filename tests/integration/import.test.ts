import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ace, epubcheck } from '../helpers/epub.ts';
import { copyManual, manual, removeCopies, REPO, scratchDir, write } from '../helpers/fixture.ts';

afterAll(removeCopies);

const FIXTURES = path.join(REPO, 'tests/fixtures/import');
const fixture = (name: string) => path.join(FIXTURES, name);
const NO_ALT =
  'chapters/fostering/assessment.md:16:1: warning: image chapters/fostering/images/fostering-2.png has no text alternative, so screen readers cannot say what it shows\n' +
  '  fix: write what the image shows between the brackets: ![A flowchart of the referral steps](path)\n' +
  '0 errors, 1 warning\n';
const read = (root: string, file: string) => readFileSync(path.join(root, file), 'utf8');

/** Every file under chapters/, with its bytes, to show that nothing changed. */
function snapshot(root: string): Map<string, string> {
  const dir = path.join(root, 'chapters');
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(
    files.map((e) => [
      path.relative(dir, path.join(e.parentPath, e.name)),
      readFileSync(path.join(e.parentPath, e.name)).toString('base64'),
    ]),
  );
}

describe('manual import', () => {
  it('imports Word documents and a saved web page into chapters that check and build, in order', () => {
    const root = copyManual();
    const contentsBefore = read(root, 'chapters/contents.yml');
    const imported = manual([
      'import',
      '--root',
      root,
      fixture('fostering.docx'),
      fixture('allowances.docx'),
      fixture('web/short-breaks.html'),
    ]);
    expect(imported.stderr).toBe(NO_ALT);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toBe(
      [
        `${fixture('fostering.docx')} -> chapters/fostering/`,
        '  chapters/fostering/introduction.md: Introduction',
        '  chapters/fostering/assessment.md: Assessment',
        '  chapters/fostering/the-fostering-panel.md: The Fostering Panel',
        '  chapters/fostering/images/: 2 images',
        '  split into chapters at each Heading 1',
        '  the table of contents was dropped (6 lines): the manual makes its own',
        '  typed heading numbers were dropped ("1.", "2.", "2.1", "2.2", "A)"): the manual numbers headings itself',
        '  comment by Alice Auditor on "Five members make a quorum.": "Check the quorum with the panel adviser" (not carried over; the text it is on is kept)',
        '  tracked deletion by Bob Editor: "monthly" (accepted: dropped)',
        '  tracked insertion by Bob Editor: "every four weeks" (accepted: kept)',
        `${fixture('allowances.docx')} -> chapters/allowances/`,
        '  chapters/allowances/fostering-allowances.md: Fostering Allowances',
        '  kept whole, one chapter',
        '  typed heading numbers were dropped ("1.1", "1.2"): the manual numbers headings itself',
        `${fixture('web/short-breaks.html')} -> chapters/short-breaks/`,
        '  chapters/short-breaks/short-breaks-for-disabled-children.md: Short Breaks for Disabled Children',
        '  chapters/short-breaks/images/: 1 image',
        '  kept whole, one chapter',
        '  the remote image https://www.derby.gov.uk/media/map-of-centres.png was not copied: it is a link with its alt text "Map of short break centres"',
        'chapters/contents.yml: the chapters were added',
        'manual check: 0 errors, 1 warning (listed above)',
        '',
      ].join('\n'),
    );

    // contents.yml: every old line, then one section per document.
    expect(read(root, 'chapters/contents.yml')).toBe(
      contentsBefore +
        [
          '  - title: Fostering Procedures',
          '    entries:',
          '      - chapter: fostering/introduction',
          '      - chapter: fostering/assessment',
          '      - chapter: fostering/the-fostering-panel',
          '  - title: Fostering Allowances',
          '    entries:',
          '      - chapter: allowances/fostering-allowances',
          '  - title: Short Breaks for Disabled Children - Derby City Council',
          '    entries:',
          '      - chapter: short-breaks/short-breaks-for-disabled-children',
          '',
        ].join('\n'),
    );
    expect(read(root, 'chapters/fostering/assessment.md')).toBe(
      [
        '---',
        'source: fostering.docx',
        'source-title: Fostering Procedures',
        '---',
        '',
        '# Assessment',
        '',
        'An assessment starts with a home visit.[^1] See [the panel](the-fostering-panel.md) for what follows.',
        '',
        '## Checks before Approval',
        '',
        'Checks include an enhanced DBS check.',
        '',
        '![Flowchart of the assessment steps](images/fostering-1.png)',
        '',
        '![](images/fostering-2.png)',
        '',
        '## Timescales',
        '',
        'The assessment takes up to eight months. Back to [the checks](#checks-before-approval).',
        '',
        '[^1]: The first visit is arranged by letter.',
        '',
      ].join('\n'),
    );
    expect(read(root, 'chapters/fostering/introduction.md')).toContain(
      'Carers must keep <u>records</u> of every placement. ~~Form FC1 is no longer used.~~',
    );
    expect(read(root, 'chapters/allowances/fostering-allowances.md')).toContain(
      '<table><thead><tr><th rowspan="2"><p>Payment</p></th><th colspan="2"><p>When paid</p></th></tr>',
    );
    expect(readFileSync(path.join(root, 'chapters/short-breaks/images/short-breaks-1.png'))).toEqual(
      readFileSync(fixture('web/short-breaks_files/activity-day.png')),
    );

    // The only problem check finds is really in the source: an image Word has no description for.
    const checked = manual(['check', '--root', root]);
    expect(checked.status).toBe(0);
    expect(checked.stderr).toBe(NO_ALT);

    const built = manual(['build', '--root', root]);
    expect(built.status, built.stderr).toBe(0);
    const epub = path.join(root, 'dist/small-test-manual-2025-02.epub');
    expect(epubcheck(epub).output).toContain('No errors or warnings detected');
    const work = scratchDir('manual-ace-');
    expect(ace(epub, work).map((v) => `${v.rule} (${v.impact}) in ${v.file}: ${v.html}`)).toEqual([]);
    const text = execFileSync('pdftotext', ['-layout', path.join(root, 'dist/small-test-manual-2025-02.pdf'), '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, ' ');
    const inOrder = [
      'Fostering Procedures',
      'Introduction',
      'This procedure applies to all foster carers',
      'the induction course;',
      'Assessment',
      'An assessment starts with a home visit.',
      'Checks before Approval',
      'The assessment takes up to eight months.',
      'The first visit is arranged by letter.',
      'The Fostering Panel',
      'The panel meets every four weeks in the Council House.',
      'Five members make a quorum.',
      'Fostering Allowances',
      'Weekly Rates',
      '5 to 10',
      'Extra Payments',
      'Birthday',
      'On request',
      'Short Breaks for Disabled Children',
      'Who can have a short break',
      'How to ask for a short break',
      '01332 640000',
    ];
    let at = text.indexOf('This procedure applies') - 2000;
    for (const phrase of inOrder) {
      const found = text.indexOf(phrase, Math.max(0, at));
      expect(found, `"${phrase}" after the phrase before it`).toBeGreaterThan(-1);
      at = found + phrase.length;
    }
    for (const dropped of ['monthly', 'Check the quorum', 'Accept all cookies', 'Bins and recycling', 'Last updated'])
      expect(text).not.toContain(dropped);
  }, 180_000);

  it('keeps a bookmark that is not on a heading as a raw anchor, and links to it, which checks', () => {
    const root = copyManual();
    expect(manual(['import', '--root', root, fixture('bookmarks.docx')]).status).toBe(0);
    expect(read(root, 'chapters/bookmarks/rates.md')).toContain(
      '<a id="weekly-rates"></a>The weekly rates are set each April. See [the rates](#weekly-rates) and [the heading](#rates-by-age).',
    );
    // A link to a raw HTML anchor is a link the manual resolves.
    expect(manual(['check', '--root', root])).toMatchObject({ status: 0, stderr: '' });
  });

  it('names an unreadable file, exits 1 and writes nothing, not even the other files', () => {
    const root = copyManual();
    write(root, 'broken.docx', readFileSync(fixture('fostering.docx')).subarray(0, 3000));
    write(root, 'notes.docx', 'just text');
    const before = snapshot(root);
    for (const [file, message] of [
      [path.join(root, 'missing.docx'), 'no such file'],
      [path.join(root, 'notes.docx'), 'not a Word document: a .docx file is a zip file, and this is not one'],
      [path.join(root, 'broken.docx'), "a damaged Word document: Corrupted zip: can't find end of central directory"],
    ]) {
      const result = manual(['import', '--root', root, fixture('allowances.docx'), file]);
      expect(result.status).toBe(1);
      expect(result.stderr.split('\n')[0]).toBe(`${file}: error: ${message}`);
      expect(result.stderr).toContain('manual import: nothing was written');
      expect(snapshot(root)).toEqual(before);
    }
  });

  it('lists what a re-import would change, changes nothing without --force, and writes it with --force', () => {
    const root = copyManual();
    expect(manual(['import', '--root', root, fixture('allowances.docx')]).status).toBe(0);
    const again = manual(['import', '--root', root, fixture('allowances.docx')]);
    expect(again).toMatchObject({
      status: 0,
      stdout:
        'allowances.docx was imported before, into chapters/allowances/fostering-allowances.md\nnothing would change\n',
    });

    const before = snapshot(root);
    const split = manual(['import', '--root', root, '--split-at', '2', fixture('allowances.docx')]);
    expect(split.status).toBe(1);
    expect(split.stdout).toBe(
      [
        'allowances.docx was imported before, into chapters/allowances/fostering-allowances.md',
        '  would change chapters/allowances/fostering-allowances.md',
        '  would add chapters/allowances/weekly-rates.md',
        '  would add chapters/allowances/extra-payments.md',
        '  would change chapters/contents.yml',
        'nothing was written: run again with --force to write these changes',
        '',
      ].join('\n'),
    );
    expect(snapshot(root)).toEqual(before);

    const forced = manual(['import', '--root', root, '--split-at', '2', '--force', fixture('allowances.docx')]);
    expect(forced.status).toBe(0);
    expect(read(root, 'chapters/allowances/weekly-rates.md')).toContain('# Weekly Rates\n\n| Age ');
    expect(read(root, 'chapters/contents.yml')).toContain(
      '      - title: Fostering Allowances\n        entries:\n          - chapter: allowances/weekly-rates\n',
    );
  });

  it('never overwrites a chapter it did not write, and adds to an existing section with --section', () => {
    const root = copyManual();
    write(root, 'chapters/care/fostering-allowances.md', '# Fostering Allowances\n\nOurs.\n');
    const result = manual([
      'import',
      '--root',
      root,
      '--into',
      'care',
      '--section',
      'Care',
      fixture('allowances.docx'),
    ]);
    expect(result.status).toBe(0);
    expect(read(root, 'chapters/care/fostering-allowances.md')).toBe('# Fostering Allowances\n\nOurs.\n');
    expect(read(root, 'chapters/care/fostering-allowances-2.md')).toContain('source: allowances.docx');
    expect(read(root, 'chapters/contents.yml')).toContain(
      '          - chapter: care/visits\n      - chapter: care/fostering-allowances-2\n      - generated: amendments\n',
    );
    expect(existsSync(path.join(root, 'chapters/allowances'))).toBe(false);
  });
});
