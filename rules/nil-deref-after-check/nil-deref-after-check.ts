// nil-deref-after-check: reports a dereference of a variable or field path at a point where the code's
// own nil check says it may be nil (inside the nil branch, or after a nil branch that falls through),
// and the error-contract variant: `v, err := f()`, an `err != nil` branch that does not stop, then a
// use of v. The flow facts come from flow.ts (after the prefilters in filter.ts skip most functions);
// this file words the findings and, in an editor, reuses them per function.
// Values never compared with nil are left alone.
import type { SyntaxNode } from '../../src/parse/parser.js';
import { defineRule } from '../../src/engine/rule.js';
import { CfgTooDeepError } from '../../src/cfg/cfg.js';
import { answersAlike, nilDereferences, type NilDereference } from './flow.js';
import { calleePath, expressionListItems, firstAtOrAfter, nodesInRange, outermostParen, unparen } from '../../src/parse/syntax.js';
import { functionsByFile, functionsByNode } from '../../src/analysis/functions.js';
import { checkReusing } from './reuse.js';
import type { SourceFile } from '../../src/parse/source.js';
import type { Severity, SuggestedFix } from '../../src/diagnostic.js';
import { nonStoppingReport } from './tests.js';

export const nilDerefAfterCheck = defineRule({
  id: 'nil-deref-after-check',
  severity: 'error',
  category: 'correctness',
  docs: {
    summary:
      'Reports a pointer, interface or field path that is dereferenced where the code has just compared it with nil ' +
      'and found it nil, or after a nil (or error) branch that falls through.',
    why:
      'A dereference inside the branch that proved the value nil panics every time that branch runs, which is ' +
      'usually the rare, unhappy path nobody tested. The Kubernetes scheduler crashed with "invalid memory address ' +
      'or nil pointer dereference" on `if node == nil { return NewStatus(Error, fmt.Sprintf("node not found: %s", ' +
      'node.Name)) }`. The same shape hides in nil branches that only log and fall through, and in `if err != nil ' +
      '{ log(...) }` without a `return` followed by a use of the result that is nil whenever err is set. The rule ' +
      'follows each check along the control-flow graph: assignments, `&x`, calls that may change a field path, ' +
      'redeclarations and never-returning calls (panic, os.Exit, log.Fatal, t.Fatal, wrappers) end the fact. It also ' +
      'reads a check and a use in one expression (`x == nil && x.f`), the error compared as `err == nil`, in a ' +
      'switch, with `errors.Is` or through a copy, `v, ok := x.(*T)` with a test of ok, nil pointers to arrays ' +
      '(indexed, sliced, ranged with a value), assertions on nil interfaces, writes to nil maps, and loops that ' +
      'end with the path nil. A value that cannot be nil (`new(T)`, `&x`, a literal) has no nil branch, and a ' +
      'same-package callee that returns nil only for a nil or empty argument is judged by the call\'s arguments. ' +
      'A call into another package whose source is on disk (the same module, a `replace`, `vendor/`, the module ' +
      'cache or GOPATH; not the standard library) is judged by that function\'s own returns: one that hands back a ' +
      'default or partial result with its error is not reported, one that returns nil with it is; without the ' +
      'source, the result is taken to be nil whenever the error is set. ' +
      'In a `_test.go` file, a nil branch that only calls `t.Errorf` or `t.Error` and falls through is reported at ' +
      'that call as a warning, with a fix to `t.Fatalf` / `t.Fatal`: the test panics instead of failing with its ' +
      'message. `tests: false` in the config (or `--tests=false`) skips test files for every rule.',
    bad: [
      'package p',
      '',
      'import "fmt"',
      '',
      'type Node struct{ Name string }',
      '',
      'func describe(node *Node) string {',
      '\tif node == nil {',
      '\t\treturn fmt.Sprintf("node not found: %s", node.Name)',
      '\t}',
      '\treturn node.Name',
      '}',
      '',
    ].join('\n'),
    good: [
      'package p',
      '',
      'import "fmt"',
      '',
      'type Node struct{ Name string }',
      '',
      'func describe(node *Node, name string) string {',
      '\tif node == nil {',
      '\t\treturn fmt.Sprintf("node not found: %s", name)',
      '\t}',
      '\treturn node.Name',
      '}',
      '',
    ].join('\n'),
  },
  defaultOptions: {},
  nodeTypes: ['function_declaration', 'method_declaration', 'func_literal'],
  create(context) {
    const { analyses, file } = context;
    /** The dereferences found in one function (declaration or literal); null when it could not be analysed. */
    const dereferencesOf = (fn: SyntaxNode): NilDereference[] | null => {
      try {
        return nilDereferences(analyses, fn);
      } catch (error) {
        if (error instanceof CfgTooDeepError) return null;
        throw error;
      }
    };
    const check = (fn: SyntaxNode) => {
      for (const finding of describeAll(dereferencesOf(fn) ?? [], file)) context.report(finding);
    };
    if (!analyses.incremental) return { function_declaration: check, method_declaration: check, func_literal: check };

    // In an editor the package is linted again on every edit: a top-level function is checked together
    // with its func literals, and what they dereference is moved from the previous lint while the
    // function and what its check asked about the rest of the package stay the same (reuse.ts).
    const byId = analyses.get(functionsByNode);
    const declarations = (analyses.get(functionsByFile).get(file) ?? []).map((fn) => fn.node);
    const insideFunction = (node: SyntaxNode): boolean => {
      // The last declaration starting at or before the node is the only one that can hold it.
      const holder = declarations[firstAtOrAfter(declarations, node.startIndex + 1) - 1];
      return !!holder && holder.endIndex >= node.endIndex;
    };
    const checkFunction = (node: SyntaxNode) => {
      const info = byId.get(node.id);
      if (!info) return check(node);
      let checked: Array<NilDereference[] | null> = [];
      const found = checkReusing(analyses, info, (question) => answersAlike(analyses, question), () => {
        checked = [node, ...nodesInRange(analyses.nodesOfType(file, 'func_literal'), node.startIndex, node.endIndex)].map(dereferencesOf);
        return checked.every((list) => list !== null) ? (checked as NilDereference[][]) : null;
      });
      // A body too deeply nested to analyse has no findings (and its function is checked again next time).
      for (const list of found ?? checked) for (const finding of describeAll(list ?? [], file)) context.report(finding);
    };
    return {
      function_declaration: checkFunction,
      method_declaration: checkFunction,
      func_literal: (literal) => {
        if (!insideFunction(literal)) check(literal);
      },
    };
  },
});

