// http-server-no-timeout: reports HTTP servers that let a client hold a connection open forever: an
// `http.Server` (literal, `new` or `var`) with neither `ReadHeaderTimeout` nor `ReadTimeout`, counting
// fields assigned after construction anywhere along the server's path (its variable, the struct field
// it is stored in, the callers of the function returning it), and the package functions
// `http.ListenAndServe`, `ListenAndServeTLS`, `Serve` and `ServeTLS`, which cannot set timeouts at all.
import type { SyntaxNode } from '../../src/parse/parser.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import type { SuggestedFix } from '../../src/diagnostic.js';
import { callArguments, callStartsWith, enclosingFunction, unparen } from '../../src/parse/syntax.js';
import {
  holderOfName,
  importNames,
  isImportedType,
  isZeroLiteral,
  literalFields,
  traceValue,
  type Holder,
} from '../../src/analysis/struct-literals.js';
import { addFieldEdits, replaceNodeEdit, withImport } from '../../src/fix/edits.js';
import { scopeOf } from '../../src/analysis/types.js';
import { isTestCode } from '../../src/index/test-code.js';

interface Options {
  /** The `ReadHeaderTimeout` the suggested fix writes, as Go code. */
  readHeaderTimeout: string;
  /** Stay quiet in `_test.go` files and test-helper packages (`httptest`, `testutil`). */
  ignoreTests: boolean;
}

