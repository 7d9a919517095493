// The "may return nil" summary: for each same-package function whose last result is an `error`, the
// positions of the other results that some return statement leaves nil while the error is not the
// literal nil (`return nil, err`, `return nil, fmt.Errorf(...)`). `return g(...)` forwarding a call of a
// same-package function inherits g's positions, through wrappers of any depth (a fixpoint over the
// call graph). Returns inside func literals belong to the literal and are ignored. A result returned as
// a variable that happens to be nil is not seen: the summary only says "may", never "never".
import type { SyntaxNode } from '../parse/parser.js';
import { expressionListItems, isNil, unparen } from '../parse/syntax.js';
import type { FuncInfo } from '../index/package-index.js';
import { resolveCall, solveSummaries } from './calls.js';
import { defineAnalysis } from './context.js';

export interface MayReturnNil {
  /** Bit i set: result i may be nil when the function returns a non-nil error. */
  positionsOf(fn: FuncInfo): number;
}

/** True when a function's results end in `error` and there is at least one other result. */
export function returnsValueAndError(fn: FuncInfo): boolean {
  return fn.results.length >= 2 && fn.results[fn.results.length - 1]!.typeText === 'error';
}

/** The may-return-nil summary of the package. */
export const mayReturnNil = defineAnalysis('may-return-nil', (analyses): MayReturnNil => {
  const candidates = analyses.pkg.functions.filter((fn) => returnsValueAndError(fn) && fn.node.childForFieldName('body'));
  const returnsOf = new Map<FuncInfo, SyntaxNode[]>();
  for (const fn of candidates) {
    const found = fn.node.descendantsOfType(['return_statement', 'func_literal']);
    const literals = found.filter((node) => node.type === 'func_literal');
    returnsOf.set(
      fn,
      found.filter((node) => node.type === 'return_statement' && !literals.some((literal) => literal.startIndex <= node.startIndex && node.endIndex <= literal.endIndex)),
    );
  }
  const facts = solveSummaries<number>(analyses, {
    initial: 0,
    equal: (a, b) => a === b,
    seeds: candidates,
    compute(fn, factOf) {
      const returns = returnsOf.get(fn);
      if (!returns) return 0;
      const count = fn.results.length;
      let positions = 0;
      for (const statement of returns) {
        const values = expressionListItems(statement.namedChildren.find((child) => child.type !== 'comment') ?? null);
        if (values.length === count) {
          if (isNil(values[count - 1])) continue;
          for (let index = 0; index < count - 1; index++) if (isNil(values[index])) positions |= 1 << index;
        } else if (values.length === 1 && unparen(values[0]!).type === 'call_expression') {
          const resolved = resolveCall(analyses, unparen(values[0]!), fn.node);
          if (resolved.kind === 'local' && resolved.via !== 'unique-name' && resolved.fn.results.length === count) positions |= factOf(resolved.fn);
        }
      }
      return positions;
    },
  });
  return { positionsOf: (fn) => facts.get(fn) ?? 0 };
});
