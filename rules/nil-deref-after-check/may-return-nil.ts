// The "may return nil" summary: for each same-package function whose last result is an `error`, the
// positions of the other results that some return statement leaves nil while the error is not the
// literal nil (`return nil, err`, `return nil, fmt.Errorf(...)`). `return g(...)` forwarding a call of a
// same-package function inherits g's positions, through wrappers of any depth (a fixpoint over the
// forwarding calls); `v, err := g(...)` right before `return v, err` forwards as well. A forward into
// another package (`return other.F(...)`) takes F's summary from F's own source when it is on disk
// (src/engine/imports.ts reads it), and otherwise assumes every result but the error may be nil, as for
// any call whose source is not there. Returns inside func literals belong to the literal and are
// ignored. A result returned as a variable that happens to be nil is not seen: the summary only says
// "may", never "never".
//
// A `return nil, err` inside `if p == nil { ... }` (or `p == ""`, `len(p) == 0`, or an `||` of these) about
// a parameter the function never assigns happens only for such an argument: the summary keeps that
// guard, so a call passing `&T{}` or `"name"` there can be told apart (`positionsWhen`).
import type { SyntaxNode } from '../../src/parse/parser.js';
import { expressionListItems, isNil, unparen } from '../../src/parse/syntax.js';
import type { FuncInfo } from '../../src/index/package-index.js';
import { resolveCall, type ResolvedCall } from '../../src/analysis/calls.js';
import { importedFunction } from '../../src/analysis/imported.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { defineAnalysis } from '../../src/analysis/context.js';

export interface MayReturnNil {
  /** Bit i set: result i may be nil when the function returns a non-nil error. */
  positionsOf(fn: FuncInfo): number;
  /** The same for a call whose arguments rule out some guards: returns behind those are left out. */
  positionsWhen(fn: FuncInfo, ruledOut: (guard: NilGuard) => boolean): number;
  /** What positionsWhen answers for a function rest on, as text: two equal keys answer alike whatever is ruled out. */
  summaryKey(fn: FuncInfo): string;
}

/** A condition on a parameter under which a `return nil, err` runs: the argument is nil, or empty. */
export interface NilGuard {
  param: number;
  kind: 'nil' | 'empty';
}

/** True when a function's results end in `error` and there is at least one other result. */
export function returnsValueAndError(fn: FuncInfo): boolean {
  return fn.results.length >= 2 && fn.results[fn.results.length - 1]!.typeText === 'error';
}

/**
 * The may-return-nil summary of the package, on demand: a function's answer needs only the functions
 * its `return g(...)` statements forward to, transitively. Those are gathered first, then solved
 * together by a fixpoint (forwarding may be recursive), and every answer found is kept.
 */
