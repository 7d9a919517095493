// The attempts of a retry loop: the parts of a `for` statement, the call whose error a statement keeps
// (`x, err := f()`, `for f() != nil`), whether it runs on every pass, whether each run has a deadline
// of its own, and the constant bound on how many times it can run. It decides nothing about retries;
// loops.ts follows the paths between attempts.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import type { RuleContext } from '../../src/engine/rule.js';
import { callArguments, calleePath, contains, enclosingFunction, expressionListItems, FUNCTION_TYPES, nodesWithin, unparen } from '../../src/parse/syntax.js';
import { importPathOf } from '../../src/index/package-index.js';
import { resolveCall } from '../../src/analysis/calls.js';
import { scopeOf } from '../../src/analysis/types.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { constantDuration } from '../../src/analysis/durations.js';
import { isReassigned } from './delays.js';
import { isErrorName } from './error-paths.js';
import { referencesIn } from './progress.js';
import type { Options } from './options.js';

export interface LoopParts {
  forClause: SyntaxNode | null;
  range: SyntaxNode | null;
  condition: SyntaxNode | null;
  body: SyntaxNode | null;
}

export function loopParts(loop: SyntaxNode): LoopParts {
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

export interface Attempt {
  node: SyntaxNode;
  call: SyntaxNode;
  /** The identifier holding the call's error, or null when the call itself is compared with nil. */
  errorName: string | null;
}

/**
 * The call whose error a statement keeps: `x, err := f()`, `err = f()`, `if f() != nil` in the loop's
 * condition. `owner` is the loop the statement must belong to directly (not to a loop nested in it).
 */
export function attemptOf(analyses: PackageAnalyses, node: SyntaxNode, owner: SyntaxNode, loopCondition: SyntaxNode | null): Attempt | null {
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
    if (!call || !mayReturnError(analyses, call, owner)) return null;
    attempt = { node, call, errorName: null };
  }
  if (!attempt || isTrivialCall(attempt.call)) return null;
  // The attempt belongs to this loop, not to a nested loop or func literal.
  for (let current = node.parent; current; current = current.parent) {
    if (current.id === owner.id) return attempt;
    if (current.type === 'for_statement' || FUNCTION_TYPES.has(current.type)) return null;
  }
  return null;
}

/** False when a call compared with nil is known to return something other than an error (`it.Front()`). */
function mayReturnError(analyses: PackageAnalyses, call: SyntaxNode, loop: SyntaxNode): boolean {
  const resolved = resolveCall(analyses, call, enclosingFunction(loop), true);
  if (resolved.kind !== 'local') return true;
  const results = resolved.fn.results;
  return results.length > 0 && results[results.length - 1]!.typeText === 'error';
}

/**
 * True when the attempt runs on every pass: a statement of the loop body itself, the header of an
 * `if` or `switch` in it, or the loop's own condition or post statement. A call made only under some
 * condition (remove the directory once it looks empty) is a step of a larger loop, not the retried call.
 */
export function runsEveryIteration(node: SyntaxNode, loop: SyntaxNode, parts: LoopParts): boolean {
  if (parts.forClause && node.startIndex >= parts.forClause.startIndex && node.endIndex <= parts.forClause.endIndex) return true;
  if (parts.condition && node.startIndex >= parts.condition.startIndex && node.endIndex <= parts.condition.endIndex) return true;
  let statement = node;
  const parent = node.parent;
  if (parent && /^(if_statement|expression_switch_statement|type_switch_statement)$/.test(parent.type) && node.type !== 'block') statement = parent;
  const list = statement.parent;
  return list?.type === 'statement_list' && list.parent?.id === parts.body?.id && parts.body?.parent?.id === loop.id;
}

/**
 * True when every pass gives the attempt a deadline of its own before it runs: a `context.WithTimeout`
 * (or WithDeadline) whose context reaches the call, or a `SetDeadline` on the connection it uses. Each
 * attempt then blocks until it answers or times out, so the passes do not spin.
 */
