// The loop half of retry-without-backoff: a `for` loop whose error path goes back to the same call
// without passing anything that waits, while a success path leaves the loop (or waits before it goes
// round). The call may sit in an inner loop over endpoints that the outer loop starts over. Not retries:
// loops over items that skip failures, stream reads, EINTR and name-collision retries, calls whose input
// changes from pass to pass, repairs that leave on their own error, attempts under a per-attempt
// deadline, and passes of a fixed-point loop. Work-queue re-queues are workers.ts's.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import type { RuleContext } from '../../src/engine/rule.js';
import { calleePath, contains, enclosingFunction, expressionListItems, FUNCTION_TYPES, nodesWithin, unparen } from '../../src/parse/syntax.js';
import { CfgTooDeepError, type Cfg, type CfgBlock, type CfgEdge } from '../../src/cfg/cfg.js';
import { naturalLoop } from '../../src/cfg/loops.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { blocksReachingExit } from '../../src/analysis/dataflow.js';
import { resolveCall } from '../../src/analysis/calls.js';
import { findWait, selectBlocks, waitingFunctions } from '../../src/analysis/waits.js';
import { attemptBound, attemptOf, budgetConditions, hasAttemptDeadline, identifiersIn, isAcceptCall, loopParts, runsEveryIteration, type Attempt, type LoopParts } from './attempts.js';
import { edgeFact, leavesOnOwnError, type ErrorFact } from './error-paths.js';
import { changesEachIteration, isStreamRead, loopChanges, readsFreshValue, type Changes } from './progress.js';
import type { Options } from './options.js';

interface PathState {
  fact: ErrorFact | 'unknown';
  frozen: boolean;
  /** The path set a name of the loop condition to a value that can end the loop. */
  flag: boolean;
  /** The path set the loop's reset flag to a value that keeps the loop going. */
  kept: boolean;
  /** The path reported a test failure (`t.Errorf("unexpected success")`): leaving is not success. */
  complained: boolean;
  /** The path took an explicit `continue` (a retry on a bad result), rather than running off the body's end. */
  continued: boolean;
  /** The path went through something that waits, or may (a same-package call of a name that waits). */
  waited: boolean;
  /** The path went through something known to wait: a direct wait, or a call resolved to a waiting function. */
  surelyWaited: boolean;
  /** The path made a repair whose own error leaves the loop (create the missing bucket, refresh the token). */
  repaired: boolean;
  /** The path went through a counter-versus-limit test: leaving after it means the attempts ran out. */
  budget: boolean;
  /** In the outer-loop view: the path went past the outer loop's head, so the list starts over. */
  crossed: boolean;
  /** The path marked its key as seen in a set the loop gives up on (`if seen[p] { return }; seen[p] = true`). */
  once: boolean;
}

