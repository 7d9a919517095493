// The "may return nil" summary: for each same-package function whose last result is an `error`, the
// positions of the other results that some return statement leaves nil while the error is not the
// literal nil (`return nil, err`, `return nil, fmt.Errorf(...)`). `return g(...)` forwarding a call of a
// same-package function inherits g's positions, through wrappers of any depth (a fixpoint over the
// forwarding calls). Returns inside func literals belong to the literal and are ignored. A result returned as
// a variable that happens to be nil is not seen: the summary only says "may", never "never".
import { expressionListItems, isNil, unparen } from '../parse/syntax.js';
import type { FuncInfo } from '../index/package-index.js';
import { resolveCall } from './calls.js';
import { defineAnalysis } from './context.js';

export interface MayReturnNil {
  /** Bit i set: result i may be nil when the function returns a non-nil error. */
  positionsOf(fn: FuncInfo): number;
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
    /** Positions left nil by the function's own `return nil, err` statements. */
    own: number;
    /** Same-package functions whose results it returns as they are (`return g(...)`). */
    forwards: FuncInfo[];
  }
  const isCandidate = (fn: FuncInfo) => returnsValueAndError(fn) && !!fn.node.childForFieldName('body');
  const readReturns = (fn: FuncInfo): Returns => {
    const found = fn.node.descendantsOfType(['return_statement', 'func_literal']);
    const literals = found.filter((node) => node.type === 'func_literal');
    const count = fn.results.length;
    const returns: Returns = { own: 0, forwards: [] };
    for (const statement of found) {
      if (statement.type !== 'return_statement') continue;
      // Returns inside func literals belong to the literal.
      if (literals.some((literal) => literal.startIndex <= statement.startIndex && statement.endIndex <= literal.endIndex)) continue;
      const values = expressionListItems(statement.namedChildren.find((child) => child.type !== 'comment') ?? null);
      if (values.length === count) {
        if (isNil(values[count - 1])) continue;
        for (let index = 0; index < count - 1; index++) if (isNil(values[index])) returns.own |= 1 << index;
      } else if (values.length === 1 && unparen(values[0]!).type === 'call_expression') {
        const resolved = resolveCall(analyses, unparen(values[0]!), fn.node);
        if (resolved.kind === 'local' && resolved.via !== 'unique-name' && resolved.fn.results.length === count && isCandidate(resolved.fn)) returns.forwards.push(resolved.fn);
      }
    }
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
      const returns = readReturns(next);
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
  return { positionsOf };
});
