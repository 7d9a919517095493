// The Code Climate format as GitLab Code Quality reads it (`artifacts: reports: codequality`), so merge
// requests show gocop's findings: a JSON array of issues, each with its rule as check_name, a
// description, a severity (info, major, critical), a unique fingerprint (the baseline's, which
// survives code moving up or down) and a location relative to the repository root, as GitLab wants it.
// Related locations go in `content.body`. A suppressed finding is listed as `info` with the
// suppression in its description.
import path from 'node:path';
import type { Diagnostic, Severity } from '../diagnostic.js';
import type { AnyRule } from '../engine/rule.js';
import { describeSuppression, reportEntries, type Report } from './model.js';

export interface CodeClimateOptions {
  /** The repository root (absolute, forward slashes): locations are relative to it. */
  repositoryRoot: string;
  /** The baseline fingerprint of every finding, suppressed ones included. */
  fingerprints: ReadonlyMap<Diagnostic, string>;
  rules: readonly AnyRule[];
}

const SEVERITY: Record<Severity, string> = { error: 'critical', warning: 'major', info: 'info' };

/** Code Climate's categories for gocop's rule categories. */
const CATEGORIES: Record<string, string> = { performance: 'Performance', concurrency: 'Bug Risk', correctness: 'Bug Risk', reliability: 'Bug Risk', internal: 'Style' };

export function formatCodeClimate(report: Report, options: CodeClimateOptions): string {
  const categoryOf = new Map(options.rules.map((rule) => [rule.id, CATEGORIES[rule.category] ?? 'Bug Risk']));
  const used = new Set<string>();
  const issues = reportEntries(report).map(({ diagnostic, suppression }) => {
    const related = diagnostic.related.map((entry) => `- ${report.displayPath(entry.file)}:${entry.range.line}:${entry.range.column}: ${entry.message}`);
    // GitLab needs fingerprints to be unique; a suppressed twin of a finding can share its line hash.
    const base = options.fingerprints.get(diagnostic) ?? `${diagnostic.ruleId}:${diagnostic.file}:${diagnostic.range.line}:${diagnostic.range.column}`;
    let fingerprint = base;
    for (let copy = 2; used.has(fingerprint); copy++) fingerprint = `${base}-${copy}`;
    used.add(fingerprint);
    return {
      type: 'issue',
      check_name: diagnostic.ruleId,
      description: suppression ? `${diagnostic.message} (${describeSuppression(suppression)})` : diagnostic.message,
      ...(related.length > 0 ? { content: { body: related.join('\n') } } : {}),
      categories: [categoryOf.get(diagnostic.ruleId) ?? 'Bug Risk'],
      severity: suppression ? 'info' : SEVERITY[diagnostic.severity],
      fingerprint,
      location: {
        path: path.posix.relative(options.repositoryRoot, diagnostic.file),
        lines: { begin: diagnostic.range.line, end: Math.max(diagnostic.range.endLine, diagnostic.range.line) },
      },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
