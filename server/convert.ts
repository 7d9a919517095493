// Turns gocop diagnostics into LSP diagnostics: source `gocop`, the rule id as code, a link to the rule's
// docs, the severity, and related locations in the negotiated position encoding.
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../src/diagnostic.js';
import { ruleDocsUrl } from '../src/engine/docs.js';
import type { TextPositions } from './positions.js';

/** Finds position converters and URIs for files, open or on disk. */
export interface FileLocator {
  positions(path: string): TextPositions | null;
  uri(path: string): string;
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspDiagnostic(diagnostic: Diagnostic, positions: TextPositions, locator: FileLocator): LspDiagnostic {
  const result: LspDiagnostic = {
    range: positions.rangeToLsp(diagnostic.range),
    severity: SEVERITIES[diagnostic.severity],
    source: 'gocop',
    code: diagnostic.ruleId,
    codeDescription: { href: ruleDocsUrl(diagnostic.ruleId) },
    message: diagnostic.message,
  };
  const related = diagnostic.related.flatMap((location) => {
    const relatedPositions = location.file === diagnostic.file ? positions : locator.positions(location.file);
    if (!relatedPositions) return [];
    return [{ location: { uri: locator.uri(location.file), range: relatedPositions.rangeToLsp(location.range) }, message: location.message }];
  });
  if (related.length > 0) result.relatedInformation = related;
  return result;
}

/** The file: URI of an absolute path. */
export function uriOfPath(path: string): string {
  return pathToFileURL(path).href;
}
