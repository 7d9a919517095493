// The lint engine: runs the enabled rules over one package. Per file it creates each rule's visitors,
// gathers every node type they visit in one pass, and dispatches; then it runs package-level
// checks. A rule that throws is caught and turned into an internal error naming the rule and the file;
// the other rules and files carry on. A function nested too deeply for a CFG becomes a 'skipped' error,
// so what flow-based rules could not check is never dropped in silence. Suppression comments are applied
// here, so every front end (CLI, language server) honours them alike. Findings come back sorted, so
// output is deterministic. In incremental mode (the language server) it keeps each package's last lint,
// for the next lint of the package to carry facts over from (src/analysis/carry-over.ts).
import type { SyntaxNode } from '../parse/parser.js';
import { rangeOf, type SourceFile } from '../parse/source.js';
import type { GoPackage } from '../index/package-index.js';
import { PackageAnalyses, type ImportedPackages } from '../analysis/context.js';
import { neverReturns } from '../analysis/never-returns.js';
import type { AnyRule, ReportDescriptor, RuleVisitors } from './rule.js';
import type { Diagnostic, Severity } from '../diagnostic.js';
import { applySuppressions, type SuppressedDiagnostic } from './directives.js';
import { CfgTooDeepError } from '../cfg/cfg.js';

export interface EnabledRule {
  rule: AnyRule;
  severity: Severity;
  options: object;
  /**
   * True when the user set the severity (a config file): it then applies to every finding of the rule,
   * even where the rule grades a finding itself (a `warning` for a race without shown concurrency).
   */
  severityFromConfig?: boolean;
}

export type EngineErrorKind = 'read' | 'skipped' | 'internal' | 'config' | 'usage';

/** A problem gocop itself met, kept apart from findings. */
export interface EngineError {
  kind: EngineErrorKind;
  message: string;
  file?: string;
  ruleId?: string;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  errors: EngineError[];
  /** Findings silenced by a suppression comment, each with the directive and its reason. */
  suppressed: SuppressedDiagnostic[];
  /** Suppression comments that silenced nothing, as invalid-directive findings (shown on request). */
  unusedDirectives: Diagnostic[];
}

export interface LintPackageOptions {
  /** Whether findings on a file are wanted (context-only siblings are analysed but not reported). */
  isTarget?: (file: SourceFile) => boolean;
  /** The package will be linted again soon (an editor): rules may reuse findings of unchanged functions. */
  incremental?: boolean;
  /** The packages it imports, for summaries across packages; without it each package stands alone. */
  imports?: ImportedPackages;
}

/** Lints one package with the given rules. */
export function lintPackage(pkg: GoPackage, enabled: EnabledRule[], options: LintPackageOptions = {}): LintResult {
  const isTarget = options.isTarget ?? (() => true);
  const diagnostics: Diagnostic[] = [];
  const errors: EngineError[] = [];
  const ruleOptions = new Map<string, object>(enabled.map((entry) => [entry.rule.id, entry.options]));
  const analyses = createAnalyses(pkg, ruleOptions, options.imports ?? null, options.incremental ?? false);
  const historyKey = options.incremental ? `${pkg.dir}\u0000${pkg.name}\u0000${JSON.stringify([...ruleOptions])}` : null;
  const previous = historyKey ? previousLints.get(historyKey) : undefined;
  if (previous) analyses.carryFrom(previous);

  const makeReporter = (entry: EnabledRule, defaultFile: SourceFile | null) => (descriptor: ReportDescriptor) => {
    const file = descriptor.file ?? defaultFile;
    if (!file || !isTarget(file)) return;
    diagnostics.push(toDiagnostic(entry, file, descriptor, analyses));
  };

  for (const file of pkg.files) {
    if (!isTarget(file)) continue;
    const active: Array<{ entry: EnabledRule; visitors: RuleVisitors }> = [];
    const wanted = new Set<string>();
    for (const entry of enabled) {
      if (!entry.rule.create) continue;
      try {
        const visitors = entry.rule.create({
          ruleId: entry.rule.id,
          options: entry.options,
          file,
          pkg,
          analyses,
          report: makeReporter(entry, file),
        });
        active.push({ entry, visitors });
        for (const key of Object.keys(visitors)) if (key !== 'fileEnd') wanted.add(key);
      } catch (error) {
        errors.push(ruleError(entry.rule.id, file.path, error));
      }
    }
    const buckets = wanted.size > 0 ? analyses.nodesOfTypes(file, [...wanted]) : new Map<string, SyntaxNode[]>();
    for (const { entry, visitors } of active) {
      try {
        for (const type of Object.keys(visitors)) {
          const visit = visitors[type];
          if (type === 'fileEnd' || !visit) continue;
          for (const node of buckets.get(type) ?? []) visit(node);
        }
        visitors.fileEnd?.();
      } catch (error) {
        errors.push(ruleError(entry.rule.id, file.path, error));
      }
    }
  }

  for (const entry of enabled) {
    if (!entry.rule.checkPackage) continue;
    try {
      entry.rule.checkPackage({
        ruleId: entry.rule.id,
        options: entry.options,
        pkg,
        analyses,
        report: makeReporter(entry, null),
      });
    } catch (error) {
      errors.push(ruleError(entry.rule.id, pkg.dir, error));
    }
  }
  errors.push(...tooDeepErrors(analyses, isTarget));
  if (historyKey) {
    analyses.endCarry();
    previousLints.delete(historyKey);
    previousLints.set(historyKey, analyses);
    if (previousLints.size > MAX_PREVIOUS_LINTS) previousLints.delete(previousLints.keys().next().value!);
  }
  const targets = pkg.files.filter(isTarget);
  const { kept, suppressed, unused } = applySuppressions(targets, sortDiagnostics(dedupe(diagnostics)), new Set(enabled.map((entry) => entry.rule.id)));
  return { diagnostics: kept, errors, suppressed, unusedDirectives: unused };
}

