// Constant durations and counts: the value in nanoseconds of `100 * time.Millisecond`, `shortDelay`
// (a package constant) or `time.Duration(3) * time.Second`. Names that are not constants are handed to
// an optional resolver, so a caller that knows more (a local assigned once, a field only ever set to a
// constant) can answer for them. It evaluates expressions only; what a duration means is the caller's.
import type { SyntaxNode } from '../parse/parser.js';
import type { SourceFile } from '../parse/source.js';
import { calleePath, callArguments, unparen } from '../parse/syntax.js';
import { importPathOf, type GoPackage } from '../index/package-index.js';

const DURATION_UNITS: Record<string, number> = {
  Nanosecond: 1,
  Microsecond: 1e3,
  Millisecond: 1e6,
  Second: 1e9,
  Minute: 60e9,
  Hour: 3600e9,
};

/** Answers for an expression the evaluator cannot: a number, or null when its value is not fixed. */
export type DurationResolver = (expression: SyntaxNode, file: SourceFile) => number | null;

/** Conversions that keep a number's value: `time.Duration(n)`, `uint(n)`, `int64(n)`. */
const NUMERIC_CONVERSION = /(^|\.)(Duration|u?int(8|16|32|64)?|float(32|64))$/;

/**
 * The value of a constant numeric or duration expression (durations in nanoseconds), or null. Package
 * constants are followed; other names, fields and calls go to `resolve` when one is given.
 */
export function constantDuration(pkg: GoPackage, file: SourceFile, expression: SyntaxNode, resolve?: DurationResolver, depth = 0): number | null {
  if (depth > 8) return null;
  const expr = unparen(expression);
  switch (expr.type) {
    case 'int_literal':
    case 'float_literal': {
      const value = Number(expr.text.replace(/_/g, ''));
      return Number.isFinite(value) ? value : null;
    }
    case 'selector_expression': {
      const operand = expr.childForFieldName('operand');
      const field = expr.childForFieldName('field')?.text ?? '';
      if (operand && importPathOf(pkg, file, operand.text) === 'time' && field in DURATION_UNITS) return DURATION_UNITS[field]!;
      return resolve ? resolve(expr, file) : null;
    }
    case 'identifier': {
      const value = pkg.values.get(expr.text);
      if (value?.isConst && value.valueNode) return constantDuration(pkg, value.file, value.valueNode, resolve, depth + 1);
      return resolve ? resolve(expr, file) : null;
    }
    case 'binary_expression': {
      const left = expr.childForFieldName('left');
      const right = expr.childForFieldName('right');
      const operator = expr.childForFieldName('operator')?.type;
      const a = left ? constantDuration(pkg, file, left, resolve, depth + 1) : null;
      const b = right ? constantDuration(pkg, file, right, resolve, depth + 1) : null;
      if (a === null || b === null) return null;
      if (operator === '*') return a * b;
      if (operator === '/') return b === 0 ? null : a / b;
      if (operator === '+') return a + b;
      if (operator === '-') return a - b;
      if (operator === '<<' && b < 64) return a * 2 ** b;
      return null;
    }
    case 'call_expression': {
      const path = calleePath(expr);
      const args = callArguments(expr);
      if (path && NUMERIC_CONVERSION.test(path) && args.length === 1) return constantDuration(pkg, file, args[0]!, resolve, depth + 1);
      return resolve ? resolve(expr, file) : null;
    }
    default:
      return null;
  }
}
