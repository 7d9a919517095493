// Nil checks that guard an operand of the same expression: in `x == nil && x.f > 0` the right operand
// runs only when x is nil, and so does the one after `x != nil ||`. This holds wherever the expression
// stands (a return value, an assignment, an argument, a composite literal, a condition), with no CFG:
// climbing from the comparison through parentheses, `!`, `&&` and `||` tells which later operands run
// only when the path is nil. By itself it reports nothing: flow.ts looks for dereferences in them.
import type { SyntaxNode } from '../../src/parse/parser.js';
import { nilComparison } from './filter.js';

/** `&&` or `||` right after a comparison, past blanks and closing parentheses. */
const JOINED_AFTER = /[\s)]*(?:&&|\|\|)/y;

/** An operand that runs only when `path` is nil, because of `check` earlier in its expression. */
export interface NilOperand {
  path: string;
  check: SyntaxNode;
  operand: SyntaxNode;
  /** The `&&` or `||` expression joining the check's side to the operand. */
  joined: SyntaxNode;
}

/**
 * The operands guarded by the nil comparisons at the given spans of `body` (offsets relative to it).
 * A comparison guards the right operand of an `&&` whose left side being true means the path is nil,
 * and of an `||` whose left side being false means it.
 */
export function nilGuardedOperands(body: SyntaxNode, text: string, comparisons: ReadonlyArray<{ start: number; end: number }>): NilOperand[] {
  const found: NilOperand[] = [];
  const base = body.startIndex;
  for (const span of comparisons) {
    // A comparison in the left operand of `&&` / `||` is followed by one, past blanks and `)`.
    JOINED_AFTER.lastIndex = span.end;
    if (!JOINED_AFTER.test(text)) continue;
    const check = body.namedDescendantForIndex(base + span.start, base + span.end - 1);
    if (check.type !== 'binary_expression') continue;
    const comparison = nilComparison(check);
    if (!comparison) continue;
    // What the value of `current` says about the path: nil when it is true, or when it is false.
    let nilIfTrue = comparison.equal;
    let nilIfFalse = !comparison.equal;
    let current = check;
    for (let parent = current.parent; parent && (nilIfTrue || nilIfFalse); current = parent, parent = parent.parent) {
      if (parent.type === 'parenthesized_expression') continue;
      if (parent.type === 'unary_expression') {
        if (parent.child(0)?.type !== '!') break;
        [nilIfTrue, nilIfFalse] = [nilIfFalse, nilIfTrue];
        continue;
      }
      if (parent.type !== 'binary_expression') break;
      const operator = parent.child(1)?.type;
      if (operator !== '&&' && operator !== '||') break;
      const left = parent.childForFieldName('left');
      const right = parent.childForFieldName('right');
      if (!left || !right) break;
      if (left.id === current.id && right && (operator === '&&' ? nilIfTrue : nilIfFalse)) {
        found.push({ path: comparison.path, check, operand: right, joined: parent });
      }
      // `a && b` is true only when both are; `a || b` is false only when both are.
      if (operator === '&&') nilIfFalse = false;
      else nilIfTrue = false;
    }
  }
  return found;
}