/**
 * The last incremental lint of each package (by directory, name and rule options), the next lint of
 * which carries facts over from it; the least recently linted go first.
 */
const previousLints = new Map<string, PackageAnalyses>();
const MAX_PREVIOUS_LINTS = 8;

/** Forgets the last lints: what their facts rest on changed outside the package (an imported one). */
export function forgetPreviousLints(): void {
  previousLints.clear();
}

/** A package's analyses as rules see them: calls that never return end CFG paths, imports are readable. */
export function createAnalyses(pkg: GoPackage, ruleOptions: ReadonlyMap<string, object>, imports: ImportedPackages | null, incremental = false): PackageAnalyses {
  const analyses = new PackageAnalyses(pkg, ruleOptions, incremental);
  analyses.setNoReturnPredicate((call, file, fn) => analyses.get(neverReturns).isNoReturnCall(call, file, fn));
  analyses.setImportedPackages(imports);
  return analyses;
}

/** One 'skipped' error per function whose CFG was too deep to build: its flow-based findings are missing. */
function tooDeepErrors(analyses: PackageAnalyses, isTarget: (file: SourceFile) => boolean): EngineError[] {
  const errors: EngineError[] = [];
  const functions = [...analyses.tooDeep.values()].sort((a, b) => a.fn.startIndex - b.fn.startIndex);
  for (const { fn, limit } of functions) {
    const file = analyses.fileOf(fn);
    if (!file || !isTarget(file)) continue;
    const name = fn.childForFieldName('name')?.text ?? 'func literal';
    const line = fn.startPosition.row + 1;
    errors.push({
      kind: 'skipped',
      file: file.path,
      message: `${file.path}:${line}: skipped flow analysis of ${name}: it nests statements more than ${limit} levels deep, so flow-based rules cannot check it`,
    });
  }
  return errors;
}

function ruleError(ruleId: string, file: string, error: unknown): EngineError {
  if (error instanceof CfgTooDeepError) {
    return { kind: 'skipped', ruleId, file, message: `rule ${ruleId} skipped part of ${file}: a function there nests statements too deeply to analyse` };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', ruleId, file, message: `rule ${ruleId} failed on ${file}: ${detail}` };
}

function toDiagnostic(entry: EnabledRule, file: SourceFile, descriptor: ReportDescriptor, analyses: PackageAnalyses): Diagnostic {
  const range = descriptor.range ?? (descriptor.node ? rangeOf(descriptor.node) : { line: 1, column: 1, endLine: 1, endColumn: 1 });
  return {
    ruleId: entry.rule.id,
    severity: entry.severityFromConfig ? entry.severity : (descriptor.severity ?? entry.severity),
    message: descriptor.message,
    file: file.path,
    range,
    related: (descriptor.related ?? []).map((related) =>
      'node' in related
        ? { file: (related.file ?? analyses.fileOf(related.node) ?? file).path, range: rangeOf(related.node), message: related.message }
        : { file: (related.file ?? file).path, range: related.range, message: related.message },
    ),
    fixes: descriptor.fixes ?? [],
  };
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const key = `${diagnostic.file}:${diagnostic.range.line}:${diagnostic.range.column}:${diagnostic.ruleId}:${diagnostic.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Sorts findings by file, position, rule and message. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.range.line - b.range.line ||
      a.range.column - b.range.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
