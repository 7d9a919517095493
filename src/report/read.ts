// Reads gocop's own JSON and SARIF reports back into findings, for `gocop merge`. It recognises the
// format from the text, turns the paths shown in the report into absolute ones (relative paths are
// taken from `cwd`, where the report was written) and keeps what the format carries: a JSON report
// gives every field back; a SARIF report gives its fingerprints, but a suppression's directive kind
// and line are not in it (the justification is kept as the reason). It does not read other tools'
// reports: anything else is an error naming the file.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, RelatedLocation, Severity, SuggestedFix } from '../diagnostic.js';
import type { EngineError, EngineErrorKind } from '../engine/engine.js';
import type { SuppressedDiagnostic } from '../engine/directives.js';
import { FINGERPRINT_KEY } from '../engine/baseline.js';
import { escapeMessageText } from './sarif.js';

export type ReportFormat = 'json' | 'sarif';

/** What one report holds, with absolute paths. */
export interface ReadReport {
  format: ReportFormat;
  diagnostics: Diagnostic[];
  suppressed: SuppressedDiagnostic[];
  /** Whether the report listed suppressed findings (--include-suppressed), even none. */
  hasSuppressed: boolean;
  errors: EngineError[];
  filesLinted: number;
  /** Fingerprints the report carried (SARIF only). */
  fingerprints: Map<Diagnostic, string>;
}

/** Thrown for text that is not a gocop JSON or SARIF report; the message says why. */
export class ReportReadError extends Error {}

type Json = Record<string, any>;

/** Reads a gocop JSON or SARIF report; relative paths in it are taken from `cwd` (absolute, forward slashes). */
export function readReport(text: string, cwd: string): ReadReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ReportReadError('not JSON: gocop merge reads the json and sarif formats');
  }
  const object = data as Json;
  if (object && typeof object === 'object' && Array.isArray(object.runs) && object.version === '2.1.0') return readSarif(object, cwd);
  if (object && typeof object === 'object' && Array.isArray(object.findings) && typeof object.version === 'number') {
    if (object.version !== 1) throw new ReportReadError(`a gocop JSON report of version ${object.version}, which this gocop cannot read`);
    return readJson(object, cwd);
  }
  throw new ReportReadError('not a gocop JSON or SARIF report');
}

const SEVERITIES = new Set<Severity>(['error', 'warning', 'info']);
const ERROR_KINDS = new Set<EngineErrorKind>(['read', 'skipped', 'internal', 'config', 'usage']);

function readJson(report: Json, cwd: string): ReadReport {
  const absolute = (shown: string) => path.posix.resolve(cwd, shown);
  const range = (entry: Json) => ({ line: entry.line, column: entry.column, endLine: entry.endLine, endColumn: entry.endColumn });
  const diagnostic = (entry: Json): Diagnostic => {
    if (typeof entry.ruleId !== 'string' || !SEVERITIES.has(entry.severity) || typeof entry.file !== 'string') throw new ReportReadError('a finding without ruleId, severity or file');
    return {
      ruleId: entry.ruleId,
      severity: entry.severity,
      message: String(entry.message),
      file: absolute(entry.file),
      range: range(entry),
      related: (entry.related ?? []).map((related: Json): RelatedLocation => ({ file: absolute(related.file), range: range(related), message: String(related.message) })),
      fixes: (entry.fixes ?? []).map(
        (fix: Json): SuggestedFix => ({
          message: String(fix.message),
          edits: (fix.edits ?? []).map((edit: Json) => ({ file: absolute(edit.file), startIndex: edit.startIndex, endIndex: edit.endIndex, newText: String(edit.newText) })),
        }),
      ),
    };
  };
  const suppressed = ((report.suppressed ?? []) as Json[]).map((entry): SuppressedDiagnostic => {
    const directive = String(entry.suppression?.directive ?? '');
    const kind = directive === '//nolint' ? 'nolint' : directive === '//gocop:file-ignore' ? 'file-ignore' : 'ignore';
    return { ...diagnostic(entry), suppression: { kind, reason: String(entry.suppression?.reason ?? ''), file: absolute(String(entry.suppression?.file ?? entry.file)), line: Number(entry.suppression?.line ?? entry.line) } };
  });
  return {
    format: 'json',
    diagnostics: (report.findings as Json[]).map(diagnostic),
    suppressed,
    hasSuppressed: Array.isArray(report.suppressed),
    errors: ((report.errors ?? []) as Json[]).map(readError),
    filesLinted: Number(report.filesLinted ?? 0),
    fingerprints: new Map(),
  };
}

function readError(entry: Json): EngineError {
  const kind = ERROR_KINDS.has(entry.kind) ? (entry.kind as EngineErrorKind) : 'internal';
  return { kind, message: String(entry.message), ...(entry.file !== undefined ? { file: String(entry.file) } : {}), ...(entry.ruleId !== undefined ? { ruleId: String(entry.ruleId) } : {}) };
}

