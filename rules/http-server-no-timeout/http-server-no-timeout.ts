// http-server-no-timeout: reports HTTP servers that let a client hold a connection open forever: an
// `http.Server` (literal, `new` or `var`) with neither `ReadHeaderTimeout` nor `ReadTimeout`, counting
// fields assigned after construction anywhere along the server's path (its variable, the struct field
// it is stored in, the callers of the function returning it), and the package functions
// `http.ListenAndServe`, `ListenAndServeTLS`, `Serve` and `ServeTLS`, which cannot set timeouts at all.
// Across packages whose source is on disk (imported-servers.ts): a server handed to another package's
// function that sets a read timeout on it is bounded, and a server returned without one by another
// package's constructor is reported at the call, unless this package sets one.
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
  type ValueTrace,
} from '../../src/analysis/struct-literals.js';
import type { SourceFile } from '../../src/parse/source.js';
import { isStandardLibrary } from '../../src/index/resolve.js';
import { resolveCall } from '../../src/analysis/calls.js';
import { importedFunction } from '../../src/analysis/imported.js';
import { importedServers, READ_TIMEOUTS } from './imported-servers.js';
import { addFieldEdits, replaceNodeEdit, withImport } from '../../src/fix/edits.js';
import { scopeOf } from '../../src/analysis/types.js';
import { isTestCode } from '../../src/index/test-code.js';

interface Options {
  /** The `ReadHeaderTimeout` the suggested fix writes, as Go code. */
  readHeaderTimeout: string;
  /** Stay quiet in `_test.go` files and test-helper packages (`httptest`, `testutil`). */
  ignoreTests: boolean;
}

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
      'Timeouts assigned after construction (`srv.ReadHeaderTimeout = d`) count; tests are skipped. Across packages ' +
      'whose source is on disk (not the standard library), a server handed to a function that sets a read timeout on ' +
      'it counts as bounded, and a server that another package\'s constructor returns without one is reported at the ' +
      'call, unless a timeout is set on it here.',
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
    // Servers built by other packages (not the standard library) reach files that never name net/http.
    const across = context.analyses.readsImportedSources() && [...(pkg.imports.get(file)?.values() ?? [])].some((spec) => !isStandardLibrary(spec.path) && spec.localName !== '_');
    if (!across && !file.text.includes('"net/http"')) return {};
    const httpNames = importNames(pkg, file, 'net/http');
    if (httpNames.length === 0 && !across) return {};
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
        if (across) checkImportedConstructor(context, call);
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

function checkServer(context: RuleContext<Options>, site: SyntaxNode, literal: SyntaxNode | null, what: string, holder?: Holder, zero: SyntaxNode | null = null, built?: { literal: SyntaxNode; file: SourceFile }): void {
  const trace = traceValue(context.analyses, holder ? { holder } : { construction: site });
  const assigned = trace.fieldSets.find((set) => READ_TIMEOUTS.includes(set.field) && !isZeroLiteral(set.value));
  if (assigned || boundedElsewhere(context, site, trace)) return;
  const related: Array<{ node: SyntaxNode; message: string; file?: SourceFile }> = trace.methodCalls
    .filter((call) => /^(ListenAndServe|ListenAndServeTLS|Serve|ServeTLS)$/.test(call.name))
    .slice(0, 2)
    .map((call) => ({ node: call.call, message: 'served here without read timeouts' }));
  if (built) related.unshift({ node: built.literal, file: built.file, message: 'the server is built here without read timeouts' });
  context.report({
    node: literal ?? site,
    message:
      `${what} has neither ReadHeaderTimeout nor ReadTimeout, so slow or idle clients hold connections forever ` +
      `(Slowloris); set ReadHeaderTimeout (e.g. ${context.options.readHeaderTimeout})`,
    related,
    fixes: literal ? readHeaderFix(context, literal, zero) : [],
  });
}

/** True when the server is handed to another package's function that sets a read timeout on it. */
function boundedElsewhere(context: RuleContext<Options>, site: SyntaxNode, trace: ValueTrace): boolean {
  const names = new Set(trace.holders.map((holder) => holder.name));
  for (const escape of trace.escapes) {
    const imported = importedFunction(context.analyses, resolveCall(context.analyses, escape, enclosingFunction(escape)));
    if (!imported) continue;
    const bounded = callArguments(escape).some((argument, position) => {
      const bare = unparen(argument);
      const carries = (bare.startIndex <= site.startIndex && site.endIndex <= bare.endIndex) || names.has(bare.type === 'selector_expression' ? (bare.childForFieldName('field')?.text ?? '') : bare.text);
      return carries && imported.analyses.get(importedServers).boundsParameter(imported.fn, position);
    });
    if (bounded) return true;
  }
  return false;
}

/** `srv := lib.NewServer(...)`: another package's constructor returns a server with no read timeout. */
function checkImportedConstructor(context: RuleContext<Options>, call: SyntaxNode): void {
  const callee = unparen(call.childForFieldName('function')!);
  if (callee.type !== 'selector_expression') return;
  const operand = unparen(callee.childForFieldName('operand')!);
  const name = callee.childForFieldName('field')?.text ?? '';
  if (operand.type !== 'identifier' || !/^[A-Z]/.test(name)) return;
  // Only a function that serves is worth reading the other package for.
  const fn = enclosingFunction(call);
  if (!fn || !/\.(?:ListenAndServe|ListenAndServeTLS|Serve|ServeTLS)\s*\(/.test(fn.text)) return;
  const imported = importedFunction(context.analyses, resolveCall(context.analyses, call, enclosingFunction(call)));
  const built = imported ? imported.analyses.get(importedServers).returnedBy(imported.fn) : null;
  if (built) checkServer(context, call, null, `${operand.text}.${name}() returns an http.Server that`, undefined, null, built);
}

function readHeaderFix(context: RuleContext<Options>, literal: SyntaxNode, zero: SyntaxNode | null): SuggestedFix[] {
  const duration = withImport(context.pkg, context.file, 'time', context.options.readHeaderTimeout);
  const edits = zero ? [replaceNodeEdit(context.file, zero, duration.code)] : addFieldEdits(context.file, literal, 'ReadHeaderTimeout', duration.code);
  if (edits.length === 0) return [];
  return [{ message: `set ReadHeaderTimeout: ${duration.code}`, edits: [...edits, ...duration.edits] }];
}
