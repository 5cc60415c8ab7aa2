import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../scripts/core/rules.ts';
import { REPO } from '../helpers/fixture.ts';
import { reportSites, type ReportSite } from '../helpers/report-calls.ts';

/** Every report call of scripts/, found in each file's syntax tree. */
function codeSites(): ReportSite[] {
  const files = readdirSync(path.join(REPO, 'scripts'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => `scripts/${file.split(path.sep).join('/')}`);
  return files.flatMap((file) => reportSites(file, readFileSync(path.join(REPO, file), 'utf8')));
}

/** docs/checks.md's rows: `| \`rule-id\` | kind | meaning |`. */
function documentedRules(): Map<string, string> {
  const text = readFileSync(path.join(REPO, 'docs/checks.md'), 'utf8');
  return new Map([...text.matchAll(/^\| `([a-z0-9-]+)` \| ([^|]+) \|/gm)].map((m) => [m[1], m[2].trim()]));
}

const KIND_IN_DOCS = { error: 'error', warning: 'warning', gate: 'warning, error in `release`' } as const;

describe('rule ids', () => {
  const sites = codeSites();
  const used = new Set(sites.flatMap((site) => site.ids));
  const documented = documentedRules();

  it('are named by every report call of the code, as a literal or a constant of its file', () => {
    expect(sites.length).toBeGreaterThan(90);
    expect(sites.filter((site) => site.problem).map((site) => `${site.file}:${site.line} ${site.problem}`)).toEqual([]);
  });

  it('are each one of core/rules.ts, reported with the severity it gives', () => {
    const wrong = sites.flatMap((site) =>
      site.ids
        .filter((id) => !(id in RULES) || (site.severity && ![site.severity, 'gate'].includes(RULES[id as never])))
        .map((id) => `${site.file}:${site.line} ${site.severity} ${id}`),
    );
    expect(wrong).toEqual([]);
    expect(Object.keys(RULES).filter((id) => !used.has(id))).toEqual([]);
  });

  it('are each listed in docs/checks.md with its kind, and every one listed there is used', () => {
    expect([...used].filter((id) => !documented.has(id))).toEqual([]);
    expect([...documented.keys()].filter((id) => !used.has(id))).toEqual([]);
    for (const [id, kind] of Object.entries(RULES)) expect(documented.get(id), id).toBe(KIND_IN_DOCS[kind]);
  });
});

describe('the search for report calls', () => {
  const problems = (code: string) => reportSites('fixture.ts', code).map((site) => site.problem ?? site.ids.join());

  it('fails a call, a ManualError problem or a vfile message that names no rule', () => {
    expect(
      problems(`
        diagnostics.error(where, 'the chapter is lost', 'find it');
        options.diagnostics.warning(where, message, hint, chosen);
        throw new ManualError([{ severity: 'error', file, message: 'broken' }]);
        file.message('removed', { place: node.position, source: 'manual' });
        ledger.error(where, 'reported where no rule is read', 'name it diagnostics');`),
    ).toEqual([
      'no rule id',
      'cannot read a rule id from chosen',
      'no rule id',
      'no rule id',
      'reported through "ledger"',
    ]);
  });

  it('reads literals, constants of the file, and what a helper forwards from its callers', () => {
    expect(
      problems(`
        const RULE_OF = { liquid: 'template-liquid', mdx: 'template-mdx' } as const;
        const LIST = ['unsafe-html', 'iframe-as-link'];
        yaml.diagnostics.error(where, message, hint, 'yaml-syntax');
        diagnostics.warning(where, message, hint, RULE_OF[language]);
        diagnostics.warning(where, message, hint, LIST.find((id) => id === given) ?? 'unsafe-html');
        const fail = (message: string, ruleId: ErrorRule) => new ManualError([{ severity: 'error', file, message, ruleId }]);
        fail('no such file', 'import-file-unreadable');
        fail('no such file', someRule);
        ['image-no-alt'].map((ruleId) => diagnostics.warning(where, message, hint, ruleId));`),
    ).toEqual([
      'yaml-syntax',
      'template-liquid,template-mdx',
      'unsafe-html,iframe-as-link,unsafe-html',
      '',
      'import-file-unreadable',
      'cannot read a rule id from someRule',
      'cannot read a rule id from ruleId',
    ]);
  });
});
