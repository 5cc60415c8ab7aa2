import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epubcheck, openEpub } from '../helpers/epub.ts';
import { copyManual, manual, REPO, removeCopies, scratchDir, write } from '../helpers/fixture.ts';
import { pdfPages } from '../helpers/pdf.ts';

const FIXTURES = path.join(REPO, 'tests/fixtures/svg');
const DRAWINGS = readdirSync(FIXTURES).filter((file) => file.endsWith('.svg'));
/** A label of each drawing, as SVG text (draw.io's as HTML, which Chromium draws in the PDF). */
const LABELS = ['Assessment within 45 days', 'Day 45: plan', 'Safe at home?', 'Safety plan', 'Visit the child'];

/** The small manual with every drawing tool's SVG as an image of one chapter. */
function manualWithDrawings(): string {
  const root = copyManual();
  for (const file of DRAWINGS) copyFileSync(path.join(FIXTURES, file), path.join(root, 'chapters/images', file));
  const images = DRAWINGS.map((file) => `![A diagram exported as ${file}](../images/${file})`).join('\n\n');
  const visits = path.join(root, 'chapters/care/visits.md');
  write(root, 'chapters/care/visits.md', `${readFileSync(visits, 'utf8')}\n## Diagrams\n\n${images}\n`);
  return root;
}

let out: string;

beforeAll(() => {
  out = scratchDir('svg-epub-out-');
  const result = manual(['build', '--root', manualWithDrawings(), '--out', out]);
  if (result.status !== 0) throw new Error(`the build failed:\n${result.stderr}`);
}, 300_000);

afterAll(removeCopies);

describe('a manual whose images are drawing tools’ SVGs', () => {
  it('gives an EPUB that passes epubcheck with no error and no warning', () => {
    const result = epubcheck(path.join(out, 'small-test-manual-2025-02.epub'));
    expect(result.output).toContain('Messages: 0 fatals / 0 errors / 0 warnings');
    expect(result.status).toBe(0);
  });

  it('carries every drawing, cleaned, with its labels', async () => {
    const epub = await openEpub(path.join(out, 'small-test-manual-2025-02.epub'));
    const svgs = epub.names.filter((name) => name.startsWith('OEBPS/images/') && name.endsWith('.svg'));
    expect(svgs).toHaveLength(DRAWINGS.length + 1); // and the small manual's own flow.svg
    const texts = (await Promise.all(svgs.map((name) => epub.text(name)))).join('\n');
    expect(texts).not.toMatch(/<!DOCTYPE|<foreignObject|<font|<script/);
    for (const label of LABELS.slice(1)) expect(texts).toContain(label);
  });

  it('prints the drawings in the PDFs as they are, labels and all', () => {
    for (const file of ['small-test-manual-2025-02.pdf', 'small-test-manual-2025-02-print.pdf']) {
      const text = pdfPages(path.join(out, file)).join('\n').replace(/\s+/g, ' ');
      for (const label of LABELS) expect(text, `${file}: ${label}`).toContain(label);
    }
  });
});

describe('an SVG that is not well-formed', () => {
  it('stops the build with an error naming the file and the place, and no stack trace', () => {
    const root = copyManual();
    write(root, 'chapters/images/flow.svg', '<svg xmlns="http://www.w3.org/2000/svg">\n<rect width="4"></svg>\n');
    const result = manual(['build', '--root', root, '--out', scratchDir('svg-broken-out-')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'chapters/images/flow.svg:2:22: error: image chapters/images/flow.svg is not a well-formed SVG (Unexpected close tag)',
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
  }, 300_000);
});
