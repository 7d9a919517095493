// Suppression comments. `//gocop:ignore <id>[,<id>] <reason>` on a line, or on the line above, covers
// the statement there (all of it, when it spans lines); `//gocop:file-ignore <id>[,<id>] <reason>`
// covers the file. golangci-lint's `//nolint`, `//nolint:gocop` and `//nolint:<id>[,...]` are honoured
// too; ids there that are not gocop's belong to other linters and are left alone. A gocop directive
// without a reason, or naming an unknown rule, suppresses nothing and is reported by invalid-directive.
//
// Directives are found by a text scan confirmed against the tree (only real comments count), and parsed
// once per file. This module does not decide what is enabled; the engine passes that in.
import type { SyntaxNode } from '../parse/parser.js';
import { rangeOf, type Range, type SourceFile } from '../parse/source.js';
import { closestMatch } from '../util/closest-match.js';
import { definedRuleIds } from './rule.js';
import type { Diagnostic } from '../diagnostic.js';

/** The rule whose findings are directive problems (and, on request, unused directives). */
export const DIRECTIVE_RULE_ID = 'invalid-directive';

export type DirectiveKind = 'ignore' | 'file-ignore' | 'nolint';

export interface Directive {
  kind: DirectiveKind;
  /** The gocop rule ids it names (unknown ids dropped). */
  ruleIds: string[];
  /** True for a bare `//nolint`, `//nolint:all` or `//nolint:gocop`: every gocop rule. */
  everyRule: boolean;
  reason: string;
  /** The comment, as written. */
  text: string;
  /** Where the comment is. */
  range: Range;
  /** The lines it covers (1-based, inclusive); the whole file for file-ignore. */
  startLine: number;
  endLine: number;
  /** False when the directive is malformed and suppresses nothing. */
  effective: boolean;
}

export interface DirectiveProblem {
  range: Range;
  message: string;
}

export interface FileDirectives {
  directives: Directive[];
  problems: DirectiveProblem[];
}

/** How a finding was suppressed, kept with it for `--include-suppressed` and SARIF. */
export interface Suppression {
  kind: DirectiveKind;
  reason: string;
  /** The file and line of the directive. */
  file: string;
  line: number;
}

export interface SuppressedDiagnostic extends Diagnostic {
  suppression: Suppression;
}

const CANDIDATE = /\/\/[ \t]*(?:gocop:|nolint\b)/g;
const VERBS = ['ignore', 'file-ignore'];
const STOP_TYPES = new Set(['source_file', 'block', 'statement_list', 'comment']);
const cache = new WeakMap<SourceFile, FileDirectives>();

/** The directives of a file and the problems with them, parsed once per file. */
export function fileDirectives(file: SourceFile): FileDirectives {
  let found = cache.get(file);
  if (!found) {
    found = parseDirectives(file);
    cache.set(file, found);
  }
  return found;
}

function parseDirectives(file: SourceFile): FileDirectives {
  const result: FileDirectives = { directives: [], problems: [] };
  if (!file.text.includes('gocop:') && !file.text.includes('nolint')) return result;
  const root = file.tree.rootNode;
  const lineStarts = lineStartsOf(file.text);
  for (const match of file.text.matchAll(CANDIDATE)) {
    const node = root.descendantForIndex(match.index!);
    if (node.type !== 'comment' || node.startIndex !== match.index) continue;
    const text = node.text.replace(/\s+$/, '');
    const range = rangeOf(node);
    const problem = (message: string) => result.problems.push({ range, message });
    const body = text.slice(2);
    if (/^\s+gocop:/.test(body)) {
      const verb = /^\s+gocop:(\S*)/.exec(body)![1];
      problem(`write //gocop:${verb} with no space after //, as Go directives are written; as it stands it suppresses nothing`);
      continue;
    }
    if (/^\s/.test(body)) continue; // `// nolint` is prose to golangci-lint as well
    const covered = coveredLines(file, root, node, lineStarts);
    if (body.startsWith('nolint')) {
      const directive = parseNolint(body, text, range, covered);
      if (directive) result.directives.push(directive);
      continue;
    }
    const directive = parseGocop(body, text, range, covered, problem);
    if (directive) result.directives.push(directive);
  }
  return result;
}

