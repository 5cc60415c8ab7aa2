import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../scripts/core/diagnostics.ts';
import { parseManifest } from '../../scripts/load/manifest.ts';
import { parseMarkdown } from '../../scripts/load/parse-markdown.ts';
import type { ContentsNode } from '../../scripts/core/book.ts';
import { numberContents } from '../../scripts/number/number-contents.ts';
import { indexNodes } from '../../scripts/load/chapter-nodes.ts';
import { numberHeadings } from '../../scripts/number/number-headings.ts';

const MANIFEST = `
title: T
publisher: P
language: en-gb
sections:
  - title: One
    entries:
      - chapter: a/first
        numbered: false
      - chapter: a/second.md
      - title: Outside
        url: https://example.org/
      - see-also: https://example.org/x
        title: X
      - see-also: "#deep"
  - title: Two
    entries:
      - note: Read this first
      - title: Group
        entries:
          - chapter: b/third
          - title: Deeper
            id: deep
            entries:
              - chapter: b/fourth
      - generated: amendments
        title: History
`;

function outline(nodes: ContentsNode[]): unknown[] {
  return nodes.map((n) => {
    if (n.kind === 'subsection') return [n.number, n.title, outline(n.entries)];
    if (n.kind === 'see-also') return `see also: ${n.links.map((l) => `${l.title} <${l.href}>`).join(' and ')}`;
    if (n.kind === 'note') return `note: ${n.text}`;
    return [n.number ?? '-', 'id' in n ? n.id : n.title];
  });
}

describe('numberContents', () => {
  const diagnostics = new Diagnostics();
  const manifest = parseManifest(MANIFEST, diagnostics)!;
  const titles = new Map([['b/third', 'Third']]);
  const contents = numberContents(manifest, titles, new Map([['b/fourth', 'New' as const]]), diagnostics);

  it('numbers by order and depth, skipping unnumbered entries, notes and see-also lines', () => {
    expect(diagnostics.items).toEqual([]);
    expect(contents.sections.map((s) => [s.number, s.title, outline(s.entries)])).toEqual([
      [
        '1',
        'One',
        [
          ['-', 'a/first'],
          ['1.1', 'a/second'],
          ['1.2', 'Outside'],
          'see also: X <https://example.org/x> and Deeper <#sec-deep>',
        ],
      ],
      [
        '2',
        'Two',
        [
          'note: Read this first',
          [
            '2.1',
            'Group',
            [
              ['2.1.1', 'b/third'],
              ['2.1.2', 'Deeper', [['2.1.2.1', 'b/fourth']]],
            ],
          ],
          ['2.2', 'History'],
        ],
      ],
    ]);
  });

  it('gives chapters their titles, anchors and flags', () => {
    expect(contents.chapters.get('b/third')).toMatchObject({ title: 'Third', anchor: 'ch-b.third', flag: undefined });
    expect(contents.chapters.get('b/fourth')).toMatchObject({ title: 'b/fourth', flag: 'New', number: '2.1.2.1' });
  });

  it('reads the metadata with its defaults', () => {
    expect(manifest.meta).toMatchObject({ title: 'T', shortTitle: 'T', language: 'en-GB', slug: 't' });
  });
});

describe('numberHeadings', () => {
  it('numbers level-2 and level-3 headings within the chapter and slugs them all', () => {
    const tree = parseMarkdown(
      '## Before\n\n### Plan\n\n### Checks before Placement\n\n#### Detail\n\n## After\n\n### Plan\n',
    );
    expect(numberHeadings(indexNodes(tree).headings, 'ch-x').map((h) => [h.number, h.text, h.anchor])).toEqual([
      ['1', 'Before', 'ch-x--before'],
      ['1.1', 'Plan', 'ch-x--plan'],
      ['1.2', 'Checks before Placement', 'ch-x--checks-before-placement'],
      [undefined, 'Detail', 'ch-x--detail'],
      ['2', 'After', 'ch-x--after'],
      ['2.1', 'Plan', 'ch-x--plan-1'],
    ]);
  });
});
