import type { Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBook } from '../../scripts/pipeline/pipeline.ts';
import { settingsFrom } from '../../scripts/cli/settings.ts';
import { Diagnostics } from '../../scripts/core/diagnostics.ts';
import { checkOutputs } from '../../scripts/output/ledger/ledger.ts';
import { renderOutputs, renderSteps } from '../../scripts/output/render-outputs.ts';
import { previewRenderers } from '../../scripts/preview/start-preview.ts';
import { renderSite } from '../../scripts/preview/render-site.ts';
import { editionName, type Renderer } from '../../scripts/render/contract.ts';
import { webRenderer, webSearchRenderer } from '../../scripts/render/web/web-renderer.ts';
import { copyManual, removeCopies } from '../helpers/fixture.ts';

afterAll(removeCopies);

const toHtml = (tree: Root) => unified().use(rehypeStringify).stringify(tree);

/**
 * An output the tool does not have: every chapter on one plain page, kept by releases, served by
 * the preview, read back by the ledger. What it declares is all the rest of the tool learns of it.
 */
const plainRenderer: Renderer = {
  name: 'plain',
  steps: ['plain edition'],
  archived: true,
  preview: 'served',
  async render(book, { time }) {
    const page = await time('plain edition', async () =>
      book.chapters.map((c) => `<article id="${c.anchor}"><h1>${c.title}</h1>${toHtml(c.body)}</article>`).join('\n'),
    );
    return [
      {
        name: `web/${editionName(book)}-plain.html`,
        data: page,
        readBack: { output: 'the plain edition', format: 'html' },
      },
    ];
  },
};

describe('a renderer added to the list', () => {
  it('is shown as its steps, archived, served by the preview and read back by the ledger, from its declaration alone', async () => {
    const root = copyManual();
    const book = (await buildBook(root, new Diagnostics()))!;
    const renderers = [webRenderer, webSearchRenderer, plainRenderer];
    expect(renderSteps(renderers)).toEqual(['web edition', 'search index', 'plain edition']);

    const outputs = await renderOutputs(book, settingsFrom({ root }, {}), undefined, undefined, {}, renderers);
    const name = `web/${editionName(book)}-plain.html`;
    expect(outputs.files.get(name)).toContain('<article id="ch-care.visits">');
    expect(outputs.archived.has(name)).toBe(true);
    expect(outputs.chromium).toBe('');

    const diagnostics = new Diagnostics();
    const count = await checkOutputs(book, outputs, new Set(), diagnostics);
    expect(diagnostics.items).toEqual([]);
    expect(count.outputs).toEqual(['the web edition', 'the plain edition']);

    const { served, named } = previewRenderers(renderers);
    expect(served).toEqual([webRenderer, plainRenderer]);
    expect([...named.keys()]).toEqual(['search-index.js']);
    const site = await renderSite(book, served, settingsFrom({ root }, {}));
    expect(site.get(`${editionName(book)}-plain.html`)).toBe(outputs.files.get(name));
  });
});
