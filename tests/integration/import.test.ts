import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
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

  it("makes a Word checklist's footnotes and endnotes markdown footnotes where their marks were, which check and build", () => {
    const root = copyManual();
    const imported = manual(['import', '--root', root, fixture('checklist.docx')]);
    expect(imported).toMatchObject({ status: 0, stderr: '' });
    expect(imported.stdout).toBe(
      [
        `${fixture('checklist.docx')} -> chapters/checklist/`,
        '  chapters/checklist/introduction.md: Introduction',
        '  chapters/checklist/security-requirements.md: Security requirements',
        '  chapters/checklist/submitting-your-application.md: Submitting your application',
        '  split into chapters at each Heading 1',
        'chapters/contents.yml: the chapters were added',
        'manual check: no errors',
        '',
      ].join('\n'),
    );
    // A mark in a link's text follows the link; a note's own link is kept.
    expect(read(root, 'chapters/checklist/introduction.md')).toContain(
      [
        'should complete the [Data Security and Protection Toolkit](https://www.dsptoolkit.nhs.uk/)[^1], an online self-assessment of their data security.',
        'If you hold a certificate, read the [ISO/IEC 27001 information security standard](https://www.iso.org/standard/27001)[^2] for what its scope must cover.',
        'You must also meet the National Data Guardian’s 10 data security standards.[^3]',
        '[^1]: The toolkit replaced the Information Governance Toolkit in April 2018.',
        '[^2]: The certificate must be issued by a certification body accredited by the [United Kingdom Accreditation Service](https://www.ukas.com/).',
        '[^3]: The standards are set out in [Your Data: Better Security, Better Choice, Better Care](https://www.gov.uk/government/publications/review-of-data-security-consent-and-opt-outs).\n',
      ].join('\n\n'),
    );
    // Numbered from 1 in each chapter: a GFM cell's mark, a cross-reference to it (one definition), a
    // cross-reference to a note of the chapter before, and a merged table's cell written as markdown.
    expect(read(root, 'chapters/checklist/security-requirements.md')).toBe(
      [
        '---\nsource: checklist.docx\nsource-title: Data security checklist for applicants\n---',
        '# Security requirements',
        'Tick each item when your evidence is ready. We check every item before we approve an application.',
        [
          '| **Requirement**                      | **Evidence you send**                                              | **Done** |',
          '| ------------------------------------ | ------------------------------------------------------------------ | -------- |',
          '| Data Security and Protection Toolkit | Your organisation code and the date of your latest publication[^1] | ☐        |',
          '| ISO/IEC 27001 certificate            | A copy of the certificate and its statement of applicability[^2]   | ☐        |',
          '| System level security policy         | The policy, signed by your senior information risk owner           | ☐        |',
        ].join('\n'),
        'Give the same organisation code on every form you send us.[^1]',
        '## How we decide',
        '<table><thead><tr><th colspan="2"><p><strong>Toolkit status and outcome</strong></p></th></tr></thead><tbody><tr><td><p>Standards Exceeded</p></td><td rowspan="2"><p>Approved</p></td></tr><tr><td><p>Standards Met</p></td></tr><tr><td><p>Approaching Standards</p></td><td>',
        'Can be approved, and may include special conditions[^3]',
        '</td></tr></tbody></table>',
        '[^1]: The code is shown on your organisation’s profile in the toolkit.',
        '[^2]: The certificate must be issued by a certification body accredited by the [United Kingdom Accreditation Service](https://www.ukas.com/).',
        '[^3]: Special conditions are written into your Data Sharing Agreement.\n',
      ].join('\n\n'),
    );
    expect(read(root, 'chapters/checklist/submitting-your-application.md')).toContain(
      'Send the completed checklist with your application.[^1]\n\n[^1]: For help with the checklist, call 0300 303 5678 or email <enquiries@nhsdigital.nhs.uk>.\n',
    );
    expect(manual(['check', '--root', root])).toMatchObject({ status: 0, stderr: '' });

    // The merged table is one table again, its note mark in the cell it was in.
    expect(manual(['build', '--root', root, '--quiet']).status).toBe(0);
    const html = readFileSync(path.join(root, 'dist/small-test-manual-2025-02.html'), 'utf8');
    expect(html).toMatch(
      /<td><p>Approaching Standards<\/p><\/td><td>\s*<p>Can be approved, and may include special conditions<sup><a href="#ch-checklist\.security-requirements--fn-3"[^>]*>3<\/a><\/sup><\/p>\s*<\/td><\/tr><\/tbody><\/table>/,
    );
    expect(epubcheck(path.join(root, 'dist/small-test-manual-2025-02.epub')).output).toContain(
      'No errors or warnings detected',
    );

    // Kept whole, the notes are numbered through the document; a note marked twice is defined once.
    const whole = copyManual();
    expect(manual(['import', '--root', whole, '--split-at', 'none', fixture('checklist.docx')]).status).toBe(0);
    const text = read(whole, 'chapters/checklist/data-security-checklist-for-applicants.md');
    expect(text.match(/^\[\^\d+\]: \S+ \S+/gm)).toEqual([
      '[^1]: The toolkit',
      '[^2]: The certificate',
      '[^3]: The standards',
      '[^4]: The code',
      '[^5]: Special conditions',
      '[^6]: For help',
    ]);
    expect(text.match(/\[\^\d\](?!:)/g)).toEqual(['[^1]', '[^2]', '[^3]', '[^4]', '[^2]', '[^4]', '[^5]', '[^6]']);
    expect(manual(['check', '--root', whole])).toMatchObject({ status: 0, stderr: '' });
  }, 120_000);

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

