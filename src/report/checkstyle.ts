// The checkstyle format: the XML that Checkstyle writes, which Jenkins (Warnings NG), reviewdog,
// SonarQube and many CI services read. One <file> per file in path order, one <error> per finding
// with its line, column, severity (error, warning, info; `ignore` for a suppressed finding) and the
// rule as `source="gocop.<rule-id>"`. Related locations are appended to the message. gocop's own
// errors about a file become errors with source "gocop"; the others are only on stderr.
import type { Diagnostic } from '../diagnostic.js';
import { describeSuppression, reportEntries, type Report } from './model.js';
import { XML_DECLARATION, escapeXmlAttribute } from './xml.js';

function message(diagnostic: Diagnostic, report: Report): string {
  const related = diagnostic.related.map((entry) => `${report.displayPath(entry.file)}:${entry.range.line}:${entry.range.column}: ${entry.message}`);
  return related.length > 0 ? `${diagnostic.message} (see ${related.join('; ')})` : diagnostic.message;
}

export function formatCheckstyle(report: Report): string {
  const byFile = new Map<string, string[]>();
  const add = (file: string, line: string) => {
    const list = byFile.get(file);
    if (list) list.push(line);
    else byFile.set(file, [line]);
  };
  for (const { diagnostic, suppression } of reportEntries(report)) {
    const severity = suppression ? 'ignore' : diagnostic.severity;
    const text = suppression ? `${message(diagnostic, report)} [${describeSuppression(suppression)}]` : message(diagnostic, report);
    add(
      report.displayPath(diagnostic.file),
      `    <error line="${diagnostic.range.line}" column="${diagnostic.range.column}" severity="${severity}" message="${escapeXmlAttribute(text)}" source="gocop.${escapeXmlAttribute(diagnostic.ruleId)}"/>`,
    );
  }
  for (const error of report.errors) {
    if (!error.file) continue;
    add(error.file, `    <error severity="${error.kind === 'skipped' ? 'warning' : 'error'}" message="${escapeXmlAttribute(error.message)}" source="gocop"/>`);
  }
  const files = [...byFile].map(([file, lines]) => `  <file name="${escapeXmlAttribute(file)}">\n${lines.join('\n')}\n  </file>`);
  return `${XML_DECLARATION}\n<checkstyle version="4.3">\n${files.map((file) => `${file}\n`).join('')}</checkstyle>\n`;
}
