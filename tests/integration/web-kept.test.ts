import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Book } from '../../scripts/core/book.ts';
import { Diagnostics } from '../../scripts/core/diagnostics.ts';
import { buildBook } from '../../scripts/pipeline/pipeline.ts';
import { keptValues, type Keep } from '../../scripts/render/contract.ts';
import type { PagePositions } from '../../scripts/render/results.ts';
import { BUILT_IN_TEMPLATES } from '../../scripts/render/templates.ts';
import { renderWeb } from '../../scripts/render/web/render-web.ts';
import { copyManual, edit, removeCopies, write } from '../helpers/fixture.ts';

const NO_PAGES: PagePositions = { pageOf: new Map(), pageCount: 0 };

async function bookOf(root: string): Promise<Book> {
  const diagnostics = new Diagnostics();
  const book = await buildBook(root, diagnostics);
  expect(diagnostics.items.filter((d) => d.severity === 'error')).toEqual([]);
  return book!;
}

/** A keep that counts the values it had to make, by the kind of slot ("body of", "page"). */
function countingKeep() {
  const keep = keptValues();
  const made = new Map<string, number>();
  const counted: Keep = (slot, key, make) =>
    keep(slot, key, () => {
      const kind = slot.replace(/ [^ ]*$/, '');
      made.set(kind, (made.get(kind) ?? 0) + 1);
      return make();
    });
  return { keep: counted, made };
}

const asText = (files: { name: string; data: Uint8Array | string }[]) =>
  new Map(files.map((f) => [f.name, Buffer.from(f.data).toString('base64')]));

/**
 * The preview renders the web edition again on each save, reusing what the last render made. A
 * reused page must be the page a fresh render makes: after each kind of change, both renders are
 * compared file by file, and the reuse is counted so that a keep that keeps nothing fails too.
 */
describe('the web edition rendered again with what the last render made', () => {
  const root = copyManual();
  const { keep, made } = countingKeep();
  afterAll(() => removeCopies());

  const renderAgain = async () => {
    const book = await bookOf(root);
    made.clear();
    const kept = await renderWeb(book, BUILT_IN_TEMPLATES, NO_PAGES, keep);
    const fresh = await renderWeb(book, BUILT_IN_TEMPLATES, NO_PAGES);
    expect(asText(kept)).toEqual(asText(fresh));
    return { kept, made: new Map(made) };
  };

  it('makes every page the first time', async () => {
    const { made: first } = await renderAgain();
    expect(first.get('body of')).toBe(4);
    expect(first.get('page')).toBe(4);
  });

  it('makes again only the body and page of a chapter whose text changed', async () => {
    edit(root, 'chapters/care/visits.md', 'Visit every six weeks.', 'Visit every four weeks.');
    const { kept, made: again } = await renderAgain();
    expect(again.get('body of')).toBe(1);
    expect(again.get('page')).toBe(1);
    const page = kept.find((f) => f.name === 'web/chapters/care/visits.html')!;
    expect(String(page.data)).toContain('Visit every four weeks.');
  });

  it('renames the link to a retitled heading in the chapter that links to it', async () => {
    edit(
      root,
      'chapters/care/placements.md',
      '### Checks before Placement',
      '### Checks before Any Placement {#checks-before-placement}',
    );
    const { kept, made: again } = await renderAgain();
    const early = String(kept.find((f) => f.name === 'web/chapters/help/early-help.html')!.data);
    expect(early).toContain('Checks before Any Placement');
    expect(again.get('body of')).toBeGreaterThanOrEqual(2);
  });

  it('points a chapter at the new file of an image saved anew, though the chapter did not change', async () => {
    const svg = readFileSync(path.join(root, 'chapters/images/flow.svg'), 'utf8');
    write(root, 'chapters/images/flow.svg', svg.replace('</svg>', '<!-- saved again --></svg>'));
    const { kept } = await renderAgain();
    const images = kept.filter((f) => f.name.startsWith('web/images/') && f.name.endsWith('.svg'));
    expect(images.some((f) => String(f.data).includes('saved again'))).toBe(true);
  });

  it('renumbers pages and their neighbours when the contents move a chapter, keeping the bodies', async () => {
    edit(
      root,
      'chapters/contents.yml',
      '          - chapter: care/placements\n            remark: under review\n          - chapter: care/visits\n',
      '          - chapter: care/visits\n          - chapter: care/placements\n            remark: under review\n',
    );
    const { made: again } = await renderAgain();
    expect(again.get('page')).toBeGreaterThanOrEqual(2);
  });
});
