import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { addToContents } from '../../scripts/import/add-to-contents.ts';
import { cleanHtml } from '../../scripts/import/clean-html.ts';
import { docxToHtml } from '../../scripts/import/docx-to-html.ts';
import { reviewDocx } from '../../scripts/import/docx-review.ts';
import { dropHeadingNumber } from '../../scripts/import/heading-numbers.ts';
import { htmlToMarkdown, stringifyMarkdown } from '../../scripts/import/html-to-markdown.ts';
import { mainContent } from '../../scripts/import/main-content.ts';
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
