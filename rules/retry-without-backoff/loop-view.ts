// What a loop's paths are checked against, computed once per loop and shared by its attempts: its
// condition's names, exit reachability, counter-versus-limit tests, a fixed-point loop's reset flag,
// once-per-key guards, whether it consumes a stream, and, asked per CFG node, what waits or repairs.
// It decides nothing about retries; paths.ts walks the paths and loops.ts judges them.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import type { RuleContext } from '../../src/engine/rule.js';
import { enclosingFunction, expressionListItems, nodesWithin, unparen } from '../../src/parse/syntax.js';
import type { Cfg, CfgBlock } from '../../src/cfg/cfg.js';
import { resolveCall } from '../../src/analysis/calls.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { blocksReachingExit } from '../../src/analysis/dataflow.js';
import { findWait, selectBlocks, waitingFunctions } from '../../src/analysis/waits.js';
import { importedFunction } from '../../src/analysis/imported.js';
import { pacesCaller } from './imported-waits.js';
import { isStandardLibrary } from '../../src/index/resolve.js';
import { budgetConditions, hasAttemptDeadline, identifiersIn, isAcceptCall, type Attempt, type LoopParts } from './attempts.js';
import { leavesOnOwnError } from './error-paths.js';
import { changesEachIteration, isStreamRead, loopChanges, type Changes } from './progress.js';
import type { Options } from './options.js';

const reachesExitByCfg = new WeakMap<Cfg, boolean[]>();

/** What a loop's paths are checked against, computed once per loop and shared by its attempts. */
export class LoopView {
  readonly analyses: PackageAnalyses;
  readonly file: SourceFile;
  readonly conditionNames: Set<string>;

  readonly budget: Set<number>;
  /** `for changed { changed = false; ... }`: the flag reset on every pass before any attempt, if any. */
  readonly resetFlag: { name: string; statement: SyntaxNode } | null;
  /** Assignments that mark a key seen in a set the loop tests: each such retry happens once per key. */
  readonly onceMarks: Set<number>;
  private changes: Changes | null = null;
  private waits = new Map<number, boolean>();
  private sureWaits = new Map<number, boolean>();
  private readonly fn: SyntaxNode | null;
  /** Whether the file imports anything outside the standard library; computed on first need. */
  private foreignImports: boolean | undefined;

  constructor(
    readonly context: RuleContext<Options>,
    readonly cfg: Cfg,
    readonly loop: SyntaxNode,
    readonly parts: LoopParts,
    readonly head: CfgBlock,
    readonly inLoop: Set<number>,
    private readonly waitsDirectly: boolean,
  ) {
    this.analyses = context.analyses;
    this.file = context.file;
    this.fn = enclosingFunction(loop);
    this.conditionNames = new Set(parts.condition ? identifiersIn(parts.condition) : []);

    this.budget = budgetConditions(loop, parts);
    this.resetFlag = findResetFlag(parts);
    this.onceMarks = findOnceMarks(this.analyses, this.file, loop);
  }

  private waitsSomewhere: boolean | null = null;

  /** Blocks from which the function can end normally; a path into a panic or Fatal is not an exit. */
  get reachesExit(): boolean[] {
    let known = reachesExitByCfg.get(this.cfg);
    if (!known) reachesExitByCfg.set(this.cfg, (known = blocksReachingExit(this.cfg)));
    return known;
  }

  /** True when something in the loop waits, on whatever path: a sleep, a timer, a helper that waits. */
  loopWaits(): boolean {
    this.waitsSomewhere ??= this.waitsDirectly || !!findWait(this.analyses, this.file, this.loop, false, { skip: isAcceptCall });
    return this.waitsSomewhere;
  }

  /** True when the loop condition or a statement that runs on every pass reads the next item of a stream. */
  consumesStream(): boolean {
    const condition = this.parts.condition;
    if (condition) {
      const calls = unparen(condition).type === 'call_expression' ? [unparen(condition)] : condition.descendantsOfType('call_expression');
      if (calls.some((call) => isStreamRead(this.analyses, this.file, call))) return true;
    }
    const statements = this.parts.body?.namedChildren.find((child) => child.type === 'statement_list')?.namedChildren ?? [];
    for (const statement of statements) {
      const headers = statement.type === 'if_statement' ? [statement.childForFieldName('initializer'), statement.childForFieldName('condition')] : [statement];
      for (const header of headers) {
        if (!header || header.type === 'block') continue;
        const value = header.type === 'expression_statement' ? header.namedChild(0) : expressionListItems(header.childForFieldName('right'))[0];
        if (value && unparen(value).type === 'call_expression' && isStreamRead(this.analyses, this.file, unparen(value))) return true;
      }
    }
    return false;
  }

  /** Checks that make an attempt no blind retry whatever its paths: it changes, waits, or has a deadline. */
  isRetriedBlindly(attempt: Attempt): boolean {
    this.changes ??= loopChanges(this.analyses, this.file, this.loop, attempt.call);
    if (changesEachIteration(this.analyses, this.file, attempt.call, this.fn, this.changes)) return false;
    if (hasAttemptDeadline(this.analyses, this.file, this.parts, attempt)) return false;
    return !this.waitsAt(attempt.node);
  }

  private repairs = new Map<number, boolean>();

  /** True when a CFG node makes a repair whose own error leaves (see leavesOnOwnError); cached per node. */
  repairsAt(node: SyntaxNode): boolean {
    let known = this.repairs.get(node.id);
    if (known === undefined) {
      known = (node.type === 'short_var_declaration' || node.type === 'assignment_statement') && leavesOnOwnError(node);
      this.repairs.set(node.id, known);
    }
    return known;
  }

