import type { Acceptance, Diagnostic } from './diagnostics.ts';

/** What a command prints of the problems found, once the manual's acceptances are applied. */
export interface Sifted {
  /** Every error, each warning no acceptance covers, and a warning for each acceptance that covered none. */
  shown: Diagnostic[];
  /** How many warnings were left out, by where the acceptance that covered each is written. */
  accepted: Record<Acceptance['from'], number>;
}

/**
 * Applies the acceptances to the problems every stage reported: a warning of an accepted rule in
 * a file the acceptance covers is left out (an error never is). Stages report everything and this
 * runs only where problems are printed, so what checking found stays whole for every later step.
 */
export function siftAccepted(items: readonly Diagnostic[], acceptances: readonly Acceptance[]): Sifted {
  const used = new Set<Acceptance>();
  const accepted: Sifted['accepted'] = { 'contents.yml': 0, 'front matter': 0 };
  const shown = items.filter((d) => {
    if (d.severity !== 'warning') return true;
    const covering = acceptances.filter((a) => covers(a, d));
    if (covering.length === 0) return true;
    for (const a of covering) used.add(a);
    // A chapter's own acceptance is the nearer one: its count goes there.
    accepted[(covering.find((a) => a.from === 'front matter') ?? covering[0]).from] += 1;
    return false;
  });
  // A run with errors skipped checks, so only one without any can tell an acceptance is stale.
  const judged = !items.some((d) => d.severity === 'error');
  const unused = judged ? acceptances.filter((a) => !used.has(a)).map(unusedWarning) : [];
  return { shown: [...shown, ...unused], accepted };
}

/** "12 warnings accepted (contents.yml: 10, front matter: 2)"; empty when none was. */
export function acceptedLine(accepted: Sifted['accepted']): string {
  const counts = Object.entries(accepted).filter(([, count]) => count > 0);
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return '';
  return `${total} ${total === 1 ? 'warning' : 'warnings'} accepted (${counts.map(([from, count]) => `${from}: ${count}`).join(', ')})`;
}

function covers(acceptance: Acceptance, d: Diagnostic): boolean {
  if (acceptance.rule !== d.ruleId) return false;
  if (acceptance.file !== undefined && acceptance.file !== d.file) return false;
  return acceptance.paths === undefined || acceptance.paths.some((glob) => globMatches(glob, d.file));
}

function unusedWarning(a: Acceptance): Diagnostic {
  const scope = a.file ? ' in this chapter' : a.paths ? ` in ${a.paths.join(', ')}` : '';
  return {
    severity: 'warning',
    ...a.where,
    message: `no "${a.rule}" warning is left to accept${scope}`,
    hint: 'delete this acceptance, so that the warning shows again if it comes back',
    ruleId: 'accepted-warning-unused',
  };
}

/**
 * Whether a path relative to the manual's root matches a glob written the same way, or lies in a
 * folder it matches: `**` is any folders, `*` and `?` any characters but "/" (as in gitignore).
 */
export function globMatches(glob: string, file: string): boolean {
  const pattern = globPattern(glob.replace(/^\.\//, '').replace(/\/+$/, ''));
  const parts = file.split('/');
  return parts.some((_, i) => pattern.test(parts.slice(0, i + 1).join('/')));
}

function globPattern(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    if (glob.startsWith('**/', i)) {
      pattern += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      pattern += '.*';
      i += 1;
    } else if (glob[i] === '*') pattern += '[^/]*';
    else if (glob[i] === '?') pattern += '[^/]';
    else pattern += glob[i].replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}
