// The walk over a loop's paths from an attempt: it follows every path from just after the call, tracking
// what the conditions say about its error and what the path went through (a wait, a repair, a reset
// flag, the outer loop's head), until the path comes back to the attempt or leaves the loop, and sums
// up what it saw. It reports nothing; loops.ts decides what the outcome means.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { contains, expressionListItems, nodesWithin, unparen } from '../../src/parse/syntax.js';
import type { CfgBlock } from '../../src/cfg/cfg.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import type { Attempt } from './attempts.js';
import { edgeFact, type ErrorFact } from './error-paths.js';
import type { LoopView } from './loop-view.js';

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
  /** The first sure wait on the path (kept for the report; not part of the state's identity). */
  waitNode: SyntaxNode | null;
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

export interface Outcome {
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
  /** A wait that a success path goes through before it comes back round, when there is one. */
  successWait: SyntaxNode | null;
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
export function explore(start: CfgBlock, view: LoopView, attempt: Attempt, innerHead: CfgBlock | null, ignoreWaits = false): Outcome {
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
  const outcome: Outcome = { retriesOnError: false, retriesTransient: false, exitsOnSuccess: false, exits: false, successLoopsBack: false, successWaitsBack: false, innerSuccessIterates: false, check: null, successWait: null };
  const seen = new Set<string>();
  type Step = { block: CfgBlock; index: number; state: PathState; check: SyntaxNode | null };
  const attemptNode = attempt.node;
  const startIndex = start.nodes.findIndex((node) => node.id === attemptNode.id);
  const initial: PathState = { fact: 'unknown', frozen: false, flag: false, kept: false, complained: false, continued: false, waited: false, surelyWaited: false, waitNode: null, repaired: false, budget: false, crossed: false, once: false };
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
          if (state.surelyWaited) {
            outcome.successWaitsBack = true;
            outcome.successWait ??= state.waitNode;
          }
          else outcome.successLoopsBack = true;
        }
        break;
      }
      if (!ignoreWaits && !state.waited && view.waitsAt(node)) state = { ...state, waited: true };
      if (state.waited && !state.surelyWaited && view.surelyWaitsAt(node)) state = { ...state, surelyWaited: true, waitNode: node };
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
    const selectWaits = !ignoreWaits && block.label === 'select.head' && block.succs.length > 0 ? view.waitingSelect(block) : null;
    for (const edge of block.succs) {
      // A switch without a default is taken to be exhaustive: its implicit default is not a retry path.
      if (edge.kind === 'default' && edge.to.label !== 'switch.case' && edge.to.label !== 'select.case') continue;
      let next = state;
      let check = step.check;
      if (selectWaits && !next.surelyWaited) next = { ...next, waited: true, surelyWaited: true, waitNode: selectWaits };
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
