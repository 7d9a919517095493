// http-client-no-timeout: reports network calls that can block forever because nothing bounds them:
// an `http.Client` built without `Timeout` and then used for requests, the package-level `http.Get`
// family and `http.DefaultClient`, `net.Dial`, and a `net.Dialer` without `Timeout`. The client is
// followed from its construction through variables, struct fields (the constructor that stores it and
// the methods that use it), returns and same-package calls. The rule stays quiet when a `Timeout` is
// assigned anywhere along that path or the transport sets `ResponseHeaderTimeout`. It also stays quiet
// when every request carries a context from `context.WithTimeout`/`WithDeadline` or from the caller (a
// `ctx` parameter, a request handed in from outside the package), and when a name or comment says the
// client streams. Across packages (imported-clients.ts): a client built without `Timeout` by another
// package's constructor or package-level variable and used for requests here is reported at the call
// that gets it, and a client handed to another package that sends requests with it is reported where
// it is built. A client handed to code whose source is not on disk is left alone.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import type { SuggestedFix } from '../../src/diagnostic.js';
import { callArguments, callStartsWith, enclosingFunction, selectorPath, stringLiteralValue, unparen } from '../../src/parse/syntax.js';
import {
  importNames,
  isImportedType,
  isZeroLiteral,
  literalFields,
  holderOfName,
  outermostFunction,
  callersOf,
  destinationOf,
  traceValue,
  type Holder,
  type ValueTrace,
} from '../../src/analysis/struct-literals.js';
import { addFieldEdits, replaceNodeEdit, withImport } from '../../src/fix/edits.js';
import { scopeOf } from '../../src/analysis/types.js';
import { isTestCode } from '../../src/index/test-code.js';
import { importPathOf } from '../../src/index/package-index.js';
import { isStandardLibrary } from '../../src/index/resolve.js';
import { resolveCall } from '../../src/analysis/calls.js';
import { importedFunction, type ImportedFunction } from '../../src/analysis/imported.js';
import { importedClients, REQUEST_METHODS, type UnboundedClient } from './imported-clients.js';

interface Options {
  /** The duration the suggested fix writes, as Go code. */
  timeout: string;
  /** Stay quiet in `_test.go` files and test-helper packages (`httptest`, `testutil`). */
  ignoreTests: boolean;
  /** Stay quiet for clients whose name or comment says they stream (watch, stream, sse, websocket). */
  ignoreStreaming: boolean;
  /** Stay quiet when every request is built with a context from `context.WithTimeout`/`WithDeadline`. */
  ignoreContextDeadlines: boolean;
  /** Stay quiet when every request carries a context the function received from its caller. */
  ignoreCallerContexts: boolean;
  /** Also report `net.Dial` and `net.Dialer` literals without `Timeout`. */
  checkDialers: boolean;
}

const PACKAGE_REQUESTS = new Set(['Get', 'Head', 'Post', 'PostForm']);
/** How every call `call` looks at starts: `new(`, `pkg.Get(`, `net.Dial(`, `pkg.DefaultClient.Do(`. */
const CLIENT_CALL_HEAD = /^(?:new\s*\(|[\p{L}_][\p{L}\p{N}_]*\s*\.\s*(?:DefaultClient\s*\.\s*)?(?:Do|Get|Head|Post|PostForm|Dial)[\s)]*\()/u;
const STREAM_COMMENT = /\b(watch(es|ing|er)?|stream(s|ing|er)?|sse|server-sent|websockets?|long[- ]?poll(s|ing)?)\b/i;
const LOCAL_NETWORKS = /^(unix|unixgram|unixpacket|udp[46]?|ip[46]?(:.*)?)$/;

/** True when an identifier, split into words, names a streaming use. */
function isStreamingName(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_]+/);
  return words.some((word) => /^(watch|stream|websocket|sse$|eventsource)/.test(word));
}

/** The comment lines right above a node's line, plus a comment at the end of that line. */
function commentsAround(file: SourceFile, node: SyntaxNode): string {
  const lines = file.text.split('\n');
  const row = node.startPosition.row;
  const parts: string[] = [];
  const own = lines[row] ?? '';
  const trailing = own.indexOf('//');
  if (trailing >= 0) parts.push(own.slice(trailing));
  for (let index = row - 1; index >= 0 && index >= row - 10; index--) {
    const line = lines[index]!.trim();
    if (!line.startsWith('//') && !line.startsWith('/*') && !line.startsWith('*')) break;
    parts.push(line);
  }
  return parts.join('\n');
}

function functionName(fn: SyntaxNode | null): string {
  return fn?.childForFieldName('name')?.text ?? '';
}

