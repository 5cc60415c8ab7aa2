import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ace, epubcheck } from '../helpers/epub.ts';
import { copyManual, edit, manual, removeCopies, scratchDir } from '../helpers/fixture.ts';

/**
 * The small fixture released, then its next edition: a paragraph of Placements changed, and an
 * editorial change to Visits. The release recorded its chapters' units; the archived EPUB is
 * taken out of the release, so the marks can only come from the record.
 */
const SLOW = 600_000;
const NEXT_EDITION = `editions:
  - edition: 2025-08
    date: 2025-08-04
    updated:
      - chapter: care/placements
        details: Planning now involves the family.
      - chapter: care/visits
        details: A number written in figures.
        editorial: true
`;

let root: string;
let out: string;
const built = () => readFileSync(path.join(out, 'small-test-manual-2025-08.html'), 'utf8');
const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const chapterOf = (html: string, anchor: string) => {
  const start = html.indexOf(`<article class="chapter" id="${anchor}"`);
  return html.slice(start, html.indexOf('</article>', start));
};
function build(...flags: string[]) {
  rmSync(out, { recursive: true, force: true });
  const result = manual(['build', '--root', root, '--out', out, ...flags]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}

beforeAll(() => {
  root = copyManual();
  out = scratchDir('manual-marks-recorded-');
  const released = manual(['release', '--root', root]);
  expect(released.status).toBe(0);
  edit(root, 'chapters/care/placements.md', 'Plan first.', 'Plan first, with the family.');
  edit(root, 'chapters/care/visits.md', 'Visit every six weeks.', 'Visit every 6 weeks.');
  edit(root, 'chapters/amendments.yml', 'editions:\n', NEXT_EDITION);
  // The release is made to hold no EPUB, file and record alike (an archived file that is missing
  // or changed stops a build, which copies the replaced edition into the web edition).
  const archived = path.join(root, 'archive/2025-02');
  renameSync(path.join(archived, 'small-test-manual-2025-02.epub'), path.join(root, 'elsewhere.epub'));
  const recordFile = path.join(archived, 'release.json');
  const record = JSON.parse(readFileSync(recordFile, 'utf8'));
  record.files = record.files.filter((f: { name: string }) => !f.name.endsWith('.epub'));
  writeFileSync(recordFile, JSON.stringify(record, null, 2));
}, SLOW);
afterAll(removeCopies);

describe('change marks against a release that recorded its units', () => {
  it('records every chapter unit by unit', () => {
    const record = JSON.parse(readFileSync(path.join(root, 'archive/2025-02/release.json'), 'utf8'));
    const units = record.chapters['care/placements'].units as string[][];
    expect(units.map((u) => u[0])).toEqual([
      'block',
      'heading',
      'heading',
      'block',
      'heading',
      'block',
      'heading',
      'block',
    ]);
    expect(units[2]).toEqual(['heading', expect.stringMatching(/^[0-9a-f]{16}$/), '1.1', 'Planning']);
  });

  it(
    'marks the changed paragraph, and gives an editorial change a banner without marks or sections',
    { timeout: SLOW },
    () => {
      build();
      const html = built();
      const placements = chapterOf(html, 'ch-care.placements');
      expect(placements.match(/<ins class="change-mark"/g)).toHaveLength(1);
      expect(words(placements)).toContain('Changed in August 2025: Plan first, with the family.');
      expect(words(placements)).toContain(
        'Updated in August 2025. Planning now involves the family. Changed: 1.1 Planning',
      );
      const visits = chapterOf(html, 'ch-care.visits');
      expect(visits).not.toContain('<ins');
      expect(words(visits)).toContain('Updated in August 2025. A number written in figures.');
      expect(visits).not.toContain('Changed:');
    },
  );

  it('keeps the EPUB with marks valid and accessible', { timeout: SLOW }, () => {
    const epub = path.join(out, 'small-test-manual-2025-08.epub');
    expect(epubcheck(epub).output).toContain('No errors or warnings detected');
    const work = scratchDir('manual-marks-ace-');
    expect(ace(epub, work).map((v) => `${v.rule} (${v.impact}) in ${v.file}: ${v.html}`)).toEqual([]);
  });

  it(
    'draws no marks for an edition that says change-marks: false, and keeps what changed in the banners',
    { timeout: SLOW },
    () => {
      edit(
        root,
        'chapters/amendments.yml',
        '    date: 2025-08-04\n',
        '    date: 2025-08-04\n    change-marks: false\n',
      );
      build();
      const html = built();
      expect(html).not.toContain('<ins');
      expect(words(chapterOf(html, 'ch-care.placements'))).toContain('Changed: 1.1 Planning');
    },
  );
});
