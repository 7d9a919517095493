// What a reporter receives: the findings, the suppressed findings when asked for, gocop's own errors,
// and how paths are shown.
import type { Diagnostic } from '../diagnostic.js';
import type { EngineError } from '../engine/engine.js';
import type { Suppression, SuppressedDiagnostic } from '../engine/directives.js';

export interface Report {
  diagnostics: Diagnostic[];
  /** Findings silenced by suppression comments: empty unless --include-suppressed. */
  suppressed?: readonly SuppressedDiagnostic[];
  errors: EngineError[];
  filesLinted: number;
  /** Turns an absolute path into the path shown to the user (relative to the working directory). */
  displayPath(absolutePath: string): string;
}

/** The directive that silenced a finding, as written: `//gocop:ignore`, `//gocop:file-ignore` or `//nolint`. */
export function directiveName(suppression: Suppression): string {
  return suppression.kind === 'nolint' ? '//nolint' : `//gocop:${suppression.kind}`;
}

/** "suppressed by //gocop:ignore (reason)", for formats that show suppressed findings as text. */
export function describeSuppression(suppression: Suppression): string {
  return `suppressed by ${directiveName(suppression)}${suppression.reason ? ` (${suppression.reason})` : ''}`;
}

/** A finding to show, with its suppression when it was silenced. */
export interface ReportEntry {
  diagnostic: Diagnostic;
  suppression?: Suppression;
}

/** The findings as the report orders them, with the suppressed findings (if any) merged in by file, line and column. */
export function reportEntries(report: Report): ReportEntry[] {
  if (!report.suppressed || report.suppressed.length === 0) return report.diagnostics.map((diagnostic) => ({ diagnostic }));
  const entries: ReportEntry[] = [
    ...report.diagnostics.map((diagnostic) => ({ diagnostic })),
    ...(report.suppressed ?? []).map((suppressed) => ({ diagnostic: suppressed as Diagnostic, suppression: suppressed.suppression })),
  ];
  return entries.sort(
    (a, b) =>
      (a.diagnostic.file < b.diagnostic.file ? -1 : a.diagnostic.file > b.diagnostic.file ? 1 : 0) ||
      a.diagnostic.range.line - b.diagnostic.range.line ||
      a.diagnostic.range.column - b.diagnostic.range.column,
  );
}
