import type { Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { rehypeScrollTables } from '../../scripts/render/web/rehype-scroll-tables.ts';
import { stopWordsFor, termRule } from '../../scripts/render/web/search-index.ts';
import { relativeHref, rootOf } from '../../scripts/render/web/site-plan.ts';
import { publishedPage } from '../../scripts/render/web/web-view.ts';

describe("the web edition's addresses", () => {
  it('links pages relatively, from any folder to any other, each part of a path encoded', () => {
    expect(relativeHref('index.html', 'chapters/care/visits.html')).toBe('chapters/care/visits.html');
    expect(relativeHref('chapters/care/visits.html', 'index.html')).toBe('../../index.html');
    expect(relativeHref('chapters/care/visits.html', 'chapters/care/plans.html')).toBe('plans.html');
    expect(relativeHref('chapters/care/visits.html', 'chapters/care/visits.html')).toBe('visits.html');
    expect(relativeHref('sections/sec-care.html', 'chapters/care/a b#1.html')).toBe('../chapters/care/a%20b%231.html');
  });

  it('gives each page its published address: the site itself for the home page, each part of a path encoded', () => {
    const site = 'https://procedures.example.gov.uk/children/';
    expect(publishedPage(site, 'index.html')).toBe(site);
    expect(publishedPage(site, 'chapters/care/a b#1.html')).toBe(`${site}chapters/care/a%20b%231.html`);
    expect(publishedPage(site, 'documents.html')).toBe(`${site}documents.html`);
  });

  it("knows the way up to the site's folder from any page", () => {
    expect([rootOf('index.html'), rootOf('sections/s.html'), rootOf('chapters/a/b.html')]).toEqual([
      '',
      '../',
      '../../',
    ]);
  });
});

describe('tables on the web', () => {
  const table = (caption?: string) => ({
    type: 'element' as const,
    tagName: 'table',
    properties: {},
    children: caption
      ? [
          {
            type: 'element' as const,
            tagName: 'caption',
            properties: {},
            children: [{ type: 'text' as const, value: caption }],
          },
        ]
      : [],
  });

  it("each sit in a box of their own that scrolls, named uniquely, the model's tree unchanged", () => {
    const inner = { type: 'element' as const, tagName: 'td', properties: {}, children: [table()] };
    const tree: Root = {
      type: 'root',
      children: [table('Rates'), { type: 'element', tagName: 'div', properties: {}, children: [inner] }],
    };
    const before = JSON.stringify(tree);
    const wrapped = rehypeScrollTables()(tree);
    expect(JSON.stringify(tree)).toBe(before);
    const top = wrapped.children[0] as { tagName: string; properties: Record<string, unknown> };
    expect(top.tagName).toBe('div');
    expect(top.properties).toEqual({
      className: ['table-scroll'],
      role: 'region',
      tabIndex: 0,
      ariaLabel: 'Table 1: Rates',
    });
    const nested = JSON.stringify(wrapped.children[1]);
    expect(nested).toContain('"ariaLabel":"Table 2"');
    expect(nested.match(/table-scroll/g)).toHaveLength(1);
  });
});

describe("the search index's terms", () => {
  it('leave out English stop words and single letters, and only those', () => {
    const rule = termRule(stopWordsFor('en-GB'));
    expect(['The', 'child', 's', 'Must', 'Placement', '23CZA'].map(rule)).toEqual([
      null,
      'child',
      null,
      null,
      'placement',
      '23cza',
    ]);
    expect(termRule(stopWordsFor('cy'))('the')).toBe('the');
  });
});
