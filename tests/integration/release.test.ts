import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyManual,
  edit,
  manual,
  REPO,
  removeCopies,
  scratchDir,
  write,
  SAMPLE_NEXT_EDITION,
} from '../helpers/fixture.ts';
import { lines, pdfInfo, pdfPages } from '../helpers/pdf.ts';

/**
 * One story, on a copy of the Derby sample: release February 2025; change a chapter, add one that
 * renumbers those after it, remove one; start the August 2025 edition; then diff, the gate, the
 * release with its amendment pack, verify, and the refusal to overwrite.
 */
const SLOW = 600_000;
let root: string;
const archive = (...parts: string[]) => path.join(root, 'archive', ...parts);
const release = () => manual(['release', '--root', root]);
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

beforeAll(() => {
  root = copyManual(REPO);
  rmSync(path.join(root, 'archive'), { recursive: true, force: true });
});
afterAll(removeCopies);

/** The filing steps of an amendment pack, [remove, insert], read from its instruction pages. */
function filingRows(pages: string[]): string[][] {
  const instructions = pages.filter((p) => lines(p).at(-1)?.startsWith('Amendment pack · ')).join('\n\n');
  const blocks = instructions.split(/\n\s*\n/).map((b) => b.replace(/\s+/g, ' ').trim());
  const rows: string[][] = [];
  blocks.forEach((block, i) => {
    if (/^\d+$/.test(block) && Number(block) === rows.length + 1) rows.push([blocks[i + 1], blocks[i + 2]]);
  });
  return rows;
}

