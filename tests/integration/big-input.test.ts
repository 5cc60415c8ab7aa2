import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_CHAPTER_BYTES } from '../../scripts/load/chapter.ts';
import { epubcheck } from '../helpers/epub.ts';
import { check, copyManual, manual, removeCopies, scratchDir, write } from '../helpers/fixture.ts';
import { pdfInfo, pdfPages } from '../helpers/pdf.ts';
import { stripedPng } from '../helpers/png.ts';

afterAll(removeCopies);

const VISITS = 'chapters/care/visits.md';
const PARAGRAPH = 'Visit the child at home, see them alone and record their wishes and feelings in the case file.\n';

/** A chapter of exactly `bytes` bytes: a title, then a pasted log in a code block (cheap to parse). */
function chapterOf(bytes: number): string {
  const head = '# Visits\n\n## Frequency\n\n```text\n';
  const lines = PARAGRAPH.repeat(Math.floor((bytes - head.length - 4) / PARAGRAPH.length));
  return `${head}${lines}\`\`\`\n`.padEnd(bytes, '\n');
}

describe('a chapter far too big to print', () => {
  it('is refused by check and build before it is read, with its size and the limit', () => {
    const root = copyManual();
    write(root, VISITS, chapterOf(10 * 1024 * 1024));
    const started = performance.now();
    const built = manual(['build', '--root', root]);
    const seconds = (performance.now() - started) / 1000;
    expect(built.status).toBe(1);
    expect(built.stderr).toBe(
      'chapters/care/visits.md:1:1: error: chapter is 10.0 MB; the largest a chapter may be is 2 MB\n' +
        '  fix: split it into several chapters in chapters/contents.yml\n' +
        '1 error, 0 warnings\n' +
        'manual build: nothing was written; fix the errors above and build again\n',
    );
    // Node's start and a fresh bundle of the tool are most of it; parsing 10 MB would take half a minute.
    expect(seconds).toBeLessThan(10);
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  });

  it('accepts a chapter of exactly the largest size', async () => {
    const root = copyManual();
    write(root, VISITS, chapterOf(MAX_CHAPTER_BYTES));
    expect(statSync(path.join(root, VISITS)).size).toBe(2 * 1024 * 1024);
    expect(await check(root)).toEqual([]);
    write(root, VISITS, chapterOf(MAX_CHAPTER_BYTES + 1));
    expect(await check(root)).toEqual([
      'chapters/care/visits.md:1:1: error: chapter is 2.0 MB; the largest a chapter may be is 2 MB\n  fix: split it into several chapters in chapters/contents.yml',
    ]);
  });
});

describe('an image of 10,000 x 10,000 pixels', () => {
  it('builds into every edition, the image on its chapter page', { timeout: 300_000 }, async () => {
    const root = copyManual();
    write(root, 'chapters/images/scan.png', stripedPng(10_000, 10_000));
    write(
      root,
      VISITS,
      '# Visits\n\n## Frequency\n\nVisit every six weeks.\n\n![A test pattern of black stripes](../images/scan.png)\n',
    );
    const out = scratchDir('manual-big-image-');
    const started = performance.now();
    const built = manual(['build', '--root', root, '--out', out]);
    const seconds = (performance.now() - started) / 1000;
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const partner = path.join(out, 'small-test-manual-2025-02.pdf');
    const epub = path.join(out, 'small-test-manual-2025-02.epub');
    const sizes = Object.fromEntries(readdirSync(out).map((name) => [name, statSync(path.join(out, name)).size]));
    console.log(`10,000 x 10,000 image: build ${seconds.toFixed(1)} s; bytes ${JSON.stringify(sizes)}`);
    expect(seconds).toBeLessThan(120);

    // The same pages as without the image: it is scaled to the text width.
    expect(pdfInfo(partner).Pages).toBe('10');
    const chapterPage = pdfPages(partner).findIndex((page) => page.includes('1 Frequency')) + 1;
    const images = execFileSync('pdfimages', ['-list', partner], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((row) => row.trim().split(/\s+/));
    expect(images.map(([page, , , width, height]) => [Number(page), Number(width), Number(height)])).toEqual([
      [chapterPage, 10_000, 10_000],
    ]);
    expect(sizes['small-test-manual-2025-02.pdf']).toBeLessThan(50 * 1024 * 1024);

    const zip = await JSZip.loadAsync(readFileSync(epub));
    const pngs = Object.keys(zip.files).filter((name) => name.endsWith('.png'));
    expect(pngs).toHaveLength(1);
    expect((await zip.file(pngs[0])!.async('nodebuffer')).equals(stripedPng(10_000, 10_000))).toBe(true);
    const visits = await zip.file('OEBPS/ch-care.visits.xhtml')!.async('string');
    expect(visits).toContain(`src="${path.posix.relative('OEBPS', pngs[0])}"`);
    expect(visits).toContain('alt="A test pattern of black stripes"');
    const checked = epubcheck(epub);
    expect(checked.output).toContain('No errors or warnings detected');
  });
});