export const httpClientNoTimeout = defineRule<Options>({
  id: 'http-client-no-timeout',
  severity: 'warning',
  category: 'reliability',
  docs: {
    summary:
      'Reports HTTP requests and dials that nothing bounds in time: an `http.Client` without `Timeout` used for ' +
      'requests, `http.Get`/`Head`/`Post`/`PostForm`, `http.DefaultClient`, `net.Dial` and a `net.Dialer` without `Timeout`.',
    why:
      'The zero `Timeout` of `http.Client` means "wait forever": when the server or the network stalls, the request ' +
      'never returns and the goroutine that sent it is lost. In the incident behind this rule an endpoint controller ' +
      'had five workers calling a cloud load-balancer API through a client built without a timeout; after a network ' +
      'fault every worker blocked in the call, configuration changes stopped and the logs went silent. ' +
      '`http.Get` and friends use `http.DefaultClient`, which has no timeout either, and `net.Dial` waits for the ' +
      "operating system's connect timeout, which can be minutes. The rule stays quiet when a timeout is set in the " +
      'literal or assigned later, when the transport sets `ResponseHeaderTimeout`, when every request carries a ' +
      'context from `context.WithTimeout` or `context.WithDeadline` (or one its caller passes in, as in SDKs whose ' +
      'methods all take a `ctx`), in tests, and for clients named or commented as streaming (watch, stream, SSE, websocket). ' +
      'Across packages whose source is on disk (not the standard library) it follows a client returned by another ' +
      'package\'s constructor or held in its package-level variable and used for requests here, and a client handed ' +
      'to another package\'s function or constructor that sends requests with it; a client handed to code whose ' +
      'source is not there is left alone.',
    bad: [
      'package lb',
      '',
      'import "net/http"',
      '',
      'type Client struct {',
      '\thttpClient *http.Client',
      '}',
      '',
      'func NewClient() *Client {',
      '\treturn &Client{httpClient: &http.Client{}}',
      '}',
      '',
      'func (c *Client) Ping(url string) error {',
      '\tresp, err := c.httpClient.Get(url)',
      '\tif err != nil {',
      '\t\treturn err',
      '\t}',
      '\treturn resp.Body.Close()',
      '}',
      '',
    ].join('\n'),
    good: [
      'package lb',
      '',
      'import (',
      '\t"net/http"',
      '\t"time"',
      ')',
      '',
      'type Client struct {',
      '\thttpClient *http.Client',
      '}',
      '',
      'func NewClient() *Client {',
      '\treturn &Client{httpClient: &http.Client{Timeout: 30 * time.Second}}',
      '}',
      '',
      'func (c *Client) Ping(url string) error {',
      '\tresp, err := c.httpClient.Get(url)',
      '\tif err != nil {',
      '\t\treturn err',
      '\t}',
      '\treturn resp.Body.Close()',
      '}',
      '',
    ].join('\n'),
    options: [
      '- `timeout` (string, default `"30 * time.Second"`): the duration the suggested fix writes, as Go code.',
      '- `ignoreTests` (boolean, default `true`): skip `_test.go` files and test-helper packages such as `httptest`.',
      '- `ignoreStreaming` (boolean, default `true`): skip clients whose name or comment mentions watch, stream, SSE or websocket.',
      '- `ignoreContextDeadlines` (boolean, default `true`): skip clients whose every request is built with a context from `context.WithTimeout` or `context.WithDeadline` in the same function.',
      '- `ignoreCallerContexts` (boolean, default `true`): skip clients whose every request carries a context that the sending function received as a parameter, so its caller owns the deadline (the SDK shape, where every method takes a `ctx`).',
      '- `checkDialers` (boolean, default `true`): also report `net.Dial` and `net.Dialer` literals without `Timeout`.',
    ].join('\n'),
  },
  defaultOptions: {
    timeout: '30 * time.Second',
    ignoreTests: true,
    ignoreStreaming: true,
    ignoreContextDeadlines: true,
    ignoreCallerContexts: true,
    checkDialers: true,
  },
  create(context) {
    const { file, pkg, options } = context;
    if (options.ignoreTests && isTestCode(file, pkg.name)) return {};
    // Clients built or used by other packages (not the standard library) reach files that never name net/http.
    const across = context.analyses.readsImportedSources() && [...(pkg.imports.get(file)?.values() ?? [])].some((spec) => !isStandardLibrary(spec.path) && spec.localName !== '_');
    if (!across && !file.text.includes('"net/http"') && !(options.checkDialers && file.text.includes('"net"'))) return {};
    const httpNames = importNames(pkg, file, 'net/http');
    const netNames = options.checkDialers ? importNames(pkg, file, 'net') : [];
    if (httpNames.length === 0 && netNames.length === 0 && !across) return {};
    const checker = new ClientChecker(context, httpNames, netNames);
    return {
      composite_literal: (node) => checker.compositeLiteral(node),
      call_expression: across
        ? (node) => {
            checker.call(node);
            checker.callAcross(node);
          }
        : (node) => checker.call(node),
      var_spec: (node) => checker.varSpec(node),
      fileEnd: () => checker.storedDefaultClients(),
    };
  },
});

