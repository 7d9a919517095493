// The JUnit XML format, for CI services that show test reports (GitLab's test report, Jenkins, Azure
// Pipelines, CircleCI). Each linted file with findings is a <testsuite> named by its path, and each
// finding a failed <testcase> named by its rule, with `file:line:col` as its classname and the text
// format's lines as the failure's body. A suppressed finding is a skipped test case, and gocop's own
// errors are test cases in error. With nothing to report, one passing test case says gocop ran.
import type { Diagnostic } from '../diagnostic.js';
import { describeSuppression, reportEntries, type Report } from './model.js';
import { XML_DECLARATION, escapeXmlAttribute, escapeXmlText } from './xml.js';

interface Suite {
  name: string;
  cases: string[];
  failures: number;
  errors: number;
  skipped: number;
}

function where(diagnostic: Diagnostic, report: Report): string {
  return `${report.displayPath(diagnostic.file)}:${diagnostic.range.line}:${diagnostic.range.column}`;
}

function body(diagnostic: Diagnostic, report: Report): string {
  const lines = [`${where(diagnostic, report)}: ${diagnostic.severity}: ${diagnostic.message} (${diagnostic.ruleId})`];
  for (const related of diagnostic.related) lines.push(`    ${report.displayPath(related.file)}:${related.range.line}:${related.range.column}: ${related.message}`);
  return lines.join('\n');
}

export function formatJunit(report: Report): string {
  const suites = new Map<string, Suite>();
  const suite = (name: string): Suite => {
    let found = suites.get(name);
    if (!found) suites.set(name, (found = { name, cases: [], failures: 0, errors: 0, skipped: 0 }));
    return found;
  };
  const testcase = (diagnostic: Diagnostic, inner: string) =>
    `    <testcase name="${escapeXmlAttribute(diagnostic.ruleId)}" classname="${escapeXmlAttribute(where(diagnostic, report))}">\n      ${inner}\n    </testcase>`;
  for (const { diagnostic, suppression } of reportEntries(report)) {
    const target = suite(report.displayPath(diagnostic.file));
    if (suppression) {
      target.skipped++;
      target.cases.push(testcase(diagnostic, `<skipped message="${escapeXmlAttribute(`${describeSuppression(suppression)}: ${diagnostic.message}`)}"/>`));
    } else {
      target.failures++;
      target.cases.push(testcase(diagnostic, `<failure message="${escapeXmlAttribute(diagnostic.message)}" type="${diagnostic.severity}">${escapeXmlText(body(diagnostic, report))}</failure>`));
    }
  }
  for (const error of report.errors) {
    const target = suite(error.file ?? 'gocop');
    const inner = error.kind === 'skipped' ? `<skipped message="${escapeXmlAttribute(error.message)}"/>` : `<error message="${escapeXmlAttribute(error.message)}" type="${error.kind}"/>`;
    if (error.kind === 'skipped') target.skipped++;
    else target.errors++;
    target.cases.push(`    <testcase name="gocop" classname="${escapeXmlAttribute(error.file ?? 'gocop')}">\n      ${inner}\n    </testcase>`);
  }
  if (suites.size === 0) suite('gocop').cases.push(`    <testcase name="gocop" classname="gocop" />`);
  const all = [...suites.values()];
  const count = (key: 'failures' | 'errors' | 'skipped') => all.reduce((sum, entry) => sum + entry[key], 0);
  const tests = all.reduce((sum, entry) => sum + entry.cases.length, 0);
  const rendered = all.map(
    (entry) =>
      `  <testsuite name="${escapeXmlAttribute(entry.name)}" tests="${entry.cases.length}" failures="${entry.failures}" errors="${entry.errors}" skipped="${entry.skipped}">\n${entry.cases.join('\n')}\n  </testsuite>\n`,
  );
  return `${XML_DECLARATION}\n<testsuites name="gocop" tests="${tests}" failures="${count('failures')}" errors="${count('errors')}" skipped="${count('skipped')}">\n${rendered.join('')}</testsuites>\n`;
}
