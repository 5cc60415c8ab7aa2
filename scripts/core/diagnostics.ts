import type { ErrorRule, RuleId, WarningRule } from './rules.ts';

/** A place in one of the manual's source files; line and column count from 1. */
export interface Where {
  /** Path relative to the manual's root, with forward slashes. */
  file: string;
  line?: number;
  column?: number;
}

export type Severity = 'error' | 'warning';

export interface Diagnostic extends Where {
  severity: Severity;
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  hint?: string;
  /** Names the rule that found it (core/rules.ts), for tools that filter problems and for acceptances. */
  ruleId: RuleId;
}

/**
 * A team's word that the warnings of one rule have been looked at, written in the contents'
 * `accept:` list or in a chapter's front matter: commands then leave them out (core/accepted.ts).
 */
export interface Acceptance {
  rule: RuleId;
  from: 'contents.yml' | 'front matter';
  /** Where the acceptance is written. */
  where: Where;
  /** Globs, relative to the manual's root, of the files whose warnings it accepts; none: every file. */
  paths?: readonly string[];
  /** The one file whose warnings it accepts: a chapter's front matter accepts its own. */
  file?: string;
}

/**
 * Collects every problem a stage finds, so that one run reports all of them at once instead of
 * stopping at the first. Each stage is handed one; nothing here is global.
 */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  /** What the load stage read the manual to accept; applied only where problems are printed. */
  readonly acceptances: Acceptance[] = [];

  error(where: Where, message: string, hint: string | undefined, ruleId: ErrorRule): void {
    this.items.push({ severity: 'error', ...where, message, hint, ruleId });
  }

  warning(where: Where, message: string, hint: string | undefined, ruleId: WarningRule): void {
    this.items.push({ severity: 'warning', ...where, message, hint, ruleId });
  }

  get errors(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'error');
  }

  get warnings(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'warning');
  }

  hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** `file:line:column: error: message` then the hint on its own line, as compilers print them. */
export function formatDiagnostic(d: Diagnostic): string {
  const place = [d.file, d.line, d.line === undefined ? undefined : d.column]
    .filter((part) => part !== undefined)
    .join(':');
  const head = `${place}: ${d.severity}: ${d.message}`;
  return d.hint ? `${head}\n  fix: ${d.hint}` : head;
}

/** Orders diagnostics by file, then position, so output is stable and easy to follow. */
export function sortDiagnostics(items: readonly Diagnostic[]): Diagnostic[] {
  return [...items].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}

/** Thrown when a stage cannot go on; carries the problems found so far. */
export class ManualError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'ManualError';
  }
}