export function hasAttemptDeadline(analyses: PackageAnalyses, file: SourceFile, parts: LoopParts, attempt: Attempt): boolean {
  const statements = parts.body?.namedChildren.find((child) => child.type === 'statement_list')?.namedChildren ?? [];
  const callee = attempt.call.childForFieldName('function');
  const receiver = callee && unparen(callee).type === 'selector_expression' ? unparen(callee).childForFieldName('operand') : null;
  const inputs = new Set<string>([...callArguments(attempt.call), ...(receiver ? [receiver] : [])].flatMap((piece) => referencesIn(piece)));
  // Names assigned from the inputs' sources: `req = req.WithContext(ctx)` puts ctx among the inputs.
  for (const statement of statements) {
    if (statement.startIndex >= attempt.node.startIndex) break;
    if (statement.type !== 'assignment_statement' && statement.type !== 'short_var_declaration') continue;
    const left = expressionListItems(statement.childForFieldName('left')).map((item) => item.text);
    const right = statement.childForFieldName('right');
    // `req.Cancel = ctx.Done()` sets a field of an input: what it reads becomes an input too.
    const setsInput = left.some((name) => name.split('.').some((_, index, pieces) => inputs.has(pieces.slice(0, index + 1).join('.'))));
    if (right && setsInput) for (const name of referencesIn(right)) inputs.add(name);
  }
  for (const statement of statements) {
    if (statement.startIndex >= attempt.node.startIndex) break;
    const header = statement.type === 'if_statement' ? statement.childForFieldName('initializer') : statement;
    if (!header) continue;
    if (header.type === 'short_var_declaration' || header.type === 'assignment_statement') {
      const value = expressionListItems(header.childForFieldName('right'))[0];
      const context = expressionListItems(header.childForFieldName('left'))[0]?.text;
      const path = value && unparen(value).type === 'call_expression' ? calleePath(unparen(value)) : null;
      const dot = path?.indexOf('.') ?? -1;
      if (path && context && dot > 0 && /^(WithTimeout|WithDeadline)$/.test(path.slice(dot + 1)) && importPathOf(analyses.pkg, file, path.slice(0, dot)) === 'context' && inputs.has(context)) return true;
    }
    for (const call of header.type === 'call_expression' ? [header] : header.descendantsOfType('call_expression')) {
      const callee = call.childForFieldName('function');
      const target = callee ? unparen(callee) : null;
      if (target?.type !== 'selector_expression' || !/^(SetDeadline|SetReadDeadline|SetWriteDeadline)$/.test(target.childForFieldName('field')?.text ?? '')) continue;
      // `conn.SetReadDeadline(..)`, `ln.(*net.TCPListener).SetDeadline(..)`: the deadline is on an input.
      if (referencesIn(target.childForFieldName('operand')!).some((name) => inputs.has(name))) return true;
    }
  }
  return false;
}

/**
 * True for `l.Accept()` (or AcceptTCP, AcceptUnix) on a listener: it blocks until a connection comes,
 * but fails at once, every time, once the listener is broken or out of file descriptors.
 */
export function isAcceptCall(call: SyntaxNode): boolean {
  const callee = call.childForFieldName('function');
  const target = callee ? unparen(callee) : null;
  return target?.type === 'selector_expression' && /^Accept(TCP|Unix)?$/.test(target.childForFieldName('field')?.text ?? '') && callArguments(call).length === 0;
}

/** Conversions and parsing that fail the same way every time are not retried operations. */
function isTrivialCall(call: SyntaxNode): boolean {
  const path = calleePath(call) ?? '';
  return /^(strconv|fmt|errors|json|xml|url|regexp|filepath|path|strings|bytes)\./.test(path) || /(^|\.)(Parse\w*|Unmarshal\w*|Decode\w*|Atoi|Marshal\w*|Validate\w*|Compile\w*)$/.test(path);
}

/** The identifiers an expression reads, from its syntax (never from string literals or comments). */
export function identifiersIn(node: SyntaxNode): string[] {
  if (node.type === 'identifier') return [node.text];
  return node.descendantsOfType('identifier').map((identifier) => identifier.text);
}

/** Counters of the loop: names stepped by `++`/`--` in it, or by its post statement. */
function loopCounters(loop: SyntaxNode, parts: LoopParts): Map<string, SyntaxNode> {
  const counters = new Map<string, SyntaxNode>();
  for (const node of loop.descendantsOfType(['inc_statement', 'dec_statement'])) {
    const name = node.namedChild(0)?.text ?? '';
    if (!counters.has(name)) counters.set(name, node);
  }
  const update = parts.forClause?.childForFieldName('update');
  if (update) for (const name of identifiersIn(update)) counters.set(name, update);
  return counters;
}

