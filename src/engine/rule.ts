// The rule API: typed, declarative rule metadata plus a `create` function returning node visitors.
// A rule never walks the tree itself: the engine gathers the node types a rule visits in one
// pass per file and hands them over, and package-wide facts come from the shared analyses.
import type { SyntaxNode } from '../parse/parser.js';
import type { Range, SourceFile } from '../parse/source.js';
import type { GoPackage } from '../index/package-index.js';
import type { PackageAnalyses } from '../analysis/context.js';
import type { Severity, SuggestedFix } from '../diagnostic.js';

export type Category = 'correctness' | 'concurrency' | 'performance' | 'reliability' | 'internal';

export interface RuleDocs {
  /** One sentence: what the rule reports. */
  summary: string;
  /** Why the pattern is harmful, with the incident behind it. */
  why: string;
  /** Go code that the rule reports; it runs as a test and must yield a diagnostic. */
  bad: string;
  /** Go code that the rule accepts; it runs as a test and must yield none. */
  good: string;
  /** Markdown describing the options, if any. */
  options?: string;
}

/** What a rule passes to `report`. Either a node or an explicit range (with file) locates it. */
export interface ReportDescriptor {
  node?: SyntaxNode;
  range?: Range;
  file?: SourceFile;
  message: string;
  severity?: Severity;
  /** Related locations: a node, or a range (in `file`, else the finding's file). */
  related?: Array<{ node: SyntaxNode; message: string; file?: SourceFile } | { range: Range; message: string; file?: SourceFile }>;
  fixes?: SuggestedFix[];
}

export interface RuleContext<Options> {
  ruleId: string;
  options: Options;
  file: SourceFile;
  pkg: GoPackage;
  analyses: PackageAnalyses;
  report(descriptor: ReportDescriptor): void;
}

export interface PackageRuleContext<Options> {
  ruleId: string;
  options: Options;
  pkg: GoPackage;
  analyses: PackageAnalyses;
  /** Reports on any file of the package; the engine keeps only findings on files being linted. */
  report(descriptor: ReportDescriptor & { file: SourceFile }): void;
}

/** Visitors keyed by tree-sitter node type; `fileEnd` runs after every node of the file was visited. */
export type RuleVisitors = { [nodeType: string]: ((node: SyntaxNode) => void) | undefined } & {
  fileEnd?: () => void;
};

export interface RuleDefinition<Options extends object = Record<string, never>> {
  id: string;
  severity: Severity;
  category: Category;
  docs: RuleDocs;
  defaultOptions: Options;
  /** Node types the per-file visitors need; the engine gathers them for all rules in one pass. */
  nodeTypes?: readonly string[];
  /** Called once per linted file. */
  create?(context: RuleContext<Options>): RuleVisitors;
  /** Called once per package, for rules whose facts span files (the map race rule, say). */
  checkPackage?(context: PackageRuleContext<Options>): void;
}

/** A rule with its options type erased, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = RuleDefinition<any>;

const ruleIds = new Set<string>();

/** The ids of every rule defined so far; suppression comments are checked against them. */
export function definedRuleIds(): ReadonlySet<string> {
  return ruleIds;
}

/** Defines a rule; the generic keeps option names and types checked at compile time. */
export function defineRule<Options extends object = Record<string, never>>(
  rule: RuleDefinition<Options>,
): RuleDefinition<Options> {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(rule.id)) throw new Error(`rule id ${rule.id} is not kebab-case`);
  if (rule.nodeTypes && !rule.create) throw new Error(`rule ${rule.id} lists nodeTypes but has no create`);
  ruleIds.add(rule.id);
  return rule;
}
