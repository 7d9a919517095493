// `gocop merge`: combines the reports of `--shard` runs into the report one unsharded run would have
// written. Findings are deduplicated and put in the order a run sorts them (by file, line, column,
// rule and message), the files linted are added up, and gocop's errors are kept once each in the order
// first met. Fingerprints come from the reports when they carry them (SARIF) and are worked out from
// the files on disk otherwise, as a lint run does. It does not lint anything itself.
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import { fingerprintDiagnostics, type TextSource } from '../engine/baseline.js';
import { sortDiagnostics, type EngineError } from '../engine/engine.js';
import type { SuppressedDiagnostic } from '../engine/directives.js';
import { describeFsError } from '../engine/load.js';
import { readReport, ReportReadError, type ReportFormat } from '../report/read.js';

/** The combined reports, ready to render. */
export interface MergedReports {
  /** The format of the first report: the output format when none is asked for. */
  format: ReportFormat;
  diagnostics: Diagnostic[];
  /** Undefined unless some report listed suppressed findings. */
  suppressed: SuppressedDiagnostic[] | undefined;
  errors: EngineError[];
  filesLinted: number;
  fingerprints: Map<Diagnostic, string>;
}

/**
 * Reads and combines the report files (paths relative to `cwd`). A file that cannot be read or is not
 * a gocop JSON or SARIF report is an error of kind usage; the others are still merged.
 */
export function mergeReportFiles(files: readonly string[], cwd: string, repositoryRoot: string, readText: TextSource): MergedReports & { problems: EngineError[] } {
  const root = path.resolve(cwd).split(path.sep).join('/');
  const problems: EngineError[] = [];
  // A report named twice (or two empty shards) counts once: its files linted are not added again.
  const texts = new Set<string>();
  const reports = files.flatMap((file) => {
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
    } catch (error) {
      problems.push({ kind: 'usage', file, message: `${file}: cannot read the report: ${describeFsError(error)}` });
      return [];
    }
    if (texts.has(text)) return [];
    texts.add(text);
    try {
      return [readReport(text, root)];
    } catch (error) {
      if (!(error instanceof ReportReadError)) throw error;
      problems.push({ kind: 'usage', file, message: `${file}: ${error.message}` });
      return [];
    }
  });
  const carried = new Map<Diagnostic, string>();
  for (const report of reports) for (const [diagnostic, print] of report.fingerprints) carried.set(diagnostic, print);
  const diagnostics = sortDiagnostics(unique(reports.flatMap((report) => report.diagnostics)));
  const suppressed = reports.some((report) => report.hasSuppressed) ? (sortDiagnostics(unique(reports.flatMap((report) => report.suppressed))) as SuppressedDiagnostic[]) : undefined;
  const fingerprints = new Map<Diagnostic, string>();
  for (const set of [diagnostics, suppressed ?? []]) {
    const computed = set.every((diagnostic) => carried.has(diagnostic)) ? new Map<Diagnostic, string>() : fingerprintDiagnostics(set, repositoryRoot, readText);
    for (const diagnostic of set) {
      const print = carried.get(diagnostic) ?? computed.get(diagnostic);
      if (print) fingerprints.set(diagnostic, print);
    }
  }
  return {
    format: reports[0]?.format ?? 'json',
    diagnostics,
    suppressed,
    errors: unique(reports.flatMap((report) => report.errors)),
    filesLinted: reports.reduce((sum, report) => sum + report.filesLinted, 0),
    fingerprints,
    problems,
  };
}

/** The entries in order, each distinct one once (the first met is kept). */
function unique<T>(entries: readonly T[]): T[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = JSON.stringify(entry);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
