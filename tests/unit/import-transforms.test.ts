import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { FootnoteDefinition, Root } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { addToContents } from '../../scripts/import/add-to-contents.ts';
import { attachNotes, notesNotCarried } from '../../scripts/import/chapter-notes.ts';
import { cleanHtml } from '../../scripts/import/clean-html.ts';
import { docxToHtml } from '../../scripts/import/docx-to-html.ts';
import { reviewDocx } from '../../scripts/import/docx-review.ts';
import { dropHeadingNumber } from '../../scripts/import/heading-numbers.ts';
import { htmlToMarkdown, stringifyMarkdown } from '../../scripts/import/html-to-markdown.ts';
import { importDocument } from '../../scripts/import/import-document.ts';
import { mainContent } from '../../scripts/import/main-content.ts';
import { noteCrossReferences } from '../../scripts/import/note-cross-references.ts';
import { joinSplitLinks, liftNoteMarks, type DocxElement } from '../../scripts/import/note-marks-in-links.ts';
import { defaultSplit, splitChapters } from '../../scripts/import/split-chapters.ts';
import { fitsGfm } from '../../scripts/import/tables.ts';
import { tidyMarkdown } from '../../scripts/import/tidy-markdown.ts';
import { REPO } from '../helpers/fixture.ts';

const FIXTURES = path.join(REPO, 'tests/fixtures/import');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

/** HTML (as mammoth writes it) to markdown, through the import's cleaning and conversion. */
function markdownOf(html: string): string {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html);
  cleanHtml(tree);
  const { root, notes } = htmlToMarkdown(tree);
  tidyMarkdown(root);
  return stringifyMarkdown({ type: 'root', children: [...root.children, ...notes.values()] });
}

/** checklist.docx with its word/document.xml edited. */
async function checklistWith(edit: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(fixture('checklist.docx'));
  zip.file('word/document.xml', edit(await zip.file('word/document.xml')!.async('string')));
  return zip.generateAsync({ type: 'nodebuffer' });
}

async function docxMarkdown(name: string): Promise<string> {
  const { tree } = await docxToHtml(fixture(name), 'x');
  cleanHtml(tree);
  const { root, notes } = htmlToMarkdown(tree);
  tidyMarkdown(root);
  return stringifyMarkdown({ type: 'root', children: [...root.children, ...notes.values()] });
}

describe('typed heading numbers', () => {
  it.each([
    ['1.2 Assessment', 'Assessment', '1.2'],
    ['2. Scope', 'Scope', '2.'],
    ['A) Forms', 'Forms', 'A)'],
    ['iv) Appeals', 'Appeals', 'iv)'],
    ['3\tScope', 'Scope', '3'],
    ['(1.2.3) Deep', 'Deep', '(1.2.3)'],
  ])('drops "%s"', (heading, text, number) => {
    expect(dropHeadingNumber(heading)).toEqual({ text, number });
  });

  it.each(['24 Hour Care', '2025 Budget', 'Section 20 Accommodation', '1.'])('keeps "%s"', (heading) => {
    expect(dropHeadingNumber(heading)).toEqual({ text: heading });
  });
});

