import { formatDiagnostic, sortDiagnostics, type Diagnostics } from '../core/diagnostics.ts';

/** Prints every problem found, then a count; problems go to standard error. */
export function report(diagnostics: Diagnostics): void {
  for (const d of sortDiagnostics(diagnostics.items)) process.stderr.write(`${formatDiagnostic(d)}\n`);
  const errors = diagnostics.errors.length;
  const warnings = diagnostics.warnings.length;
  if (errors + warnings > 0) process.stderr.write(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