function lineOf(node: SyntaxNode): number {
  return node.startPosition.row + 1;
}

interface Finding {
  node: SyntaxNode;
  message: string;
  severity?: Severity;
  related: Array<{ node: SyntaxNode; message: string }>;
  fixes?: SuggestedFix[];
}

/**
 * The findings for one function's dereferences. In a test file, a nil branch that only calls
 * `t.Errorf` and falls through is reported once, at that call, as a warning with the Fatalf fix.
 */
function describeAll(dereferences: NilDereference[], file: SourceFile): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<number>();
  for (const dereference of dereferences) {
    const report = file.isTest ? nonStoppingReport(dereference.fact, dereference.node) : null;
    if (!report) {
      findings.push(describe(dereference));
      continue;
    }
    if (reported.has(report.call.id)) continue;
    reported.add(report.call.id);
    const { path, text, fact } = dereference;
    const stopper = `${report.callee.slice(0, report.callee.lastIndexOf('.') + 1)}${report.replacement}`;
    const when = fact.commaOk
      ? `the type assertion fails (${path} is nil then)`
      : fact.errPath
        ? `${fact.errPath} is not nil (${path} is nil then)`
        : `${path} is nil`;
    findings.push({
      node: report.call,
      message: `${report.callee} does not stop the test; ${text} on line ${lineOf(dereference.node)} panics when ${when} — use ${stopper}`,
      severity: 'warning',
      related: [
        { node: dereference.node, message: `${text} dereferences ${path} here` },
        { node: fact.check, message: fact.errPath ? `${fact.errPath} is checked here` : `${path} is compared with nil here` },
      ],
      fixes: [
        {
          message: `use ${stopper}`,
          edits: [{ file: file.path, startIndex: report.method.startIndex, endIndex: report.method.endIndex, newText: report.replacement }],
        },
      ],
    });
  }
  return findings;
}

