import type { Root } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { joinCodeHyphens } from '../../scripts/render/pdf/code-hyphens.ts';
import { codeLines } from '../../scripts/render/pdf/code-lines.ts';
import { fitTables, widestWords, wordCap } from '../../scripts/render/pdf/fit-tables.ts';
import { wordWidth } from '../../scripts/render/pdf/word-width.ts';

const parse = (html: string) => unified().use(rehypeParse, { fragment: true }).parse(html);
const html = (tree: Root) => unified().use(rehypeStringify).stringify(tree);

/** What a transform makes of `source`, checking that it left the tree it was given as it was. */
function transformed(transform: (tree: Root) => Root, source: string): string {
  const tree = parse(source);
  const before = structuredClone(tree);
  const result = html(transform(tree));
  expect(tree).toEqual(before);
  return result;
}

const line = (content: string) => `<span class="code-line">${content}</span>`;

describe('code lines for print', () => {
  it('makes each source line of a code block a block of its own, dropping only the newlines', () => {
    expect(transformed(codeLines, '<pre><code class="language-sh">a b\n\n  c\n</code></pre>')).toBe(
      `<pre><code class="language-sh">${line('a b')}${line('')}${line('  c')}</code></pre>`,
    );
  });

  it('keeps a change mark and its words first, splitting the code inside it', () => {
    const source =
      '<pre id="b1"><ins class="change-mark" id="c0"><span class="change-text">Changed: </span><code>x\ny</code></ins></pre>';
    expect(transformed(codeLines, source)).toBe(
      `<pre id="b1"><ins class="change-mark" id="c0"><span class="change-text">Changed: </span><code>${line('x')}${line('y')}</code></ins></pre>`,
    );
  });

  it('cuts markup that holds a newline into one copy a line, the id on the first only', () => {
    expect(transformed(codeLines, '<pre>a<b id="k">b\nc</b>d</pre>')).toBe(
      `<pre>${line('a<b id="k">b</b>')}${line('<b>c</b>d')}</pre>`,
    );
    expect(transformed(codeLines, '<pre><code><b>a\n</b>b\n</code></pre>')).toBe(
      `<pre><code>${line('<b>a</b>')}${line('b')}</code></pre>`,
    );
  });

  it('leaves everything but code blocks untouched, sharing it', () => {
    const tree = parse('<p>a\nb</p><table><tr><td>x</td></tr></table>');
    expect(codeLines(tree)).toBe(tree);
  });
});

describe('hyphens in code for print', () => {
  const joined = (text: string) => `<span class="hyphen-joined">${text}</span>`;
  const long = ' '.repeat(60);

  it('joins each hyphen of a long line to what follows it, the last of a run only', () => {
    const source = `<pre><code>${line(`curl --fail a - b 2024-04-01 end-${long}`)}</code></pre>`;
    expect(transformed(joinCodeHyphens, source)).toBe(
      `<pre><code>${line(`curl -${joined('-f')}ail a ${joined('- b')} 2024${joined('-0')}4${joined('-0')}1 end-${long}`)}</code></pre>`,
    );
  });

  it('leaves lines that fit a row, lines without hyphens, and hyphens outside code as they were', () => {
    const tree = parse(`<pre><code>${line('a-b')}${line(`a b${long}`)}</code></pre><p>a-b${long}</p>`);
    expect(joinCodeHyphens(tree)).toBe(tree);
  });

  it('works on the lines codeLines makes', () => {
    const tree = codeLines(parse(`<pre><code>x\ny-z${long}\n</code></pre>`));
    expect(html(joinCodeHyphens(tree))).toBe(`<pre><code>${line('x')}${line(`y${joined('-z')}${long}`)}</code></pre>`);
  });
});

describe('tables fitted to the page', () => {
  const row = (cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;

  it('leaves a table that fits as it is, sharing it', () => {
    const tree = parse(`<table>${row(['Ref', 'Child', 'Foster care'])}</table>`);
    expect(fitTables(tree)).toBe(tree);
  });

  it('marks the words too wide for a table to fit, the text unchanged', () => {
    const url = `https://example.org/${'placements/'.repeat(10)}plan.pdf`;
    expect(transformed(fitTables, `<table>${row(['Plan', `<a href="${url}">${url}</a> and more`])}</table>`)).toBe(
      `<table><tbody>${row(['Plan', `<a href="${url}"><span class="long-word">${url}</span></a> and more`])}</tbody></table>`,
    );
  });

  it('sets tables of many columns smaller, by their columns (spans counted)', () => {
    const classOf = (columns: number) =>
      /class="([^"]*)"/.exec(transformed(fitTables, `<table>${row(Array(columns).fill('x'))}</table>`))?.[1];
    expect([5, 6, 9, 10, 14].map(classOf)).toEqual([
      undefined,
      'several-columns',
      'several-columns',
      'many-columns',
      'many-columns',
    ]);
    expect(transformed(fitTables, '<table><tr><td colspan="10">x</td></tr></table>')).toContain('many-columns');
  });

  it('keeps words whole as long as the columns fit, breaking the widest first', () => {
    const words = ['Ref', 'Child', 'accommodation', 'Residential', 'Assessment', 'Safeguarding'];
    const table = parse(`<table>${row(words)}${row(words.map((w) => w.slice(0, 2)))}</table>`).children[0];
    const widest = widestWords(table as never);
    expect(widest).toHaveLength(6);
    expect(wordCap(widest, 62.4, 0.75)).toBe(Infinity);
    const cap = wordCap(widest, 31, 0.75);
    expect(words.filter((w) => wordWidth(w, 'regular') > cap)).toEqual(['accommodation', 'Safeguarding']);
  });

  it('leaves out what print does not show (a change mark’s words) and counts bold and code wider', () => {
    const table = parse(
      `<table><tr><th>Ref</th><td><ins class="change-mark"><span class="change-text">Changed in August 2025: </span>R1</ins></td></tr></table>`,
    ).children[0];
    expect(widestWords(table as never)[1]).toBeCloseTo(wordWidth('R1', 'regular'));
    expect(wordWidth('Ref', 'bold')).toBeGreaterThan(wordWidth('Ref', 'regular'));
    expect(wordWidth('iiii', 'mono')).toBeGreaterThan(wordWidth('iiii', 'regular'));
  });
});
