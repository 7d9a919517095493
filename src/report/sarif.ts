// The SARIF 2.1.0 format, shaped for GitHub code scanning: every rule in tool.driver.rules (with help
// text, help URL, default level and tags), results pointing at them by ruleId and ruleIndex, locations
// relative to %SRCROOT% (the working directory), 1-based regions with end positions in UTF-16 code
// units, the flagged code as a snippet with two lines of context around it, related locations linked
// from the message (`[text](1)`, which GitHub turns into links), partialFingerprints that survive
// unrelated edits, the repository and commit analysed (versionControlProvenance), automationDetails,
// and an invocation recording whether gocop ran cleanly, which errors it met and how many files it
// linted. Suppressed findings are included, each with an inSource suppression, only when asked for.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyRule } from '../engine/rule.js';
import type { Diagnostic, Severity } from '../diagnostic.js';
import type { EngineError } from '../engine/engine.js';
import type { SuppressedDiagnostic } from '../engine/directives.js';
import { renderRuleDoc, ruleDocsUrl } from '../engine/docs.js';
import { FINGERPRINT_KEY, type TextSource } from '../engine/baseline.js';
import type { RepositoryProvenance } from '../engine/git.js';
import type { Report } from './model.js';
import { gocopHomepage } from '../util/package-info.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  /** Every rule gocop knows, listed in tool.driver.rules. */
  rules: readonly AnyRule[];
  version: string;
  /** The directory %SRCROOT% stands for (absolute, forward slashes). */
  sourceRoot: string;
  /** Fingerprints by finding (suppressed ones included when they are shown). */
  fingerprints: ReadonlyMap<Diagnostic, string>;
  /** The text of linted files, for snippets; without it results carry no snippet. */
  readText?: TextSource;
  /** The repository and commit analysed, and the repository root (absolute, forward slashes). */
  provenance?: RepositoryProvenance & { root: string };
  /** The automation id; GitHub reads the part before the last slash as the analysis category. */
  automationId?: string;
}

/** Lines of context a result's contextRegion adds above and below the flagged lines. */
export const CONTEXT_LINES = 2;

/** SARIF message text: literal square brackets are escaped, as embedded links use them. */
export function escapeMessageText(text: string): string {
  return text.replace(/[[\]]/g, (bracket) => `\\${bracket}`);
}

/** The message, then its related locations as embedded links to their ids (1, 2, ...). */
function messageText(diagnostic: Diagnostic): string {
  const text = escapeMessageText(diagnostic.message);
  if (diagnostic.related.length === 0) return text;
  const links = diagnostic.related.map((related, index) => `[${escapeMessageText(related.message)}](${index + 1})`);
  return `${text} (see ${links.join('; ')})`;
}

type Json = Record<string, unknown>;

export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase());
}

function ruleDescriptor(rule: AnyRule): Json {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.docs.summary },
    fullDescription: { text: rule.docs.why },
    helpUri: ruleDocsUrl(rule.id),
    help: { text: `${rule.docs.summary} See ${ruleDocsUrl(rule.id)}`, markdown: renderRuleDoc(rule) },
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: { tags: ['go', rule.category], precision: 'high' },
  };
}