describe('six-monthly releases of the Derby sample', () => {
  it('releases the February 2025 edition into archive/2025-02, reproducibly', { timeout: SLOW }, () => {
    const result = release();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readdirSync(archive('2025-02')).sort()).toEqual([
      'derby-childrens-social-care-2025-02-print.pdf',
      'derby-childrens-social-care-2025-02.epub',
      'derby-childrens-social-care-2025-02.pdf',
      'release.json',
      'web',
    ]);
    const record = JSON.parse(readFileSync(archive('2025-02', 'release.json'), 'utf8'));
    expect(record.edition).toEqual({ id: '2025-02', label: 'February 2025', date: '2025-02-03' });
    expect(record.sources).toEqual({ commit: null, dirty: false });
    expect(Object.keys(record.chapters)).toHaveLength(153);
    const names = record.files.map((f: { name: string }) => f.name);
    expect(names).toContain('web/chapters/children-in-care/care-planning.html');
    expect(names).not.toContain('derby-childrens-social-care-2025-02.html');
    expect(record.chapters['children-in-care/care-planning']).toMatchObject({
      number: '6.1.3',
      title: 'Care Planning',
      issue: 'February 2025',
    });
    const binder = pdfPages(archive('2025-02', 'derby-childrens-social-care-2025-02-print.pdf'));
    const footer = binder.map((p) => lines(p).at(-1)).find((l) => l?.startsWith('6.1.3 · February 2025 · Page 1 of'));
    expect(footer).toBe(`6.1.3 · February 2025 · Page 1 of ${record.chapters['children-in-care/care-planning'].pages}`);
    const index = readFileSync(archive('index.md'), 'utf8');
    expect(index).toContain('## February 2025 (2025-02), published 3 February 2025');
    for (const file of record.files) expect(index).toContain(file.sha256);
    expect(JSON.parse(readFileSync(archive('index.json'), 'utf8')).map((r: { edition: string }) => r.edition)).toEqual([
      '2025-02',
    ]);
  });

  it('lists what changed since the release', () => {
    appendFileSync(
      path.join(root, 'chapters/children-in-care/care-planning.md'),
      '\nA care plan is reviewed at every looked after review.\n',
    );
    write(
      root,
      'chapters/children-in-care/emergency-placements.md',
      '# Emergency Placements\n\nWhat to do out of hours.\n\n## Out of Hours\n\nCall Care Line.\n',
    );
    edit(
      root,
      'chapters/contents.yml',
      '          - chapter: children-in-care/care-planning\n',
      '          - chapter: children-in-care/emergency-placements\n          - chapter: children-in-care/care-planning\n',
    );
    edit(
      root,
      'chapters/contents.yml',
      '          - chapter: children-in-need/restraint-and-physical-intervention\n',
      '',
    );
    rmSync(path.join(root, 'chapters/children-in-need/restraint-and-physical-intervention.md'));
    const diff = manual(['diff', '--root', root]);
    expect(diff.stdout.split('\n').filter((l) => !l.startsWith('renumbered'))).toEqual([
      'compared with the February 2025 release (archive/2025-02):',
      'changed     6.1.4 Care Planning (children-in-care/care-planning): 5 changed',
      'added       6.1.3 Emergency Placements (children-in-care/emergency-placements)',
      'removed     3.3.7 Restraint and Physical Intervention (Lighthouse and Early Help Community Support) (children-in-need/restraint-and-physical-intervention)',
      '',
    ]);
    const renumbered = diff.stdout.split('\n').filter((l) => l.startsWith('renumbered'));
    expect(renumbered).toContain('renumbered  children-in-care/care-planning: 6.1.3 -> 6.1.4');
    expect(renumbered).toContain('renumbered  children-in-need/parent-carer-needs-assessments: 3.3.8 -> 3.3.7');
    expect(renumbered).toHaveLength(5);
    expect(diff.stderr).toContain('warning: edition 2025-02 is already released (archive/2025-02)');
  });

  it('refuses to release while the amendments leave changes out, and archives nothing', () => {
    edit(root, 'chapters/amendments.yml', 'editions:\n', SAMPLE_NEXT_EDITION);
    const result = release();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'error: chapter "children-in-care/emergency-placements" is new since the February 2025 release, but edition 2025-08 does not list it as new',
    );
    expect(result.stderr).toContain(
      'error: chapter "children-in-need/restraint-and-physical-intervention" (3.3.7 Restraint and Physical Intervention (Lighthouse and Early Help Community Support)) was removed since the February 2025 release, but edition 2025-08 does not list it as removed',
    );
    expect(result.stderr).toContain('manual release: nothing was archived');
    expect(readdirSync(archive()).sort()).toEqual(['2025-02', 'index.json', 'index.md']);
  });

  it('releases the August 2025 edition with an amendment pack for binder holders', { timeout: SLOW }, () => {
    edit(
      root,
      'chapters/amendments.yml',
      '        details: A care plan is now reviewed at every looked after review.\n',
      [
        '        details: A care plan is now reviewed at every looked after review.',
        '    new:',
        '      - chapter: children-in-care/emergency-placements',
        '        details: A new chapter on placements out of hours.',
        '    removed:',
        '      - title: Restraint and Physical Intervention (Lighthouse and Early Help Community Support)',
        '        details: Now part of the Medicines Management and behaviour support guidance.',
        '',
      ].join('\n'),
    );
    const result = release();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const pack = archive('2025-08', 'derby-childrens-social-care-2025-08-amendment-pack.pdf');
    const pages = pdfPages(pack);
    const rows = filingRows(pages);
    expect(rows).toEqual([
      ['Title page (February 2025)', 'Title page (August 2025)'],
      [
        expect.stringMatching(/^Contents \(\d+ pages, February 2025\)$/),
        expect.stringMatching(/^Contents and List of Effective Pages \(\d+ pages, August 2025\)$/),
      ],
      [
        '3.3.7 Restraint and Physical Intervention (Lighthouse and Early Help Community Support) (2 pages, February 2025)',
        '(nothing)',
      ],
      [
        '3.3.8 A Guide to Parent Carer Needs Assessments (2 pages, February 2025)',
        '3.3.7 A Guide to Parent Carer Needs Assessments (2 pages, August 2025)',
      ],
      ['(nothing)', '6.1.3 Emergency Placements (1 page, August 2025)'],
      ['6.1.3 Care Planning (3 pages, February 2025)', '6.1.4 Care Planning (3 pages, August 2025)'],
      [
        '6.1.4 Family Time with Parents, other Adults and Siblings (2 pages, February 2025)',
        '6.1.5 Family Time with Parents, other Adults and Siblings (2 pages, August 2025)',
      ],
      [
        '6.1.5 Guidance on the Admission of Children to Care, Placement Planning and Review (2 pages, February 2025)',
        '6.1.6 Guidance on the Admission of Children to Care, Placement Planning and Review (2 pages, August 2025)',
      ],
      [
        '6.1.6 Children in Care Placements Commissioning and Sufficiency Strategy (2020-2023) (2 pages, February 2025)',
        '6.1.7 Children in Care Placements Commissioning and Sufficiency Strategy (2020-2023) (2 pages, August 2025)',
      ],
      [
        expect.stringMatching(/^10\.3 Amendments \(\d+ pages, February 2025\)$/),
        expect.stringMatching(/^10\.3 Amendments \(\d+ pages, August 2025\)$/),
      ],
    ]);
    expect(pages.join('\n')).toContain('Amendment filed by');
    // The replacement pages follow, each unit on a new sheet: the title page opens the first.
    const instructions = pages.findIndex(
      (p) =>
        p.includes("Derby City Children's Social Care") && p.includes('August 2025 edition') && p.includes('Published'),
    );
    expect(instructions % 2).toBe(0);
    expect(pages.map((p) => lines(p).at(-1)).filter((l) => l?.startsWith('6.1.3 · '))).toEqual([
      '6.1.3 · August 2025 · Page 1 of 1',
    ]);
    expect(Number(pdfInfo(pack).Pages) % 2).toBe(0);
    // An unchanged chapter keeps the footer of the edition that issued its pages.
    const binder = pdfPages(archive('2025-08', 'derby-childrens-social-care-2025-08-print.pdf'));
    expect(binder.map((p) => lines(p).at(-1))).toContain('1.1.1 · February 2025 · Page 1 of 2');
    // What the next edition's change marks compare with.
    const record = JSON.parse(readFileSync(archive('2025-08', 'release.json'), 'utf8'));
    expect(record.chapters['children-in-care/care-planning'].units.length).toBeGreaterThan(20);
    expect(JSON.parse(readFileSync(archive('index.json'), 'utf8')).map((r: { edition: string }) => r.edition)).toEqual([
      '2025-08',
      '2025-02',
    ]);
  });

  it('builds the released edition again into the very files it archived', { timeout: SLOW }, () => {
    // The build follows the February release, as the release did: not the August one it made.
    const out = scratchDir('manual-rebuilt-');
    const built = manual(['build', '--root', root, '--out', out, '--quiet']);
    expect(built.status, built.stderr).toBe(0);
    const record = JSON.parse(readFileSync(archive('2025-08', 'release.json'), 'utf8'));
    const differ = record.files
      .filter(
        (f: { name: string; sha256: string }) =>
          !existsSync(path.join(out, f.name)) || sha256(path.join(out, f.name)) !== f.sha256,
      )
      .map((f: { name: string }) => f.name);
    expect(differ).toEqual([]);
    expect(record.files.length).toBeGreaterThan(150);
  });

  it('names the edition in force on a date, with its files and their checksums verified', () => {
    const record = (edition: string) => JSON.parse(readFileSync(archive(edition, 'release.json'), 'utf8'));
    const february = manual(['at', '2025-08-03', '--root', root]);
    expect(february.status).toBe(0);
    const files = record('2025-02').files as { name: string; sha256: string }[];
    expect(february.stdout).toBe(
      [
        'On 3 August 2025 the February 2025 edition (2025-02) was in force, from 3 February 2025 to 4 August 2025.',
        ...files.filter((f) => !f.name.includes('/')).map((f) => `  archive/2025-02/${f.name}  ${f.sha256}`),
        `  archive/2025-02/web/  its web edition, ${files.filter((f) => f.name.startsWith('web/')).length} files`,
        `all ${files.length} files match release.json`,
        '',
      ].join('\n'),
    );
    expect(manual(['at', '2025-08-04', '--root', root]).stdout).toMatch(
      /^On 4 August 2025 the August 2025 edition \(2025-08\) was in force, from 4 August 2025, the latest release\.\n/,
    );
    expect(manual(['at', '2025-02-02', '--root', root])).toMatchObject({
      status: 1,
      stdout:
        'no archived edition was in force on 2 February 2025: the first, February 2025, came into force on 3 February 2025\n',
    });
    expect(manual(['at', '2025-02-30', '--root', root])).toMatchObject({ status: 2 });
  });

  it('verifies the archive, and finds a changed byte', () => {
    // Each edition's PDFs, EPUB (and from the second on its amendment pack), and its web edition's files.
    const files = (edition: string) => JSON.parse(readFileSync(archive(edition, 'release.json'), 'utf8')).files.length;
    const [august, february] = [files('2025-08'), files('2025-02')];
    expect(august).toBeGreaterThan(4);
    expect(manual(['verify', '--root', root])).toMatchObject({
      status: 0,
      stdout: `2025-08: ok, ${august} files match release.json\n2025-02: ok, ${february} files match release.json\n`,
    });
    const file = archive('2025-02', 'derby-childrens-social-care-2025-02.epub');
    const bytes = readFileSync(file);
    bytes[bytes.length - 30] ^= 0xff;
    writeFileSync(file, bytes);
    const at = manual(['at', '2025-05-01', '--root', root]);
    expect(at.status).toBe(1);
    expect(at.stdout).toMatch(
      /\nFAILED: the archive differs from the release record\n {2}derby-childrens-social-care-2025-02\.epub has changed/,
    );
    const result = manual(['verify', '--root', root]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        `^2025-08: ok, ${august} files match release.json\n2025-02: FAILED\n {2}derby-childrens-social-care-2025-02.epub has changed: its SHA-256 is [0-9a-f]{64}, the release recorded [0-9a-f]{64}\n$`,
      ),
    );
  });

  it('never overwrites an archived edition', () => {
    const result = release();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'error: edition 2025-08 is already archived; an archived release is never overwritten',
    );
  });
});