const TEST_FAILURE = /\b(t|b|f|tb)\.(Error|Errorf|Fatal|Fatalf|Fail|FailNow)\(/;

export function checkLoop(context: RuleContext<Options>, loop: SyntaxNode): void {
  const text = loop.text;
  // Cheap text test first: some error must be assigned from a call (or a call compared with nil).
  if (!/(err|Err|Error)\w*\s*:?=[^=]|\)\s*!=\s*nil/.test(text)) return;
  const parts = loopParts(loop);
  if (!parts.body) return;
  if (parts.range && !isAttemptRange(context, parts.range)) return;
  // Benchmark loops run the body b.N times on purpose.
  if (parts.condition && /\bb\.N\b/.test(parts.condition.text)) return;
  const { analyses, file } = context;
  const fn = enclosingFunction(loop);
  if (!fn) return;
  // A loop that waits on every pass is not a tight retry. The direct waits are cheap to see; waits on
  // some paths only, and helpers that wait, are looked for along the paths once the loop may retry.
  // The retried call must be a statement that runs on every pass (or an inner loop's): without one,
  // no graph is needed.
  if (!hasAttemptCandidate(context, loop, parts)) return;
  const directWait = findWait(analyses, file, loop, true, { skip: isAcceptCall });
  if (directWait && waitsEveryPass(directWait, loop, parts)) return;
  let cfg: Cfg;
  try {
    cfg = analyses.cfg(fn);
  } catch (error) {
    // Functions nested past the CFG's limit are reported as skipped by the engine; anything else is a bug.
    if (error instanceof CfgTooDeepError) return;
    throw error;
  }
  const head = cfg.loopHeads?.get(loop.id);
  if (!head) return;
  const inLoop = naturalLoop(head);
  const view = new LoopView(context, cfg, loop, parts, head, inLoop, directWait !== null);
  if (view.consumesStream()) return;
  for (const block of cfg.blocks) {
    if (!inLoop.has(block.id)) continue;
    for (const node of block.nodes) {
      const attempt = attemptOf(analyses, node, loop, parts.condition);
      if (!attempt || !runsEveryIteration(attempt.node, loop, parts)) continue;
      // A first walk that ignores waits rules out most loops (those that leave on the first error)
      // before the costlier questions: does the call change, wait, or have a deadline?
      if (!mayRetry(explore(block, view, attempt, null, true))) continue;
      const outcome = explore(block, view, attempt, null);
      // An accept loop goes on after each connection; a failed Accept coming straight back is the retry.
      const accepting = isAcceptCall(attempt.call);
      const retry = accepting ? outcome.retriesOnError : isRetry(outcome) && !failsAtRandom(view, attempt, outcome.check);
      if (retry && view.isRetriedBlindly(attempt)) {
        reportLoop(context, loop, parts, attempt, outcome.check, null);
        return;
      }
    }
  }
  // The attempt may sit in an inner loop over endpoints: once every endpoint failed, this loop goes
  // over the list again.
  for (const inner of innerFailoverLoops(loop, parts)) {
    const innerParts = loopParts(inner);
    const innerHead = cfg.loopHeads?.get(inner.id);
    if (!innerHead) continue;
    for (const block of cfg.blocks) {
      if (!naturalLoop(innerHead).has(block.id)) continue;
      for (const node of block.nodes) {
        const attempt = attemptOf(analyses, node, inner, innerParts.condition);
        if (!attempt || !runsEveryIteration(attempt.node, inner, innerParts)) continue;
        if (!mayRetry(explore(block, view, attempt, innerHead, true))) continue;
        const outcome = explore(block, view, attempt, innerHead);
        // A failover stops at the first endpoint that works; a loop that goes on to the next item
        // after a success is iterating, not failing over.
        const failover = outcome.retriesOnError && outcome.exitsOnSuccess && !outcome.successLoopsBack && !outcome.successWaitsBack && !outcome.innerSuccessIterates;
        if (failover && view.isRetriedBlindly(attempt)) {
          reportLoop(context, loop, parts, attempt, outcome.check, inner);
          return;
        }
      }
    }
  }
}

/** The statements of a loop body. */
function bodyStatements(parts: LoopParts): SyntaxNode[] {
  return parts.body?.namedChildren.find((child) => child.type === 'statement_list')?.namedChildren ?? [];
}

/** True when the loop, or an inner loop over a list, has a statement that could be its attempt. */
function hasAttemptCandidate(context: RuleContext<Options>, loop: SyntaxNode, parts: LoopParts, depth = 0): boolean {
  const { analyses } = context;
  if (parts.condition) {
    const condition = unparen(parts.condition);
    const comparisons = condition.type === 'binary_expression' ? [condition, ...condition.descendantsOfType('binary_expression')] : condition.descendantsOfType('binary_expression');
    if (comparisons.some((comparison) => attemptOf(analyses, comparison, loop, parts.condition))) return true;
  }
  const update = parts.forClause?.childForFieldName('update');
  if (update && attemptOf(analyses, update, loop, parts.condition)) return true;
  for (const statement of bodyStatements(parts)) {
    if (statement.type === 'short_var_declaration' || statement.type === 'assignment_statement') {
      if (attemptOf(analyses, statement, loop, parts.condition)) return true;
    } else if (/^(if_statement|expression_switch_statement|type_switch_statement)$/.test(statement.type)) {
      const initializer = statement.childForFieldName('initializer');
      if (initializer && attemptOf(analyses, initializer, loop, parts.condition)) return true;
    } else if (statement.type === 'for_statement' && depth === 0) {
      const inner = loopParts(statement);
      if ((inner.range || inner.condition) && hasAttemptCandidate(context, statement, inner, 1)) return true;
    }
  }
  return false;
}

