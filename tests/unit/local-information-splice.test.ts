import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { informationBlockTree } from '../../scripts/markdown/local-information.ts';
import { callout, placeBlocks, type PlacedBlock } from '../../scripts/model/local-information.ts';

const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});
const heading = (depth: number, id: string) => el(`h${depth}`, { id, className: [`level-${depth}`] });
const para = (name: string) => el('p', {}, [{ type: 'text', value: name }]);
const nl: RootContent = { type: 'text', value: '\n' };

/** A chapter: an opening paragraph, ## a (### a1 inside it), ## b, a quote holding ### q, and footnotes. */
function chapter(): Root {
  return {
    type: 'root',
    children: [
      para('intro'),
      nl,
      heading(2, 'a'),
      para('a text'),
      heading(3, 'a1'),
      para('a1 text'),
      heading(2, 'b'),
      para('b text'),
      el('blockquote', {}, [heading(3, 'q'), para('q text')]),
      para('after quote'),
      el('section', { className: ['footnotes'], dataFootnotes: true }, [para('note')]),
    ],
  };
}

/** The body's top-level blocks by their words, each placed block as `[name]`. */
const order = (body: Root): string[] =>
  body.children.flatMap((node) => {
    if (node.type !== 'element') return [];
    if (node.tagName === 'aside') return [`[${(node.properties.dataName as string) ?? ''}]`];
    if (/^h\d$/.test(node.tagName)) return [`#${node.properties.id as string}`];
    if (node.tagName === 'section') return ['footnotes'];
    if (node.tagName === 'blockquote') return ['quote'];
    return [((node.children[0] as { value?: string }).value ?? '').toString()];
  });

const block = (name: string, place: PlacedBlock['place'], anchor?: string): PlacedBlock => ({
  place,
  anchor,
  element: el('aside', { dataName: name }),
});

describe('placing local information in a chapter body', () => {
  it('puts "before" just before the heading, and "after" at the end of the section the heading opens', () => {
    const body = placeBlocks(chapter(), [block('before-a', 'before', 'a'), block('after-a', 'after', 'a')]);
    expect(order(body)).toEqual([
      'intro',
      '[before-a]',
      '#a',
      'a text',
      '#a1',
      'a1 text',
      '[after-a]',
      '#b',
      'b text',
      'quote',
      'after quote',
      'footnotes',
    ]);
  });

  it('ends a subsection at the next heading of its level or higher, and the last section before the footnotes', () => {
    const body = placeBlocks(chapter(), [block('after-a1', 'after', 'a1'), block('after-b', 'after', 'b')]);
    expect(order(body)).toEqual([
      'intro',
      '#a',
      'a text',
      '#a1',
      'a1 text',
      '[after-a1]',
      '#b',
      'b text',
      'quote',
      'after quote',
      '[after-b]',
      'footnotes',
    ]);
  });

  it('puts "end" before the footnotes, and blocks at one place in their order', () => {
    const body = placeBlocks(chapter(), [block('one', 'end'), block('two', 'before', 'b'), block('three', 'end')]);
    expect(order(body).slice(-5)).toEqual(['quote', 'after quote', '[one]', '[three]', 'footnotes']);
    expect(order(body).indexOf('[two]')).toBe(order(body).indexOf('#b') - 1);
  });

  it('places after a heading inside a quote right after the quote', () => {
    const body = placeBlocks(chapter(), [block('after-q', 'after', 'q')]);
    expect(order(body).slice(-4)).toEqual(['quote', '[after-q]', 'after quote', 'footnotes']);
  });

  it('leaves the body it is given as it was', () => {
    const body = chapter();
    const before = structuredClone(body);
    placeBlocks(body, [block('x', 'before', 'a'), block('y', 'end')]);
    expect(body).toEqual(before);
  });
});

describe('the callout', () => {
  it('is a note titled in bold, not a heading, holding the converted block', () => {
    const made = callout('Local information: Plymouth City Council', [
      { type: 'doctype' },
      para('In Plymouth, refer to the Gateway.'),
    ]);
    expect(made.tagName).toBe('aside');
    expect(made.properties).toMatchObject({ role: 'note', ariaLabel: 'Local information: Plymouth City Council' });
    const elements = made.children.filter((c): c is Element => c.type === 'element');
    expect(elements.map((e) => e.tagName)).toEqual(['p', 'p']);
    expect(elements[0].children).toEqual([
      el('strong', {}, [{ type: 'text', value: 'Local information: Plymouth City Council' }]),
    ]);
  });
});

describe("a block's markdown", () => {
  const text = [
    '<!-- after: #a -->', // 1
    '', // 2
    'First block.', // 3
    '', // 4
    '<!-- end -->', // 5
    'Second block, right under its marker.', // 6
    '', // 7
    '- and a list', // 8
  ].join('\n');
  const tree = unified().use(remarkParse).parse(text) as MdastRoot;

  it('is the top-level nodes on its lines, without its marker', () => {
    const first = informationBlockTree(tree, {
      place: 'after',
      heading: 'a',
      fromLine: 1,
      toLine: 5,
      where: {} as never,
    });
    expect(first.children.map((n) => n.type)).toEqual(['paragraph']);
    const second = informationBlockTree(tree, { place: 'end', fromLine: 5, where: {} as never });
    expect(second.children.map((n) => n.type)).toEqual(['paragraph', 'list']);
    // The nodes are the tree's own, so resolved links keyed by their offsets still find them.
    expect(second.children[1]).toBe(tree.children.at(-1));
  });
});
