import type { Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { afterAll, describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic, sortDiagnostics } from '../../scripts/core/diagnostics.ts';
import { buildBook } from '../../scripts/pipeline/pipeline.ts';
import { check, copyManual, edit, removeCopies, write } from '../helpers/fixture.ts';

afterAll(removeCopies);

const html = (tree: Root) => unified().use(rehypeStringify).stringify(tree);

/** The small manual with `chapters/care/visits.md` written as given: its check report, and each chapter's HTML. */
async function withVisits(markdown: string, more: (root: string) => void = () => {}) {
  const root = copyManual();
  write(root, 'chapters/care/visits.md', markdown);
  more(root);
  const problems = await check(root);
  const diagnostics = new Diagnostics();
  const book = await buildBook(root, diagnostics);
  const chapters = new Map(book?.chapters.map((c) => [c.id, html(c.body)]));
  const amendments = book?.edition.updated.map((a) => (a.details ? html(a.details) : '')) ?? [];
  return { problems, chapters, amendments, errors: sortDiagnostics(diagnostics.errors).map(formatDiagnostic) };
}

describe('markdown that real handbooks hold', () => {
  it('checks and resolves reference-style links like inline ones', async () => {
    const definitions = '[checks]: placements.md#checks-before-placement\n[frequency]: #frequency\n';
    const { problems } = await withVisits(
      `# Visits\n\n## Frequency\n\nSee [the checks][checks], [Frequency][] and [plans].\n\n${definitions}[plans]: ./plan.md\n`,
    );
    expect(problems).toEqual([
      'chapters/care/visits.md:5:45: error: link to chapter chapters/care/plan.md, which does not exist' +
        '\n  fix: link to a chapter listed in the contents, by the path of its .md file relative to this file',
    ]);
    const { chapters } = await withVisits(
      `# Visits\n\n## Frequency\n\nSee [the checks][checks] and [Frequency][].\n\n${definitions}`,
    );
    expect(chapters.get('care/visits')).toContain(
      '<a href="#ch-care.placements--checks-before-placement">the checks</a> and <a href="#ch-care.visits--frequency">Frequency</a>',
    );
  });

  it('resolves reference-style links in amendment details', async () => {
    const { problems, amendments } = await withVisits('# Visits\n\n## Frequency\n\nVisit every six weeks.\n', (root) =>
      edit(
        root,
        'chapters/amendments.yml',
        'details: Section 1.2 was rewritten.',
        'details: "[Checks][c] were rewritten.\\n\\n[c]: care/placements.md#checks-before-placement"',
      ),
    );
    expect(problems).toEqual([]);
    expect(amendments[0]).toContain('<a href="#ch-care.placements--checks-before-placement">Checks</a>');
  });

  it('takes heading attributes as anchors, keeps the braces out of the text, and suggests them for a retitled heading', async () => {
    const { problems, chapters } = await withVisits(
      '# Visits\n\n## How Often We Visit {#frequency}\n\n## Frequency\n\n### Notes {#notes .unnumbered}\n\n' +
        'See [the first](#frequency), [the second](#frequency-1), [notes](#notes).\n',
    );
    expect(problems).toEqual([]);
    const visits = chapters.get('care/visits')!;
    expect(visits).toContain('id="ch-care.visits--frequency"');
    expect(visits).toContain('How Often We Visit</h2>');
    expect(visits).toContain('id="ch-care.visits--frequency-1"');
    expect(visits).toContain('id="ch-care.visits--notes"');
    expect(visits).not.toContain('{#');
    const retitled = await withVisits('# Visits\n\n## How Often We Visit\n\nSee [frequency](#frequency).\n');
    expect(retitled.problems).toEqual([
      'chapters/care/visits.md:5:5: error: chapter "Visits" has no heading "#frequency"' +
        '\n  fix: link to one of its headings, e.g. "#how-often-we-visit"; if the heading was retitled, give it back its old anchor: "## New title {#frequency}"',
    ]);
  });

  it('follows links to ids written in raw HTML, Word bookmarks among them, from the chapter and from others', async () => {
    const { problems, chapters } = await withVisits(
      '# Visits\n\n<span id="which"></span>\n[Which?](#which) and [purpose](#_Toc101).\n\n' +
        '<p class=MsoNormal><a name="_Toc101"></a><b>1. Purpose</b></p>\n\n' +
        '<p><a href="#_Toc101">Purpose</a>, <a href="placements.md#checks-before-placement">checks</a></p>\n',
      (root) =>
        edit(root, 'chapters/help/early-help.md', '[visits](../care/visits.md)', '[visits](../care/visits.md#which)'),
    );
    expect(problems).toEqual([]);
    const visits = chapters.get('care/visits')!;
    expect(visits).toContain('<span id="ch-care.visits--raw.which"></span>');
    expect(visits).toContain('<a href="#ch-care.visits--raw.which">Which?</a>');
    expect(visits).toContain('<a id="ch-care.visits--raw._Toc101"></a>');
    expect(visits.match(/href="#ch-care.visits--raw._Toc101"/g)).toHaveLength(2);
    expect(visits).toContain('<a href="#ch-care.placements--checks-before-placement">checks</a>');
    expect(chapters.get('help/early-help')).toContain('<a href="#ch-care.visits--raw.which">visits</a>');
  });

  it('checks the links of raw HTML as it checks markdown links', async () => {
    const { problems } = await withVisits('# Visits\n\n<p>See <a href="placement.md">placements</a>.</p>\n');
    expect(problems).toEqual([
      'chapters/care/visits.md:3:8: error: link to chapter chapters/care/placement.md, which does not exist' +
        '\n  fix: correct the link (did you mean "placements.md"?)',
    ]);
  });

  it('finds an image whose address has a fragment or a query, and takes "#" alone to the top of the chapter', async () => {
    const { problems, chapters } = await withVisits(
      '# Visits\n\n![Flow](../images/flow.svg#small) ![Flow again](../images/flow.svg?v=2)\n\n[Top](#)\n',
    );
    expect(problems).toEqual([]);
    const visits = chapters.get('care/visits')!;
    expect(visits.match(/<img src="chapters\/images\/flow.svg"/g)).toHaveLength(2);
    expect(visits).toContain('<a href="#ch-care.visits">Top</a>');
  });

  it('resolves links written for the published site, with a warning that gives the .md path', async () => {
    const { problems, chapters } = await withVisits(
      '# Visits\n\n[a](./placements.html#planning) [b](../care/placements/) [c](../help/early-help) [d](../care/)\n',
    );
    expect(problems).toEqual([
      'chapters/care/visits.md:3:1: warning: link to ./placements.html is written for a web site; the editions take it to chapter care/placements.md' +
        '\n  fix: link to the chapter\'s file: "placements.md#planning"',
      'chapters/care/visits.md:3:33: warning: link to ../care/placements/ is written for a web site; the editions take it to chapter care/placements.md' +
        '\n  fix: link to the chapter\'s file: "placements.md"',
      'chapters/care/visits.md:3:58: warning: link to ../help/early-help is written for a web site; the editions take it to chapter help/early-help.md' +
        '\n  fix: link to the chapter\'s file: "../help/early-help.md"',
      // No chapter is near "care", so the fix names none: a far one would send the author astray.
      'chapters/care/visits.md:3:82: error: link to chapters/care/, which is no chapter of the contents' +
        '\n  fix: link to chapters by their .md file, or give a full web address (https://...)',
    ]);
    expect(chapters.size).toBe(0);
  });

  it('takes MkDocs links written from the page folder and index pages to their chapters', async () => {
    const { problems, chapters } = await withVisits('# Visits\n\n[a](../placements/#planning)\n');
    expect(problems).toEqual([
      'chapters/care/visits.md:3:1: warning: link to ../placements/ is written for a web site; the editions take it to chapter care/placements.md' +
        '\n  fix: link to the chapter\'s file: "placements.md#planning"',
    ]);
    expect(chapters.get('care/visits')).toContain('<a href="#ch-care.placements--planning">a</a>');
  });

  it('warns of an address with two "#" and writes it percent-encoded', async () => {
    const { problems, chapters } = await withVisits('# Visits\n\n[guidance](https://example.org/guide#annex#a)\n');
    expect(problems).toEqual([
      'chapters/care/visits.md:3:1: warning: link address https://example.org/guide#annex#a is not a valid URL: it has more than one "#"; the editions write https://example.org/guide#annex%23a' +
        '\n  fix: write a "#" that belongs to the address after the first one as "%23"',
    ]);
    expect(chapters.get('care/visits')).toContain('<a href="https://example.org/guide#annex%23a">guidance</a>');
  });

  it('writes MkDocs admonitions as titled block quotes, their links checked at their place in the file', async () => {
    const { problems, chapters } = await withVisits(
      '# Visits\n\n!!! tip "In short"\n\n    See [the checks][c] and [frequency](#frekwency).\n\n' +
        '??? note\n\n    - [ ] Book the visit\n\n## Frequency\n\n[c]: placements.md#checks-before-placement\n',
    );
    expect(problems).toEqual([
      'chapters/care/visits.md:5:29: error: chapter "Visits" has no heading "#frekwency"' +
        '\n  fix: link to one of its headings, e.g. "#frequency"',
    ]);
    const fixed = await withVisits(
      '# Visits\n\n!!! tip "In short"\n\n    See [the checks][c].\n\n??? note\n\n    - [ ] Book the visit\n\n' +
        '[c]: placements.md#checks-before-placement\n',
    );
    expect(fixed.chapters.get('care/visits')).toContain(
      '<blockquote id="ch-care.visits--b0">\n<p><strong>In short</strong></p>\n<p>See <a href="#ch-care.placements--checks-before-placement">the checks</a>.</p>\n</blockquote>',
    );
    expect(fixed.chapters.get('care/visits')).toContain('<p><strong>Note</strong></p>');
    expect(chapters.size).toBe(0);
  });

  it('reports every YAML syntax error of a file, not only the first', async () => {
    const root = copyManual();
    edit(
      root,
      'chapters/contents.yml',
      '        url: https://example.org/thresholds',
      '       url: https://example.org/thresholds',
    );
    edit(root, 'chapters/contents.yml', '            remark: under review', '            remark: "under review');
    expect(await check(root)).toEqual([
      'chapters/contents.yml:10:1: error: YAML syntax: Sequence item without - indicator' +
        '\n  fix: check the indentation and quoting on this line and the one above it; quote text that contains ": " or starts with a special character',
      'chapters/contents.yml:24:1: error: YAML syntax: Missing closing "quote' +
        '\n  fix: a quote opened above this line is never closed: close it on the line where the text ends',
    ]);
  });
});
