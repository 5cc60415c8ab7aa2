import { describe, expect, it } from 'vitest';
import { binderLayout, landedAsPlanned, planLayout, partCounts, type Part } from '../../scripts/render/pdf/layout.ts';

const parts: Part[] = [
  { anchor: 'contents', kind: 'contents', title: 'Contents', issue: 'E' },
  { anchor: 's1', kind: 'section', number: '1', title: 'One', issue: 'E' },
  { anchor: 'c1', kind: 'chapter', number: '1.1', title: 'A', issue: 'E' },
  { anchor: 'c2', kind: 'chapter', number: '1.2', title: 'B', issue: 'E' },
  { anchor: 'c3', kind: 'chapter', number: '1.3', title: 'C', issue: 'E' },
];
// A first pass with no blank pages: title 1, blank back 2, contents 3-4, s1 5, c1 6-8, c2 9-10, c3 11.
const unitAnchors = parts.map((u) => u.anchor);
const printed = new Map([
  ['s1', 5],
  ['c1', 6],
  ['c2', 9],
  ['c3', 11],
]);

describe('planLayout', () => {
  it('keeps the partner PDF as printed and measures each part', () => {
    const layout = planLayout(
      'partner',
      parts,
      {
        pageOf: new Map([
          ['s1', 4],
          ['c1', 5],
          ['c2', 8],
          ['c3', 10],
        ]),
        pageCount: 10,
      },
      new Set(),
    );
    expect([...layout.counts]).toEqual([
      ['contents', 2],
      ['s1', 1],
      ['c1', 3],
      ['c2', 2],
      ['c3', 1],
    ]);
    expect(layout.blankBefore.size).toBe(0);
  });

  it('puts a blank page before each binder part that would start on an even page', () => {
    const layout = planLayout('binder', parts, { pageOf: printed, pageCount: 11 }, new Set());
    expect([...layout.pageOf]).toEqual([
      ['contents', 3],
      ['s1', 5],
      ['c1', 7],
      ['c2', 11],
      ['c3', 13],
    ]);
    expect([...layout.blankBefore]).toEqual(['c1', 'c2']);
    expect(layout.totalPages).toBe(13);
  });

  it('accepts a second pass that landed as planned, and not one that did not', () => {
    const plan = planLayout('binder', parts, { pageOf: printed, pageCount: 11 }, new Set());
    const landed = new Map([
      ['s1', 5],
      ['c1', 7],
      ['c2', 11],
      ['c3', 13],
    ]);
    expect(landedAsPlanned(plan, unitAnchors, { pageOf: landed, pageCount: 13 })).toBe(true);
    expect(landedAsPlanned(plan, unitAnchors, { pageOf: new Map([...landed, ['c3', 14]]), pageCount: 14 })).toBe(false);
    // Measured again from that second pass, without counting its blank pages, nothing changes.
    expect(planLayout('binder', parts, { pageOf: landed, pageCount: 13 }, plan.blankBefore)).toEqual(plan);
  });

  it('plans the binder from part lengths measured elsewhere, as the partner measuring pass gives them', () => {
    const partner = partCounts(
      'partner',
      parts,
      {
        pageOf: new Map([
          ['s1', 4],
          ['c1', 5],
          ['c2', 8],
          ['c3', 10],
        ]),
        pageCount: 10,
      },
      new Set(),
    );
    const frame = partCounts('binder', parts.slice(0, 2), { pageOf: new Map([['s1', 5]]), pageCount: 5 }, new Set());
    expect(binderLayout(parts, new Map([...partner, ...frame]))).toEqual(
      planLayout('binder', parts, { pageOf: printed, pageCount: 11 }, new Set()),
    );
  });

  it('checks only the pages the edition prints, and not a plan (a cached one) that misses one of them', () => {
    const anchors = ['s1', 'g1', 'c1', 'c2', 'c3'];
    const printedFirst = {
      pageOf: new Map([
        ['s1', 4],
        ['g1', 5],
        ['c1', 5],
        ['c1--b3', 6],
        ['c2', 8],
        ['c3', 10],
      ]),
      pageCount: 10,
    };
    const plan = planLayout('partner', parts, printedFirst, new Set(), anchors);
    expect([...plan.pageOf.keys()]).toEqual(anchors);
    // A block moved to another page prints no number anywhere: the pass stands.
    expect(
      landedAsPlanned(plan, anchors, { ...printedFirst, pageOf: new Map([...printedFirst.pageOf, ['c1--b3', 7]]) }),
    ).toBe(true);
    expect(
      landedAsPlanned(plan, [...anchors, 'c4'], {
        ...printedFirst,
        pageOf: new Map([...printedFirst.pageOf, ['c4', 10]]),
      }),
    ).toBe(false);
  });
});