class ClientChecker {
  constructor(
    private readonly context: RuleContext<Options>,
    private readonly httpNames: string[],
    private readonly netNames: string[],
  ) {}

  private get file() {
    return this.context.file;
  }

  private get pkg() {
    return this.context.pkg;
  }

  compositeLiteral(literal: SyntaxNode): void {
    const type = literal.childForFieldName('type');
    if (!type || type.type !== 'qualified_type') return;
    if (this.httpNames.length > 0 && isImportedType(this.pkg, this.file, type, 'net/http', 'Client')) this.checkClientLiteral(literal);
    else if (this.netNames.length > 0 && isImportedType(this.pkg, this.file, type, 'net', 'Dialer')) this.checkDialerLiteral(literal);
  }

  call(call: SyntaxNode): void {
    if (!callStartsWith(call, CLIENT_CALL_HEAD)) return;
    const callee = call.childForFieldName('function');
    if (!callee) return;
    const target = unparen(callee);
    if (target.type === 'identifier') {
      if (target.text !== 'new' || this.httpNames.length === 0) return;
      const argument = callArguments(call)[0];
      if (argument && isImportedType(this.pkg, this.file, argument, 'net/http', 'Client')) this.checkClient(call, null, 'new(http.Client)');
      return;
    }
    if (target.type !== 'selector_expression') return;
    const operand = target.childForFieldName('operand');
    const name = target.childForFieldName('field')?.text ?? '';
    if (!operand) return;
    if (operand.type === 'identifier') {
      if (PACKAGE_REQUESTS.has(name) && this.isPackage(operand, this.httpNames, call)) this.reportPackageRequest(call, `${operand.text}.${name}`);
      else if (name === 'Dial' && this.isPackage(operand, this.netNames, call)) this.checkNetDial(call, operand.text);
      return;
    }
    if (operand.type === 'selector_expression' && REQUEST_METHODS.has(name) && operand.childForFieldName('field')?.text === 'DefaultClient') {
      const qualifier = operand.childForFieldName('operand');
      if (qualifier?.type === 'identifier' && this.isPackage(qualifier, this.httpNames, call)) this.checkDefaultClient(call, `${qualifier.text}.DefaultClient.${name}`, name);
    }
  }

  varSpec(spec: SyntaxNode): void {
    if (this.httpNames.length === 0 || spec.childForFieldName('value')) return;
    const type = spec.childForFieldName('type');
    if (!type || type.type !== 'qualified_type' || !isImportedType(this.pkg, this.file, type, 'net/http', 'Client')) return;
    for (const name of spec.childrenForFieldName('name')) {
      if (name.text === '_') continue;
      this.checkClient(name, null, `var ${name.text} ${type.text}`, holderOfName(name));
    }
  }

  /**
   * True when the client's transport bounds the wait for response headers (`ResponseHeaderTimeout`), in
   * a literal or, for a local variable, in its literal or a later assignment in the same function.
   */
  private transportWaitsBounded(transport: SyntaxNode): boolean {
    const bare = unparen(transport);
    const bounded = (literal: SyntaxNode | null | undefined): boolean => {
      let node = literal ? unparen(literal) : null;
      if (node?.type === 'unary_expression') node = node.childForFieldName('operand');
      if (node?.type !== 'composite_literal') return false;
      const value = literalFields(node).get('ResponseHeaderTimeout')?.value;
      return !!value && !isZeroLiteral(value);
    };
    if (bounded(bare)) return true;
    if (bare.type !== 'identifier') return false;
    const fn = enclosingFunction(bare);
    if (!fn) return false;
    if (new RegExp(`(?:^|[^\\w.])${bare.text}\\.ResponseHeaderTimeout\\s*=[^=]`).test(fn.text)) return true;
    return bounded(scopeOf(this.context.analyses, fn).localAt(bare.text, bare.startIndex)?.init);
  }

  /**
   * `http.DefaultClient` kept in a variable or field (`&API{hc: http.DefaultClient}`) and used for requests
   * elsewhere. Found by text, since the selector is rare; direct calls are the call visitor's business.
   */
  storedDefaultClients(): void {
    const text = this.file.text;
    const root = this.file.tree.rootNode;
    for (let index = text.indexOf('.DefaultClient'); index >= 0; index = text.indexOf('.DefaultClient', index + 1)) {
      const field = root.descendantForIndex(index + 1, index + '.DefaultClient'.length);
      const selector = field.parent;
      if (field.type !== 'field_identifier' || selector?.type !== 'selector_expression') continue;
      const qualifier = selector.childForFieldName('operand');
      if (qualifier?.type !== 'identifier' || !this.isPackage(qualifier, this.httpNames, selector)) continue;
      const above = selector.parent;
      if (above?.type === 'selector_expression' && above.parent?.type === 'call_expression') continue;
      this.checkClient(selector, null, `${qualifier.text}.DefaultClient`);
    }
  }

