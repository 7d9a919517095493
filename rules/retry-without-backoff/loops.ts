// The loop half of retry-without-backoff: a `for` loop whose error path goes back to the same call while
// a success path leaves the loop, with nothing in the loop that waits. Loops over items that skip
// failures, reads until EOF, EINTR and name-collision retries, and loops whose call changes from one
// iteration to the next are not retries and stay quiet. Work-queue re-queues are workers.ts's.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import type { RuleContext } from '../../src/engine/rule.js';
import { callArguments, calleePath, enclosingFunction, expressionListItems, FUNCTION_TYPES, nodesWithin, unparen } from '../../src/parse/syntax.js';
import { CfgTooDeepError, type Cfg, type CfgBlock } from '../../src/cfg/cfg.js';
import { naturalLoop } from '../../src/cfg/loops.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { blocksReachingExit } from '../../src/analysis/dataflow.js';
import { findWait } from '../../src/analysis/waits.js';
import { constantDuration, edgeFact, isErrorName, type ErrorFact } from './error-paths.js';
import type { Options } from './options.js';

interface LoopParts {
  forClause: SyntaxNode | null;
  range: SyntaxNode | null;
  condition: SyntaxNode | null;
  body: SyntaxNode | null;
}

function loopParts(loop: SyntaxNode): LoopParts {
  const parts: LoopParts = { forClause: null, range: null, condition: null, body: null };
  for (const child of loop.namedChildren) {
    if (child.type === 'for_clause') parts.forClause = child;
    else if (child.type === 'range_clause') parts.range = child;
    else if (child.type === 'block') parts.body = child;
    else if (child.type !== 'comment') parts.condition = child;
  }
  if (parts.forClause) parts.condition = parts.forClause.childForFieldName('condition');
  return parts;
}

interface Attempt {
  node: SyntaxNode;
  call: SyntaxNode;
  /** The identifier holding the call's error, or null when the call itself is compared with nil. */
  errorName: string | null;
}

interface PathState {
  fact: ErrorFact | 'unknown';
  frozen: boolean;
  flag: boolean;
  /** The path reported a test failure (`t.Errorf("unexpected success")`): leaving is not success. */
  complained: boolean;
  /** The path took an explicit `continue` (a retry on a bad result), rather than running off the body's end. */
  continued: boolean;
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
  // A loop that waits is not a tight retry. The direct waits are cheap to see; helpers that wait are
  // looked for only once the loop is found to retry, since that may resolve many calls.
  if (findWait(analyses, file, loop, true)) return;
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
  const conditionNames = new Set(parts.condition ? identifiersIn(parts.condition) : []);
  let varying: Set<string> | null = null;
  let reachesExit: boolean[] | null = null;
  for (const block of cfg.blocks) {
    if (!inLoop.has(block.id)) continue;
    for (const node of block.nodes) {
      const attempt = attemptOf(node, loop, parts.condition);
      if (!attempt) continue;
      if (!runsEveryIteration(attempt.node, loop, parts)) continue;
      varying ??= varyingNames(analyses, file, loop, parts, attempt.call);
      if (changesEachIteration(attempt.call, varying)) continue;
      reachesExit ??= blocksReachingExit(cfg);
      const outcome = explore(block, {
        attempt,
        attemptNode: node,
        condition: parts.condition,
        inLoop,
        reachesExit,
        conditionNames,
        aliases: aliasesOf(analyses, file, loop, attempt.errorName),
        shadows: shadowingHeaders(analyses, file, loop, attempt.errorName, node),
      });
      const retry = !outcome.successLoopsBack && ((outcome.retriesOnError && outcome.exitsOnSuccess) || (outcome.retriesTransient && outcome.exits));
      if (!retry) continue;
      if (!findWait(analyses, file, loop)) reportLoop(context, loop, parts, attempt, outcome.check);
      return;
    }
  }
}

/** `for range 3` and `for range maxAttempts`: a range over a count of attempts, not over items. */
function isAttemptRange(context: RuleContext<Options>, range: SyntaxNode): boolean {
  const right = range.childForFieldName('right');
  if (!right) return false;
  const value = unparen(right);
  if (value.type === 'int_literal') return true;
  return value.type === 'identifier' && (/retr|attempt|tries/i.test(value.text) || !!context.pkg.values.get(value.text)?.isConst);
}