/** Renders the report as a SARIF 2.1.0 log with one run. */
export function formatSarif(report: Report, options: SarifOptions): string {
  const root = options.sourceRoot.replace(/\/$/, '');
  const ruleIndex = new Map(options.rules.map((rule, index) => [rule.id, index]));
  const artifact = (file: string): Json => {
    const relative = path.posix.relative(root, file);
    if (relative === '' || relative.startsWith('../') || path.posix.isAbsolute(relative)) return { uri: pathToFileURL(file).href };
    return { uri: relative.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  };
  const region = (range: Diagnostic['range']): Json => {
    const endLine = Math.max(range.endLine, range.line);
    const endColumn = endLine === range.line ? Math.max(range.endColumn, range.column) : Math.max(range.endColumn, 1);
    return { startLine: range.line, startColumn: range.column, endLine, endColumn };
  };
  const linesOf = new Map<string, string[] | null>();
  const fileLines = (file: string): string[] | null => {
    if (!linesOf.has(file)) linesOf.set(file, options.readText?.(file)?.match(/[^\n]*\n|[^\n]+$/g) ?? null);
    return linesOf.get(file)!;
  };
  /** The result's location: its region with the flagged text, and a contextRegion of whole lines around it. */
  const physicalLocation = (diagnostic: Diagnostic): Json => {
    const flagged = region(diagnostic.range) as { startLine: number; startColumn: number; endLine: number; endColumn: number };
    const location: Json = { artifactLocation: artifact(diagnostic.file), region: flagged };
    const lines = fileLines(diagnostic.file);
    if (!lines || flagged.endLine > lines.length) return location;
    const covered = lines.slice(flagged.startLine - 1, flagged.endLine).join('');
    const fromStart = flagged.startColumn - 1;
    const lastLineStart = covered.length - lines[flagged.endLine - 1]!.length;
    const snippet = covered.slice(fromStart, lastLineStart + flagged.endColumn - 1);
    location.region = { ...flagged, snippet: { text: snippet } };
    const contextStart = Math.max(1, flagged.startLine - CONTEXT_LINES);
    const contextEnd = Math.min(lines.length, flagged.endLine + CONTEXT_LINES);
    location.contextRegion = { startLine: contextStart, endLine: contextEnd, snippet: { text: lines.slice(contextStart - 1, contextEnd).join('') } };
    return location;
  };
  const result = (diagnostic: Diagnostic, suppression?: SuppressedDiagnostic['suppression']): Json => {
    const entry: Json = {
      ruleId: diagnostic.ruleId,
      level: sarifLevel(diagnostic.severity),
      message: { text: messageText(diagnostic) },
      locations: [{ physicalLocation: physicalLocation(diagnostic) }],
    };
    const index = ruleIndex.get(diagnostic.ruleId);
    if (index !== undefined) entry.ruleIndex = index;
    if (diagnostic.related.length > 0) {
      entry.relatedLocations = diagnostic.related.map((related, relatedIndex) => ({
        id: relatedIndex + 1,
        physicalLocation: { artifactLocation: artifact(related.file), region: region(related.range) },
        message: { text: related.message },
      }));
    }
    const fingerprint = options.fingerprints.get(diagnostic);
    if (fingerprint) entry.partialFingerprints = { [FINGERPRINT_KEY]: fingerprint };
    if (diagnostic.fixes.length > 0) {
      entry.fixes = diagnostic.fixes.map((fix) => ({
        description: { text: fix.message },
        artifactChanges: [...new Set(fix.edits.map((edit) => edit.file))].map((file) => ({
          artifactLocation: artifact(file),
          replacements: fix.edits
            .filter((edit) => edit.file === file)
            .map((edit) => ({ deletedRegion: { charOffset: edit.startIndex, charLength: edit.endIndex - edit.startIndex }, insertedContent: { text: edit.newText } })),
        })),
      }));
    }
    if (suppression) {
      entry.suppressions = [{ kind: 'inSource', status: 'accepted', justification: suppression.reason || `//${suppression.kind === 'nolint' ? 'nolint' : `gocop:${suppression.kind}`} without a reason` }];
    }
    return entry;
  };

  const results = [
    ...report.diagnostics.map((diagnostic) => ({ diagnostic, json: result(diagnostic) })),
    ...(report.suppressed ?? []).map((diagnostic) => ({ diagnostic: diagnostic as Diagnostic, json: result(diagnostic, diagnostic.suppression) })),
  ]
    .sort((a, b) => (a.diagnostic.file < b.diagnostic.file ? -1 : a.diagnostic.file > b.diagnostic.file ? 1 : 0) || a.diagnostic.range.line - b.diagnostic.range.line || a.diagnostic.range.column - b.diagnostic.range.column)
    .map((entry) => entry.json);

  const failed = report.errors.some((error) => error.kind !== 'skipped');
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gocop',
            version: options.version,
            semanticVersion: options.version,
            informationUri: gocopHomepage(),
            rules: options.rules.map(ruleDescriptor),
          },
        },
        automationDetails: { id: options.automationId ?? 'gocop/' },
        ...(options.provenance ? { versionControlProvenance: [versionControl(options.provenance, root)] } : {}),
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(`${root}/`).href } },
        invocations: [{ executionSuccessful: !failed, toolExecutionNotifications: report.errors.map((error) => notification(error, artifact)), properties: { filesLinted: report.filesLinted } }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The repository and commit, with where its root is relative to %SRCROOT%. */
function versionControl(provenance: RepositoryProvenance & { root: string }, sourceRoot: string): Json {
  const relative = path.posix.relative(sourceRoot, provenance.root);
  const mappedTo = relative === '' ? { uriBaseId: '%SRCROOT%' } : relative.split('/').every((part) => part === '..') ? { uri: `${relative}/`, uriBaseId: '%SRCROOT%' } : { uri: pathToFileURL(`${provenance.root}/`).href };
  return {
    repositoryUri: provenance.repositoryUri,
    ...(provenance.revisionId ? { revisionId: provenance.revisionId } : {}),
    ...(provenance.branch ? { branch: provenance.branch } : {}),
    mappedTo,
  };
}

function notification(error: EngineError, artifact: (file: string) => Json): Json {
  const entry: Json = {
    level: error.kind === 'skipped' ? 'warning' : 'error',
    message: { text: error.message },
    descriptor: { id: `gocop-${error.kind}` },
  };
  if (error.ruleId) entry.associatedRule = { id: error.ruleId };
  if (error.file) {
    const absolute = path.posix.isAbsolute(error.file) ? error.file : null;
    entry.locations = [{ physicalLocation: { artifactLocation: absolute ? artifact(absolute) : { uri: error.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' } } }];
  }
  return entry;
}