  /** True when `identifier` names one of the imports (not a local variable or package-level value). */
  private isPackage(identifier: SyntaxNode, names: string[], call: SyntaxNode): boolean {
    if (!names.includes(identifier.text) || this.pkg.values.has(identifier.text)) return false;
    const fn = enclosingFunction(call);
    return !fn || !scopeOf(this.context.analyses, fn).declares(identifier.text);
  }

  private checkClientLiteral(literal: SyntaxNode): void {
    const fields = literalFields(literal);
    const timeout = fields.get('Timeout');
    if (timeout && !isZeroLiteral(timeout.value)) return;
    const transport = fields.get('Transport')?.value;
    if (transport && this.transportWaitsBounded(transport)) return;
    this.checkClient(literal, literal, literal.childForFieldName('type')!.text.replace(/\s+/g, ''), undefined, timeout?.value ?? null);
  }

  /**
   * Reports a client (a literal, a `new` call or a declared variable) when it is used for requests that
   * nothing bounds and no `Timeout` is assigned anywhere along its path.
   */
  private checkClient(site: SyntaxNode, literal: SyntaxNode | null, what: string, holder?: Holder, zeroTimeout: SyntaxNode | null = null): void {
    const { analyses, options } = this.context;
    const trace = traceValue(analyses, holder ? { holder } : { construction: site });
    if (trace.fieldSets.some((set) => set.field === 'Timeout' && !isZeroLiteral(set.value))) return;
    const requests = trace.methodCalls.filter((call) => REQUEST_METHODS.has(call.name));
    const handed = this.handedRequests(site, trace);
    if (requests.length === 0 && handed.length === 0) return;
    if (options.ignoreStreaming && this.looksStreaming(site, trace)) return;
    const unbounded: Array<{ name: string; call: SyntaxNode; file?: SourceFile; via?: string }> = [
      ...requests.filter((request) => !(options.ignoreContextDeadlines && this.hasDeadline(request.call, request.name))),
      ...handed,
    ];
    if (unbounded.length === 0) return;
    const first = unbounded[0]!;
    const chain = `${first.via ? `${first.via} → ` : ''}${selectorPath(first.call.childForFieldName('function')!) ?? first.name}`;
    const zero = zeroTimeout ? 'Timeout: 0' : 'no Timeout';
    const remedy = what.endsWith('.DefaultClient')
      ? `use an http.Client of your own with Timeout (e.g. ${options.timeout})`
      : `set Timeout (e.g. ${options.timeout}) or build every request with a context from context.WithTimeout`;
    const message = `${what} has ${zero} and is used for requests (${chain}), so a stalled server blocks the caller forever; ${remedy}`;
    const related: Array<{ node: SyntaxNode; message: string; file?: SourceFile }> = unbounded.slice(0, 3).map((request) => ({
      node: request.call,
      file: request.file,
      message: `${selectorPath(request.call.childForFieldName('function')!) ?? request.name} can wait forever here`,
    }));
    if (zeroTimeout) related.unshift({ node: zeroTimeout, message: 'a zero Timeout means no timeout' });
    this.context.report({ node: literal ?? site, message, related, fixes: literal ? this.timeoutFix(literal, zeroTimeout, 'Timeout') : [] });
  }

  /**
   * Requests another package sends through this client: it was handed to a function of that package
   * (or a constructor storing it for its methods) that sends requests with it, with no deadline there.
   */
  private handedRequests(site: SyntaxNode, trace: ValueTrace): Array<{ name: string; call: SyntaxNode; file: SourceFile; via: string }> {
    const found: Array<{ name: string; call: SyntaxNode; file: SourceFile; via: string }> = [];
    const names = new Set(trace.holders.map((holder) => holder.name));
    for (const escape of trace.escapes) {
      const imported = importedFunction(this.context.analyses, resolveCall(this.context.analyses, escape, enclosingFunction(escape)));
      if (!imported) continue;
      callArguments(escape).forEach((argument, position) => {
        const bare = unparen(argument);
        const carries = (bare.startIndex <= site.startIndex && site.endIndex <= bare.endIndex) || names.has(bare.type === 'selector_expression' ? (bare.childForFieldName('field')?.text ?? '') : bare.text);
        if (!carries) return;
        const request = imported.analyses.get(importedClients).requestThrough(imported.fn, position);
        if (!request) return;
        const callee = selectorPath(escape.childForFieldName('function')!) ?? imported.fn.name;
        found.push({ name: request.call.childForFieldName('function')?.childForFieldName('field')?.text ?? 'Do', call: request.call, file: request.file, via: callee });
      });
    }
    // `lib.Options{HTTPClient: c}`: a field of another package's struct, which that package sends requests with.
    for (const holder of trace.holders) {
      const dot = holder.kind === 'field' && holder.owner ? holder.owner.indexOf('.') : -1;
      if (dot < 0) continue;
      const owner = (holder as Extract<Holder, { kind: 'field' }>).owner!;
      const importPath = importPathOf(this.pkg, this.file, owner.slice(0, dot));
      const other = importPath && !isStandardLibrary(importPath) ? this.context.analyses.imported(this.file, owner.slice(0, dot)) : null;
      const request = other?.get(importedClients).requestThroughField(owner.slice(dot + 1), holder.name);
      if (request) found.push({ name: request.call.childForFieldName('function')?.childForFieldName('field')?.text ?? 'Do', call: request.call, file: request.file, via: `${owner}.${holder.name}` });
    }
    return found;
  }

