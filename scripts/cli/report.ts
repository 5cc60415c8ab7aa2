import { acceptedLine, siftAccepted } from '../core/accepted.ts';
import { formatDiagnostic, sortDiagnostics, type Diagnostic, type Diagnostics } from '../core/diagnostics.ts';
import type { ReportFormat } from '../core/settings.ts';

/**
 * Prints every problem found but the warnings the manual accepts. As text (the default): each to
 * standard error, then a count, with how many warnings were accepted. As JSON: one array of every
 * problem on standard output, for editors and CI. For GitHub Actions: one annotation a line on
 * standard output, which the workflow shows at the file and line. Returns the count line.
 */
export function report(diagnostics: Diagnostics, format: ReportFormat = 'text'): string {
  const { shown, accepted } = siftAccepted(diagnostics.items, diagnostics.acceptances);
  const sorted = sortDiagnostics(shown);
  const errors = shown.filter((d) => d.severity === 'error').length;
  const problems = `${plural(errors, 'error')}, ${plural(shown.length - errors, 'warning')}`;
  const left = acceptedLine(accepted);
  const count = left ? `${problems}; ${left}` : shown.length > 0 ? problems : '';
  if (format === 'json') process.stdout.write(`${JSON.stringify(sorted.map(asJson), null, 2)}\n`);
  else if (format === 'github') for (const d of sorted) process.stdout.write(`${annotation(d)}\n`);
  else {
    for (const d of sorted) process.stderr.write(`${formatDiagnostic(d)}\n`);
    if (count) process.stderr.write(`${count}\n`);
  }
  return count;
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
    ruleId: d.ruleId,
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
    `title=${property(`manual ${d.severity} (${d.ruleId})`)}`,
  ].filter(Boolean);
  return `::${d.severity} ${place.join(',')}::${data(d.hint ? `${d.message}\nfix: ${d.hint}` : d.message)}`;
}
