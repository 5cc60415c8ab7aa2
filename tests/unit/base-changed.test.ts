import { describe, expect, it } from 'vitest';
import { baseMove, sectionsChanged, type BaseSide } from '../../scripts/changes/base-move.ts';
import { reportBaseReviews, whatChanged, type BaseChanges } from '../../scripts/changes/base-review.ts';
import { regionalDiff } from '../../scripts/changes/regional-diff.ts';
import type { Changes } from '../../scripts/changes/diff.ts';
import type { UnitRecord } from '../../scripts/core/block-units.ts';
import type { ChapterNode } from '../../scripts/core/book.ts';
import { Diagnostics } from '../../scripts/core/diagnostics.ts';
import type { BaseSource, Baseline, EditionSpec, ManualSource } from '../../scripts/load/types.ts';

const heading = (title: string, hash = `h-${title}`): UnitRecord => ({
  kind: 'heading',
  hash,
  heading: { number: '1', title },
});
const block = (hash: string): UnitRecord => ({ kind: 'block', hash });

/** A base chapter of three sections, each a heading and a paragraph. */
const CONFERENCES = [block('intro'), heading('Timescales'), block('t'), heading('Who Should Attend'), block('w')];

function side(
  id: string,
  label: string,
  chapters: Record<string, string>,
  units: Record<string, UnitRecord[]>,
): BaseSide {
  return {
    edition: { id, label },
    chapters: new Map(Object.entries(chapters)),
    titles: new Map(Object.keys(chapters).map((c) => [c, `Title of ${c}`])),
    units: (chapter, sha) => units[`${chapter}@${sha}`],
  };
}

const details = (text: string) => ({
  type: 'root' as const,
  children: [{ type: 'paragraph' as const, children: [{ type: 'text' as const, value: text }] }],
});

function edition(id: string, updated: { chapter: string; text?: string }[]): EditionSpec {
  return {
    id,
    date: `${id}-01`,
    label: id,
    changeMarks: true,
    updated: updated.map(({ chapter, text }) => ({
      chapter,
      editorial: false,
      where: { file: 'x' },
      ...(text && { details: details(text) }),
    })),
    new: [],
    removed: [],
    where: { file: 'x' },
  };
}

describe('what the base changed between two editions', () => {
  const before = side(
    '2026-02',
    'February 2026',
    { a: '1', conferences: '2', gone: '3' },
    { 'conferences@2': CONFERENCES, 'a@1': [block('x')] },
  );
  const changedConferences = [
    block('intro'),
    heading('Timescales'),
    block('t2'),
    heading('Who Should Attend'),
    block('w2'),
  ];
  const after = side(
    '2026-08',
    'August 2026',
    { a: '1', conferences: '2b', fresh: '4' },
    { 'conferences@2b': changedConferences },
  );
  const editions = [
    edition('2026-08', [{ chapter: 'conferences', text: 'Conferences are escalated.' }, { chapter: 'a' }]),
    edition('2026-02', [{ chapter: 'conferences', text: 'Older words, already carried.' }]),
  ];
  const move = baseMove(before, after, editions);

  it('lists the chapters changed, added and removed, not those the same, in the base order', () => {
    expect(move.chapters.map((c) => [c.id, c.change])).toEqual([
      ['conferences', 'changed'],
      ['fresh', 'added'],
      ['gone', 'removed'],
    ]);
    expect(move.from).toEqual({ id: '2026-02', label: 'February 2026' });
    expect(move.to).toEqual({ id: '2026-08', label: 'August 2026' });
  });

  it("names a changed chapter's sections by their headings, and says what the base's later amendments say", () => {
    const conferences = move.chapters[0];
    expect(conferences.sections?.map((s) => [s.title, s.change])).toEqual([
      ['Timescales', 'changed'],
      ['Who Should Attend', 'changed'],
    ]);
    expect(whatChanged(conferences)).toBe('"Timescales" changed, "Who Should Attend" changed');
    expect(conferences.says).toEqual(['Conferences are escalated.']);
  });

  it('says only that the text changed when either edition of the chapter cannot be read', () => {
    const unread = baseMove(side('2026-02', 'February 2026', { conferences: '2' }, {}), after, editions);
    expect(unread.chapters[0].sections).toBeUndefined();
    expect(whatChanged(unread.chapters[0])).toMatch(/^its text changed/);
  });

  it('names a section taken out, one whose heading changed, and the opening', () => {
    const removed = sectionsChanged(CONFERENCES, CONFERENCES.slice(0, 3));
    expect(removed?.map((s) => [s.title, s.change])).toEqual([['Who Should Attend', 'removed']]);
    const sections = sectionsChanged(CONFERENCES, [
      block('intro2'),
      heading('Timescales'),
      block('t'),
      heading('Advocates'),
      block('adv'),
    ]);
    expect(sections?.map((s) => [s.title ?? 'opening', s.change])).toEqual([
      ['opening', 'changed'],
      ['Advocates', 'changed'],
    ]);
    expect(whatChanged({ id: 'x', title: 'x', change: 'changed', sections: [], says: [] })).toBe(
      'its file changed, not the words it prints',
    );
  });
});

const node = (id: string, number: string, title: string, origin: ChapterNode['origin']): ChapterNode => ({
  kind: 'chapter',
  id,
  anchor: id,
  number,
  title,
  origin,
});