  /**
   * Clients that other packages build: `lib.NewClient()` returning one without `Timeout` that this
   * package then uses for requests, and `lib.Client.Get(url)` on such a package-level client.
   */
  callAcross(call: SyntaxNode): void {
    const callee = call.childForFieldName('function');
    const target = callee ? unparen(callee) : null;
    if (target?.type !== 'selector_expression') return;
    const operand = unparen(target.childForFieldName('operand')!);
    const name = target.childForFieldName('field')?.text ?? '';
    const { analyses, options } = this.context;
    if (operand.type === 'identifier' && /^[A-Z]/.test(name) && this.isImport(operand, call) && this.mayRequestThrough(call)) {
      const imported = importedFunction(analyses, resolveCall(analyses, call, enclosingFunction(call)));
      const client = imported ? imported.analyses.get(importedClients).returnedBy(imported.fn, 0) : null;
      if (!client) {
        if (imported) this.storedAcross(call, `${operand.text}.${name}`, imported);
        return;
      }
      const trace = traceValue(analyses, { construction: call });
      if (trace.fieldSets.some((set) => (set.field === 'Timeout' || set.field === 'Transport') && !isZeroLiteral(set.value))) return;
      const requests = trace.methodCalls.filter((request) => REQUEST_METHODS.has(request.name));
      const unbounded = requests.filter((request) => !(options.ignoreContextDeadlines && this.hasDeadline(request.call, request.name)));
      if (unbounded.length === 0 || (options.ignoreStreaming && this.looksStreaming(call, trace))) return;
      const used = selectorPath(unbounded[0]!.call.childForFieldName('function')!) ?? unbounded[0]!.name;
      this.reportAcross(call, `${operand.text}.${name}() returns an http.Client with no Timeout`, used, client, unbounded.map((request) => request.call));
      return;
    }
    // `lib.Client.Get(url)`: a package-level client of another package, used here.
    if (operand.type !== 'selector_expression' || !REQUEST_METHODS.has(name)) return;
    const qualifier = unparen(operand.childForFieldName('operand')!);
    const variable = operand.childForFieldName('field')?.text ?? '';
    if (qualifier.type !== 'identifier' || variable === 'DefaultClient' || !this.isImport(qualifier, call)) return;
    const imported = importPathOf(this.pkg, this.file, qualifier.text);
    const other = imported && !isStandardLibrary(imported) ? analyses.imported(this.file, qualifier.text) : null;
    const client = other?.get(importedClients).heldBy(variable);
    if (!client || (options.ignoreContextDeadlines && this.hasDeadline(call, name))) return;
    if (options.ignoreStreaming && isStreamingName(variable)) return;
    this.reportAcross(call, `${qualifier.text}.${variable} is an http.Client with no Timeout`, `${qualifier.text}.${variable}.${name}`, client, [call]);
  }

  /**
   * A cheap test, before another package is read: the call's value is used for a request on the spot
   * (`lib.NewClient().Get(u)`) or kept in a variable that the function sends a request through, itself
   * or through one of its fields (`c.Get(u)`, `c.HTTP.Do(req)`).
   */
  private mayRequestThrough(call: SyntaxNode): boolean {
    const destination = destinationOf(call);
    if (destination.kind === 'method') return REQUEST_METHODS.has(destination.name);
    if (destination.kind !== 'assigned' || destination.holder.kind !== 'variable') return false;
    const fn = enclosingFunction(call);
    const name = destination.holder.name.replace(/[^\w]/g, '');
    return !!fn && new RegExp(`\\b${name}(?:\\.\\w+)?\\.(?:Do|Get|Head|Post|PostForm)\\s*\\(`).test(fn.text);
  }

