// The test-code variant of a finding: in a `_test.go` file, `if got == nil { t.Errorf(...) }` followed by
// `got.X` is a test that panics instead of failing with its message. Given a dereference the flow found,
// this finds the `t.Error` / `t.Errorf` call in the nil branch that let the path fall through, so that
// the finding can say "use t.Fatalf" and offer that edit. It reports nothing by itself, and it looks only
// at a branch that is the whole of an `if` (no `&&` / `||` chain), with the dereference after the `if`.
import type { SyntaxNode } from '../../src/parse/parser.js';
import { unparen } from '../../src/parse/syntax.js';
import type { NilFact } from './flow.js';
import { nilComparison } from './filter.js';

/** A `t.Error` / `t.Errorf` call that does not stop a test, and what stops it instead. */
export interface NonStoppingReport {
  /** The call expression. */
  call: SyntaxNode;
  /** The callee as written: `t.Errorf`. */
  callee: string;
  /** The method name node (`Errorf`), which the fix replaces. */
  method: SyntaxNode;
  /** `Fatalf` for `Errorf`, `Fatal` for `Error`. */
  replacement: string;
}

const REPORTING_METHODS: Record<string, string> = { Error: 'Fatal', Errorf: 'Fatalf' };
const FUNCTION_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/**
 * The last `t.Error(...)` / `t.Errorf(...)` statement of the nil branch behind `fact`, when the
 * dereference at `use` comes after that branch's `if` statement; null otherwise.
 */
export function nonStoppingReport(fact: NilFact, use: SyntaxNode): NonStoppingReport | null {
  const branch = nilBranchOf(fact);
  if (!branch || branch.type !== 'block' || use.startIndex < (branch.parent?.endIndex ?? Infinity)) return null;
  const statements = branch.firstNamedChild?.type === 'statement_list' ? branch.firstNamedChild.namedChildren : [];
  for (let index = statements.length - 1; index >= 0; index--) {
    const statement = statements[index]!;
    if (statement.type !== 'expression_statement') continue;
    const call = unparen(statement.firstNamedChild ?? statement);
    if (call.type !== 'call_expression') continue;
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'selector_expression') continue;
    const method = callee.childForFieldName('field');
    const receiver = callee.childForFieldName('operand');
    const replacement = method ? REPORTING_METHODS[method.text] : undefined;
    if (!method || !receiver || !replacement || !isTestingValue(receiver, call)) continue;
    return { call, callee: callee.text.replace(/\s+/g, ''), method, replacement };
  }
  return null;
}

/** The block that runs when the fact's check finds the path nil (or the error set), if the check is a whole `if` condition. */
function nilBranchOf(fact: NilFact): SyntaxNode | null {
  let nilOnTrue: boolean;
  if (fact.commaOk) {
    // `v, ok := x.(*T)`: v is nil where ok is false; the check is `ok` or `!ok`.
    nilOnTrue = false;
    for (let atom = unparen(fact.check); atom.type === 'unary_expression'; atom = unparen(atom.childForFieldName('operand')!)) nilOnTrue = !nilOnTrue;
  } else {
    const comparison = nilComparison(fact.check);
    if (!comparison) return null;
    // For the error contract the check is about the error: the value is nil where the error is not.
    nilOnTrue = fact.assign ? !comparison.equal : comparison.equal;
  }
  let condition = fact.check;
  for (let parent = condition.parent; parent; parent = condition.parent) {
    if (parent.type === 'parenthesized_expression') condition = parent;
    else if (parent.type === 'unary_expression' && parent.child(0)?.type === '!') {
      nilOnTrue = !nilOnTrue;
      condition = parent;
    } else break;
  }
  const statement = condition.parent;
  if (statement?.type !== 'if_statement' || statement.childForFieldName('condition')?.id !== condition.id) return null;
  return statement.childForFieldName(nilOnTrue ? 'consequence' : 'alternative');
}

/** True for `t` declared as `*testing.T` (or B, F, TB) by an enclosing function, and for `s.T()`. */
function isTestingValue(receiver: SyntaxNode, at: SyntaxNode): boolean {
  const value = unparen(receiver);
  if (value.type === 'call_expression') return /^[\w.]+\.T$/.test(value.childForFieldName('function')?.text ?? '') && value.childForFieldName('arguments')?.namedChildCount === 0;
  if (value.type !== 'identifier') return false;
  const declared = new RegExp(`(^|[(,\\s])${value.text}\\s+\\*?testing\\.(T|B|F|TB)\\b`);
  for (let fn: SyntaxNode | null = at.parent; fn; fn = fn.parent) {
    if (!FUNCTION_TYPES.has(fn.type)) continue;
    const parameters = fn.childForFieldName('parameters');
    if (parameters && declared.test(parameters.text)) return true;
  }
  return false;
}