const SARIF_SEVERITY: Record<string, Severity> = { error: 'error', warning: 'warning', note: 'info' };

function readSarif(log: Json, cwd: string): ReadReport {
  const run = log.runs[0] as Json | undefined;
  if (!run || run.tool?.driver?.name !== 'gocop' || log.runs.length !== 1) throw new ReportReadError('a SARIF log not written by gocop (one run, tool gocop)');
  const file = (artifact: Json): string => {
    const uri = String(artifact?.uri ?? '');
    if (artifact?.uriBaseId === '%SRCROOT%') return path.posix.resolve(cwd, decodeURIComponent(uri));
    return uri.startsWith('file:') ? fileURLToPath(uri).split(path.sep).join('/') : path.posix.resolve(cwd, decodeURIComponent(uri));
  };
  const range = (region: Json) => ({ line: region.startLine, column: region.startColumn, endLine: region.endLine, endColumn: region.endColumn });
  const diagnostics: Diagnostic[] = [];
  const suppressed: SuppressedDiagnostic[] = [];
  const fingerprints = new Map<Diagnostic, string>();
  for (const result of (run.results ?? []) as Json[]) {
    const location = result.locations?.[0]?.physicalLocation;
    const severity = SARIF_SEVERITY[result.level];
    if (typeof result.ruleId !== 'string' || !location || !severity) throw new ReportReadError('a result without ruleId, level or location');
    const related: RelatedLocation[] = ((result.relatedLocations ?? []) as Json[]).map((entry) => ({
      file: file(entry.physicalLocation.artifactLocation),
      range: range(entry.physicalLocation.region),
      message: String(entry.message?.text ?? ''),
    }));
    const fixes: SuggestedFix[] = ((result.fixes ?? []) as Json[]).map((fix) => ({
      message: String(fix.description?.text ?? ''),
      edits: ((fix.artifactChanges ?? []) as Json[]).flatMap((change) =>
        ((change.replacements ?? []) as Json[]).map((replacement) => ({
          file: file(change.artifactLocation),
          startIndex: replacement.deletedRegion.charOffset,
          endIndex: replacement.deletedRegion.charOffset + replacement.deletedRegion.charLength,
          newText: String(replacement.insertedContent?.text ?? ''),
        })),
      ),
    }));
    const diagnostic: Diagnostic = {
      ruleId: result.ruleId,
      severity,
      message: sarifMessage(String(result.message?.text ?? ''), related),
      file: file(location.artifactLocation),
      range: range(location.region),
      related,
      fixes,
    };
    const suppression = result.suppressions?.[0] as Json | undefined;
    if (suppression) {
      const entry: SuppressedDiagnostic = { ...diagnostic, suppression: { kind: 'ignore', reason: String(suppression.justification ?? ''), file: diagnostic.file, line: diagnostic.range.line } };
      suppressed.push(entry);
      const print = result.partialFingerprints?.[FINGERPRINT_KEY];
      if (typeof print === 'string') fingerprints.set(entry, print);
    } else {
      diagnostics.push(diagnostic);
      const print = result.partialFingerprints?.[FINGERPRINT_KEY];
      if (typeof print === 'string') fingerprints.set(diagnostic, print);
    }
  }
  const invocation = run.invocations?.[0] as Json | undefined;
  const errors = ((invocation?.toolExecutionNotifications ?? []) as Json[]).map((notification): EngineError => {
    const id = String(notification.descriptor?.id ?? '');
    const kind = ERROR_KINDS.has(id.replace(/^gocop-/, '') as EngineErrorKind) ? (id.replace(/^gocop-/, '') as EngineErrorKind) : 'internal';
    const artifact = notification.locations?.[0]?.physicalLocation?.artifactLocation as Json | undefined;
    const where = artifact ? (artifact.uriBaseId === '%SRCROOT%' ? decodeURIComponent(String(artifact.uri)) : file(artifact)) : undefined;
    return {
      kind,
      message: String(notification.message?.text ?? ''),
      ...(where !== undefined ? { file: where } : {}),
      ...(notification.associatedRule?.id ? { ruleId: String(notification.associatedRule.id) } : {}),
    };
  });
  return {
    format: 'sarif',
    diagnostics,
    suppressed,
    hasSuppressed: suppressed.length > 0,
    errors,
    filesLinted: Number(invocation?.properties?.filesLinted ?? 0),
    fingerprints,
  };
}

/** The finding's own message: the related locations' links that formatSarif appends are taken off, and brackets unescaped. */
function sarifMessage(text: string, related: readonly RelatedLocation[]): string {
  let message = text;
  if (related.length > 0) {
    const links = ` (see ${related.map((entry, index) => `[${escapeMessageText(entry.message)}](${index + 1})`).join('; ')})`;
    if (message.endsWith(links)) message = message.slice(0, -links.length);
  }
  return message.replace(/\\([[\]])/g, '$1');
}
