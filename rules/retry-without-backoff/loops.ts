// The loop half of retry-without-backoff: a `for` loop whose error path goes back to the same call
// without passing anything that waits, while a success path leaves the loop (or waits before it goes
// round). The call may sit in an inner loop over endpoints that the outer loop starts over, or be an
// Accept. Not retries: loops over items that skip failures, stream reads, EINTR and name-collision
// retries, calls whose input changes from pass to pass, repairs that leave on their own error, attempts
// under a per-attempt deadline, passes of a fixed-point loop, failures drawn at random. Work-queue
// re-queues are workers.ts's.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { RuleContext } from '../../src/engine/rule.js';
import { calleePath, contains, enclosingFunction, FUNCTION_TYPES, unparen } from '../../src/parse/syntax.js';
import { CfgTooDeepError, type Cfg } from '../../src/cfg/cfg.js';
import { naturalLoop } from '../../src/cfg/loops.js';
import { resolveCall } from '../../src/analysis/calls.js';
import { findWait } from '../../src/analysis/waits.js';
import { attemptBound, attemptOf, identifiersIn, isAcceptCall, loopParts, runsEveryIteration, type Attempt, type LoopParts } from './attempts.js';
import { LoopView } from './loop-view.js';
import { explore, type Outcome } from './paths.js';
import { readsFreshValue } from './progress.js';
import type { Options } from './options.js';

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
  // The retried call must be a statement that runs on every pass (or an inner loop's): without one,
  // no graph is needed.
  if (!hasAttemptCandidate(context, loop, parts)) return;
  // A loop that waits on every pass is not a tight retry. The direct waits are cheap to see; waits on
  // some paths only, and helpers that wait, are looked for along the paths once the loop may retry.
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
        reportLoop(context, loop, parts, attempt, outcome, null);
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
          reportLoop(context, loop, parts, attempt, outcome, inner);
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

function reportLoop(context: RuleContext<Options>, loop: SyntaxNode, parts: LoopParts, attempt: Attempt, outcome: Outcome, inner: SyntaxNode | null): void {
  const check = outcome.check;
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
      : outcome.successWait
        ? `retry loop calls ${callee} again as soon as it fails, going round past the wait that only success reaches, so a persistent failure spins the CPU and hammers its target`
        : `retry loop calls ${callee} again as soon as it fails, with no delay, so a persistent failure spins the CPU and hammers its target`;
  const related = [{ node: attempt.call, message: `${callee} is retried here` }];
  if (check) related.push({ node: check, message: 'the error check that leads back to the attempt' });
  if (outcome.successWait) related.push({ node: outcome.successWait, message: 'only the success path waits here; the error path goes round without it' });
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