function describe(dereference: NilDereference): Finding {
  const { path, text, fact } = dereference;
  const line = lineOf(fact.check);
  if (fact.commaOk && fact.assign) {
    const ok = fact.errPath!;
    const message = fact.certain
      ? `${path} is nil here because the type assertion at line ${lineOf(fact.assign)} failed (${ok} is false, checked at line ${line}) and ${text} dereferences it; use ${path} only when ${ok} is true`
      : `${path} may be nil here because the ${ok} check at line ${line} lets a failed type assertion through and ${text} dereferences it; return in that branch`;
    return {
      node: dereference.node,
      message,
      related: [
        { node: fact.assign, message: `${path} and ${ok} are assigned here` },
        { node: fact.check, message: `${ok} is checked here` },
      ],
    };
  }
  if (fact.assign && fact.errPath) {
    const err = fact.errPath;
    const callee = calleeOf(fact.assign);
    const source = callee ? `${callee} returns it nil with an error` : 'it is nil when the call fails';
    const message = fact.certain
      ? `${path} is nil here because ${err} is not nil (checked at line ${line}; ${source}) and ${text} dereferences it; ` +
        `don't use ${path} when ${err} != nil`
      : `${path} may be nil here because the ${err} != nil branch at line ${line} does not return (${source}) and ` +
        `${text} dereferences it; return or continue in that branch`;
    const end = fact.certain ? null : fallThroughEnd(fact.check, '!=');
    return {
      node: dereference.node,
      message,
      related: [
        { node: fact.assign, message: `${path} and ${err} are assigned here` },
        { node: fact.check, message: `${err} is checked here` },
        ...(end ? [{ node: end, message: `the ${err} != nil branch ends here without returning` }] : []),
      ],
    };
  }
  if (fact.joined) {
    const left = fact.joined.childForFieldName('left')!;
    const operator = fact.joined.child(1)?.type;
    const message =
      `${path} is nil here (this operand runs only when ${compact(left.text)} at line ${line} is ${operator === '&&' ? 'true' : 'false'}) ` +
      `and ${text} dereferences it; guard it with ${path} != nil && or ${path} == nil || instead`;
    return { node: dereference.node, message, related: [{ node: fact.check, message: `${path} is compared with nil here` }] };
  }
  const message = fact.certain
    ? `${path} is nil here (checked at line ${line}) and ${text} dereferences it; use another value in the nil branch or return before this use`
    : `${path} may be nil here (checked at line ${line}, and that path does not return or reassign it) and ${text} dereferences it; ` +
      `return in the nil branch or give ${path} a value`;
  const end = fact.certain ? null : fallThroughEnd(fact.check, '==');
  return {
    node: dereference.node,
    message,
    related: [{ node: fact.check, message: `${path} is compared with nil here` }, ...(end ? [{ node: end, message: 'the nil branch ends here without returning' }] : [])],
  };
}

/**
 * The closing brace of the branch a fall-through fact leaves through: for `x == nil` (or `err != nil`)
 * as an if's whole condition, the end of its body. Pointing there keeps the finding tied to the place
 * a deleted `return` was (so `--new-from-rev` sees the change); other shapes get no such location.
 */
function fallThroughEnd(check: SyntaxNode, operator: '==' | '!='): SyntaxNode | null {
  const comparison = unparen(check);
  if (comparison.type !== 'binary_expression' || comparison.childForFieldName('operator')?.type !== operator) return null;
  const condition = outermostParen(check);
  const statement = condition.parent;
  if (statement?.type !== 'if_statement' || statement.childForFieldName('condition')?.id !== condition.id) return null;
  const body = statement.childForFieldName('consequence');
  const brace = body?.lastChild;
  return brace?.type === '}' ? brace : null;
}

/** One-line text of an expression for messages. */
function compact(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

function calleeOf(assign: SyntaxNode): string | null {
  const right = expressionListItems(assign.childForFieldName('right'))[0];
  if (!right) return null;
  const call = unparen(right);
  if (call.type !== 'call_expression') return null;
  const path = calleePath(call);
  if (path) return `${path}()`;
  // A call on a call's result (`New("t").Parse(text)`): name the method.
  const name = /\.\s*([A-Za-z_]\w*)\s*$/.exec(call.childForFieldName('function')?.text ?? '');
  return name ? `${name[1]}()` : null;
}