  /**
   * `c := lib.New(); c.HTTP.Get(url)`: the value another package's constructor builds holds a client
   * without `Timeout` in a field, and this package sends requests through that field.
   */
  private storedAcross(call: SyntaxNode, callee: string, imported: ImportedFunction): void {
    if (!/\*?[A-Za-z_][\w.]*$/.test(imported.fn.results[0]?.typeText ?? '')) return;
    const trace = traceValue(this.context.analyses, { construction: call });
    for (const read of trace.fieldReads) {
      const selector = read.node.parent;
      const request = selector?.type === 'selector_expression' && selector.parent?.type === 'call_expression' && selector.parent.childForFieldName('function')?.id === selector.id ? selector.parent : null;
      const method = selector?.childForFieldName('field')?.text ?? '';
      if (!request || !REQUEST_METHODS.has(method)) continue;
      if (this.context.options.ignoreContextDeadlines && this.hasDeadline(request, method)) continue;
      // `c.HTTP = other` or `c.HTTP.Timeout = d` here bounds it.
      const bounded = trace.fieldReads.some((other) => other.field === read.field && /^\s*\.\s*(Timeout|Transport)\s*=[^=]/.test(this.file.text.slice(other.node.endIndex, other.node.endIndex + 40)));
      if (bounded || trace.fieldSets.some((set) => set.field === read.field)) continue;
      const client = imported.analyses.get(importedClients).storedBy(imported.fn, read.field);
      if (!client) continue;
      if (this.context.options.ignoreStreaming && isStreamingName(read.field)) continue;
      const used = selectorPath(request.childForFieldName('function')!) ?? method;
      this.reportAcross(call, `${callee}() stores an http.Client with no Timeout in ${read.field}`, used, client, [request]);
      return;
    }
  }

  private reportAcross(node: SyntaxNode, what: string, used: string, client: UnboundedClient, requests: SyntaxNode[]): void {
    const where = `${client.file.path.split('/').slice(-2).join('/')}:${client.construction.startPosition.row + 1}`;
    this.context.report({
      node,
      message:
        `${what} (built at ${where}) and is used for requests (${used}), so a stalled server blocks the caller forever; ` +
        `set its Timeout (e.g. ${this.context.options.timeout}) where it is built, or build every request with a context from context.WithTimeout`,
      related: [
        { node: client.construction, file: client.file, message: 'the client is built here without Timeout' },
        ...requests.slice(0, 3).map((request) => ({ node: request, message: `${selectorPath(request.childForFieldName('function')!) ?? 'this request'} can wait forever here` })),
      ],
    });
  }

  /** True when `identifier` names an import of this file (not a local variable or package-level value). */
  private isImport(identifier: SyntaxNode, at: SyntaxNode): boolean {
    if (!importPathOf(this.pkg, this.file, identifier.text) || this.pkg.values.has(identifier.text)) return false;
    const fn = enclosingFunction(at);
    return !fn || !scopeOf(this.context.analyses, fn).declares(identifier.text);
  }

  private checkDialerLiteral(literal: SyntaxNode): void {
    const fields = literalFields(literal);
    const timeout = fields.get('Timeout');
    if (timeout && !isZeroLiteral(timeout.value)) return;
    const deadline = fields.get('Deadline');
    if (deadline && !isZeroLiteral(deadline.value)) return;
    const trace = traceValue(this.context.analyses, { construction: literal });
    if (trace.fieldSets.some((set) => (set.field === 'Timeout' || set.field === 'Deadline') && !isZeroLiteral(set.value))) return;
    // Only the context-free dials are unbounded; DialContext leaves the bound to the caller's context.
    const dials: SyntaxNode[] = [
      ...trace.methodCalls.filter((call) => call.name === 'Dial').map((call) => call.call),
      ...trace.fieldReads.filter((read) => read.field === 'Dial').map((read) => read.node),
      ...trace.escapes.filter((call) => /\bDialWithDialer$/.test(selectorPath(call.childForFieldName('function')!) ?? '')),
    ];
    if (dials.length === 0) return;
    if (this.context.options.ignoreStreaming && this.looksStreaming(literal, trace)) return;
    const what = literal.childForFieldName('type')!.text.replace(/\s+/g, '');
    const zero = timeout ? 'Timeout: 0' : 'no Timeout';
    this.context.report({
      node: literal,
      message:
        `${what} has ${zero}, so a connect to an unreachable host waits for the operating system's limit (minutes); ` +
        `set Timeout (e.g. ${this.context.options.timeout})`,
      related: dials.slice(0, 3).map((dial) => ({ node: dial, message: 'this dial has no time limit' })),
      fixes: this.timeoutFix(literal, timeout?.value ?? null, 'Timeout'),
    });
  }

