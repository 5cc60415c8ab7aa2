import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../scripts/core/diagnostics.ts';
import { buildBook } from '../../scripts/pipeline/pipeline.ts';
import type { PagePositions } from '../../scripts/render/results.ts';
import { BUILT_IN_TEMPLATES } from '../../scripts/render/templates.ts';
import { renderWeb } from '../../scripts/render/web/render-web.ts';
import { check, copyManual, edit, manual, removeCopies } from '../helpers/fixture.ts';

const NO_PAGES: PagePositions = { pageOf: new Map(), pageCount: 0 };

/**
 * Chapters due for review: the small manual's current edition is dated 3 February 2025. Visits
 * was due by January 2025, Placements is due in 2030, Early Help misspells the key, and the
 * pledge (already owned by the Head of Service) has no review date.
 */
describe('chapters due for review', () => {
  let root: string;
  beforeAll(() => {
    root = copyManual();
    edit(
      root,
      'chapters/care/visits.md',
      '# Visits\n',
      '---\nowner: Head of Fostering\nreview-by: 2025-01\n---\n# Visits\n',
    );
    edit(root, 'chapters/care/placements.md', '# Placements\n', '---\nreview-by: 2030-06\n---\n# Placements\n');
    edit(root, 'chapters/help/early-help.md', '# Early Help\n', '---\nreview_by: 2024-01\n---\n# Early Help\n');
  });
  afterAll(() => removeCopies());

  it('warns at the review-by line of a chapter overdue for the current edition, naming its owner', async () => {
    const problems = await check(root);
    const overdue = problems.filter((p) => p.includes('due for review'));
    expect(overdue).toEqual([
      expect.stringMatching(
        /^chapters\/care\/visits\.md:3:\d+: warning: the chapter was due for review by the end of January 2025, before the February 2025 edition.*ask its owner \(Head of Fostering\) to review it/s,
      ),
    ]);
  });

  it('reports a misspelt review key, and a review date that is not a month, with the fix', async () => {
    expect(await check(root)).toContainEqual(
      expect.stringMatching(/^chapters\/help\/early-help\.md:2:1: warning: "review_by" .*did you mean "review-by"/),
    );
    edit(root, 'chapters/care/placements.md', 'review-by: 2030-06', 'review-by: 2030-06-15');
    try {
      expect(await check(root)).toContainEqual(
        expect.stringMatching(
          /^chapters\/care\/placements\.md:2:\d+: error: "review-by" must be a year and month, YYYY-MM\n {2}fix: write the month only: review-by: 2030-06$/,
        ),
      );
    } finally {
      edit(root, 'chapters/care/placements.md', 'review-by: 2030-06-15', 'review-by: 2030-06');
    }
  });

  it('lists the chapters by review month with their owners, overdue first, then those with no date', () => {
    const { status, stdout } = manual(['reviews', '--root', root]);
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'Small Test Manual, February 2025 edition: 1 chapter overdue for review, 2 with no review date',
    );
    expect(lines[1]).toMatch(
      /^overdue {2}2025-01 {2}\d[\d.]* Visits {2}owner: Head of Fostering {2}\(chapters\/care\/visits\.md\)$/,
    );
    expect(lines[2]).toMatch(/^ {9}2030-06 {2}[\d.]+ Placements {2}\(chapters\/care\/placements\.md\)$/);
    expect(lines.slice(3).map((l) => l.slice(0, 8))).toEqual(['no date ', 'no date ']);
    expect(lines.slice(3).join('\n')).toContain('owner: Head of Service');
  });

  it("shows the owner and the review month on the chapter's web page", async () => {
    const book = (await buildBook(root, new Diagnostics()))!;
    const files = await renderWeb(book, BUILT_IN_TEMPLATES, NO_PAGES);
    const page = (name: string) => String(files.find((f) => f.name === name)!.data);
    expect(page('web/chapters/care/visits.html')).toContain(
      '<p class="chapter-review">Owner: Head of Fostering. Next review by January 2025.</p>',
    );
    expect(page('web/chapters/care/pledge.html')).toContain('<p class="chapter-review">Owner: Head of Service. </p>');
    expect(page('web/chapters/help/early-help.html')).not.toContain('chapter-review');
  });
});