export const mayReturnNil = defineAnalysis('may-return-nil', (analyses): MayReturnNil => {
  const solved = new Map<FuncInfo, number>();
  interface Returns {
    /** Positions left nil by the function's own `return nil, err` statements, guarded ones included. */
    own: number;
    /** Positions left nil by returns that run under no guard. */
    unguarded: number;
    /** Positions left nil by returns under a guard (any one of `guards` holding). */
    guarded: Array<{ positions: number; guards: NilGuard[] }>;
    /** Same-package functions whose results it returns as they are (`return g(...)`). */
    forwards: FuncInfo[];
  }
  const isCandidate = (fn: FuncInfo) => returnsValueAndError(fn) && !!fn.node.childForFieldName('body');
  const readReturns = (fn: FuncInfo): Returns => {
    const found = fn.node.descendantsOfType(['return_statement', 'func_literal']);
    const literals = found.filter((node) => node.type === 'func_literal');
    const count = fn.results.length;
    const returns: Returns = { own: 0, unguarded: 0, guarded: [], forwards: [] };
    for (const statement of found) {
      if (statement.type !== 'return_statement') continue;
      // Returns inside func literals belong to the literal.
      if (literals.some((literal) => literal.startIndex <= statement.startIndex && statement.endIndex <= literal.endIndex)) continue;
      const values = expressionListItems(statement.namedChildren.find((child) => child.type !== 'comment') ?? null);
      let forwarded: SyntaxNode | null = null;
      if (values.length === count) {
        if (isNil(values[count - 1])) continue;
        let positions = 0;
        for (let index = 0; index < count - 1; index++) if (isNil(values[index])) positions |= 1 << index;
        if (positions === 0) {
          forwarded = assignedJustBefore(statement, values);
          if (!forwarded) continue;
        } else {
          returns.own |= positions;
          const guards = guardsOf(statement, fn);
          if (guards) returns.guarded.push({ positions, guards });
          else returns.unguarded |= positions;
        }
      } else if (values.length === 1 && unparen(values[0]!).type === 'call_expression') forwarded = unparen(values[0]!);
      if (forwarded) {
        const resolved = resolveCall(analyses, forwarded, fn.node);
        if (resolved.kind === 'local' && resolved.via !== 'unique-name' && resolved.fn.results.length === count && isCandidate(resolved.fn)) returns.forwards.push(resolved.fn);
        else if (resolved.kind === 'external') {
          const positions = forwardedAcross(analyses, resolved, count);
          returns.own |= positions;
          returns.unguarded |= positions;
        }
      }
    }
    return returns;
  };
  const read = new Map<FuncInfo, Returns>();
  const returnsOf = (fn: FuncInfo): Returns => {
    let returns = read.get(fn);
    if (!returns) read.set(fn, (returns = readReturns(fn)));
    return returns;
  };
  const positionsOf = (fn: FuncInfo): number => {
    const known = solved.get(fn);
    if (known !== undefined) return known;
    if (!isCandidate(fn)) return 0;
    const pending = new Map<FuncInfo, Returns>();
    const stack = [fn];
    for (let next = stack.pop(); next; next = stack.pop()) {
      if (pending.has(next) || solved.has(next)) continue;
      const returns = returnsOf(next);
      pending.set(next, returns);
      stack.push(...returns.forwards);
    }
    const value = new Map<FuncInfo, number>();
    for (const [member, returns] of pending) value.set(member, returns.own);
    for (let changed = true; changed; ) {
      changed = false;
      for (const [member, returns] of pending) {
        let positions = value.get(member)!;
        for (const callee of returns.forwards) positions |= value.get(callee) ?? solved.get(callee) ?? 0;
        if (positions !== value.get(member)) {
          value.set(member, positions);
          changed = true;
        }
      }
    }
    for (const [member, positions] of value) solved.set(member, positions);
    return value.get(fn)!;
  };
  const positionsWhen = (fn: FuncInfo, ruledOut: (guard: NilGuard) => boolean): number => {
    if (!isCandidate(fn)) return 0;
    const returns = returnsOf(fn);
    let positions = returns.unguarded;
    for (const callee of returns.forwards) positions |= positionsOf(callee);
    for (const entry of returns.guarded) if (!entry.guards.every(ruledOut)) positions |= entry.positions;
    return positions;
  };
  const summaryKey = (fn: FuncInfo): string => {
    if (!isCandidate(fn)) return '';
    const returns = returnsOf(fn);
    let positions = returns.unguarded;
    for (const callee of returns.forwards) positions |= positionsOf(callee);
    return `${positions}|${returns.guarded.map((entry) => `${entry.positions}:${entry.guards.map((guard) => `${guard.param}${guard.kind}`).join(',')}`).join(';')}`;
  };
  return { positionsOf, positionsWhen, summaryKey };
});

/**
 * The call whose results a return statement hands back unchanged because they were assigned on the
 * statement just before it (`v, err := c.Do(req)` then `return v, err`): the same as `return c.Do(req)`.
 * A value changed in between (`if err != nil { v = fallback }`) is not this case.
 */
function assignedJustBefore(statement: SyntaxNode, values: SyntaxNode[]): SyntaxNode | null {
  if (!values.every((value) => value.type === 'identifier' && value.text !== '_')) return null;
  let previous = statement.previousNamedSibling;
  while (previous?.type === 'comment') previous = previous.previousNamedSibling;
  if (previous?.type !== 'short_var_declaration' && previous?.type !== 'assignment_statement') return null;
  const left = expressionListItems(previous.childForFieldName('left'));
  const right = expressionListItems(previous.childForFieldName('right'));
  if (left.length !== values.length || right.length !== 1 || !left.every((item, index) => item.text === values[index]!.text)) return null;
  const call = unparen(right[0]!);
  return call.type === 'call_expression' ? call : null;
}