function identifiersIn(node: SyntaxNode): string[] {
  return node.text.match(/[A-Za-z_]\w*/g) ?? [];
}

/** The call whose error a statement keeps: `x, err := f()`, `err = f()`, `if f() != nil`. */
function attemptOf(node: SyntaxNode, loop: SyntaxNode, loopCondition: SyntaxNode | null): Attempt | null {
  let attempt: Attempt | null = null;
  if (node.type === 'short_var_declaration' || node.type === 'assignment_statement') {
    const left = expressionListItems(node.childForFieldName('left'));
    const right = expressionListItems(node.childForFieldName('right'));
    const last = left[left.length - 1];
    const value = right.length === 1 ? unparen(right[0]!) : null;
    if (!last || last.type !== 'identifier' || !isErrorName(last.text) || value?.type !== 'call_expression') return null;
    if (node.type === 'assignment_statement' && !/^(=|:=)$/.test(node.childForFieldName('operator')?.text ?? '=')) return null;
    attempt = { node, call: value, errorName: last.text };
  } else if (node.type === 'binary_expression' && loopCondition && node.startIndex >= loopCondition.startIndex && node.endIndex <= loopCondition.endIndex) {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return null;
    const call = unparen(left).type === 'call_expression' && unparen(right).type === 'nil' ? unparen(left) : null;
    if (!call) return null;
    attempt = { node, call, errorName: null };
  }
  if (!attempt || isTrivialCall(attempt.call)) return null;
  // The attempt belongs to this loop, not to a nested loop or func literal.
  for (let current = node.parent; current; current = current.parent) {
    if (current.id === loop.id) return attempt;
    if (current.type === 'for_statement' || FUNCTION_TYPES.has(current.type)) return null;
  }
  return null;
}

/**
 * True when the attempt runs on every pass: a statement of the loop body itself, the header of an
 * `if` or `switch` in it, or the loop's own condition or post statement. A call made only under some
 * condition (remove the directory once it looks empty) is a step of a larger loop, not the retried call.
 */
function runsEveryIteration(node: SyntaxNode, loop: SyntaxNode, parts: LoopParts): boolean {
  if (parts.forClause && node.startIndex >= parts.forClause.startIndex && node.endIndex <= parts.forClause.endIndex) return true;
  if (parts.condition && node.startIndex >= parts.condition.startIndex && node.endIndex <= parts.condition.endIndex) return true;
  let statement = node;
  const parent = node.parent;
  if (parent && /^(if_statement|expression_switch_statement|type_switch_statement)$/.test(parent.type) && node.type !== 'block') statement = parent;
  const list = statement.parent;
  return list?.type === 'statement_list' && list.parent?.id === parts.body?.id && parts.body?.parent?.id === loop.id;
}

/** Conversions and parsing that fail the same way every time are not retried operations. */
function isTrivialCall(call: SyntaxNode): boolean {
  const path = calleePath(call) ?? '';
  return /^(strconv|fmt|errors|json|xml|url|regexp|filepath|path|strings|bytes)\./.test(path) || /(^|\.)(Parse\w*|Unmarshal\w*|Decode\w*|Atoi|Marshal\w*|Validate\w*|Compile\w*)$/.test(path);
}

/**
 * Names whose value changes from one iteration to the next: the range and clause variables, and every
 * name (or field path) assigned in the loop whose new value depends, through the loop's assignments,
 * on its own old value, on another such name, or on a random, clock, reading or next-candidate call;
 * so do the attempt's out-parameters (`&size`). A call taking one of them tries something different
 * each time: the next port, the parent directory, a new temp name, the wrapped error, a bigger buffer.
 */
