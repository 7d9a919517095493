// The JSON format: one object with `findings` and `errors` arrays, and a `suppressed` array under
// --include-suppressed. The schema is documented in docs/json-format.md and kept stable: fields are
// only ever added.
import type { Diagnostic } from '../diagnostic.js';
import { directiveName, type Report } from './model.js';

export const JSON_FORMAT_VERSION = 1;

function finding(diagnostic: Diagnostic, report: Report) {
  return {
    ruleId: diagnostic.ruleId,
    severity: diagnostic.severity,
    message: diagnostic.message,
    file: report.displayPath(diagnostic.file),
    line: diagnostic.range.line,
    column: diagnostic.range.column,
    endLine: diagnostic.range.endLine,
    endColumn: diagnostic.range.endColumn,
    related: diagnostic.related.map((related) => ({
      message: related.message,
      file: report.displayPath(related.file),
      line: related.range.line,
      column: related.range.column,
      endLine: related.range.endLine,
      endColumn: related.range.endColumn,
    })),
    fixes: diagnostic.fixes.map((fix) => ({
      message: fix.message,
      edits: fix.edits.map((edit) => ({ file: report.displayPath(edit.file), startIndex: edit.startIndex, endIndex: edit.endIndex, newText: edit.newText })),
    })),
  };
}

export function formatJson(report: Report): string {
  const findings = report.diagnostics.map((diagnostic) => finding(diagnostic, report));
  const suppressed = report.suppressed?.map((diagnostic) => ({
    ...finding(diagnostic, report),
    suppression: {
      directive: directiveName(diagnostic.suppression),
      reason: diagnostic.suppression.reason,
      file: report.displayPath(diagnostic.suppression.file),
      line: diagnostic.suppression.line,
    },
  }));
  const errors = report.errors.map((error) => ({
    kind: error.kind,
    message: error.message,
    ...(error.file !== undefined ? { file: error.file } : {}),
    ...(error.ruleId !== undefined ? { ruleId: error.ruleId } : {}),
  }));
  return `${JSON.stringify({ version: JSON_FORMAT_VERSION, filesLinted: report.filesLinted, findings, ...(suppressed ? { suppressed } : {}), errors }, null, 2)}\n`;
}
