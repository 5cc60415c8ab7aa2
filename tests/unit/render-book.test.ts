import { describe, expect, it } from 'vitest';
import type { Book } from '../../scripts/core/book.ts';
import { renderBook } from '../../scripts/output/render-book.ts';
import { stepTimer, type RenderContext, type Renderer } from '../../scripts/render/contract.ts';
import { NO_PAGES, Results } from '../../scripts/render/results.ts';
import { SharedResources } from '../../scripts/render/shared-resources.ts';

const book = {} as Book;
const context = (): RenderContext => ({
  settings: { templatesDir: '', print: { chromium: '', timeout: 1000, memoryBudget: 1 } },
  resources: new SharedResources(),
  results: new Results(),
  time: stepTimer(undefined),
});
const pages = { pageOf: new Map([['a', 1]]), pageCount: 1 };
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

const declared = { steps: [], archived: true };
const printer = (fails = false): Renderer => ({
  ...declared,
  name: 'printer',
  publishes: ['partner-pages-planned', 'partner-pages'],
  async render(_, { results }) {
    results.publish('partner-pages-planned', pages);
    await tick();
    if (fails) throw new Error('Chromium died');
    results.publish('partner-pages', pages);
    return [{ name: 'a.pdf', data: 'pdf' }];
  },
});
const reader: Renderer = {
  ...declared,
  name: 'reader',
  async render(_, { results }) {
    const planned = await results.get('partner-pages-planned');
    const printed = await results.get('partner-pages');
    return [{ name: 'a.epub', data: `${planned.pageCount}/${printed.pageCount}` }];
  },
};
const late: Renderer = {
  ...declared,
  name: 'late',
  startsAfter: 'partner-pages',
  render: async () => [{ name: 'a.html', data: 'html' }],
};

describe('renderBook', () => {
  it("returns every renderer's files in the order of the renderers, each waiting for the results it reads", async () => {
    const made = await renderBook(book, [late, reader, printer()], context());
    expect(made.map((m) => m.renderer.name)).toEqual(['late', 'reader', 'printer']);
    expect(made.flatMap((m) => m.files).map((f) => [f.name, f.data])).toEqual([
      ['a.html', 'html'],
      ['a.epub', '1/1'],
      ['a.pdf', 'pdf'],
    ]);
  });

  it("fails with the first renderer's error, and no renderer waiting for its results is left waiting", async () => {
    await expect(renderBook(book, [reader, late, printer(true)], context())).rejects.toThrow('Chromium died');
  });

  it('withdraws a result its renderer ended without publishing', async () => {
    const forgetful: Renderer = { ...declared, name: 'forgetful', publishes: ['binder-pdf'], render: async () => [] };
    const pack: Renderer = {
      ...declared,
      name: 'pack',
      render: async (_, { results }) => [{ name: 'p.pdf', data: (await results.get('binder-pdf')).bytes }],
    };
    await expect(renderBook(book, [pack, forgetful], context())).rejects.toThrow(
      'the forgetful renderer ended without publishing all it promised',
    );
  });

  it('gives a renderer reading a result that no renderer of the build publishes what it is when absent', async () => {
    const made = await renderBook(book, [reader], context());
    expect(made[0].files).toEqual([{ name: 'a.epub', data: `${NO_PAGES.pageCount}/${NO_PAGES.pageCount}` }]);
  });
});