/** What a walk that ignored waits must find for the loop to be a retry once waits are known. */
function mayRetry(outcome: Outcome): boolean {
  return outcome.retriesOnError && (outcome.exitsOnSuccess || outcome.successLoopsBack || (outcome.retriesTransient && outcome.exits));
}

/** A retry: a failed attempt comes back without waiting while success leaves, or waits before it goes round. */
function isRetry(outcome: Outcome): boolean {
  if (outcome.successLoopsBack) return false;
  const succeeds = outcome.exitsOnSuccess || outcome.successWaitsBack;
  return (outcome.retriesOnError && succeeds) || (outcome.retriesTransient && (outcome.exits || outcome.successWaitsBack));
}

/**
 * True when the error the loop retries on is one the attempt's own body returns only after a random
 * draw (`if rand.Intn(10) == 0 { return errRetry }`): a simulated, passing failure, not a persistent one.
 */
function failsAtRandom(view: LoopView, attempt: Attempt, check: SyntaxNode | null): boolean {
  if (!check) return false;
  const sentinels = new Set(identifiersIn(check).filter((name) => name !== attempt.errorName && name !== 'nil' && /^err|Err/.test(name)));
  if (sentinels.size === 0) return false;
  const callee = unparen(attempt.call.childForFieldName('function') ?? attempt.call);
  let body: SyntaxNode | null = callee.type === 'func_literal' ? callee : null;
  if (!body) {
    const resolved = resolveCall(view.analyses, attempt.call, enclosingFunction(view.loop), true);
    body = resolved.kind === 'local' && resolved.fn.file === view.file ? resolved.fn.node : null;
  }
  if (!body) return false;
  const returns = body.descendantsOfType('return_statement').filter((statement) => identifiersIn(statement).some((name) => sentinels.has(name)));
  if (returns.length === 0) return false;
  return returns.every((statement) => {
    for (let current = statement.parent; current && current.id !== body!.id; current = current.parent) {
      const condition = current.type === 'if_statement' ? current.childForFieldName('condition') : null;
      if (condition && readsFreshValue(condition)) return true;
    }
    return false;
  });
}

/** `for range 3` and `for range maxAttempts`: a range over a count of attempts, not over items. */
function isAttemptRange(context: RuleContext<Options>, range: SyntaxNode): boolean {
  const right = range.childForFieldName('right');
  if (!right) return false;
  const value = unparen(right);
  if (value.type === 'int_literal') return true;
  return value.type === 'identifier' && (/retr|attempt|tries/i.test(value.text) || !!context.pkg.values.get(value.text)?.isConst);
}

/**
 * True when a wait found in the loop runs on every pass: it is not under an `if`, a case, a nested loop
 * or a func literal inside the loop body (its header counts as every pass).
 */
function waitsEveryPass(wait: SyntaxNode, loop: SyntaxNode, parts: LoopParts): boolean {
  if (!parts.body || !contains(parts.body, wait)) return !!parts.condition && contains(parts.condition, wait);
  // A `continue` before the wait skips it on some path.
  for (const jump of parts.body.descendantsOfType('continue_statement')) {
    if (jump.startIndex >= wait.startIndex) break;
    if (jump.namedChildCount > 0 || innermostLoop(jump)?.id === loop.id) return false;
  }
  for (let current: SyntaxNode | null = wait; current && current.id !== parts.body.id; current = current.parent) {
    const parent = current.parent;
    if (!parent) return false;
    if (FUNCTION_TYPES.has(parent.type) || parent.type === 'for_statement') return false;
    if (/^(expression_case|default_case|type_case|communication_case)$/.test(parent.type)) return false;
    if (parent.type === 'if_statement' && current.type === 'block') return false;
    if (parent.type === 'if_statement' && current.type === 'if_statement') return false;
  }
  return true;
}

