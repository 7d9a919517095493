// Which loops are hot enough for an invariant expensive call to matter: not those with a small constant
// bound (`i < 3`, a range over a short literal or a small array), not `x.Loop()` loops, not a
// benchmark's `i < b.N`. Polling (a loop that waits) is judged by the caller through waits.ts.

import type { SyntaxNode } from '../../src/parse/parser.js';
import { unparen } from '../../src/parse/syntax.js';
import type { GoPackage } from '../../src/index/package-index.js';
import type { FunctionScope } from '../../src/analysis/types.js';

/** Loops with a constant bound at most this are too short to matter. */
const SMALL_BOUND = 10;

/** False for loops with a small constant bound, `x.Loop()` loops and benchmark loops; polling is judged by the caller. */
export function isHotLoop(loop: SyntaxNode, pkg: GoPackage, scope: FunctionScope | null): boolean {
  const header = loop.namedChild(0);
  if (!header) return true;
  if (/^\w+\.Loop\(\)$/.test(header.text)) return false;
  if (header.type === 'range_clause') {
    const right = header.childForFieldName('right');
    return !right || !isSmallCollection(right, pkg, scope);
  }
  if (header.type === 'for_clause') {
    const condition = header.childForFieldName('condition');
    // A benchmark's `i < b.N` loop repeats the work on purpose.
    if (condition && /<\s*\w+\.N$/.test(condition.text.trim())) return false;
    if (condition && unparen(condition).type === 'binary_expression') {
      const expr = unparen(condition);
      const operator = expr.childForFieldName('operator')?.text ?? '';
      const left = expr.childForFieldName('left');
      const right = expr.childForFieldName('right');
      if ((operator === '<' || operator === '<=') && right && isSmallConstant(right, pkg)) return false;
      if ((operator === '>' || operator === '>=') && left && isSmallConstant(left, pkg)) return false;
      if ((operator === '>' || operator === '>=') && right && /^0$/.test(right.text)) {
        const init = header.childForFieldName('initializer');
        const value = init?.childForFieldName('right')?.namedChild(0);
        if (value && isSmallConstant(value, pkg)) return false;
      }
    }
  }
  return true;
}

function isSmallConstant(node: SyntaxNode, pkg: GoPackage): boolean {
  const expr = unparen(node);
  if (expr.type === 'int_literal') return Number(expr.text.replace(/_/g, '')) <= SMALL_BOUND;
  if (expr.type === 'identifier') {
    const value = pkg.values.get(expr.text);
    return !!value?.isConst && !!value.valueNode && value.valueNode.type === 'int_literal' && Number(value.valueNode.text.replace(/_/g, '')) <= SMALL_BOUND;
  }
  return false;
}

function isSmallCollection(node: SyntaxNode, pkg: GoPackage, scope: FunctionScope | null): boolean {
  const expr = unparen(node);
  if (expr.type === 'int_literal' || expr.type === 'identifier') {
    if (isSmallConstant(expr, pkg)) return true;
  }
  if (expr.type === 'composite_literal') return elementCount(expr) <= SMALL_BOUND;
  if (expr.type === 'identifier' && scope?.declares(expr.text)) {
    const init = scope.localAt(expr.text, expr.startIndex)?.init;
    if (!init) return false;
    const value = unparen(init);
    if (value.type === 'composite_literal') return elementCount(value) <= SMALL_BOUND;
    // `parts := make([]string, 2)`
    if (value.type === 'call_expression' && value.childForFieldName('function')?.text === 'make') {
      const size = value.childForFieldName('arguments')?.namedChildren[1];
      return !!size && isSmallConstant(size, pkg);
    }
    return false;
  }
  if (expr.type === 'identifier') {
    const value = pkg.values.get(expr.text);
    if (value?.valueNode && unparen(value.valueNode).type === 'composite_literal') return elementCount(unparen(value.valueNode)) <= SMALL_BOUND;
  }
  return false;
}

function elementCount(literal: SyntaxNode): number {
  const body = literal.childForFieldName('body');
  return body ? body.namedChildren.filter((child) => child.type !== 'comment').length : 0;
}
