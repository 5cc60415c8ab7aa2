import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { manual, REPO } from '../helpers/fixture.ts';

/** docs/ci-workflow.yml, the example for a council's repository: valid YAML, running real commands. */
describe('the example CI workflow', () => {
  const workflow = parse(readFileSync(path.join(REPO, 'docs/ci-workflow.yml'), 'utf8')) as {
    on: { push: { tags: string[] } };
    jobs: Record<string, { if?: string; steps: { run?: string; uses?: string }[] }>;
  };
  const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((s) => (s.run ? [s.run] : [])));
  const usage = manual(['--help']).stdout;

  it('checks every push and builds, releases and keeps the editions on an edition tag', () => {
    expect(workflow.on.push.tags).toEqual(['edition-*']);
    expect(workflow.jobs.check.steps.map((s) => s.run)).toContain('npx manual check --format github');
    expect(workflow.jobs.editions.if).toContain('refs/tags/edition-');
    expect(workflow.jobs.editions.steps.at(-1)!.uses).toMatch(/^actions\/upload-artifact@/);
  });

  it('runs only commands and options the manual command has', () => {
    const commands = runs.filter((r) => r.startsWith('npx manual '));
    expect(commands.length).toBeGreaterThanOrEqual(4);
    for (const command of commands) {
      const [name, ...options] = command.split(' ').slice(2);
      expect(usage).toMatch(new RegExp(`^  ${name} `, 'm'));
      for (const option of options.filter((o) => o.startsWith('--'))) expect(usage).toContain(`  ${option} `);
    }
    // The check step, as the workflow runs it, on a clean manual.
    const check = manual(['check', '--format', 'github', '--root', path.join(REPO, 'tests/fixtures/small')]);
    expect(check.status).toBe(0);
  });
});
