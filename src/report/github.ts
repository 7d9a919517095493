// The `github` format: GitHub Actions workflow commands, one per finding, which the runner turns into
// annotations on the pull request (`::error file=F,line=L,col=C,endLine=…,endColumn=…,title=rule::message`).
// Errors map to ::error, warnings to ::warning and info to ::notice. Related locations follow the
// message on lines of their own. Suppressed findings (under --include-suppressed) are ::notice
// commands that name the directive and its reason. gocop's own errors become ::error commands too.
import type { Diagnostic } from '../diagnostic.js';
import type { Suppression } from '../engine/directives.js';
import { describeSuppression, reportEntries, type Report } from './model.js';

/** Escapes a command's message: %, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value: as data, plus `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(diagnostic: Diagnostic, report: Report, suppression?: Suppression): string {
  const kind = suppression ? 'notice' : diagnostic.severity === 'error' ? 'error' : diagnostic.severity === 'warning' ? 'warning' : 'notice';
  const { range } = diagnostic;
  const properties = [
    `file=${escapeProperty(report.displayPath(diagnostic.file))}`,
    `line=${range.line}`,
    `col=${range.column}`,
    `endLine=${range.endLine}`,
    `endColumn=${range.endColumn}`,
    `title=${escapeProperty(suppression ? `${diagnostic.ruleId} (suppressed)` : diagnostic.ruleId)}`,
  ];
  const related = diagnostic.related.map((entry) => `\n${report.displayPath(entry.file)}:${entry.range.line}:${entry.range.column}: ${entry.message}`);
  const message = suppression ? `${describeSuppression(suppression)}: ${diagnostic.message}` : diagnostic.message;
  return `::${kind} ${properties.join(',')}::${escapeData(message + related.join(''))}`;
}

export function formatGithub(report: Report): string {
  const lines = reportEntries(report).map(({ diagnostic, suppression }) => command(diagnostic, report, suppression));
  for (const error of report.errors) {
    const kind = error.kind === 'skipped' ? 'warning' : 'error';
    lines.push(`::${kind} ${error.file ? `file=${escapeProperty(error.file)},` : ''}title=gocop::${escapeData(error.message)}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
