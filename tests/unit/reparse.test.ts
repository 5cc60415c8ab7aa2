import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsedFrom } from '../../scripts/load/markdown-cache.ts';
import { parseMarkdown } from '../../scripts/load/parse-markdown.ts';
import { reparsed, reparsingParser } from '../../scripts/load/reparse.ts';
import { REPO } from '../helpers/fixture.ts';

/**
 * Parsing again only the paragraph an edit fell in gives exactly the tree a whole parse gives,
 * positions included, or declines: random edits of the sample's chapters and of markdown made to
 * be read in context (lists, definitions, tables, admonitions, generator syntax) are each parsed
 * both ways. The seed is fixed so a failure can be replayed; run longer with
 * FUZZ_RUNS=20000 npx vitest run tests/unit/reparse.test.ts.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 600);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

const chaptersDir = path.join(REPO, 'chapters');
const sampleTexts = readdirSync(chaptersDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.md'))
  .sort()
  .filter((_, i) => i % 10 === 0)
  .map((file) => readFileSync(path.join(chaptersDir, file), 'utf8'));

/** Markdown whose paragraphs a list, a table, an admonition, a definition or template syntax may take in. */
const CONTEXTS = [
  '# Title\n\nFirst paragraph of words.\n\n- item one\n- item two\n\nAfter the list, a paragraph.\n\n  Indented a little.\n\nLast one.\n',
  'Intro line\nsecond line.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nA paragraph a | b.\n\nEnd.\n',
  '!!! note "Mind"\n\n    Admonition body.\n\nPlain paragraph here.\n\n!!! tip\n    Body.\n\nTail.\n',
  'See [the plan][plan] and [x].\n\nMore text here.\n\n[plan]: https://example.org/plan\n',
  'Text with a note[^1].\n\nOther text.\n\n[^1]: The note.\n',
  'Before {{ page.title }} after.\n\nA plain paragraph.\n\n:::note\nInside.\n:::\n\nClosing words.\n',
  '> quoted\n\nA paragraph after the quote.\n\n```\ncode\n```\nRight after the fence.\n\nAnd one more.\n',
  'Windows lines.\r\n\r\nSecond paragraph here.\r\n\r\nThird.\r\n',
  '---\ntitle: Front\n---\n\nBody paragraph one.\n\n## Heading {#custom}\n\nBody paragraph two.\n',
];

/** Pieces an edit types: words, and the characters markdown reads as structure. */
const PIECES = [
  'word',
  ' ',
  '\n',
  '\n\n',
  '  ',
  '    ',
  '- ',
  '* ',
  '1. ',
  '# ',
  '> ',
  '|',
  ' | ',
  '---',
  '===',
  '```',
  '~~~',
  '[',
  ']',
  '(',
  ')',
  '[x]: /y',
  '[^1]',
  '!!! note',
  '<div>',
  '</div>',
  '<!--',
  '-->',
  '{{ x }}',
  '{%',
  ':::',
  '*',
  '_',
  '`',
  '\\',
  '!',
  'https://example.org',
  'www.example.org',
  '\r',
  '\t',
  'é',
  '😀',
];

/** An edit anywhere in a text: a few characters cut, a few pieces typed. */
const anywhere = fc.record({
  text: fc.constantFrom(...sampleTexts, ...CONTEXTS),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  cut: fc.nat({ max: 6 }),
  typed: fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }),
});

/** An edit inside a paragraph, as writing is: mostly words, now and then structure. */
const writing = fc.record({
  text: fc.constantFrom(...sampleTexts, ...CONTEXTS),
  paragraph: fc.nat(),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  cut: fc.nat({ max: 6 }),
  typed: fc.array(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom('word', ' ', ', and', '.') }, fc.constantFrom(...PIECES)),
    {
      maxLength: 4,
    },
  ),
});

/** The tree as JSON, so that a difference anywhere, positions included, is a difference. */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

/** Parses `changed` from `text`'s tree and whole; true when the short way was taken (and gave the same tree). */
function bothWays(text: string, changed: string): boolean {
  const tree = reparsed({ text, parsed: parsedFrom(parseMarkdown(text)) }, changed);
  if (tree !== undefined) expect(asJson(tree)).toEqual(asJson(parseMarkdown(changed)));
  return tree !== undefined;
}

describe('parsing again only the paragraph an edit fell in', () => {
  it('gives the tree a whole parse gives, or declines, whatever the edit', () => {
    fc.assert(
      fc.property(anywhere, ({ text, at, cut, typed }) => {
        const from = Math.floor(at * text.length);
        bothWays(text, text.slice(0, from) + typed.join('') + text.slice(from + cut));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('is taken for most edits inside a paragraph, and gives the tree a whole parse gives', () => {
    let taken = 0;
    fc.assert(
      fc.property(writing, ({ text, paragraph, at, cut, typed }) => {
        const paragraphs = parseMarkdown(text).children.filter((node) => node.type === 'paragraph');
        const { start, end } = paragraphs[paragraph % paragraphs.length].position!;
        const from = start.offset! + 1 + Math.floor(at * (end.offset! - start.offset! - 1));
        if (bothWays(text, text.slice(0, from) + typed.join('') + text.slice(from + cut))) taken++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The first property means something only if the short way is often taken.
    expect(taken).toBeGreaterThan(RUNS / 3);
  });

  it('is taken for a sentence added to a paragraph of a chapter, and the parser keeps each chapter apart', async () => {
    const text = sampleTexts[0];
    const paragraph = parseMarkdown(text).children.find((node) => node.type === 'paragraph')!;
    const end = paragraph.position!.end.offset!;
    const changed = `${text.slice(0, end)} One more sentence.${text.slice(end)}`;
    const whole: string[] = [];
    const parse = reparsingParser(async (t) => (whole.push(t), parsedFrom(parseMarkdown(t))));
    await parse(text, 'a');
    const again = await parse(changed, 'a');
    await parse(changed, 'b');
    expect(whole).toEqual([text, changed]);
    expect(asJson(again.tree())).toEqual(asJson(parseMarkdown(changed)));
  });
});