describe('Word documents through mammoth', () => {
  it('keeps underline, strikethrough, super- and subscript as the safe subset allows', async () => {
    expect(await docxMarkdown('underline.docx')).toBe('**The <u>Sunset</u> Tree**\n');
    expect(await docxMarkdown('strikethrough.docx')).toBe("~~Today's Special: Salmon~~ Sold out\n");
    expect(markdownOf('<p>H<sub>2</sub>O, 10 m<sup>2</sup></p>')).toBe('H<sub>2</sub>O, 10 m<sup>2</sup>\n');
  });

  it('makes footnotes and endnotes markdown footnotes, without their back links', async () => {
    expect(await docxMarkdown('footnotes.docx')).toBe(
      'Ouch[^footnote-1].[^footnote-2]\n\n[^footnote-1]: A tachyon walks into a bar.\n\n[^footnote-2]: Fin.\n',
    );
    expect(await docxMarkdown('endnotes.docx')).toContain('[^endnote-2]: A tachyon walks into a bar.');
  });

  it('writes a list, a table with a first row as GFM, and an image with no alt as empty brackets', async () => {
    expect(await docxMarkdown('simple-list.docx')).toBe('- Apple\n- Banana\n');
    expect(await docxMarkdown('tables.docx')).toBe(
      'Above\n\n| Top left    | Top right    |\n| ----------- | ------------ |\n| Bottom left | Bottom right |\n\nBelow\n',
    );
    const picture = await docxToHtml(fixture('tiny-picture.docx'), 'doc');
    expect(picture.images.map((i) => i.path)).toEqual(['images/doc-1.png']);
    expect(Buffer.from(picture.images[0].bytes).equals(fixture('tiny-picture.png'))).toBe(true);
    expect(await docxMarkdown('tiny-picture.docx')).toBe('![](images/x-1.png)\n');
  });

  it('drops the table of contents and the title page, and keeps the nested lists', async () => {
    const markdown = await docxMarkdown('fostering.docx');
    expect(markdown).not.toContain('Contents');
    expect(markdown).not.toContain('_Toc');
    expect(markdown.startsWith('# Introduction\n')).toBe(true);
    expect(markdown).toContain(
      '- attend training:\n  1. the induction course;\n  2. the safeguarding course;\n- keep a diary:\n  - daily notes;\n',
    );
  });

  it('lists comments with the text they are on, and tracked changes as mammoth took them', async () => {
    expect(await reviewDocx(fixture('fostering.docx'))).toEqual({
      title: 'Fostering Procedures',
      comments: [
        { author: 'Alice Auditor', text: 'Check the quorum with the panel adviser', on: 'Five members make a quorum.' },
      ],
      changes: [
        { kind: 'deletion', author: 'Bob Editor', text: 'monthly' },
        { kind: 'insertion', author: 'Bob Editor', text: 'every four weeks' },
      ],
    });
    expect(await docxMarkdown('fostering.docx')).toContain('The panel meets every four weeks in the Council House.');
    expect((await reviewDocx(fixture('comments.docx'))).comments[0]).toEqual({
      author: 'Michael Williamson',
      text: 'A tachyon walks into a bar.',
      on: 'Ouch',
    });
  });
});

describe('tables', () => {
  const table = (html: string) =>
    unified().use(rehypeParse, { fragment: true }).parse(html).children[0] as Parameters<typeof fitsGfm>[0];

  it('writes a GFM table only when it has one header row, no spans and no blocks in cells', () => {
    expect(fitsGfm(table('<table><tr><th>A</th><th>B</th></tr><tr><td><p>1</p></td><td>2</td></tr></table>'))).toBe(
      true,
    );
    expect(fitsGfm(table('<table><tr><td colspan="2">A</td></tr><tr><td>1</td><td>2</td></tr></table>'))).toBe(false);
    expect(fitsGfm(table('<table><tr><th>A</th></tr><tr><th>B</th></tr><tr><td>1</td></tr></table>'))).toBe(false);
    expect(fitsGfm(table('<table><tr><td><p>a</p><p>b</p></td></tr></table>'))).toBe(false);
    expect(fitsGfm(table('<table><tr><td><ul><li>a</li></ul></td></tr></table>'))).toBe(false);
  });

  it('keeps a table with merged cells as raw HTML the safe subset keeps, on one line', () => {
    expect(
      markdownOf('<table>\n<tr><th rowspan="2" onclick="x()">A</th><td>1</td></tr>\n<tr><td>2</td></tr>\n</table>'),
    ).toBe('<table><tbody><tr><th rowspan="2">A</th><td>1</td></tr><tr><td>2</td></tr></tbody></table>\n');
  });
});