/** The innermost `for` statement around a node, not looking past a func literal. */
function innermostLoop(node: SyntaxNode): SyntaxNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'for_statement') return current;
    if (FUNCTION_TYPES.has(current.type)) return null;
  }
  return null;
}

/** The loops directly in the body that go over a list or count once (`for _, addr := range addrs`). */
function innerFailoverLoops(loop: SyntaxNode, parts: LoopParts): SyntaxNode[] {
  const statements = parts.body?.namedChildren.find((child) => child.type === 'statement_list')?.namedChildren ?? [];
  return statements.filter((statement) => {
    if (statement.type !== 'for_statement') return false;
    const inner = loopParts(statement);
    return !!inner.range || !!inner.condition;
  });
}

const reachesExitByCfg = new WeakMap<Cfg, boolean[]>();

/** What a loop's paths are checked against, computed once per loop and shared by its attempts. */
class LoopView {
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
      known = node.parent?.type !== 'communication_case' && !!findWait(this.analyses, this.file, node, false, { skip: isAcceptCall });
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
      known = node.parent?.type !== 'communication_case' && (!!findWait(this.analyses, this.file, node, true, { skip: isAcceptCall }) || this.callsWaitingFunction(node));
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

  /** True when the select an edge leaves from can block, so every case edge out of it has waited. */
  selectWaits(edge: CfgEdge): boolean {
    if (edge.from.label !== 'select.head') return false;
    const communication = edge.from.succs.map((other) => other.to.nodes[0]).find((node) => node?.parent?.type === 'communication_case');
    const select = communication?.parent?.parent;
    if (!select || select.type !== 'select_statement') return !edge.from.succs.some((other) => other.kind === 'default');
    return selectBlocks(this.analyses, this.file, select);
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

/**
 * What assigning `value` to a name of the loop condition does to it: `ends` when it can make the
 * condition false, `continues` when it cannot (`madeProgress = true` under `for madeProgress`).
 */
function conditionVerdict(condition: SyntaxNode | null, name: string, value: SyntaxNode | undefined): 'ends' | 'continues' {
  if (!condition || !value || (value.text !== 'true' && value.text !== 'false')) return 'ends';
  const bare = unparen(condition);
  if (bare.type === 'identifier' && bare.text === name) return value.text === 'false' ? 'ends' : 'continues';
  if (bare.type === 'unary_expression' && bare.text.startsWith('!') && unparen(bare.childForFieldName('operand') ?? bare).text === name) {
    return value.text === 'true' ? 'ends' : 'continues';
  }
  return 'ends';
}

interface Outcome {
  retriesOnError: boolean;
  /** The retry is conditioned on a transient error (a timeout, a conflict): retry intent is explicit. */
  retriesTransient: boolean;
  exitsOnSuccess: boolean;
  exits: boolean;
  /** Some path goes back to the attempt after it succeeded, without waiting: the loop moves on to more work. */
  successLoopsBack: boolean;
  /** Some path goes back to the attempt after it succeeded, through a wait: a poll or a watch. */
  successWaitsBack: boolean;
  /** In the outer-loop view: after a success the inner loop goes on to its next item. */
  innerSuccessIterates: boolean;
  check: SyntaxNode | null;
}

/** Names bound from a type assertion on the tracked error: `ne, ok := err.(net.Error)`. */
interface Aliases {
  values: Set<string>;
  oks: Set<string>;
}

function aliasesOf(analyses: PackageAnalyses, file: SourceFile, loop: SyntaxNode, errorName: string | null): Aliases {
  const aliases: Aliases = { values: new Set(), oks: new Set() };
  if (!errorName) return aliases;
  for (const node of nodesWithin(analyses.nodesOfType(file, 'short_var_declaration'), loop)) {
    const right = expressionListItems(node.childForFieldName('right'));
    const value = right.length === 1 ? unparen(right[0]!) : null;
    if (value?.type !== 'type_assertion_expression' || unparen(value.childForFieldName('operand') ?? value).text !== errorName) continue;
    const left = expressionListItems(node.childForFieldName('left'));
    if (left[0]) aliases.values.add(left[0].text);
    if (left[1]) aliases.oks.add(left[1].text);
  }
  return aliases;
}

/**
 * Follows every path from just after the attempt, tracking what the conditions say about its error,
 * until the path comes back to the attempt (a retry when the error is known to be set) or leaves the
 * loop (a success exit when the error is known to be nil). With `innerHead`, the attempt is in an inner
 * loop of the view's loop: coming back to it counts only after the path went past the outer head.
 */
function explore(start: CfgBlock, view: LoopView, attempt: Attempt, innerHead: CfgBlock | null, ignoreWaits = false): Outcome {
  const { analyses, file, loop, parts, inLoop, conditionNames } = view;
  const condition = parts.condition;
  const aliases = aliasesOf(analyses, file, loop, attempt.errorName);
  const shadows = shadowingHeaders(analyses, file, loop, attempt.errorName, attempt.node);
  const isTracked = (expression: SyntaxNode): boolean => {
    if (!attempt.errorName) return expression.id === attempt.call.id || expression.text === attempt.call.text;
    if (expression.type === 'identifier') return expression.text === attempt.errorName || aliases.values.has(expression.text);
    if (expression.type === 'type_assertion_expression') return unparen(expression.childForFieldName('operand') ?? expression).text === attempt.errorName;
    return false;
  };
  // `if _, err := f(); ...`: the error exists only in that statement; an `err` outside it is another variable.
  const scope = errorScope(attempt);
  const shadowed = (node: SyntaxNode) => (!!scope && !contains(scope, node)) || shadows.some((shadow) => node.startIndex >= shadow.startIndex && node.endIndex <= shadow.endIndex);
  const outcome: Outcome = { retriesOnError: false, retriesTransient: false, exitsOnSuccess: false, exits: false, successLoopsBack: false, successWaitsBack: false, innerSuccessIterates: false, check: null };
  const seen = new Set<string>();
  type Step = { block: CfgBlock; index: number; state: PathState; check: SyntaxNode | null };
  const attemptNode = attempt.node;
  const startIndex = start.nodes.findIndex((node) => node.id === attemptNode.id);
  const initial: PathState = { fact: 'unknown', frozen: false, flag: false, kept: false, complained: false, continued: false, waited: false, surelyWaited: false, repaired: false, budget: false, crossed: false, once: false };
  const stack: Step[] = [{ block: start, index: startIndex + 1, state: initial, check: null }];
  const isError = (value: string) => value === 'nonnil' || value === 'transient' || value === 'specific';
  let budget = 4000;
  for (let step = stack.pop(); step && budget-- > 0; step = stack.pop()) {
    const { block } = step;
    let state = step.state;
    let stopped = false;
    for (let index = step.index; index < block.nodes.length; index++) {
      const node = block.nodes[index]!;
      if (node.id === attemptNode.id) {
        stopped = true;
        // An inner loop's next pass fails over to the next endpoint; only a new round is a retry.
        if (innerHead && !state.crossed) {
          if (state.fact === 'nil') outcome.innerSuccessIterates = true;
          break;
        }
        const narrowed = state.fact === 'transient' || state.fact === 'specific';
        // A path that misses the loop's wait counts when it jumps back with `continue`: falling through
        // past a wait under a condition is more often a branch this walk cannot relate to the error.
        const unwaited = ignoreWaits || (!state.waited && (state.continued || !view.loopWaits()));
        if ((state.fact === 'nonnil' || state.fact === 'transient') && unwaited && !state.once && !(state.repaired && narrowed)) {
          outcome.retriesOnError = true;
          if (state.fact === 'transient') outcome.retriesTransient = true;
          outcome.check ??= step.check;
        }
        if (state.fact === 'nil' && !state.flag && !state.continued) {
          if (state.surelyWaited) outcome.successWaitsBack = true;
          else outcome.successLoopsBack = true;
        }
        break;
      }
      if (!ignoreWaits && !state.waited && view.waitsAt(node)) state = { ...state, waited: true };
      if (state.waited && !state.surelyWaited && view.surelyWaitsAt(node)) state = { ...state, surelyWaited: true };
      if (!state.repaired && view.repairsAt(node)) state = { ...state, repaired: true };
      if (!state.once && view.onceMarks.has(node.id)) state = { ...state, once: true };
      if (!state.complained && node.type === 'expression_statement' && TEST_FAILURE.test(node.text)) state = { ...state, complained: true };
      if (node.type === 'short_var_declaration' || node.type === 'assignment_statement') {
        const names = expressionListItems(node.childForFieldName('left')).map((item) => item.text);
        const values = expressionListItems(node.childForFieldName('right'));
        const scoped = node.type === 'short_var_declaration' && /^(if_statement|expression_switch_statement|type_switch_statement)$/.test(node.parent?.type ?? '');
        if (attempt.errorName && names.includes(attempt.errorName) && !state.frozen && !scoped && !shadowed(node)) state = { ...state, frozen: true };
        names.forEach((name, position) => {
          if (!conditionNames.has(name)) return;
          const verdict = conditionVerdict(condition, name, values.length === names.length ? values[position] : undefined);
          if (verdict === 'ends' && !state.flag) state = { ...state, flag: true };
          if (verdict === 'continues' && view.resetFlag?.name === name && node.id !== view.resetFlag.statement.id) state = { ...state, kept: true };
        });
      }
    }
    if (stopped) continue;
    const selectWaits = !ignoreWaits && block.label === 'select.head' && block.succs.length > 0 && view.selectWaits(block.succs[0]!);
    for (const edge of block.succs) {
      // A switch without a default is taken to be exhaustive: its implicit default is not a retry path.
      if (edge.kind === 'default' && edge.to.label !== 'switch.case' && edge.to.label !== 'select.case') continue;
      let next = state;
      let check = step.check;
      if (selectWaits && !next.surelyWaited) next = { ...next, waited: true, surelyWaited: true };
      if (edge.cond && view.budget.has(edge.cond.id) && !next.budget) next = { ...next, budget: true };
      if (!state.frozen && !(edge.cond && shadowed(edge.cond))) {
        const okAlias = edge.kind === 'true' && edge.cond?.type === 'identifier' && aliases.oks.has(edge.cond.text);
        const fact = okAlias ? 'specific' : edgeFact(edge, isTracked);
        if (fact) {
          const known = state.fact;
          if ((known === 'nil' && isError(fact)) || (isError(known) && fact === 'nil')) continue;
          if (known === 'unknown' || known === 'nonnil' || fact === 'specific') next = { ...next, fact: known === 'specific' ? 'specific' : fact };
          if (isError(fact) && edge.cond) check ??= edge.cond;
        }
      }
      if (!inLoop.has(edge.to.id)) {
        if (!view.reachesExit[edge.to.id]) continue;
        outcome.exits = true;
        const viaCondition = edge.kind === 'range-done' || (!!condition && !!edge.cond && edge.cond.startIndex >= condition.startIndex && edge.cond.endIndex <= condition.endIndex);
        const attributable = !viaCondition || next.flag || (attempt.errorName !== null && conditionNames.has(attempt.errorName));
        // The block that breaks or returns still belongs to the body: `t.Errorf("unexpected success"); break`.
        const complains = next.complained || edge.to.nodes.some((node) => node.type === 'expression_statement' && TEST_FAILURE.test(node.text));
        if (next.fact === 'nil' && !next.frozen && !complains && !next.budget && attributable) outcome.exitsOnSuccess = true;
        continue;
      }
      if (edge.to.id === view.head.id) {
        // A fixed-point loop goes round only when a step of this pass set its flag again.
        if (view.resetFlag && !next.kept) continue;
        if (innerHead && !next.crossed) next = { ...next, crossed: true };
      }
      if (edge.kind === 'continue' && !next.continued) next = { ...next, continued: true };
      const key = `${edge.to.id}:${next.fact}:${+next.frozen}${+next.flag}${+next.kept}${+next.complained}${+next.continued}${+next.waited}${+next.surelyWaited}${+next.repaired}${+next.budget}${+next.crossed}${+next.once}`;
      if (seen.has(key)) continue;
      seen.add(key);
      stack.push({ block: edge.to, index: 0, state: next, check });
    }
  }
  return outcome;
}

/** The statement an attempt's error is declared in, when it is an `if` or `switch` header; else null. */
function errorScope(attempt: Attempt): SyntaxNode | null {
  const parent = attempt.node.parent;
  if (attempt.node.type !== 'short_var_declaration' || !parent) return null;
  return /^(if_statement|expression_switch_statement|type_switch_statement)$/.test(parent.type) ? parent : null;
}

/** The `if`/`switch` statements of the loop whose header redeclares `name` (`if err := f(); err != nil`). */
function shadowingHeaders(analyses: PackageAnalyses, file: SourceFile, loop: SyntaxNode, name: string | null, attemptNode: SyntaxNode): SyntaxNode[] {
  if (!name) return [];
  const shadows: SyntaxNode[] = [];
  for (const node of nodesWithin(analyses.nodesOfType(file, 'short_var_declaration'), loop)) {
    if (node.id === attemptNode.id) continue;
    const parent = node.parent;
    if (!parent || !/^(if_statement|expression_switch_statement|type_switch_statement)$/.test(parent.type)) continue;
    if (expressionListItems(node.childForFieldName('left')).some((item) => item.text === name)) shadows.push(parent);
  }
  return shadows;
}

/** How a message names the retried call: its path, or its method after a call chain. */
function describeCall(call: SyntaxNode): string {
  const path = calleePath(call);
  if (path) return path;
  const callee = call.childForFieldName('function');
  if (!callee) return 'the call';
  if (callee.type === 'func_literal') return 'the func literal';
  const text = callee.text.replace(/\s+/g, '').replace(/\((?:[^()]|\([^()]*\))*\)/g, '(...)');
  return text.length <= 60 ? text : `…${text.slice(-50)}`;
}

function reportLoop(context: RuleContext<Options>, loop: SyntaxNode, parts: LoopParts, attempt: Attempt, check: SyntaxNode | null, inner: SyntaxNode | null): void {
  const keyword = loop.child(0)!;
  const callee = describeCall(attempt.call);
  const bound = attemptBound(context, loop, parts);
  // One immediate second try (a stale connection, a lost race) is no hot loop.
  if (bound !== null && bound <= 2) return;
  const small = bound !== null && bound <= context.options.smallAttemptBound;
  const over = inner ? describeList(inner) : null;
  if (isAcceptCall(attempt.call)) {
    const related = [{ node: attempt.call, message: `${callee} fails at once while the listener is broken` }];
    if (check) related.push({ node: check, message: 'the error check that leads back to the attempt' });
    context.report({
      node: keyword,
      message: `accept loop calls ${callee} again as soon as it fails, with no delay, so a persistent error (too many open files, a closed listener) spins the CPU and floods the log; sleep with a growing delay on temporary errors, as net/http's Server.Serve does, and return on the others`,
      related,
    });
    return;
  }
  const what = inner
    ? small
      ? `retry loop goes over ${over} up to ${bound} times, again as soon as every attempt at ${callee} failed, with no delay, so all rounds fail within the same outage`
      : `retry loop goes over ${over} again as soon as every attempt at ${callee} failed, with no delay, so a persistent failure spins the CPU and hammers every endpoint`
    : small
      ? `retry loop makes up to ${bound} attempts at ${callee} with no delay between them, so they all fail within the same outage`
      : `retry loop calls ${callee} again as soon as it fails, with no delay, so a persistent failure spins the CPU and hammers its target`;
  const related = [{ node: attempt.call, message: `${callee} is retried here` }];
  if (check) related.push({ node: check, message: 'the error check that leads back to the attempt' });
  if (inner) related.push({ node: inner.child(0)!, message: 'the inner loop that tries each endpoint once' });
  context.report({
    node: keyword,
    severity: small ? 'info' : undefined,
    message: `${what}; wait between ${inner ? 'rounds' : 'attempts'} with exponential backoff (time.Sleep with a growing delay, or wait.ExponentialBackoff)`,
    related,
  });
}

/** How a message names what an inner loop goes over: `addrs`, or `the endpoints`. */
function describeList(inner: SyntaxNode): string {
  const parts = loopParts(inner);
  const right = parts.range?.childForFieldName('right');
  const text = right ? unparen(right).text : null;
  return text && text.length <= 40 ? text : 'the endpoints';
}
