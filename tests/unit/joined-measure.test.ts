import { describe, expect, it } from 'vitest';
import { joinMeasures } from '../../scripts/render/pdf/joined-measure.ts';
import type { Part } from '../../scripts/render/pdf/layout.ts';

const part = (anchor: string, kind: Part['kind']): Part => ({ anchor, kind, title: anchor, issue: 'February 2025' });
const [contents, section, visits, placements, amendments] = [
  part('contents', 'contents'),
  part('s1', 'section'),
  part('ch-visits', 'chapter'),
  part('ch-placements', 'chapter'),
  part('amendments', 'amendments'),
];

describe('joinMeasures', () => {
  it('lays the parts end to end in print order, each anchor as many pages after its part start as in its part', () => {
    // Each part has the title page and contents (pages 1-3) before its own parts.
    const frame = {
      parts: [contents, section, amendments],
      measure: {
        pageOf: new Map([
          ['s1', 4],
          ['amendments', 5],
        ]),
        pageCount: 6,
      },
    };
    const chapters = {
      parts: [visits, placements],
      measure: {
        pageOf: new Map([
          ['ch-visits', 4],
          ['ch-visits--b3', 5],
          ['ch-placements', 6],
          ['group-care', 6],
          ['ch-placements--b9', 8],
        ]),
        pageCount: 8,
      },
    };
    const joined = joinMeasures('partner', [contents, section, visits, placements, amendments], [frame, chapters]);
    expect(Object.fromEntries(joined.pageOf)).toEqual({
      s1: 4,
      'ch-visits': 5,
      'ch-visits--b3': 6,
      'ch-placements': 7,
      'group-care': 7,
      'ch-placements--b9': 9,
      amendments: 10,
    });
    expect(joined.pageCount).toBe(11);
  });

  it('says which part no part printed', () => {
    const frame = { parts: [contents, section], measure: { pageOf: new Map([['s1', 4]]), pageCount: 4 } };
    expect(() => joinMeasures('partner', [contents, section, visits], [frame])).toThrow(
      'no measuring print holds "ch-visits"',
    );
  });
});
