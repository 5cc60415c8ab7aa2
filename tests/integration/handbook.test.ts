import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ace, epubcheck } from '../helpers/epub.ts';
import { manual, REPO, scratchDir, removeCopies } from '../helpers/fixture.ts';
import { pdfInfo, pdfLinks, pdfPages, pdfStructure } from '../helpers/pdf.ts';
import { brokenLinks } from '../helpers/site-links.ts';

afterAll(removeCopies);

const ROOT = path.join(REPO, 'tests/fixtures/handbook');
const NAME = 'working-together-2026-06';

/**
 * A manual written as public handbooks moved in from MkDocs, mdBook and Word are (see its
 * README): every construct they hold, in one book, built once with the real command.
 */
describe('a manual written as real handbooks are', () => {
  let out = '';
  let check = { status: null as number | null, stderr: '' };
  beforeAll(() => {
    check = manual(['check', '--root', ROOT]);
    out = scratchDir('manual-handbook-');
    const build = manual(['build', '--root', ROOT, '--out', out]);
    if (build.status !== 0) throw new Error(`the handbook did not build:\n${build.stderr}`);
  }, 300_000);

  it('checks with a warning only where its author should still look', () => {
    expect(check.status).toBe(0);
    const warnings = check.stderr.split('\n').filter((line) => /: (warning|error): /.test(line));
    const site = (at: string, link: string, chapter: string) =>
      `${at}: warning: link to ${link} is written for a web site; the editions take it to chapter ${chapter}`;
    const guidance = 'https://www.gov.uk/government/publications/children-act-1989-care-planning#annex';
    const word = (at: string, what: string) =>
      `chapters/word/pasted-policy.md:${at}: warning: ${what} is removed from the editions`;
    expect(warnings).toEqual([
      site('chapters/book/chapter-1.md:6:5', './chapter-2.html', 'book/chapter-2.md'),
      `chapters/book/chapter-1.md:11:1: warning: link address ${guidance}#a is not a valid URL: it has more than one "#"; the editions write ${guidance}%23a`,
      site('chapters/book/chapter-2.md:6:62', './chapter-1.html', 'book/chapter-1.md'),
      // What Word's HTML loses is said, so that its author can see that nothing more goes.
      word('8:45', 'the style attribute of <span>'),
      word('8:124', '<o:p>'),
      word('10:82', '<o:p>'),
      word('12:1', 'the style attribute of <p>'),
      word('12:89', 'the style attribute of <span>'),
      word('12:123', 'the style attribute of <span>'),
      site('chapters/working/assessment.md:25:5', '../working/visits/', 'working/visits.md'),
      // In an admonition's body, at its place in the file.
      site('chapters/working/index.md:6:67', '../working/visits/', 'working/visits.md'),
      site('chapters/working/index.md:19:20', './assessment.html', 'working/assessment.md'),
    ]);
  });

  it('gives a web edition whose every link to its own files, and every #fragment of one, is there', () => {
    const web = path.join(out, 'web');
    expect(brokenLinks(web)).toEqual([]);
    // A link to a raw HTML id of another chapter, and one to a heading of another chapter.
    const page = (id: string) => readFileSync(path.join(web, `chapters/${id}.html`), 'utf8');
    expect(page('working/visits')).toContain('href="assessment.html#ch-working.assessment--raw.which-form"');
    expect(page('working/index')).toContain('href="visits.html#ch-working.visits--the-last-visit"');
  });

  it('gives an EPUB that epubcheck passes with nothing to report', () => {
    const { status, output } = epubcheck(path.join(out, `${NAME}.epub`));
    expect(output).toContain('No errors or warnings detected');
    expect(status).toBe(0);
  });

  it('gives an EPUB in which Ace by DAISY finds no violation', { timeout: 600_000 }, () => {
    const work = mkdtempSync(path.join(tmpdir(), 'manual-ace-'));
    try {
      const violations = ace(path.join(out, `${NAME}.epub`), work);
      expect(violations.map((v) => `${v.rule} (${v.impact}) in ${v.file}: ${v.html}`)).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('gives a partner PDF whose every link opens a page of it or a web address', () => {
    const file = path.join(out, `${NAME}.pdf`);
    const pages = Number(pdfInfo(file).Pages);
    const links = Array.from({ length: pages }, (_, i) => pdfLinks(file, i + 1)).flat();
    const inside = links.filter((link) => link.page !== undefined);
    const outside = links.filter((link) => link.page === undefined);
    // The contents pages' links, and each chapter's links to chapters, headings and raw HTML ids.
    expect(inside.length).toBeGreaterThan(20);
    for (const text of ['Which form to use', 'the form note', 'Purpose', 'Sharing without consent', 'top'])
      expect(inside.map((link) => link.text)).toContain(text);
    // The one web address, written percent-encoded, over the two lines its text wraps onto.
    expect([...new Set(outside.map((link) => link.uri))]).toEqual([
      'https://www.gov.uk/government/publications/children-act-1989-care-planning#annex%23a',
    ]);
    const text = pdfPages(file).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Assessment and Checks before Placement');
    expect(text).not.toMatch(/\{#|\[x\]|\[ \]|\]: |\]\[|!!!/);
    expect(text).toContain('In short Referrals come to the Front Door');
    expect(text).toContain('See the Assessment chapter for the checks, and the visits page for what happens');
    expect(text).toContain('\u2611 Read the referral');
    // The drawings' labels are printed from the SVGs as the tools wrote them.
    expect(text).toContain('Front Door');
  });

  it('gives PDFs whose structure tree poppler reads without a complaint', () => {
    for (const name of [`${NAME}.pdf`, `${NAME}-print.pdf`])
      expect(pdfStructure(path.join(out, name)).complaints, name).toEqual([]);
  });
});