function varyingNames(analyses: PackageAnalyses, file: SourceFile, loop: SyntaxNode, parts: LoopParts, attempt: SyntaxNode): Set<string> {
  const varying = new Set<string>();
  const initializer = parts.forClause?.childForFieldName('initializer');
  if (initializer) for (const item of expressionListItems(initializer.childForFieldName('left'))) varying.add(item.text);
  if (parts.range) for (const item of expressionListItems(parts.range.childForFieldName('left'))) varying.add(item.text);
  for (const node of nodesWithin(analyses.nodesOfType(file, 'inc_statement'), loop)) varying.add(node.namedChild(0)?.text ?? '');
  for (const node of nodesWithin(analyses.nodesOfType(file, 'dec_statement'), loop)) varying.add(node.namedChild(0)?.text ?? '');
  for (const argument of callArguments(attempt)) {
    const value = unparen(argument);
    if (value.type === 'unary_expression' && value.text.startsWith('&')) varying.add(value.text.slice(1).trim());
  }
  const dependsOn = new Map<string, Set<string>>();
  const assignments = [...nodesWithin(analyses.nodesOfType(file, 'assignment_statement'), loop), ...nodesWithin(analyses.nodesOfType(file, 'short_var_declaration'), loop)];
  for (const node of assignments) {
    const operator = node.childForFieldName('operator')?.text ?? '';
    const right = node.childForFieldName('right');
    const left = expressionListItems(node.childForFieldName('left'));
    const compound = node.type === 'assignment_statement' && operator !== '=' && operator !== ':=';
    const random = !!right && /[Rr]and|[Uu]nique|[Uu]uid|UUID|[Nn]once|[Tt]emp|[Nn]ext[A-Z(]|[Pp]ick|[Cc]hoose|[Rr]otate|[Ss]huffle|Now\(|Read|Recv|Receive|Pop\(|Scan|Token|Accept|Dequeue|Shift/.test(right.text);
    for (const item of left) {
      if (item.text === '_') continue;
      if (compound || random) varying.add(item.text);
      let set = dependsOn.get(item.text);
      if (!set) dependsOn.set(item.text, (set = new Set()));
      for (const name of right ? referencesIn(right) : []) set.add(name);
      if (compound) set.add(item.text);
    }
  }
  // A name is varying when it reaches itself or a varying name through the dependencies.
  for (const name of dependsOn.keys()) {
    if (varying.has(name)) continue;
    const seen = new Set<string>();
    const stack = [...(dependsOn.get(name) ?? [])];
    for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
      if (current === name || varying.has(current)) {
        varying.add(name);
        break;
      }
      if (seen.has(current)) continue;
      seen.add(current);
      for (const next of dependsOn.get(current) ?? []) stack.push(next);
    }
  }
  varying.delete('');
  varying.delete('_');
  return varying;
}

/** Names and field paths an expression reads, with every prefix: `d.dec.Buffered()` gives d, d.dec, d.dec.Buffered. */
function referencesIn(node: SyntaxNode): string[] {
  const references: string[] = [];
  for (const path of node.text.match(/[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*/g) ?? []) {
    const pieces = path.split('.').map((piece) => piece.trim());
    for (let count = 1; count <= pieces.length; count++) references.push(pieces.slice(0, count).join('.'));
  }
  return references;
}

function changesEachIteration(call: SyntaxNode, varying: Set<string>): boolean {
  const callee = call.childForFieldName('function');
  const pieces = [...callArguments(call)];
  if (callee && unparen(callee).type === 'selector_expression') pieces.push(unparen(callee).childForFieldName('operand')!);
  for (const piece of pieces) {
    if (!piece || piece.type === 'func_literal') continue;
    // An out-parameter is written by the call, not an input that changes.
    if (unparen(piece).type === 'unary_expression' && unparen(piece).text.startsWith('&') && unparen(piece).namedChild(0)?.type === 'identifier') continue;
    for (const name of referencesIn(piece)) if (varying.has(name)) return true;
  }
  return false;
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

interface Outcome {
  retriesOnError: boolean;
  /** The retry is conditioned on a transient error (a timeout, a conflict): retry intent is explicit. */
  retriesTransient: boolean;
  exitsOnSuccess: boolean;
  exits: boolean;
  /** Some path goes back to the attempt after it succeeded: the loop moves on to more work, as reads do. */
  successLoopsBack: boolean;
  check: SyntaxNode | null;
}

interface LoopView {
  attempt: Attempt;
  attemptNode: SyntaxNode;
  condition: SyntaxNode | null;
  inLoop: Set<number>;
  /** Blocks from which the function can end normally; a path into a panic or Fatal is not an exit. */
  reachesExit: boolean[];
  conditionNames: Set<string>;
  aliases: Aliases;
  /** `if err := other(); ...` headers that shadow the tracked error inside the loop. */
  shadows: SyntaxNode[];
}

/**
 * Follows every path from just after the attempt, tracking what the conditions say about its error,
 * until the path comes back to the attempt (a retry when the error is known to be set) or leaves the
 * loop (a success exit when the error is known to be nil).
 */
function explore(start: CfgBlock, view: LoopView): Outcome {
  const { attempt, attemptNode, condition, inLoop, conditionNames, aliases } = view;
  const isTracked = (expression: SyntaxNode): boolean => {
    if (!attempt.errorName) return expression.id === attempt.call.id || expression.text === attempt.call.text;
    if (expression.type === 'identifier') return expression.text === attempt.errorName || aliases.values.has(expression.text);
    if (expression.type === 'type_assertion_expression') return unparen(expression.childForFieldName('operand') ?? expression).text === attempt.errorName;
    return false;
  };
  const shadowed = (node: SyntaxNode) => view.shadows.some((shadow) => node.startIndex >= shadow.startIndex && node.endIndex <= shadow.endIndex);
  const outcome: Outcome = { retriesOnError: false, retriesTransient: false, exitsOnSuccess: false, exits: false, successLoopsBack: false, check: null };
  const seen = new Set<string>();
  type Step = { block: CfgBlock; index: number; state: PathState; check: SyntaxNode | null };
  const startIndex = start.nodes.findIndex((node) => node.id === attemptNode.id);
  const stack: Step[] = [{ block: start, index: startIndex + 1, state: { fact: 'unknown', frozen: false, flag: false, complained: false, continued: false }, check: null }];
  let budget = 4000;
  for (let step = stack.pop(); step && budget-- > 0; step = stack.pop()) {
    const { block } = step;
    let state = step.state;
    let stopped = false;
    for (let index = step.index; index < block.nodes.length; index++) {
      const node = block.nodes[index]!;
      if (node.id === attemptNode.id) {
        if (state.fact === 'nonnil' || state.fact === 'transient') {
          outcome.retriesOnError = true;
          if (state.fact === 'transient') outcome.retriesTransient = true;
          outcome.check ??= step.check;
        }
        if (state.fact === 'nil' && !state.flag && !state.continued) outcome.successLoopsBack = true;
        stopped = true;
        break;
      }
      if (!state.complained && node.type === 'expression_statement' && TEST_FAILURE.test(node.text)) state = { ...state, complained: true };
      if (node.type === 'short_var_declaration' || node.type === 'assignment_statement') {
        const names = expressionListItems(node.childForFieldName('left')).map((item) => item.text);
        const scoped = node.type === 'short_var_declaration' && /^(if_statement|expression_switch_statement|type_switch_statement)$/.test(node.parent?.type ?? '');
        if (attempt.errorName && names.includes(attempt.errorName) && !state.frozen && !scoped) state = { ...state, frozen: true };
        if (names.some((name) => conditionNames.has(name)) && !state.flag) state = { ...state, flag: true };
      }
    }
    if (stopped) continue;
    for (const edge of block.succs) {
      // A switch without a default is taken to be exhaustive: its implicit default is not a retry path.
      if (edge.kind === 'default' && edge.to.label !== 'switch.case' && edge.to.label !== 'select.case') continue;
      let next = state;
      let check = step.check;
      if (!state.frozen && !(edge.cond && shadowed(edge.cond))) {
        const okAlias = edge.kind === 'true' && edge.cond?.type === 'identifier' && aliases.oks.has(edge.cond.text);
        const fact = okAlias ? 'specific' : edgeFact(edge, isTracked);
        if (fact) {
          const known = state.fact;
          const isError = (value: string) => value === 'nonnil' || value === 'transient' || value === 'specific';
          if ((known === 'nil' && isError(fact)) || (isError(known) && fact === 'nil')) continue;
          if (known === 'unknown' || known === 'nonnil' || fact === 'specific') next = { ...state, fact: known === 'specific' ? 'specific' : fact };
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
        if (next.fact === 'nil' && !next.frozen && !complains && attributable) outcome.exitsOnSuccess = true;
        continue;
      }
      if (edge.kind === 'continue' && !next.continued) next = { ...next, continued: true };
      const key = `${edge.to.id}:${next.fact}:${next.frozen}:${next.flag}:${next.complained}:${next.continued}`;
      if (seen.has(key)) continue;
      seen.add(key);
      stack.push({ block: edge.to, index: 0, state: next, check });
    }
  }
  return outcome;
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

/** A small constant bound on the attempts: `i < 3` in the loop, or `if tries >= maxTries { ... }`. */
function attemptBound(context: RuleContext<Options>, loop: SyntaxNode, parts: LoopParts): number | null {
  if (parts.range) {
    const right = parts.range.childForFieldName('right');
    return right ? constantValue(context, loop, right) : null;
  }
  const counters = new Set<string>();
  for (const node of loop.descendantsOfType(['inc_statement', 'dec_statement'])) counters.add(node.namedChild(0)?.text ?? '');
  if (parts.forClause) {
    const update = parts.forClause.childForFieldName('update');
    if (update) for (const name of identifiersIn(update)) counters.add(name);
  }
  let best: number | null = null;
  const comparisons = loop.descendantsOfType('binary_expression').filter((node) => /^(<|<=|>|>=)$/.test(node.childForFieldName('operator')?.type ?? ''));
  for (const comparison of comparisons) {
    const left = comparison.childForFieldName('left');
    const right = comparison.childForFieldName('right');
    if (!left || !right) continue;
    const [counter, limit] = counters.has(unparen(left).text) ? [left, right] : counters.has(unparen(right).text) ? [right, left] : [null, null];
    if (!counter || !limit) continue;
    let value = constantValue(context, loop, limit);
    // `i <= 5` in the loop's own condition, counting from zero, allows six attempts.
    const operator = comparison.childForFieldName('operator')?.type;
    const inclusive = (operator === '<=' && counter === left) || (operator === '>=' && counter === right);
    if (value !== null && inclusive && parts.condition && comparison.id === unparen(parts.condition).id) value += 1;
    if (value !== null && value > 0 && (best === null || value < best)) best = value;
  }
  return best;
}

/** A constant number: a literal, a package constant, or a constant declared in the enclosing function. */
function constantValue(context: RuleContext<Options>, loop: SyntaxNode, expression: SyntaxNode): number | null {
  const value = constantDuration(context.pkg, context.file, expression);
  if (value !== null || unparen(expression).type !== 'identifier') return value;
  const fn = enclosingFunction(loop);
  if (!fn) return null;
  for (const spec of nodesWithin(context.analyses.nodesOfType(context.file, 'const_spec'), fn)) {
    const names = spec.childrenForFieldName('name');
    const values = expressionListItems(spec.childForFieldName('value'));
    const index = names.findIndex((name) => name.text === unparen(expression).text);
    if (index >= 0 && values[index]) return constantDuration(context.pkg, context.file, values[index]!);
  }
  return null;
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

function reportLoop(context: RuleContext<Options>, loop: SyntaxNode, parts: LoopParts, attempt: Attempt, check: SyntaxNode | null): void {
  const keyword = loop.child(0)!;
  const callee = describeCall(attempt.call);
  const bound = attemptBound(context, loop, parts);
  const small = bound !== null && bound <= context.options.smallAttemptBound;
  const what = small
    ? `retry loop makes up to ${bound} attempts at ${callee} with no delay between them, so they all fail within the same outage`
    : `retry loop calls ${callee} again as soon as it fails, with no delay, so a persistent failure spins the CPU and hammers its target`;
  const related = [{ node: attempt.call, message: `${callee} is retried here` }];
  if (check) related.push({ node: check, message: 'the error check that leads back to the attempt' });
  context.report({
    node: keyword,
    severity: small ? 'info' : undefined,
    message: `${what}; wait between attempts with exponential backoff (time.Sleep with a growing delay, or wait.ExponentialBackoff)`,
    related,
  });
}
