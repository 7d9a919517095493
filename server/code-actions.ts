// Code actions for gocop findings: each suggested fix as a quickfix, "Ignore <rule> on this line" and
// "Ignore <rule> in this file" (the suppression directives), and source.fixAll.gocop, which applies
// every non-overlapping first fix of the document at once (the same choice as `gocop --fix`). The
// directive's reason is the user's to write: a client that takes snippet edits gets the cursor where
// the reason goes; any other gets the directive without one, which invalid-directive then flags until
// a reason is written. No placeholder text is ever inserted, so none can end up committed as a reason.
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic as LspDiagnostic,
  type Position,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Diagnostic, TextEdit } from '../src/diagnostic.js';
import { chooseFixes } from '../src/fix/apply.js';
import type { OpenDocument } from './documents.js';
import type { DocumentResult } from './linter.js';
import type { FileLocator } from './convert.js';
import { TextPositions } from './positions.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.gocop`;

export interface CodeActionEnvironment {
  locator: FileLocator;
  /** Versions of open documents, for versioned edits. */
  versionOf(uri: string): number | null;
  documentChanges: boolean;
  /** The client takes snippet text edits in workspace edits (LSP 3.18 snippetEditSupport). */
  snippetEdits?: boolean;
}

/** A text edit that may carry a snippet (LSP 3.18 SnippetTextEdit) for clients that take them. */
type DirectiveEdit = LspTextEdit | { range: Range; snippet: { kind: 'snippet'; value: string } };

/** The code actions for a range of an open document, given its current lint result. */
export function codeActionsFor(params: CodeActionParams, open: OpenDocument, result: DocumentResult, environment: CodeActionEnvironment): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];
  const positions = new TextPositions(open.document, 'utf-16');
  if (wants(CodeActionKind.QuickFix)) {
    const ignoredRules = new Set<string>();
    result.findings.forEach((finding, index) => {
      const diagnostic = result.diagnostics[index]!;
      if (!overlaps(diagnostic.range, params.range)) return;
      for (const fix of finding.fixes) {
        const edit = workspaceEdit(fix.edits, environment);
        if (!edit) continue;
        actions.push({ title: fix.message, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: finding.fixes.length === 1, edit });
      }
      const ignoreLine = ignoreOnLine(finding, diagnostic, positions, open, environment);
      if (ignoreLine) actions.push(ignoreLine);
      if (!ignoredRules.has(finding.ruleId)) {
        ignoredRules.add(finding.ruleId);
        actions.push(ignoreInFile(finding, diagnostic, open, environment));
      }
    });
  }
  if (wants(FIX_ALL_KIND)) {
    const fixAll = fixAllAction(result.findings, environment);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** One action applying the first fix of every finding whose edits do not collide with an earlier one. */
export function fixAllAction(findings: Diagnostic[], environment: CodeActionEnvironment): CodeAction | null {
  const accepted = chooseFixes(findings).edits;
  if (accepted.length === 0) return null;
  const edit = workspaceEdit(accepted, environment);
  return edit ? { title: 'Fix all auto-fixable gocop findings', kind: FIX_ALL_KIND, edit } : null;
}

function ignoreOnLine(finding: Diagnostic, diagnostic: LspDiagnostic, positions: TextPositions, open: OpenDocument, environment: CodeActionEnvironment): CodeAction | null {
  const line = finding.range.line - 1;
  const title = `Ignore ${finding.ruleId} on this line`;
  const above = line > 0 ? positions.lineText(line - 1) : '';
  const existing = /^(\s*\/\/gocop:ignore\s+)(\S+)/.exec(above);
  let edit: DirectiveEdit;
  if (existing) {
    const ids = existing[2]!.split(',');
    if (ids.includes(finding.ruleId)) return null;
    const at = existing[1]!.length + existing[2]!.length;
    edit = { range: pointRange({ line: line - 1, character: at }, open, environment), newText: `,${finding.ruleId}` };
  } else {
    const indent = /^\s*/.exec(positions.lineText(line))![0];
    edit = directiveEdit(pointRange({ line, character: 0 }, open, environment), `${indent}//gocop:ignore ${finding.ruleId}`, '\n', environment);
  }
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: documentEdit(open, [edit], environment) };
}

function ignoreInFile(finding: Diagnostic, diagnostic: LspDiagnostic, open: OpenDocument, environment: CodeActionEnvironment): CodeAction {
  const lines = open.document.getText().split('\n');
  const packageLine = lines.findIndex((text) => /^package\s/.test(text));
  const edit =
    packageLine >= 0
      ? directiveEdit(pointRange({ line: packageLine + 1, character: 0 }, open, environment), `\n//gocop:file-ignore ${finding.ruleId}`, '\n', environment)
      : directiveEdit(pointRange({ line: 0, character: 0 }, open, environment), `//gocop:file-ignore ${finding.ruleId}`, '\n', environment);
  return { title: `Ignore ${finding.ruleId} in this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: documentEdit(open, [edit], environment) };
}

/**
 * Inserts a directive that still needs its reason: as a snippet that leaves the cursor after it (a
 * space, then the reason) where the client supports that, else without a reason.
 */
function directiveEdit(range: Range, directive: string, after: string, environment: CodeActionEnvironment): DirectiveEdit {
  if (environment.snippetEdits && environment.documentChanges) {
    return { range, snippet: { kind: 'snippet', value: `${escapeSnippet(`${directive} `)}$0${escapeSnippet(after)}` } };
  }
  return { range, newText: `${directive}${after}` };
}

/** Text that a snippet shows literally: `$`, `}` and `\` escaped. */
function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (char) => `\\${char}`);
}

/** An empty range at a UTF-16 position, in the client's encoding. */
function pointRange(position: Position, open: OpenDocument, environment: CodeActionEnvironment): Range {
  const encoded = (environment.locator.positions(open.path) ?? new TextPositions(open.document, 'utf-16')).encode(position);
  return { start: encoded, end: encoded };
}

function documentEdit(open: OpenDocument, edits: DirectiveEdit[], environment: CodeActionEnvironment): WorkspaceEdit {
  // Snippet edits are only ever made when the client takes them in documentChanges.
  if (environment.documentChanges) return { documentChanges: [{ textDocument: { uri: open.uri, version: open.document.version }, edits: edits as LspTextEdit[] }] };
  return { changes: { [open.uri]: edits as LspTextEdit[] } };
}

/** Engine edits (UTF-16 offsets, possibly in several files) as a workspace edit, or null if a file is unreadable. */
function workspaceEdit(edits: TextEdit[], environment: CodeActionEnvironment): WorkspaceEdit | null {
  const byUri = new Map<string, LspTextEdit[]>();
  for (const edit of edits) {
    const positions = environment.locator.positions(edit.file);
    if (!positions) return null;
    const uri = environment.locator.uri(edit.file);
    const converted = { range: { start: positions.offsetToPosition(edit.startIndex), end: positions.offsetToPosition(edit.endIndex) }, newText: edit.newText };
    const list = byUri.get(uri);
    if (list) list.push(converted);
    else byUri.set(uri, [converted]);
  }
  if (environment.documentChanges) {
    return { documentChanges: [...byUri].map(([uri, list]) => ({ textDocument: { uri, version: environment.versionOf(uri) }, edits: list })) };
  }
  return { changes: Object.fromEntries(byUri) };
}

function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