/**
 * The comparisons of a loop counter with a limit inside the body (`if tries >= max { return err }`):
 * the path that takes one leaves because the attempts ran out, which is no success.
 */
export function budgetConditions(loop: SyntaxNode, parts: LoopParts): Set<number> {
  const ids = new Set<number>();
  if (!parts.body) return ids;
  const counters = loopCounters(loop, parts);
  if (counters.size === 0) return ids;
  for (const comparison of parts.body.descendantsOfType('binary_expression')) {
    if (!/^(<|<=|>|>=|==)$/.test(comparison.childForFieldName('operator')?.type ?? '')) continue;
    const left = comparison.childForFieldName('left');
    const right = comparison.childForFieldName('right');
    if ((left && counters.has(unparen(left).text)) || (right && counters.has(unparen(right).text))) ids.add(comparison.id);
  }
  return ids;
}

/** A small constant bound on the attempts: `i < 3` in the loop, or `if tries >= maxTries { ... }`. */
export function attemptBound(context: RuleContext<Options>, loop: SyntaxNode, parts: LoopParts): number | null {
  if (parts.range) {
    const right = parts.range.childForFieldName('right');
    return right ? constantValue(context, loop, right) : null;
  }
  const counters = loopCounters(loop, parts);
  let best: number | null = null;
  const comparisons = loop.descendantsOfType('binary_expression').filter((node) => /^(<|<=|>|>=)$/.test(node.childForFieldName('operator')?.type ?? ''));
  for (const comparison of comparisons) {
    const left = comparison.childForFieldName('left');
    const right = comparison.childForFieldName('right');
    if (!left || !right) continue;
    const [counter, limit] = counters.has(unparen(left).text) ? [left, right] : counters.has(unparen(right).text) ? [right, left] : [null, null];
    if (!counter || !limit) continue;
    let value = constantValue(context, loop, limit);
    if (value === null) continue;
    const operator = comparison.childForFieldName('operator')?.type ?? '';
    const counterOnLeft = counter === left;
    if (parts.condition && comparison.id === unparen(parts.condition).id) {
      // `i <= 5` in the loop's own condition, counting from zero, allows six attempts.
      if ((operator === '<=' && counterOnLeft) || (operator === '>=' && !counterOnLeft)) value += 1;
    } else if (/^>/.test(operator) === counterOnLeft) {
      // A check in the body that stops at the limit. When the counter is stepped after the check (by
      // the post statement, or later in the body), one more attempt runs: `for i := 0; ; i++ { try();
      // if i >= 5 { break } }` tries six times; a strict `>` lets one more through again.
      const step = counters.get(unparen(counter).text)!;
      const steppedBefore = step.type !== 'for_clause' && !contains(step, comparison) && step.endIndex <= comparison.startIndex && !!parts.body && contains(parts.body, step);
      if (!steppedBefore) value += 1;
      if (operator === '>' || operator === '<') value += 1;
    }
    if (value > 0 && (best === null || value < best)) best = value;
  }
  return best;
}

/**
 * A constant number: a literal, a package constant, or a constant declared in the enclosing function,
 * or a local variable set once to a constant and never changed (`retries := 3`).
 */
export function constantValue(context: RuleContext<Options>, loop: SyntaxNode, expression: SyntaxNode): number | null {
  const value = constantDuration(context.pkg, context.file, expression);
  if (value !== null || unparen(expression).type !== 'identifier') return value;
  const fn = enclosingFunction(loop);
  if (!fn) return null;
  const name = unparen(expression).text;
  for (const spec of nodesWithin(context.analyses.nodesOfType(context.file, 'const_spec'), fn)) {
    const names = spec.childrenForFieldName('name');
    const values = expressionListItems(spec.childForFieldName('value'));
    const index = names.findIndex((candidate) => candidate.text === name);
    if (index >= 0 && values[index]) return constantDuration(context.pkg, context.file, values[index]!);
  }
  const locals = scopeOf(context.analyses, fn).localsNamed(name);
  if (locals.length !== 1 || !locals[0]!.init || locals[0]!.count !== 1) return null;
  if (isReassigned(context.analyses, context.file, fn, name)) return null;
  return constantDuration(context.pkg, context.file, locals[0]!.init);
}