/** How many summaries of other packages are being read, one inside another; a cycle of imports stops it. */
let depthAcross = 0;

/**
 * The positions `return other.F(...)` leaves nil: F's own summary when its source is on disk (read in
 * its package), else every position but the error, as for any call whose source is not there.
 */
function forwardedAcross(analyses: PackageAnalyses, resolved: ResolvedCall, count: number): number {
  const all = (1 << (count - 1)) - 1;
  if (depthAcross >= 8) return all;
  const imported = importedFunction(analyses, resolved);
  if (!imported) return all;
  if (!imported.fn.node.childForFieldName('body') || !returnsValueAndError(imported.fn) || imported.fn.results.length !== count) return all;
  depthAcross++;
  try {
    return imported.analyses.get(mayReturnNil).positionsOf(imported.fn);
  } finally {
    depthAcross--;
  }
}

/**
 * The guards under which a return statement runs: the condition of the innermost `if` whose then block
 * holds it, when that is `p == nil`, `p == ""` or `len(p) == 0` (or an `||` of these) for parameters
 * the function never assigns. Null when the return runs under no such guard.
 */
function guardsOf(statement: SyntaxNode, fn: FuncInfo): NilGuard[] | null {
  let branch: SyntaxNode | null = statement.parent;
  while (branch && branch.type !== 'block') branch = branch.parent;
  const ifStatement = branch?.parent;
  if (!branch || ifStatement?.type !== 'if_statement' || ifStatement.childForFieldName('consequence')?.id !== branch.id) return null;
  const condition = ifStatement.childForFieldName('condition');
  if (!condition) return null;
  const atoms: SyntaxNode[] = [];
  const collect = (node: SyntaxNode): boolean => {
    const expression = unparen(node);
    if (expression.type === 'binary_expression' && expression.child(1)?.type === '||') {
      return collect(expression.childForFieldName('left')!) && collect(expression.childForFieldName('right')!);
    }
    atoms.push(expression);
    return true;
  };
  collect(condition);
  const guards: NilGuard[] = [];
  const body = fn.node.childForFieldName('body')?.text ?? '';
  for (const atom of atoms) {
    const guard = guardOf(atom, fn);
    if (!guard) return null;
    const name = fn.params[guard.param]!.name!;
    if (new RegExp(`(^|[^\\w.&])${name}\\s*(,[^=]*)?:?=[^=]|&\\s*${name}\\b`).test(body)) return null;
    guards.push(guard);
  }
  return guards.length > 0 ? guards : null;
}

/** `p == nil`, `p == ""` and `len(p) == 0` for a parameter p (not variadic). */
function guardOf(atom: SyntaxNode, fn: FuncInfo): NilGuard | null {
  if (atom.type !== 'binary_expression' || atom.child(1)?.type !== '==') return null;
  let left = unparen(atom.childForFieldName('left')!);
  let right = unparen(atom.childForFieldName('right')!);
  if (left.type !== 'identifier' && left.type !== 'call_expression') [left, right] = [right, left];
  let kind: NilGuard['kind'];
  let name: string;
  if (left.type === 'identifier' && isNil(right)) [kind, name] = ['nil', left.text];
  else if (left.type === 'identifier' && /^(""|``)$/.test(right.text)) [kind, name] = ['empty', left.text];
  else if (left.type === 'call_expression' && right.text === '0' && /^len\s*\(/.test(left.text)) {
    const argument = left.childForFieldName('arguments')?.namedChildren[0];
    if (argument?.type !== 'identifier') return null;
    [kind, name] = ['empty', argument.text];
  } else return null;
  const param = fn.params.findIndex((candidate) => candidate.name === name);
  if (param < 0 || fn.params[param]!.typeText.startsWith('...')) return null;
  return { param, kind };
}