  /** True when a CFG node waits (a sleep, a timer, a helper that waits); cached per node. */
  waitsAt(node: SyntaxNode): boolean {
    let known = this.waits.get(node.id);
    if (known === undefined) {
      // A select case's receive is judged with its select, on the edge into the case.
      known = node.parent?.type !== 'communication_case' && (!!findWait(this.analyses, this.file, node, false, { skip: isAcceptCall }) || this.callsWaitingImported(node));
      this.waits.set(node.id, known);
    }
    return known;
  }

  /**
   * True when a CFG node surely waits: a direct wait, or a call that resolves (by type, not by name
   * alone) to a same-package function that waits. Only sure waits make a success path a poll.
   */
  surelyWaitsAt(node: SyntaxNode): boolean {
    let known = this.sureWaits.get(node.id);
    if (known === undefined) {
      known = node.parent?.type !== 'communication_case' && (!!findWait(this.analyses, this.file, node, true, { skip: isAcceptCall }) || this.callsWaitingFunction(node) || this.callsWaitingImported(node));
      this.sureWaits.set(node.id, known);
    }
    return known;
  }

  private callsWaitingFunction(node: SyntaxNode): boolean {
    const calls = node.type === 'call_expression' ? [node] : nodesWithin(this.analyses.nodesOfType(this.file, 'call_expression'), node);
    for (const call of calls) {
      const resolved = resolveCall(this.analyses, call, this.fn, true);
      if (resolved.kind === 'local' && resolved.via !== 'unique-name' && this.analyses.get(waitingFunctions).waits(resolved.fn)) return true;
    }
    return false;
  }

  /**
   * True when a CFG node calls a function of an imported package, not the standard library's, whose
   * source shows that it sleeps or waits on a timer (`util.Pause(d)`, a method of an imported pacing type; see
   * imported-waits.ts). Names that promise a wait are findWait's; this only adds the waits that their
   * names hide.
   */
  private callsWaitingImported(node: SyntaxNode): boolean {
    if (this.foreignImports === undefined) {
      const imports = this.analyses.pkg.imports.get(this.file);
      this.foreignImports = !!imports && [...imports.values()].some((spec) => !isStandardLibrary(spec.path));
    }
    if (!this.foreignImports) return false;
    const calls = node.type === 'call_expression' ? [node] : nodesWithin(this.analyses.nodesOfType(this.file, 'call_expression'), node);
    for (const call of calls) {
      let resolved = resolveCall(this.analyses, call, this.fn, true);
      if (resolved.kind === 'unknown' && unparen(call.childForFieldName('function') ?? call).type === 'selector_expression') resolved = resolveCall(this.analyses, call, this.fn);
      if (resolved.kind !== 'external' || isStandardLibrary(resolved.importPath)) continue;
      const callee = importedFunction(this.analyses, resolved);
      if (callee && pacesCaller(callee.analyses, callee.fn)) return true;
    }
    return false;
  }

  /** The select a `select.head` block stands for, when it can block: every case out of it has waited. */
  waitingSelect(head: CfgBlock): SyntaxNode | null {
    const communication = head.succs.map((edge) => edge.to.nodes[0]).find((node) => node?.parent?.type === 'communication_case');
    const select = communication?.parent?.parent;
    if (!select || select.type !== 'select_statement') return null;
    return selectBlocks(this.analyses, this.file, select) ? select : null;
  }
}

/**
 * The reset flag of a fixed-point loop: `for changed { changed = false; ...; if repaired { changed = true } }`.
 * The loop goes round only when some step of the pass set it again, so an error path that does not set
 * it does not come back to its attempt.
 */
function findResetFlag(parts: LoopParts): { name: string; statement: SyntaxNode } | null {
  if (!parts.condition || parts.forClause) return null;
  const condition = unparen(parts.condition);
  const negated = condition.type === 'unary_expression' && condition.text.startsWith('!');
  const flag = negated ? unparen(condition.childForFieldName('operand') ?? condition) : condition;
  if (flag.type !== 'identifier') return null;
  const statements = parts.body?.namedChildren.find((child) => child.type === 'statement_list')?.namedChildren ?? [];
  for (const statement of statements) {
    if (statement.type !== 'assignment_statement') continue;
    const left = expressionListItems(statement.childForFieldName('left'));
    const right = expressionListItems(statement.childForFieldName('right'));
    if (left.length === 1 && left[0]!.text === flag.text && right[0]?.text === (negated ? 'true' : 'false')) return { name: flag.text, statement };
  }
  return null;
}

/**
 * `seen[key] = true` (or `struct{}{}`) in the loop, where the loop also tests `seen[key]`: a retry that
 * records its key this way runs at most once per key, as a guard against a race, not a blind retry.
 */
function findOnceMarks(analyses: PackageAnalyses, file: SourceFile, loop: SyntaxNode): Set<number> {
  const marks = new Set<number>();
  if (!loop.text.includes('] = ')) return marks;
  const conditions = loop.descendantsOfType('if_statement').map((statement) => statement.childForFieldName('condition')?.text ?? '');
  for (const node of nodesWithin(analyses.nodesOfType(file, 'assignment_statement'), loop)) {
    const left = expressionListItems(node.childForFieldName('left'));
    const right = expressionListItems(node.childForFieldName('right'));
    if (left.length !== 1 || left[0]!.type !== 'index_expression' || !/^(true|struct\s*\{\s*\}\s*\{\s*\})$/.test(right[0]?.text ?? '')) continue;
    const key = left[0]!.text;
    if (conditions.some((condition) => condition.includes(key))) marks.add(node.id);
  }
  return marks;
}