function baseSource(more: Partial<BaseSource> = {}): BaseSource {
  return {
    root: '/base',
    prefix: '../base/',
    title: 'South West Child Protection Procedures',
    publisher: 'SW',
    editions: [edition('2026-08', [])],
    pinned: false,
    credit: '',
    leftOut: [],
    leftOutChapters: new Map(),
    substituted: new Map(),
    information: [],
    chapterSha256: new Map(),
    where: { file: 'chapters/contents.yml' },
    ...more,
  };
}

const release = (chapters: Record<string, string>, base: Record<string, string>) =>
  ({
    edition: { id: '2026-03', label: 'March 2026', date: '2026-03-02' },
    chapters: Object.fromEntries(
      Object.entries(chapters).map(([id, sha256]) => [id, { title: id, sha256, content: '', pages: 1, issue: '' }]),
    ),
    base: {
      path: '../base',
      title: 'T',
      publisher: 'P',
      edition: { id: '2026-02', label: 'February 2026', date: '' },
      chapters: base,
    },
  }) as unknown as Baseline;

const noChanges = (): Changes => ({ changed: [], added: [], removed: [], retitled: [], renumbered: [] });

describe("manual diff's split of regional and local changes", () => {
  it('keeps base chapters out of the local part, and lists leave-outs with their reason', () => {
    const base = baseSource({
      leftOut: [
        { target: 'secure', title: 'Secure Accommodation', reason: 'A regional service places.', where: { file: 'x' } },
      ],
    });
    const chapters = new Map([
      ['assessment', node('assessment', '1.2', 'Assessment', 'base')],
      ['front', node('front', '1.3', 'Front Door', 'local')],
    ]);
    const changes = noChanges();
    changes.changed.push(
      { id: 'assessment', new: { title: 'Assessment' } },
      { id: 'front', new: { title: 'Front Door' } },
    );
    changes.removed.push({ id: 'secure', old: { title: 'Secure Accommodation' } });
    const move = {
      from: { id: '2026-02', label: 'February 2026' },
      to: { id: '2026-08', label: 'August 2026' },
      chapters: [{ id: 'assessment', title: 'Assessment', change: 'changed' as const, says: [] }],
    };
    const source = { base, chapters: new Map() } as unknown as ManualSource & { base: BaseSource };
    const diff = regionalDiff(
      source,
      chapters,
      changes,
      release({ assessment: 'a', secure: 's' }, { assessment: 'a', secure: 's' }),
      move,
    );
    expect(diff.regional.map((c) => [c.id, c.number])).toEqual([['assessment', '1.2']]);
    expect(diff.local.changed.map((c) => c.id)).toEqual(['front']);
    expect(diff.local.removed).toEqual([]);
    expect(diff.leftOut).toEqual([
      { target: 'secure', title: 'Secure Accommodation', reason: 'A regional service places.', new: true },
    ]);
  });

  it('finds a substitute put in since the release: the release printed the base file', () => {
    const base = baseSource({
      substituted: new Map([['conf', { baseFile: '../base/chapters/conf.md', where: { file: 'x' } }]]),
    });
    const chapters = new Map([['conf', node('conf', '2.2', 'Conferences in Torbay', 'substituted')]]);
    const source = {
      base,
      chapters: new Map([['conf', { file: 'chapters/local/conf.md' }]]),
    } as unknown as ManualSource & {
      base: BaseSource;
    };
    const fresh = regionalDiff(
      source,
      chapters,
      noChanges(),
      release({ conf: 'base-sha' }, { conf: 'base-sha' }),
      undefined,
    );
    expect(fresh.substitutes).toEqual([
      {
        id: 'conf',
        number: '2.2',
        title: 'Conferences in Torbay',
        file: 'chapters/local/conf.md',
        change: 'substituted',
      },
    ]);
    const older = regionalDiff(
      source,
      chapters,
      noChanges(),
      release({ conf: 'local-sha' }, { conf: 'base-sha' }),
      undefined,
    );
    expect(older.substitutes).toEqual([]);
  });
});

describe('the warning', () => {
  it('is at the local file, names the base file, the sections and what the base says', () => {
    const diagnostics = new Diagnostics();
    const changes = {
      since: release({}, {}),
      move: {
        from: { id: '2026-02', label: 'February 2026' },
        to: { id: '2026-08', label: 'August 2026' },
        chapters: [],
      },
      reviews: [
        {
          chapter: {
            id: 'conf',
            title: 'Conferences',
            change: 'changed' as const,
            sections: [{ title: 'Timescales', change: 'changed' as const }],
            says: ['Escalated.'],
          },
          localFile: 'chapters/local/conf.md',
          kind: 'substitute' as const,
          baseFile: '../base/chapters/conf.md',
        },
      ],
    } satisfies BaseChanges;
    reportBaseReviews(changes, diagnostics);
    expect(diagnostics.items).toHaveLength(1);
    const [warning] = diagnostics.items;
    expect(warning).toMatchObject({
      severity: 'warning',
      file: 'chapters/local/conf.md',
      line: 1,
      ruleId: 'base-changed-under-local',
    });
    expect(warning.message).toBe(
      '../base/chapters/conf.md, the base chapter this file takes the place of, changed between the base\'s February 2026 and August 2026 editions, after this manual\'s March 2026 release: "Timescales" changed; the base says: Escalated.',
    );
    expect(warning.hint).toContain('accept: [base-changed-under-local]');
  });
});
