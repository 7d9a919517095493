// The text format, one finding per line in the `file:line:col: message (rule)` shape that editors and
// terminals turn into links, with related locations indented beneath it, then a count, then the
// suppressed findings (under --include-suppressed) with their directives' reasons.
import pc from 'picocolors';
import { describeSuppression, type Report } from './model.js';

export function formatText(report: Report, useColor: boolean): string {
  const colors = pc.createColors(useColor);
  const lines: string[] = [];
  for (const diagnostic of report.diagnostics) {
    const where = `${report.displayPath(diagnostic.file)}:${diagnostic.range.line}:${diagnostic.range.column}`;
    const severity = diagnostic.severity === 'error' ? colors.red('error') : diagnostic.severity === 'warning' ? colors.yellow('warning') : colors.blue('info');
    lines.push(`${colors.bold(where)}: ${severity}: ${diagnostic.message} ${colors.dim(`(${diagnostic.ruleId})`)}`);
    for (const related of diagnostic.related) {
      lines.push(`    ${report.displayPath(related.file)}:${related.range.line}:${related.range.column}: ${related.message}`);
    }
  }
  const count = report.diagnostics.length;
  if (count > 0) lines.push(colors.bold(`${count} finding${count === 1 ? '' : 's'} in ${report.filesLinted} file${report.filesLinted === 1 ? '' : 's'}`));
  for (const diagnostic of report.suppressed ?? []) {
    const where = `${report.displayPath(diagnostic.file)}:${diagnostic.range.line}:${diagnostic.range.column}`;
    lines.push(`${where}: ${describeSuppression(diagnostic.suppression)}: ${diagnostic.message} (${diagnostic.ruleId})`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** gocop's own errors, for stderr. */
export function formatErrors(report: Report, useColor: boolean): string {
  const colors = pc.createColors(useColor);
  return report.errors.map((error) => `${colors.red('gocop:')} ${error.message}\n`).join('');
}
