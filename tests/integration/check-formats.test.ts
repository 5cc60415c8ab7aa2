import { afterAll, describe, expect, it } from 'vitest';
import { copyManual, edit, manual, removeCopies } from '../helpers/fixture.ts';

/** One broken manual, checked in each format: the same problems, the same exit status. */
afterAll(removeCopies);

describe('manual check --format', () => {
  const root = copyManual();
  edit(root, 'chapters/care/visits.md', 'Visit every six weeks.', 'Visit every six weeks, see [the plan](plan.md).');
  edit(root, 'chapters/care/placements.md', 'Plan first.', 'Plan first.\n\n![The plan](../images/missing.png)');
  const text = manual(['check', '--root', root]);
  const json = manual(['check', '--root', root, '--format', 'json']);
  const github = manual(['check', '--root', root, '--format', 'github']);

  it('exits 1 for a manual with errors in every format, and 2 for a format it does not know', () => {
    expect([text.status, json.status, github.status]).toEqual([1, 1, 1]);
    const wrong = manual(['check', '--root', root, '--format', 'xml']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--format must be text, json, github, not "xml"');
    expect(manual(['build', '--root', root, '--format', 'json']).stderr).toContain(
      '--format is an option of check only',
    );
  });

  it('prints every problem as JSON on standard output, with its place, rule and fix', () => {
    const problems = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(json.stderr).toBe('');
    const link = problems.find((p) => p.file === 'chapters/care/visits.md')!;
    expect(link).toMatchObject({ line: 5, severity: 'error', message: expect.stringContaining('plan.md') });
    expect(Object.keys(link).sort()).toEqual(['column', 'file', 'fix', 'line', 'message', 'ruleId', 'severity']);
    const image = problems.find((p) => p.file === 'chapters/care/placements.md')!;
    expect(image).toMatchObject({
      line: 11,
      column: 1,
      severity: 'error',
      message: expect.stringContaining('missing.png'),
    });
    // The same problems the text format prints.
    const textLines = text.stderr.split('\n').filter((l) => /: (error|warning): /.test(l));
    expect(textLines).toHaveLength(problems.length);
  });

  it('prints GitHub Actions annotations, one a problem, escaped', () => {
    const annotations = github.stdout.trim().split('\n');
    expect(annotations).toHaveLength((JSON.parse(json.stdout) as unknown[]).length);
    const link = annotations.find((a) => a.includes('file=chapters/care/visits.md'))!;
    expect(link).toMatch(
      /^::error file=chapters\/care\/visits\.md,line=5,col=\d+,title=manual error[^:]*::.*plan\.md.*%0Afix: /,
    );
    expect(github.stdout).not.toMatch(/[^%]\n[^:\n]/);
  });
});
