import { formatDiagnostic, sortDiagnostics, type Diagnostic, type Diagnostics } from '../core/diagnostics.ts';
import type { ReportFormat } from '../core/settings.ts';

/**
 * Prints every problem found. As text (the default): each to standard error, then a count. As
 * JSON: one array of every problem on standard output, for editors and CI. For GitHub Actions:
 * one annotation a line on standard output, which the workflow shows at the file and line.
 */
export function report(diagnostics: Diagnostics, format: ReportFormat = 'text'): void {
  const sorted = sortDiagnostics(diagnostics.items);
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(sorted.map(asJson), null, 2)}\n`);
    return;
  }
  if (format === 'github') {
    for (const d of sorted) process.stdout.write(`${annotation(d)}\n`);
    return;
  }
  for (const d of sorted) process.stderr.write(`${formatDiagnostic(d)}\n`);
  const errors = diagnostics.errors.length;
  const warnings = diagnostics.warnings.length;
  if (errors + warnings > 0) process.stderr.write(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function asJson(d: Diagnostic) {
  return {
    file: d.file,
    line: d.line ?? null,
    column: d.column ?? null,
    severity: d.severity,
    ruleId: d.ruleId ?? null,
    message: d.message,
    fix: d.hint ?? null,
  };
}

/** `::error file=...,line=...,col=...,title=...::message`, escaped as GitHub's workflow commands require. */
function annotation(d: Diagnostic): string {
  const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const place = [
    `file=${property(d.file)}`,
    d.line !== undefined ? `line=${d.line}` : undefined,
    d.line !== undefined && d.column !== undefined ? `col=${d.column}` : undefined,
    `title=${property(d.ruleId ? `manual ${d.severity} (${d.ruleId})` : `manual ${d.severity}`)}`,
  ].filter(Boolean);
  return `::${d.severity} ${place.join(',')}::${data(d.hint ? `${d.message}\nfix: ${d.hint}` : d.message)}`;
}