describe('manual import of a saved web page that links to forms', () => {
  it('takes the documents saved with it beside the chapter, where the links lead, and the manual publishes them', () => {
    const saved = scratchDir('manual-saved-page-');
    cpSync(path.join(FIXTURES, 'web'), saved, { recursive: true });
    const forms = path.join(REPO, 'tests/fixtures/documents/chapters/forms');
    mkdirSync(path.join(saved, 'forms'));
    cpSync(path.join(forms, 'pet-assessment-form.docx'), path.join(saved, 'forms/pet assessment form.docx'));
    const page = path.join(saved, 'short-breaks.html');
    const html = read(saved, 'short-breaks.html').replace(
      '<a href="#how-to-ask">how to ask</a>',
      '<a href="#how-to-ask">how to ask</a>, fill in the <a href="forms/pet%20assessment%20form.docx">pet form</a>' +
        ' (<a href="./forms/pet%20assessment%20form.docx#page=2">again</a>), read the <a href="forms/missing.pdf">missing guide</a>',
    );
    write(saved, 'short-breaks.html', html);
    const root = copyManual();
    const imported = manual(['import', '--root', root, page]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('  chapters/short-breaks/documents/: 1 document\n');
    expect(imported.stdout).toContain(
      '  the document "forms/pet%20assessment%20form.docx" the page links to was copied to documents/pet assessment form.docx\n',
    );
    const chapter = read(root, 'chapters/short-breaks/short-breaks-for-disabled-children.md');
    expect(chapter).toContain('[pet form](documents/pet%20assessment%20form.docx)');
    expect(chapter).toContain('[again](documents/pet%20assessment%20form.docx#page=2)');
    // Not saved with the page: made absolute from the page's address, as before.
    expect(chapter).toContain(
      '[missing guide](https://www.derby.gov.uk/health-and-social-care/short-breaks/forms/missing.pdf)',
    );
    expect(readFileSync(path.join(root, 'chapters/short-breaks/documents/pet assessment form.docx'))).toEqual(
      readFileSync(path.join(forms, 'pet-assessment-form.docx')),
    );
    const out = scratchDir('manual-imported-');
    const built = manual(['build', '--root', root, '--out', out, '--quiet']);
    expect(built.status, built.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'web/documents/short-breaks/documents/pet assessment form.docx'))).toEqual(
      readFileSync(path.join(forms, 'pet-assessment-form.docx')),
    );
  }, 300_000);
});
