import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBook } from '../../scripts/pipeline/pipeline.ts';
import { settingsFrom } from '../../scripts/cli/settings.ts';
import type { Book } from '../../scripts/core/book.ts';
import { Diagnostics, formatDiagnostic, sortDiagnostics } from '../../scripts/core/diagnostics.ts';
import { checkOutputs, ledgerLine } from '../../scripts/output/ledger/ledger.ts';
import { renderOutputs, type Outputs } from '../../scripts/output/render-outputs.ts';
import { copyManual, edit, filesUnder, manual, REPO, removeCopies, scratchDir, write } from '../helpers/fixture.ts';

afterAll(removeCopies);

const VISITS = 'chapters/care/visits.md';
const LONG_LINE = `curl --fail --silent "https://example.org/${'very-long-path-segment/'.repeat(12)}report.csv" --output report-end-of-line.csv`;

/** The small manual with a code block whose one line is far wider than the page (line 9 of visits.md). */
function manualWithCode(): string {
  const root = copyManual();
  edit(
    root,
    VISITS,
    'Visit every six weeks.',
    `Visit every six weeks.\n\n\`\`\`sh\necho start\n${LONG_LINE}\n\`\`\`\n`,
  );
  return root;
}

async function render(book: Book, root: string) {
  const settings = settingsFrom({ root }, {});
  return renderOutputs(book, { ...settings, cacheDir: scratchDir('manual-ledger-cache-') });
}

describe('the fidelity ledger', () => {
  let book: Book;
  let outputs: Outputs;
  let root: string;

  beforeAll(async () => {
    root = manualWithCode();
    book = (await buildBook(root, new Diagnostics()))!;
    outputs = await render(book, root);
  }, 120_000);

  const ledger = async (changed: Outputs, model = book) => {
    const diagnostics = new Diagnostics();
    const count = await checkOutputs(model, changed, new Set(), diagnostics);
    return { count, problems: sortDiagnostics(diagnostics.items).map(formatDiagnostic) };
  };

  it('counts what the chapters hold and finds all of it in the five outputs', async () => {
    const { count, problems } = await ledger(outputs);
    expect(problems).toEqual([]);
    expect(ledgerLine(count, 'en-GB')).toBe(
      '1 image, 3 links, 0 tables, 1 code block and 0 footnotes: all in 5 outputs',
    );
    expect(count.outputs).toEqual([
      'the HTML edition',
      'the EPUB',
      'the web edition',
      'the partner PDF',
      'the binder PDF',
    ]);
  });

  it("fails on an image a renderer dropped, at the image's line", async () => {
    const name = [...outputs.files.keys()].find((n) => n.endsWith('.epub'))!;
    const zip = await JSZip.loadAsync(outputs.files.get(name)!);
    const document = Object.keys(zip.files).find((n) => n.includes('care.placements') && n.endsWith('.xhtml'))!;
    const text = await zip.file(document)!.async('string');
    expect(text).toContain('<img ');
    zip.file(document, text.replace(/<img [^>]*\/>/, ''));
    const files = new Map(outputs.files).set(name, await zip.generateAsync({ type: 'uint8array' }));
    const dropped = { ...outputs, files };
    expect((await ledger(dropped)).problems).toEqual([
      'chapters/care/placements.md:3:1: error: the EPUB lost the image "A flowchart of the placement steps"' +
        "\n  fix: the build stopped so that no edition goes out without it; if templates/ were changed, keep each chapter's {{{html}}} whole, else report this chapter as a bug",
    ]);
  });

  it('fails on template syntax an output shows that check did not report, at its line', async () => {
    const visits = book.chapters.find((c) => c.id === 'care/visits')!;
    const planted: Element = {
      type: 'element',
      tagName: 'p',
      properties: {},
      children: [
        {
          type: 'text',
          value: '{% hint style="warning" %}',
          position: { start: { line: 4, column: 1 }, end: { line: 4, column: 27 } },
        },
      ],
    };
    const body: Root = { ...visits.body, children: [...visits.body.children, planted] };
    const model: Book = { ...book, chapters: book.chapters.map((c) => (c === visits ? { ...c, body } : c)) };
    const { problems } = await ledger(await render(model, root), model);
    expect(problems).toEqual([
      'chapters/care/visits.md:4:1: error: the HTML edition, the EPUB and the web edition show "{% hint style="warning" %}", template syntax that check did not report' +
        '\n  fix: write what it should show in markdown; if it is no template syntax, escape its first character with "\\"',
    ]);
  }, 120_000);
});

describe('manual build with the ledger', () => {
  it('prints the ledger, and stops on a code line a stylesheet cuts off, naming the line, with dist/ as it was', () => {
    const root = manualWithCode();
    const out = scratchDir('manual-ledger-out-');
    const built = manual(['build', '--root', root, '--out', out, '--quiet']);
    expect(built.status, built.stderr).toBe(0);
    expect(built.stdout).toContain(
      'checked 1 image, 3 links, 0 tables, 1 code block and 0 footnotes: all in 5 outputs',
    );
    const before = filesUnder(out);

    // A council's own stylesheet that keeps code on one line, as browsers do on screen.
    cpSync(path.join(REPO, 'templates'), path.join(root, 'templates'), { recursive: true });
    const print = path.join(root, 'templates/styles/print.css');
    writeFileSync(
      print,
      `${readFileSync(print, 'utf8')}\npre, pre code, pre span { white-space: pre !important; overflow-wrap: normal !important; }\n`,
    );
    write(root, VISITS, readFileSync(path.join(root, VISITS), 'utf8').replace('Visit every', 'Visit, every'));
    const clipped = manual(['build', '--root', root, '--out', out, '--quiet']);
    expect(clipped.status).toBe(1);
    expect(clipped.stderr).toContain(
      'chapters/care/visits.md:7:1: error: the partner PDF and the binder PDF lost the end of a line of this code block, "...',
    );
    expect(clipped.stderr).toContain('report-end-of-line.csv"');
    expect(clipped.stderr).toContain('manual build: nothing was written');
    const after = filesUnder(out);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, data] of before) expect(after.get(name)!.equals(data), name).toBe(true);
  }, 120_000);
});