  private checkNetDial(call: SyntaxNode, qualifier: string): void {
    const args = callArguments(call);
    // A network chosen elsewhere (a wrapper's parameter, a configured field) is often a unix socket, and
    // the bound belongs where it is chosen; only a dial whose network is spelled out here is judged.
    const network = args[0] ? this.constantString(args[0]) : null;
    if (network === null || LOCAL_NETWORKS.test(network)) return;
    if (this.isDialWrapper(call, args[1])) return;
    const { options } = this.context;
    const fixes: SuggestedFix[] = [];
    const callee = unparen(call.childForFieldName('function')!);
    const field = callee.childForFieldName('field');
    const list = call.childForFieldName('arguments');
    if (field && list && args.length === 2) {
      const duration = withImport(this.pkg, this.file, 'time', options.timeout);
      // gofmt writes a binary expression inside an argument list without spaces: 30*time.Second.
      duration.code = duration.code.replace(/\s*([*+\-/])\s*/g, '$1');
      const close = list.endIndex - 1;
      const trailingComma = this.file.text.slice(args[1]!.endIndex, close).includes(',');
      fixes.push({
        message: `use ${qualifier}.DialTimeout with ${duration.code}`,
        edits: [
          replaceNodeEdit(this.file, field, 'DialTimeout'),
          { file: this.file.path, startIndex: close, endIndex: close, newText: `${trailingComma ? ' ' : ', '}${duration.code}` },
          ...duration.edits,
        ],
      });
    }
    this.context.report({
      node: call,
      message:
        `${qualifier}.Dial has no timeout, so connecting to an unreachable host waits for the operating system's limit (minutes); ` +
        `use ${qualifier}.DialTimeout or a ${qualifier}.Dialer with Timeout`,
      fixes,
    });
  }

  /**
   * True when the dial sits in a function named like a dial primitive (`Dial`, `dialServer`) that passes
   * its own address parameter on: such a function is itself a dialing API, and its callers choose it.
   */
  private isDialWrapper(call: SyntaxNode, address: SyntaxNode | undefined): boolean {
    const fn = enclosingFunction(call);
    if (!fn || !/^dial/i.test(functionName(fn)) || !address) return false;
    const bare = unparen(address);
    return bare.type === 'identifier' && scopeOf(this.context.analyses, fn).paramType(bare.text) !== null;
  }

  /** The value of a string literal or of a package-level string constant, or null. */
  private constantString(node: SyntaxNode): string | null {
    const literal = stringLiteralValue(node);
    if (literal !== null) return literal;
    const bare = unparen(node);
    if (bare.type !== 'identifier') return null;
    const value = this.pkg.values.get(bare.text);
    return value?.isConst && value.valueNode ? stringLiteralValue(value.valueNode) : null;
  }

  private reportPackageRequest(call: SyntaxNode, chain: string): void {
    if (this.context.options.ignoreStreaming && isStreamingName(functionName(outermostFunction(call)))) return;
    this.context.report({
      node: call,
      message:
        `${chain} uses http.DefaultClient, which has no timeout, so a stalled server blocks the caller forever; ` +
        'use an http.Client with Timeout, or http.NewRequestWithContext with a context from context.WithTimeout',
    });
  }

  private checkDefaultClient(call: SyntaxNode, chain: string, method: string): void {
    const { options } = this.context;
    if (options.ignoreContextDeadlines && this.hasDeadline(call, method)) return;
    if (options.ignoreStreaming && isStreamingName(functionName(outermostFunction(call)))) return;
    this.context.report({
      node: call,
      message:
        `${chain} uses http.DefaultClient, which has no timeout, so a stalled server blocks the caller forever; ` +
        'use an http.Client with Timeout, or build the request with a context from context.WithTimeout',
    });
  }

  /**
   * True when `client.Do(req)` sends a request whose every context, in the function that builds it,
   * comes from `context.WithTimeout` or `context.WithDeadline`.
   */
  private hasDeadline(call: SyntaxNode, method: string): boolean {
    if (method !== 'Do') return false;
    const argument = callArguments(call)[0];
    return !!argument && this.requestHasDeadline(argument, 0);
  }