function parseNolint(body: string, text: string, range: Range, covered: [number, number]): Directive | null {
  const match = /^nolint(?::([^\s/]*))?(?:\s*\/\/\s*(.*)|\s.*)?$/.exec(body);
  if (!match) return null;
  const names = match[1] === undefined ? [] : match[1].split(',').map((name) => name.trim()).filter(Boolean);
  const everyRule = match[1] === undefined || names.includes('all') || names.includes('gocop');
  const known = definedRuleIds();
  const ruleIds = names.filter((name) => known.has(name));
  if (!everyRule && ruleIds.length === 0) return null;
  return {
    kind: 'nolint',
    ruleIds,
    everyRule,
    reason: (match[2] ?? '').trim(),
    text,
    range,
    startLine: covered[0],
    endLine: covered[1],
    effective: true,
  };
}

function parseGocop(body: string, text: string, range: Range, covered: [number, number], problem: (message: string) => void): Directive | null {
  const match = /^gocop:(\S*)(?:\s+(\S+))?(?:\s+(.*))?$/.exec(body);
  if (!match) return null;
  const verb = match[1]!;
  if (!VERBS.includes(verb)) {
    const near = closestMatch(verb, VERBS);
    problem(`unknown directive //gocop:${verb}${near ? ` (did you mean //gocop:${near}?)` : ''}; use //gocop:ignore or //gocop:file-ignore`);
    return null;
  }
  const form = `//gocop:${verb} <id>[,<id>] <reason>`;
  if (!match[2]) {
    problem(`//gocop:${verb} needs the rule ids to suppress and a reason: ${form}`);
    return null;
  }
  const known = definedRuleIds();
  const ruleIds: string[] = [];
  for (const id of match[2].split(',')) {
    if (known.has(id)) {
      ruleIds.push(id);
      continue;
    }
    const near = closestMatch(id, known);
    problem(`unknown rule "${id}" in //gocop:${verb}${near ? ` (did you mean ${near}?)` : ''}; it suppresses nothing (gocop --list-rules shows the ids)`);
  }
  const reason = (match[3] ?? '').trim();
  if (!reason) {
    problem(`//gocop:${verb} ${match[2]} needs a reason after the rule ids, saying why the finding is wrong or accepted; without one it suppresses nothing`);
  }
  return {
    kind: verb === 'ignore' ? 'ignore' : 'file-ignore',
    ruleIds,
    everyRule: false,
    reason,
    text,
    range,
    startLine: verb === 'ignore' ? covered[0] : 1,
    endLine: verb === 'ignore' ? covered[1] : Number.MAX_SAFE_INTEGER,
    effective: reason !== '' && ruleIds.length > 0,
  };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/**
 * The lines a line directive covers. A comment alone on its line covers the statement on the next line
 * that is not a comment; a trailing comment covers the statement its line starts, and the statement
 * its line ends (so a directive after the last line of a multi-line call covers the whole call).
 */
function coveredLines(file: SourceFile, root: SyntaxNode, comment: SyntaxNode, lineStarts: number[]): [number, number] {
  const commentRow = comment.startPosition.row;
  const lineStart = lineStarts[commentRow]!;
  const alone = file.text.slice(lineStart, comment.startIndex).trim() === '';
  let start = commentRow;
  let end = commentRow;
  let targetRow = commentRow;
  if (alone) {
    targetRow = commentRow + 1;
    while (targetRow < lineStarts.length && lineText(file.text, lineStarts, targetRow).trimStart().startsWith('//')) targetRow++;
    end = Math.min(targetRow, lineStarts.length - 1);
  }
  if (targetRow >= lineStarts.length) return [start + 1, end + 1];
  const text = lineText(file.text, lineStarts, targetRow);
  const firstColumn = text.search(/\S/);
  if (firstColumn < 0) return [start + 1, end + 1];
  let node = root.descendantForIndex(lineStarts[targetRow]! + firstColumn);
  while (node.parent && !STOP_TYPES.has(node.parent.type) && node.parent.startPosition.row === targetRow) node = node.parent;
  start = Math.min(start, node.startPosition.row);
  end = Math.max(end, node.endPosition.row);
  if (!alone) {
    const before = file.text.slice(lineStart, comment.startIndex).trimEnd();
    if (before.length > 0) {
      let last = root.descendantForIndex(lineStart + before.length - 1);
      while (last.parent && !STOP_TYPES.has(last.parent.type) && last.parent.endPosition.row === targetRow) last = last.parent;
      start = Math.min(start, last.startPosition.row);
      end = Math.max(end, last.endPosition.row);
    }
  }
  return [start + 1, end + 1];
}

function lineText(text: string, lineStarts: number[], row: number): string {
  const start = lineStarts[row]!;
  const next = lineStarts[row + 1];
  return text.slice(start, next === undefined ? text.length : next - 1);
}

function covers(directive: Directive, diagnostic: Diagnostic): boolean {
  if (!directive.effective) return false;
  if (diagnostic.range.line < directive.startLine || diagnostic.range.line > directive.endLine) return false;
  return directive.everyRule || directive.ruleIds.includes(diagnostic.ruleId);
}

export interface SuppressionResult {
  kept: Diagnostic[];
  suppressed: SuppressedDiagnostic[];
  /** Directives (or ids in them) that suppressed nothing, as invalid-directive findings. */
  unused: Diagnostic[];
}

/**
 * Applies the directives of `files` to the findings on them. Findings of invalid-directive itself are
 * never suppressed. Unused directives are worked out only for ids of rules in `enabledRuleIds`, since a
 * rule that did not run cannot have been suppressed; bare `//nolint` is never reported as unused, as it
 * may be meant for another linter.
 */
export function applySuppressions(files: readonly SourceFile[], diagnostics: Diagnostic[], enabledRuleIds: ReadonlySet<string>): SuppressionResult {
  const byFile = new Map<string, FileDirectives>();
  for (const file of files) {
    const found = fileDirectives(file);
    if (found.directives.length > 0) byFile.set(file.path, found);
  }
  if (byFile.size === 0) return { kept: diagnostics, suppressed: [], unused: [] };
  const used = new Map<Directive, Set<string>>();
  const kept: Diagnostic[] = [];
  const suppressed: SuppressedDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const directives = byFile.get(diagnostic.file)?.directives;
    const directive = diagnostic.ruleId === DIRECTIVE_RULE_ID ? undefined : directives?.find((candidate) => covers(candidate, diagnostic));
    if (!directive) {
      kept.push(diagnostic);
      continue;
    }
    let ids = used.get(directive);
    if (!ids) used.set(directive, (ids = new Set()));
    ids.add(diagnostic.ruleId);
    suppressed.push({ ...diagnostic, suppression: { kind: directive.kind, reason: directive.reason, file: diagnostic.file, line: directive.range.line } });
  }
  const unused: Diagnostic[] = [];
  for (const [path, found] of byFile) {
    for (const directive of found.directives) {
      if (!directive.effective) continue;
      const ids = used.get(directive) ?? new Set<string>();
      const where = directive.kind === 'file-ignore' ? 'in this file' : 'on this statement';
      if (directive.kind === 'nolint' && directive.everyRule) {
        if (/^\/\/nolint:\S*\bgocop\b/.test(directive.text) && ids.size === 0 && enabledRuleIds.size > 0) {
          unused.push(unusedDiagnostic(path, directive, `//nolint:gocop suppresses no gocop finding ${where}; remove it`));
        }
        continue;
      }
      for (const id of directive.ruleIds) {
        if (ids.has(id) || !enabledRuleIds.has(id)) continue;
        const name = directive.kind === 'nolint' ? '//nolint' : `//gocop:${directive.kind}`;
        unused.push(unusedDiagnostic(path, directive, `${name} ${id} suppresses nothing: there is no ${id} finding ${where}; remove ${directive.ruleIds.length > 1 ? 'the id' : 'the directive'}`));
      }
    }
  }
  return { kept, suppressed, unused };
}

function unusedDiagnostic(file: string, directive: Directive, message: string): Diagnostic {
  return { ruleId: DIRECTIVE_RULE_ID, severity: 'warning', message, file, range: directive.range, related: [], fixes: [] };
}
