import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../scripts/core/diagnostics.ts';
import { parseAmendments } from '../../scripts/load/amendments.ts';
import { parseManifest } from '../../scripts/load/manifest.ts';
import { parseMarkdown } from '../../scripts/load/parse-markdown.ts';
import { indexNodes } from '../../scripts/load/chapter-nodes.ts';
import { resolveLinks } from '../../scripts/markdown/resolve-links.ts';
import { toHtmlTree } from '../../scripts/markdown/to-html-tree.ts';
import { numberContents } from '../../scripts/number/number-contents.ts';
import { numberHeadings } from '../../scripts/number/number-headings.ts';
import { REPO } from '../helpers/fixture.ts';

/**
 * Every input ends in a reported problem or a result, never an exception: mutated copies of the
 * sample's own files and arbitrary text go through the manifest and amendments readers, the
 * numbering, and the markdown stage. The seed is fixed so a failure can be replayed; run longer
 * with FUZZ_RUNS=20000 npx vitest run tests/unit/fuzz.test.ts.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = 20250203;
const sample = (file: string) => readFileSync(path.join(REPO, file), 'utf8');

/** A text changed the way hands and copy-paste change it: lines dropped, repeated, re-indented, spliced. */
function mutated(text: string) {
  const lines = text.split('\n');
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('drop'), at: fc.nat() }),
    fc.record({ kind: fc.constant('repeat'), at: fc.nat() }),
    fc.record({ kind: fc.constant('indent'), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
    fc.record({ kind: fc.constant('splice'), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 12 }) }),
    fc.record({
      kind: fc.constant('yaml'),
      at: fc.nat(),
      text: fc.constantFrom(
        ': ',
        '- ',
        '#',
        '"',
        "'",
        '[',
        '{',
        '&a',
        '*a',
        '!!str',
        '|',
        '>',
        '\t',
        '---',
        '...',
        '%',
        '@',
        '`',
      ),
    }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    const out = [...lines];
    for (const e of edits) {
      const i = e.at % Math.max(out.length, 1);
      if (e.kind === 'drop') out.splice(i, 1);
      else if (e.kind === 'repeat') out.splice(i, 0, out[i] ?? '');
      else if (e.kind === 'indent') out[i] = e.by > 0 ? ' '.repeat(e.by) + (out[i] ?? '') : (out[i] ?? '').slice(-e.by);
      else {
        const line = out[i] ?? '';
        const cut = Math.floor(line.length / 2);
        out[i] = line.slice(0, cut) + e.text + line.slice(cut);
      }
    }
    return out.join('\n');
  });
}

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 400 }),
);

describe('no input makes the check or the markdown stage throw', () => {
  it('reads any contents manifest, and numbers what it reads', () => {
    fc.assert(
      fc.property(fc.oneof(mutated(sample('chapters/contents.yml')), anyText), (text) => {
        const diagnostics = new Diagnostics();
        const manifest = parseManifest(text, diagnostics);
        if (manifest) numberContents(manifest, new Map(), new Map(), diagnostics);
        expect(manifest !== undefined || diagnostics.hasErrors()).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('reads any amendments file', () => {
    fc.assert(
      fc.property(fc.oneof(mutated(sample('chapters/amendments.yml')), anyText), (text) => {
        const diagnostics = new Diagnostics();
        const editions = parseAmendments(text, 'en-GB', diagnostics);
        expect(editions !== undefined || diagnostics.hasErrors()).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('turns any chapter into an HTML tree, reporting its broken links', () => {
    const chapter = sample('chapters/friends-and-family/placements-with-connected-persons.md');
    fc.assert(
      fc.property(fc.oneof(mutated(chapter), anyText), (text) => {
        const diagnostics = new Diagnostics();
        const tree = parseMarkdown(text);
        const headings = numberHeadings(indexNodes(tree).headings, 'ch-x');
        const resolved = resolveLinks(indexNodes(tree).references, {
          root: REPO,
          baseDir: 'chapters/friends-and-family',
          targets: new Map([
            [
              'friends-and-family/placements-with-parents',
              { number: '5.6', title: 'Placements with Parents', anchor: 'ch-p', headings: [] },
            ],
          ]),
          diagnostics,
          locate: (node) => ({ file: 'x.md', line: node.position?.start.line }),
        });
        expect(toHtmlTree(tree, { headings, resolved, idPrefix: 'ch-x', root: REPO }).type).toBe('root');
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