  /**
   * True when a request expression carries a bounded context: built by `NewRequestWithContext`,
   * `WithContext` or `Clone` with one, or by a helper that is handed one; a request that is a parameter
   * is bounded when every same-package caller passes a bounded request.
   */
  private requestHasDeadline(expression: SyntaxNode, depth: number): boolean {
    const request = unparen(expression);
    const fn = outermostFunction(request);
    if (!fn) return false;
    const sources: string[] = [];
    if (request.type === 'call_expression') {
      // `req.WithContext(f(req.Context()))` keeps whatever bound the original request had.
      const callee = request.childForFieldName('function');
      const original = callee?.type === 'selector_expression' ? unparen(callee.childForFieldName('operand')!) : null;
      if (original?.type === 'identifier' && callee!.childForFieldName('field')?.text === 'WithContext' &&
        (request.childForFieldName('arguments')?.text ?? '').includes(`${original.text}.Context()`)) {
        return depth < 3 && this.requestHasDeadline(original, depth + 1);
      }
      sources.push(request.text);
    }
    else if (request.type === 'identifier') {
      const inner = enclosingFunction(request);
      const scope = inner ? scopeOf(this.context.analyses, inner) : null;
      const assignment = new RegExp(`(?:^|[^\\w.])${request.text}\\s*(?:,\\s*[A-Za-z_]\\w*\\s*)?:?=([^=][^\\n]*)`, 'g');
      for (const match of fn.text.matchAll(assignment)) sources.push(match[1]!);
      const isParameter = !!inner && !!scope && !scope.localAt(request.text, request.startIndex) && !!scope.paramType(request.text);
      if (isParameter && sources.length === 0) return depth < 3 && this.callersPassDeadlines(inner!, request.text, depth);
    }
    if (sources.length === 0) return false;
    const withContext = /(?:NewRequestWithContext|\.WithContext|\.Clone)\(\s*([A-Za-z_]\w*)/;
    const contexts: string[] = [];
    for (const source of sources) {
      const found = withContext.exec(source);
      if (found) contexts.push(found[1]!);
      else {
        // A helper handed a context (`c.newRequest(ctx, ...)`) builds the request with it.
        const handed = [...source.matchAll(/[(,]\s*([A-Za-z_]\w*)\s*[,)]/g)].map((match) => match[1]!).filter((name) => this.isBoundedContext(request, fn, name));
        if (handed.length > 0) contexts.push(handed[0]!);
      }
    }
    return contexts.length > 0 && contexts.every((name) => this.isBoundedContext(request, fn, name));
  }

  /** True when `name` in `fn` is a context from `context.WithTimeout`/`WithDeadline`, or (by option) a context parameter. */
  private isBoundedContext(node: SyntaxNode, fn: SyntaxNode, name: string): boolean {
    const derived = new RegExp(`(?:^|[^\\w.])${name}\\s*,\\s*[A-Za-z_]\\w*\\s*:?=\\s*([A-Za-z_]\\w*)\\.With(?:Timeout|Deadline)\\(`);
    const match = derived.exec(fn.text);
    if (match && importNames(this.pkg, analysesFile(this.context, fn), 'context').includes(match[1]!)) return true;
    return this.context.options.ignoreCallerContexts && this.isContextParameter(node, name);
  }

  /** True when every same-package call of `fn` passes a bounded request as parameter `name`. */
  private callersPassDeadlines(fn: SyntaxNode, name: string, depth: number): boolean {
    const info = this.pkg.functions.find((candidate) => candidate.node.id === fn.id);
    const position = info ? info.params.findIndex((param) => param.name === name) : -1;
    if (!info || position < 0) return false;
    const calls = callersOf(this.context.analyses, fn, this.context.file.isTest);
    // An exported function handed a request by code outside the package leaves its bound to that caller.
    if (calls.length === 0) return this.context.options.ignoreCallerContexts && /^[A-Z]/.test(info.name);
    return calls.every((call) => {
      const argument = callArguments(call)[position];
      return !!argument && this.requestHasDeadline(argument, depth + 1);
    });
  }

  /** True when `name` is a `context.Context` parameter of a function around `node`. */
  private isContextParameter(node: SyntaxNode, name: string): boolean {
    for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
      const type = scopeOf(this.context.analyses, fn).paramType(name);
      if (type) return /(^|\.)Context$/.test(type.text);
    }
    return false;
  }

  private looksStreaming(site: SyntaxNode, trace: ValueTrace): boolean {
    const names = [
      ...trace.holders.map((holder) => holder.name),
      functionName(outermostFunction(site)),
      ...trace.returnedBy.map((fn) => functionName(fn)),
    ];
    if (names.some(isStreamingName)) return true;
    if (STREAM_COMMENT.test(commentsAround(this.file, site))) return true;
    return trace.holders.some((holder) => {
      const holderFile = this.context.analyses.fileOf(holder.node);
      return !!holderFile && STREAM_COMMENT.test(commentsAround(holderFile, holder.node));
    });
  }

  /** A fix that sets `key` to the configured duration: replaces a literal zero or adds the field. */
  private timeoutFix(literal: SyntaxNode, zero: SyntaxNode | null, key: string): SuggestedFix[] {
    const duration = withImport(this.pkg, this.file, 'time', this.context.options.timeout);
    const edits = zero ? [replaceNodeEdit(this.file, zero, duration.code)] : addFieldEdits(this.file, literal, key, duration.code);
    if (edits.length === 0) return [];
    return [{ message: `set ${key}: ${duration.code}`, edits: [...edits, ...duration.edits] }];
  }
}

function analysesFile(context: RuleContext<Options>, node: SyntaxNode): SourceFile {
  return context.analyses.fileOf(node) ?? context.file;
}