describe('notes in links, headings and tables', () => {
  const mark = (n: number, kind = 'footnote') => `<sup><a href="#${kind}-${n}" id="${kind}-ref-${n}">[${n}]</a></sup>`;
  const notes = (...texts: string[]) =>
    `<ol>${texts.map((t, i) => `<li id="footnote-${i + 1}"><p>${t} <a href="#footnote-ref-${i + 1}">↑</a></p></li>`).join('')}</ol>`;

  it('keeps a mark in a GFM cell, and writes a raw-HTML table cell holding a mark as markdown between its HTML', () => {
    expect(
      markdownOf(
        `<table><tr><th>A</th><th>B</th></tr><tr><td><p>x${mark(1)}</p></td><td>y</td></tr></table>${notes('One.')}`,
      ),
    ).toBe('| A              | B |\n| -------------- | - |\n| x[^footnote-1] | y |\n\n[^footnote-1]: One.\n');
    const merged =
      `<table><tr><th colspan="2">Outcome</th></tr><tr><td>Met${mark(1)}</td><td rowspan="2"><p>Approved</p></td></tr>` +
      `<tr><td><ul><li>a</li><li>b${mark(2)}</li></ul></td></tr></table>${notes('One.', 'Two.')}`;
    expect(markdownOf(merged)).toBe(
      [
        '<table><tbody><tr><th colspan="2">Outcome</th></tr><tr><td>',
        'Met[^footnote-1]',
        '</td><td rowspan="2"><p>Approved</p></td></tr><tr><td>',
        '- a\n- b[^footnote-2]',
        '</td></tr></tbody></table>',
        '[^footnote-1]: One.',
        '[^footnote-2]: Two.\n',
      ].join('\n\n'),
    );
  });

  it('keeps marks on headings after their text, in a superscript run, and where the <sup> was lost', () => {
    expect(
      markdownOf(
        `<h2>2.1 Scope${mark(1)}</h2><p>Text<sup>${mark(1)}</sup> and <a href="#footnote-2" id="footnote-ref-2">[2]</a></p>` +
          notes('One.', 'Two.'),
      ),
    ).toBe(
      '## Scope[^footnote-1]\n\nText[^footnote-1] and [^footnote-2]\n\n[^footnote-1]: One.\n\n[^footnote-2]: Two.\n',
    );
  });

  it('takes note marks and bookmarks out of a link, then joins the link again with the marks after it', () => {
    const run = (...children: DocxElement[]): DocxElement => ({ type: 'run', children });
    const text = (value: string): DocxElement => ({ type: 'text', value }) as DocxElement;
    const noteMark = { type: 'noteReference', noteType: 'footnote', noteId: '1' } as DocxElement;
    const link = (href: string, ...children: DocxElement[]): DocxElement => ({ type: 'hyperlink', href, children });
    const dropped: string[] = [];
    const document = {
      type: 'document',
      children: [
        {
          type: 'paragraph',
          children: [link('https://a.example/', run(text('ISO')), run(noteMark), run(text(' 27001')))],
        },
        { type: 'paragraph', children: [run(link('https://b.example/', noteMark))] },
      ],
    };
    expect(liftNoteMarks(dropped)(document).children!.map((p) => p.children)).toEqual([
      [link('https://a.example/', run(text('ISO'))), noteMark, link('https://a.example/', run(text(' 27001')))],
      [run(noteMark)],
    ]);
    expect(dropped).toEqual([
      'a link to "https://b.example/" held only a note mark: the mark was kept, the link dropped',
    ]);

    const tree = unified()
      .use(rehypeParse, { fragment: true })
      .parse(
        `<p><a href="x">ISO</a><a id="_Ref1"></a>${mark(1)}<a href="x"> 27001</a> and <a href="y">y</a>${mark(2)}</p>`,
      );
    joinSplitLinks(tree);
    expect(unified().use(rehypeStringify).stringify(tree)).toBe(
      `<p><a href="x">ISO 27001</a><a id="_Ref1"></a>${mark(1)} and <a href="y">y</a>${mark(2)}</p>`,
    );
  });

  it("makes a Word checklist's notes footnotes: in a link's text, in cells, in a merged table, cross-referenced", async () => {
    const markdown = await docxMarkdown('checklist.docx');
    for (const line of [
      'complete the [Data Security and Protection Toolkit](https://www.dsptoolkit.nhs.uk/)[^footnote-1], an online',
      'read the [ISO/IEC 27001 information security standard](https://www.iso.org/standard/27001)<a id="_Ref160000002"></a>[^footnote-2] for',
      '| ISO/IEC 27001 certificate            | A copy of the certificate and its statement of applicability[^footnote-2]',
      'Give the same organisation code on every form you send us.[^footnote-4]\n',
      '<td><p>Approaching Standards</p></td><td>\n\nCan be approved, and may include special conditions[^endnote-1]\n\n</td></tr></tbody></table>\n',
      '[^footnote-2]: The certificate must be issued by a certification body accredited by the [United Kingdom Accreditation Service](https://www.ukas.com/).\n',
      '[^endnote-2]: For help with the checklist, call 0300 303 5678 or email <enquiries@nhsdigital.nhs.uk>.\n',
    ])
      expect(markdown).toContain(line);
    expect(markdown).not.toMatch(/\]\(#(footnote|endnote)-|href="#(footnote|endnote)-|↑/);
  });

  it('makes a NOTEREF cross-reference a mark of its note, and reports one whose bookmark holds no mark', async () => {
    const { bytes, notes: reported } = await noteCrossReferences(fixture('checklist.docx'));
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).not.toContain('NOTEREF');
    expect(xml.match(/<w:footnoteReference w:id="2"\/>/g)).toHaveLength(2);
    expect(xml.match(/<w:footnoteReference w:id="4"\/>/g)).toHaveLength(2);
    expect(reported).toEqual([]);

    const broken = await checklistWith((x) => x.replace('NOTEREF _Ref160000004', 'NOTEREF _Ref999'));
    expect((await noteCrossReferences(broken)).notes).toEqual([
      'a cross-reference to a note (NOTEREF _Ref999) was kept as its text "4": its bookmark holds no note mark',
    ]);
    const untouched = fixture('footnotes.docx');
    expect((await noteCrossReferences(untouched)).bytes).toBe(untouched);
  });

  it('numbers each chapter its notes from 1, defines a note marked twice once, and reports a note no chapter kept', async () => {
    const definition = (id: string, text: string): FootnoteDefinition => ({
      type: 'footnoteDefinition',
      identifier: id,
      children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }],
    });
    const all = new Map([
      ['footnote-1', definition('footnote-1', 'One.')],
      ['endnote-1', definition('endnote-1', 'Two.')],
      ['footnote-9', definition('footnote-9', 'Nine.')],
    ]);
    const chapter = (...ids: string[]): Root => ({
      type: 'root',
      children: [{ type: 'paragraph', children: ids.map((id) => ({ type: 'footnoteReference', identifier: id })) }],
    });
    const used = new Set<string>();
    const [first, second] = [chapter('endnote-1', 'footnote-1', 'endnote-1'), chapter('footnote-1', 'footnote-7')];
    expect(attachNotes(first, all, used)).toEqual([]);
    expect(attachNotes(second, all, used)).toEqual(['footnote-7']);
    expect(stringifyMarkdown(first)).toBe('[^1][^2][^1]\n\n[^1]: Two.\n\n[^2]: One.\n');
    expect(stringifyMarkdown(second)).toBe('[^1][^footnote-7]\n\n[^1]: One.\n');
    expect(notesNotCarried(all, used)).toEqual([
      'the footnote "Nine." was not carried over: no chapter kept a mark of it (a mark on a heading that becomes a chapter\'s title is not kept)',
    ]);
  });

  it("reports a note whose only mark was on a chapter's title", async () => {
    const endnoteRun = '<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteReference w:id="2"/></w:r>';
    const moved = await checklistWith((x) =>
      x
        .replace(endnoteRun, '')
        .replace('Submitting your application</w:t></w:r>', `Submitting your application</w:t></w:r>${endnoteRun}`),
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'import-notes-'));
    try {
      writeFileSync(path.join(dir, 'checklist.docx'), moved);
      const plan = await importDocument(path.join(dir, 'checklist.docx'), { into: 'checklist', taken: () => false });
      expect(plan.notes).toContain(
        'the endnote "For help with the checklist, call 0300 303 5678 or email…" was not carried over: no chapter kept a mark of it (a mark on a heading that becomes a chapter\'s title is not kept)',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('splitting', () => {
  const doc = (md: string): Root['children'] =>
    md.split('\n').map((line) => {
      const h = /^(#+) (.*)$/.exec(line);
      return h
        ? { type: 'heading', depth: h[1].length as 1, children: [{ type: 'text', value: h[2] }] }
        : { type: 'paragraph', children: [{ type: 'text', value: line }] };
    });
  const shape = (chapters: ReturnType<typeof splitChapters>) =>
    chapters.map((c) => [
      c.group,
      c.title,
      c.blocks.map((b) => (b.type === 'heading' ? `h${b.depth}` : 'p')).join(' '),
    ]);

  it('splits at Heading 1 by default when there are several, with what comes before as its own chapter', () => {
    const blocks = doc('intro\n# One\na\n## One.1\nb\n# Two\nc');
    expect(defaultSplit(blocks)).toBe(1);
    expect(shape(splitChapters(blocks, 1, 'Doc'))).toEqual([
      [undefined, 'Doc', 'p'],
      [undefined, 'One', 'p h2 p'],
      [undefined, 'Two', 'p'],
    ]);
  });

  it('splits at Heading 2 into groups, and keeps a document whole under its title', () => {
    const blocks = doc('# Part\nintro\n## A\n### A.1\nx\n## B\ny\n# Empty Part\n## C\nz');
    expect(shape(splitChapters(blocks, 2, 'Doc'))).toEqual([
      ['Part', 'Part', 'p'],
      ['Part', 'A', 'h2 p'],
      ['Part', 'B', 'p'],
      ['Empty Part', 'C', 'p'],
    ]);
    expect(defaultSplit(doc('# Only\na\n## Sub\nb'))).toBe('none');
    expect(shape(splitChapters(doc('# Only\na\n## Sub\nb'), 'none', 'Doc'))).toEqual([[undefined, 'Only', 'p h2 p']]);
    expect(shape(splitChapters(doc('# One\na\n# Two\nb'), 'none', 'Doc'))).toEqual([[undefined, 'Doc', 'h2 p h2 p']]);
  });
});

describe('the main content of a saved web page', () => {
  it('takes <main> without navigation, forms, asides and the page footer', () => {
    const page = unified()
      .use(rehypeParse)
      .parse(readFileSync(path.join(FIXTURES, 'web/short-breaks.html'), 'utf8'));
    const { title, content, base } = mainContent(page);
    expect(title).toBe('Short Breaks for Disabled Children - Derby City Council');
    expect(base).toBe('https://www.derby.gov.uk/health-and-social-care/short-breaks/');
    const markdown = stringifyMarkdown(htmlToMarkdown(content).root);
    expect(markdown.startsWith('# Short Breaks for Disabled Children\n')).toBe(true);
    for (const furniture of ['cookies', 'Search', 'Bins', 'Breadcrumb', 'Related pages', 'Last updated', 'Privacy'])
      expect(markdown).not.toContain(furniture);
  });
});

describe('adding to contents.yml', () => {
  const before = [
    '# The manual of the Small Council',
    'title: Small',
    'publisher: Test   # who publishes it',
    'language: en-GB',
    'sections:',
    '  - title: Care',
    '    entries:',
    '      - chapter: care/a   # first',
    '      - generated: amendments',
    '',
  ].join('\n');

  it('appends a new section and keeps every comment, line and order', () => {
    const after = addToContents(before, [
      { section: 'Fostering', existing: false, entries: ['f/one', { title: 'Part', chapters: ['f/two'] }] },
    ]);
    expect(after).toBe(
      before +
        '  - title: Fostering\n    entries:\n      - chapter: f/one\n      - title: Part\n        entries:\n          - chapter: f/two\n',
    );
  });

  it('adds to an existing section before its amendments entry, and never lists a chapter twice', () => {
    const after = addToContents(before, [{ section: 'Care', existing: true, entries: ['care/a', 'f/one'] }]);
    expect(after).toBe(before.replace('      - generated', '      - chapter: f/one\n      - generated'));
    expect(() => addToContents(before, [{ section: 'Nope', existing: true, entries: ['x'] }])).toThrow(
      'chapters/contents.yml has no section titled "Nope"',
    );
  });
});