const READ_TIMEOUTS = ['ReadHeaderTimeout', 'ReadTimeout'];
const SERVE_FUNCTIONS = new Set(['ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS']);
/** How every call the rule checks starts: `new(` or `pkg.ListenAndServe(` and the like. */
const SERVER_CALL_HEAD = /^(?:new\s*\(|[\p{L}_][\p{L}\p{N}_]*\s*\.\s*(?:ListenAndServe|ListenAndServeTLS|Serve|ServeTLS)[\s)]*\()/u;

export const httpServerNoTimeout = defineRule<Options>({
  id: 'http-server-no-timeout',
  severity: 'warning',
  category: 'reliability',
  docs: {
    summary:
      'Reports an `http.Server` with neither `ReadHeaderTimeout` nor `ReadTimeout`, and `http.ListenAndServe`, ' +
      '`ListenAndServeTLS`, `Serve` and `ServeTLS`, which serve with no timeouts at all.',
    why:
      'A server without a read timeout lets a client open a connection and send its headers one byte at a time, ' +
      'or never; each such connection holds a goroutine and a file descriptor forever (the Slowloris attack), and ' +
      'enough of them exhaust the process. The zero value of every `http.Server` timeout means "no timeout", and the ' +
      'package-level `http.ListenAndServe` and `http.Serve` use a zero `http.Server`, so they cannot be given one. ' +
      'Timeouts assigned after construction (`srv.ReadHeaderTimeout = d`) count; tests are skipped.',
    bad: [
      'package health',
      '',
      'import "net/http"',
      '',
      'func Serve(addr string, handler http.Handler) error {',
      '\treturn http.ListenAndServe(addr, handler)',
      '}',
      '',
    ].join('\n'),
    good: [
      'package health',
      '',
      'import (',
      '\t"net/http"',
      '\t"time"',
      ')',
      '',
      'func Serve(addr string, handler http.Handler) error {',
      '\tsrv := &http.Server{Addr: addr, Handler: handler, ReadHeaderTimeout: 10 * time.Second}',
      '\treturn srv.ListenAndServe()',
      '}',
      '',
    ].join('\n'),
    options: [
      '- `readHeaderTimeout` (string, default `"10 * time.Second"`): the duration the suggested fix writes, as Go code.',
      '- `ignoreTests` (boolean, default `true`): skip `_test.go` files and test-helper packages such as `httptest`.',
    ].join('\n'),
  },
  defaultOptions: { readHeaderTimeout: '10 * time.Second', ignoreTests: true },
  create(context) {
    const { file, pkg, options } = context;
    if (options.ignoreTests && isTestCode(file, pkg.name)) return {};
    if (!file.text.includes('"net/http"')) return {};
    const httpNames = importNames(pkg, file, 'net/http');
    if (httpNames.length === 0) return {};
    return {
      composite_literal(literal) {
        if (!isImportedType(pkg, file, literal.childForFieldName('type'), 'net/http', 'Server')) return;
        const fields = literalFields(literal);
        const present = READ_TIMEOUTS.map((name) => fields.get(name)).filter((field) => !!field);
        if (present.some((field) => !isZeroLiteral(field!.value))) return;
        const zero = fields.get('ReadHeaderTimeout')?.value ?? null;
        checkServer(context, literal, literal, literal.childForFieldName('type')!.text.replace(/\s+/g, ''), undefined, zero);
      },
      call_expression(call) {
        if (!callStartsWith(call, SERVER_CALL_HEAD)) return;
        const callee = call.childForFieldName('function');
        if (!callee) return;
        const target = unparen(callee);
        if (target.type === 'identifier') {
          const argument = target.text === 'new' ? callArguments(call)[0] : undefined;
          if (argument && isImportedType(pkg, file, argument, 'net/http', 'Server')) checkServer(context, call, null, 'new(http.Server)');
          return;
        }
        if (target.type !== 'selector_expression') return;
        const operand = target.childForFieldName('operand');
        const name = target.childForFieldName('field')?.text ?? '';
        if (operand?.type !== 'identifier' || !SERVE_FUNCTIONS.has(name) || !httpNames.includes(operand.text)) return;
        if (pkg.values.has(operand.text)) return;
        const fn = enclosingFunction(call);
        if (fn && scopeOf(context.analyses, fn).declares(operand.text)) return;
        context.report({
          node: call,
          message:
            `${operand.text}.${name} serves with a zero http.Server that has no read timeouts, so slow or idle clients ` +
            `hold connections forever (Slowloris); use an http.Server with ReadHeaderTimeout and call its ${name} method`,
        });
      },
      var_spec(spec) {
        if (spec.childForFieldName('value')) return;
        const type = spec.childForFieldName('type');
        if (!type || type.type !== 'qualified_type' || !isImportedType(pkg, file, type, 'net/http', 'Server')) return;
        for (const name of spec.childrenForFieldName('name')) {
          if (name.text !== '_') checkServer(context, name, null, `var ${name.text} ${type.text}`, holderOfName(name));
        }
      },
    };
  },
});

function checkServer(context: RuleContext<Options>, site: SyntaxNode, literal: SyntaxNode | null, what: string, holder?: Holder, zero: SyntaxNode | null = null): void {
  const trace = traceValue(context.analyses, holder ? { holder } : { construction: site });
  const assigned = trace.fieldSets.find((set) => READ_TIMEOUTS.includes(set.field) && !isZeroLiteral(set.value));
  if (assigned) return;
  const related = trace.methodCalls
    .filter((call) => /^(ListenAndServe|ListenAndServeTLS|Serve|ServeTLS)$/.test(call.name))
    .slice(0, 2)
    .map((call) => ({ node: call.call, message: 'served here without read timeouts' }));
  context.report({
    node: literal ?? site,
    message:
      `${what} has neither ReadHeaderTimeout nor ReadTimeout, so slow or idle clients hold connections forever ` +
      `(Slowloris); set ReadHeaderTimeout (e.g. ${context.options.readHeaderTimeout})`,
    related,
    fixes: literal ? readHeaderFix(context, literal, zero) : [],
  });
}

function readHeaderFix(context: RuleContext<Options>, literal: SyntaxNode, zero: SyntaxNode | null): SuggestedFix[] {
  const duration = withImport(context.pkg, context.file, 'time', context.options.readHeaderTimeout);
  const edits = zero ? [replaceNodeEdit(context.file, zero, duration.code)] : addFieldEdits(context.file, literal, 'ReadHeaderTimeout', duration.code);
  if (edits.length === 0) return [];
  return [{ message: `set ReadHeaderTimeout: ${duration.code}`, edits: [...edits, ...duration.edits] }];
}
