// expensive-call-in-loop: reports an expensive call (see catalog.ts and summary.ts: shell-outs, netlink
// and interface listings, regexp compilation, file reads, lookups, or a function of this or an imported
// package that reaches one) made on every iteration of a loop although nothing it reads changes in the loop, so it
// could run once before the loop.
//
// Loop invariance is judged from syntax (invariance.ts): the call's receiver and arguments must not
// mention a loop variable, a name assigned or declared in the loop, a field or element stored to in the
// loop, a value whose method is called in the loop, a channel receive, or a call that may answer
// differently each time. Loops that are not hot are skipped (hot-loops.ts): a small constant bound, a
// path that leaves the loop after the call, polling and retry loops (something in the body waits, or an
// exit tests the call's result), and calls guarded to run once. Calls made only for their side effects
// (no result used, or just an error) are left alone: running them once would change what the loop does.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { escapeRegExp, nodesWithin, outermostParen, selectorPath, unparen } from '../../src/parse/syntax.js';
import { importPathOf, type FuncInfo, type GoPackage } from '../../src/index/package-index.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { neverReturns } from '../../src/analysis/never-returns.js';
import { scopeOf } from '../../src/analysis/types.js';
import { findWait } from '../../src/analysis/waits.js';
import { defaultExpensiveOptions, TRANSPORT_WHAT, type ExpensiveOptions } from './catalog.js';
import { isHotLoop } from './hot-loops.js';
import { collectWrites, isPureCall, overlaps, type LoopWrites } from './invariance.js';
import { expensiveCandidates, expensiveSummary, isInvokedInPlace, isMemoGuard, makeFact, type ExpensiveFact, type ExpensiveSummary } from './summary.js';

/** A switch on the loop element with at least this many cases is a decoder, not a filter. */
const DISPATCH_CASES = 5;

export const expensiveCallInLoop = defineRule<ExpensiveOptions>({
  id: 'expensive-call-in-loop',
  severity: 'warning',
  category: 'performance',
  docs: {
    summary:
      'Reports an expensive call (a shell-out, a netlink or interface listing, a regexp compilation, a file read, a lookup, or a helper that reaches one) made on every iteration of a loop though its receiver and arguments do not change in the loop.',
    why:
      'kube-proxy in IPVS mode once burned 10 CPUs, most of it in garbage collection: inside its loop over services, ' +
      '`syncProxyRules` asked for the node IPs, and each ask dumped the whole local route table (5,000 entries) into ' +
      'fresh Go structs through `NodeIPs → GetLocalAddresses → netlink.RouteListFiltered`. The answer was the same on ' +
      'every iteration; computing it once before the loop fixed it. The expensive call was three calls away from the ' +
      'loop, so the rule follows same-package helpers, interface fields with a single implementation and unique ' +
      'method names down to the primitive, and names the chain. It follows helpers of other packages too, when their ' +
      'source is on disk (the same module, a `replace`, `vendor/`, the module cache or GOPATH; the standard library is ' +
      'described by the catalog), naming the chain across packages (`util.NodeRoutes → netutil.ListRoutes → ' +
      'netlink.RouteList`); across packages only calls whose receiver type is known are followed. A helper that compiles a constant regular expression ' +
      'on every call is reported where a loop calls it, whatever its arguments: the fix is a package-level variable. ' +
      'It stays quiet for loops with a small constant bound, ' +
      'paths that leave the loop after the call, polling and retry loops (a sleep, select, receive or backoff in the body, ' +
      'or an exit that tests the call\'s result), calls guarded to run once (`sync.Once`, `if cache == nil { cache = ... }`, ' +
      '`if i == 0`), switch cases that decode tagged items, work reached only on a path that exits the process, loops ' +
      'that change what the call reads (a file write before a file read), calls whose result is unused, benchmark ' +
      'loops, and _test.go files. A call that is invariant ' +
      'across nested loops is reported as an error.',
    bad: [
      'package proxy',
      '',
      'import "net"',
      '',
      'type Service struct{ Name string }',
      '',
      'func nodeIPs() ([]net.Addr, error) {',
      '\treturn net.InterfaceAddrs()',
      '}',
      '',
      'func rules(services []Service) int {',
      '\tn := 0',
      '\tfor _, svc := range services {',
      '\t\taddrs, err := nodeIPs()',
      '\t\tif err != nil {',
      '\t\t\treturn 0',
      '\t\t}',
      '\t\tn += len(addrs) + len(svc.Name)',
      '\t}',
      '\treturn n',
      '}',
      '',
    ].join('\n'),
    good: [
      'package proxy',
      '',
      'import "net"',
      '',
      'type Service struct{ Name string }',
      '',
      'func nodeIPs() ([]net.Addr, error) {',
      '\treturn net.InterfaceAddrs()',
      '}',
      '',
      'func rules(services []Service) int {',
      '\taddrs, err := nodeIPs()',
      '\tif err != nil {',
      '\t\treturn 0',
      '\t}',
      '\tn := 0',
      '\tfor _, svc := range services {',
      '\t\tn += len(addrs) + len(svc.Name)',
      '\t}',
      '\treturn n',
      '}',
      '',
    ].join('\n'),
    options: [
      '- `extraFunctions` (string[], default `[]`): more functions to treat as expensive, as',
      '  `example.com/pkg.Func`, `pkg.Func` (matched by package name), `(*pkg.Type).Method`, or `Func` for a',
      '  function of the linted package. Same-package callers of these become expensive too.',
      '- `ignoreFunctions` (string[], default `[]`): catalog entries or same-package functions to stop treating',
      '  as expensive, in the same forms (`json.Marshal`, `(*exec.Cmd).Output`, `net/http.Transport`).',
      '- `includeTests` (boolean, default `false`): also report in `_test.go` files, where setup cost is',
      '  usually not production cost.',
    ].join('\n'),
  },
  defaultOptions: { ...defaultExpensiveOptions },
  create(context) {
    return {
      fileEnd() {
        checkFile(context);
      },
    };
  },
});

const namePatterns = new WeakMap<ExpensiveSummary, RegExp>();

function namePattern(summary: ExpensiveSummary): RegExp {
  let pattern = namePatterns.get(summary);
  if (!pattern) {
    const alternatives = [...summary.names].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = alternatives.length > 0 ? new RegExp(`\\b(?:${alternatives.join('|')})\\s*\\(`) : /$^/;
    namePatterns.set(summary, pattern);
  }
  return pattern;
}

function checkFile(context: RuleContext<ExpensiveOptions>): void {
  const { file, analyses } = context;
  if (file.isTest && !context.options.includeTests) return;
  if (!/\bfor\b/.test(file.text)) return;
  const candidates = analyses.get(expensiveCandidates);
  // A package that imports beyond the standard library may reach expensive helpers there from any call.
  const readsImports = analyses.readsImportedSources();
  if (!readsImports && !candidates.mayCallExpensive(file, file.text)) return;
  const wantTransport = file.text.includes('Transport{');
  const types = ['for_statement', 'call_expression'];
  if (wantTransport) types.push('composite_literal');
  const buckets = analyses.nodesOfTypes(file, types);
  const calls = buckets.get('call_expression')!;
  const literals = wantTransport ? buckets.get('composite_literal')! : [];
  let checker: LoopChecker | null = null;
  let summary: ExpensiveSummary | null = null;
  const seen = new Set<number>();
  for (const loop of buckets.get('for_statement')!) {
    const body = loop.childForFieldName('body');
    if (!body) continue;
    const text = body.text;
    const local = candidates.mayCallExpensive(file, text);
    if (!local && !readsImports) continue;
    summary ??= analyses.get(expensiveSummary);
    checker ??= new LoopChecker(context, summary);
    const byName = local && namePattern(summary).test(text);
    if (byName || readsImports) {
      for (const call of nodesWithin(calls, body)) {
        if (seen.has(call.id)) continue;
        const name = calleeName(call);
        const known = byName && !!name && summary.names.has(name);
        if (!name || !(known || (readsImports && !BUILTIN_CALLS.has(name)))) continue;
        seen.add(call.id);
        checker.check(call, 'call', !known);
      }
    }
    if (wantTransport && text.includes('Transport{')) {
      for (const literal of nodesWithin(literals, body)) {
        if (seen.has(literal.id)) continue;
        seen.add(literal.id);
        if (summary.isTransportLiteral(literal)) checker.check(literal, 'transport');
      }
    }
  }
}

const BUILTIN_CALLS = new Set(['append', 'cap', 'close', 'copy', 'delete', 'len', 'make', 'new', 'panic', 'print', 'println', 'recover']);

function calleeName(call: SyntaxNode): string | null {
  const callee = call.childForFieldName('function');
  if (!callee) return null;
  const target = unparen(callee);
  if (target.type === 'identifier') return target.text;
  if (target.type === 'selector_expression') return target.childForFieldName('field')?.text ?? null;
  return null;
}

const BREAKABLE = new Set(['for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement']);

class LoopChecker {
  private readonly hotLoops = new Map<number, boolean>();
  private readonly loopWrites = new Map<number, LoopWrites>();
  private readonly file: SourceFile;
  private readonly pkg: GoPackage;
  private readonly analyses: PackageAnalyses;

  constructor(
    private readonly context: RuleContext<ExpensiveOptions>,
    private readonly summary: ExpensiveSummary,
  ) {
    this.file = context.file;
    this.pkg = context.pkg;
    this.analyses = context.analyses;
  }

  /**
   * `throughImports`: the call is looked at only because it may reach another package, whose source
   * is read only when the call could be reported at all: it must already be invariant in its innermost
   * loop, and the result used, judged with what any such fact allows.
   */
  check(node: SyntaxNode, kind: 'call' | 'transport', throughImports = false): void {
    // Ancestors up to the enclosing declaration, or to a func literal that does not run in place.
    const ancestors: SyntaxNode[] = [node];
    let innermostFunction: SyntaxNode | null = null;
    for (let current = node.parent; current; current = current.parent) {
      ancestors.push(current);
      if (current.type === 'func_literal') {
        innermostFunction ??= current;
        if (!isInvokedInPlace(current)) break;
      }
      if (current.type === 'function_declaration' || current.type === 'method_declaration') {
        innermostFunction ??= current;
        break;
      }
    }
    const loops: number[] = [];
    for (let index = 1; index < ancestors.length; index++) {
      const ancestor = ancestors[index]!;
      if (ancestor.type === 'for_statement' && ancestor.childForFieldName('body')?.id === ancestors[index - 1]!.id) loops.push(index);
    }
    if (loops.length === 0) return;

    let fact: ExpensiveFact | null;
    if (kind === 'transport') {
      fact = makeFact({ what: TRANSPORT_WHAT }, ['http.Transport{}'], node);
    } else {
      if (throughImports) {
        const neutral = makeFact({ what: '' }, ['', ''], node);
        if (!resultUsed(node, neutral, null) || !this.isInvariant(node, kind, neutral, ancestors[loops[0]!]!)) return;
      }
      const found = this.summary.callFact(node, innermostFunction);
      if (!found) return;
      const wasteOnEveryCall = isConstantCompile(found);
      if (!wasteOnEveryCall && !found.workWithoutResult && !resultUsed(node, found, found.callee)) return;
      // Work that ends in another package rests on more guesses: a call that advances its receiver, or
      // whose result each iteration keeps or adjusts for itself, is not work to hoist.
      if (found.primitiveFile && !wasteOnEveryCall && (changesItsReceiver(found.callee) || (returnsObject(found.callee) && keptPerIteration(node, ancestors[loops[0]!]!)))) return;
      fact = found;
    }

    const reported: SyntaxNode[] = [];
    let guarded = false;
    let onceInNextLoop = false;
    let loopCursor = 0;
    for (let index = 1; index < ancestors.length && loopCursor < loops.length; index++) {
      const ancestor = ancestors[index]!;
      const child = ancestors[index - 1]!;
      if (ancestor.type === 'if_statement' && ancestor.childForFieldName('consequence')?.id === child.id && isMemoGuard(ancestor, this.pkg)) {
        guarded = true;
      }
      if (ancestor.type === 'expression_switch_statement' && child.type === 'expression_case' && this.isDispatch(ancestor, ancestors[loops[loopCursor]!]!)) {
        guarded = true;
      }
      if (ancestor.type === 'if_statement' && ancestor.childForFieldName('consequence')?.id === child.id && isSingleIterationTest(ancestor, ancestors[loops[loopCursor]!]!)) {
        onceInNextLoop = true;
      }
      if (index !== loops[loopCursor]) continue;
      loopCursor++;
      const loop = ancestor;
      if (!this.isInvariant(node, kind, fact, loop)) break;
      const once = onceInNextLoop;
      onceInNextLoop = false;
      if (guarded || once || !this.isHot(loop, innermostFunction)) continue;
      if (this.leavesLoopAfter(ancestors, index)) continue;
      if (kind === 'call' && this.isRetry(loop, ancestors)) continue;
      reported.push(loop);
      if (kind === 'call' && isConstantCompile(fact)) break;
    }
    if (reported.length === 0) return;
    this.report(node, kind, fact, reported);
  }

  private report(node: SyntaxNode, kind: 'call' | 'transport', fact: ExpensiveFact, loops: SyntaxNode[]): void {
    const nested = loops.length > 1;
    const where = nested
      ? `every iteration of the nested loops (${loops.map(describeLoop).join(' inside ')})`
      : `every iteration of ${describeLoop(loops[0]!)}`;
    const before = nested ? 'before the outer loop' : 'before the loop';
    const chain = fact.chain.length > 1 ? ` (${fact.chain.join(' → ')})` : '';
    let message: string;
    if (kind === 'transport') {
      message = `http.Transport{...} is created on ${where}, a new connection pool each time; its fields do not change in the loop: create it once ${before} and share it`;
    } else if (isConstantCompile(fact)) {
      message = `${callText(node)} runs on ${where} and compiles the constant regular expression ${shorten(fact.constantPattern ?? "")} on each call${chain}: compile it once into a package-level variable`;
    } else if (fact.hoistArgs) {
      message = `${callText(node)} runs on ${where} and ${fact.what}; the pattern does not change in the loop: compile it once before the loop with regexp.MustCompile`;
    } else {
      message = `${callText(node)} runs on ${where} and ${fact.what}${chain}; its arguments do not change in the loop: call it once ${before}`;
    }
    const related: Array<{ node: SyntaxNode; message: string; file?: SourceFile }> = loops
      .slice()
      .reverse()
      .map((loop) => ({ node: loopHeader(loop), message: nested ? 'one of the nested loops' : 'the loop' }));
    if (fact.chain.length > 1) related.push({ node: fact.primitive, file: fact.primitiveFile, message: `the expensive call at the end of the chain: ${fact.chain[fact.chain.length - 1]}` });
    this.context.report({ node, message, related, severity: nested ? 'error' : undefined });
  }

  private isHot(loop: SyntaxNode, fn: SyntaxNode | null): boolean {
    let hot = this.hotLoops.get(loop.id);
    if (hot === undefined) {
      const scope = fn && this.analyses.fileOf(fn) ? scopeOf(this.analyses, fn) : null;
      const body = loop.childForFieldName('body');
      const file = this.analyses.fileOf(loop);
      // A loop that sleeps, waits on a timer or channel, or backs off polls: its pace is not the CPU's.
      hot = !(body && file && findWait(this.analyses, file, body)) && isHotLoop(loop, this.pkg, scope);
      this.hotLoops.set(loop.id, hot);
    }
    return hot;
  }

  private writes(loop: SyntaxNode): LoopWrites {
    let writes = this.loopWrites.get(loop.id);
    if (!writes) {
      writes = collectWrites(loop, this.pkg, this.file);
      this.loopWrites.set(loop.id, writes);
    }
    return writes;
  }

  /**
   * A switch on the loop's element with many constant cases decodes tagged items (netlink attributes,
   * flags): each case runs about once per loop, not on every iteration.
   */
  private isDispatch(statement: SyntaxNode, loop: SyntaxNode): boolean {
    const value = statement.childForFieldName('value');
    if (!value) return false;
    const writes = this.writes(loop);
    const mentionsElement = value.descendantsOfType('identifier').some((identifier) => writes.names.has(identifier.text)) || (value.type === 'identifier' && writes.names.has(value.text));
    if (!mentionsElement) return false;
    return statement.namedChildren.filter((child) => child.type === 'expression_case').length >= DISPATCH_CASES;
  }

  /** True when nothing the node reads (receiver, arguments, literal fields) changes in the loop. */
  private isInvariant(node: SyntaxNode, kind: 'call' | 'transport', fact: ExpensiveFact, loop: SyntaxNode): boolean {
    const writes = this.writes(loop);
    if (fact.changedBy && this.changesInLoop(loop, node, fact.changedBy)) return false;
    if (kind === 'transport') {
      const body = node.childForFieldName('body');
      return !body || !this.mentionsWrite(body, writes, node);
    }
    if (isConstantCompile(fact)) return true;
    const parts: SyntaxNode[] = [];
    const args = node.childForFieldName('arguments');
    if (fact.hoistArgs) {
      const list = args?.namedChildren.filter((child) => child.type !== 'comment') ?? [];
      return fact.hoistArgs.every((position) => !list[position] || !this.mentionsWrite(list[position]!, writes, node));
    }
    if (args) parts.push(args);
    if (args && fact.argumentsShared && this.passedElsewhere(args, writes, node)) return false;
    const callee = unparen(node.childForFieldName('function')!);
    if (callee.type === 'selector_expression') {
      const operand = unparen(callee.childForFieldName('operand')!);
      if (!(operand.type === 'identifier' && importPathOf(this.pkg, this.file, operand.text) && !writes.names.has(operand.text))) {
        const constructed = this.constructedInLoop(operand, writes, loop);
        parts.push(constructed ?? operand);
      }
    } else if (callee.type !== 'identifier') {
      parts.push(callee);
    }
    return parts.every((part) => !this.mentionsWrite(part, writes, node));
  }

  /**
   * True when the loop body, or a same-package function it calls (one level down), does something that
   * changes what the primitive reads: a file write before a file read, a route change before a listing.
   */
  private changesInLoop(loop: SyntaxNode, node: SyntaxNode, changedBy: RegExp): boolean {
    const text = loop.childForFieldName('body')!.text.replace(node.text, '');
    if (changedBy.test(text)) return true;
    const callee = calleeName(node);
    for (const match of text.matchAll(/\b([A-Za-z_]\w*)\s*\(/g)) {
      const name = match[1]!;
      if (name === callee) continue;
      const functions = [this.pkg.funcs.get(name), ...(this.pkg.methodsByName.get(name) ?? [])];
      for (const fn of functions) {
        if (fn && !fn.file.isTest && changedBy.test(fn.file.text.slice(fn.node.startIndex, fn.node.endIndex))) return true;
      }
    }
    return false;
  }

  /**
   * For `cmd := exec.Command("ip", "route")` in the loop followed by `cmd.Output()`, the constructor
   * call stands in for `cmd`, provided `cmd` is bound once and nothing else in the loop touches it.
   */
  private constructedInLoop(operand: SyntaxNode, writes: LoopWrites, loop: SyntaxNode): SyntaxNode | null {
    if (operand.type !== 'identifier' || !writes.names.has(operand.text) || writes.bindings.get(operand.text) !== 1) return null;
    const name = operand.text;
    if (writes.paths.some((path) => path === name || path.startsWith(`${name}.`))) return null;
    for (const declaration of loop.descendantsOfType('short_var_declaration')) {
      const left = declaration.childForFieldName('left')?.namedChildren ?? [];
      const right = declaration.childForFieldName('right')?.namedChildren ?? [];
      if (left.length !== 1 || right.length !== 1 || left[0]!.text !== name) continue;
      const init = unparen(right[0]!);
      if (init.type !== 'call_expression') return null;
      const callee = unparen(init.childForFieldName('function')!);
      const qualifier = callee.type === 'selector_expression' ? unparen(callee.childForFieldName('operand')!) : null;
      if (!qualifier || qualifier.type !== 'identifier') return null;
      const importPath = importPathOf(this.pkg, this.file, qualifier.text);
      const field = callee.childForFieldName('field')?.text ?? '';
      return importPath === 'os/exec' && /^Command(Context)?$/.test(field) ? init : null;
    }
    return null;
  }

  /** True when a value in `args` is also handed to another call in the loop, which may fill it in. */
  private passedElsewhere(args: SyntaxNode, writes: LoopWrites, subject: SyntaxNode): boolean {
    const paths = new Set<string>();
    for (const arg of args.namedChildren) {
      const path = selectorPath(arg);
      if (path) paths.add(path);
    }
    if (paths.size === 0) return false;
    return writes.arguments.some((use) => use.callId !== subject.id && [...paths].some((path) => use.path === path || use.path.startsWith(`${path}.`)));
  }

  private mentionsWrite(part: SyntaxNode, writes: LoopWrites, subject: SyntaxNode): boolean {
    const subjectCallee = subject.type === 'call_expression' ? subject.childForFieldName('function')?.text ?? '' : '';
    const receivers = writes.receivers.filter((use) => use.callId !== subject.id && use.calleeText !== subjectCallee);
    const nodes = part.type === 'identifier' || part.type === 'selector_expression' ? [part] : [];
    nodes.push(...part.descendantsOfType(['identifier', 'selector_expression', 'call_expression', 'unary_expression']));
    for (const node of nodes) {
      switch (node.type) {
        case 'identifier':
        case 'selector_expression': {
          if (node.type === 'identifier' && writes.names.has(node.text)) return true;
          const parent = node.parent;
          if (parent?.type === 'selector_expression' && parent.childForFieldName('operand')?.id === node.id && node.id !== part.id) continue;
          const path = selectorPath(node);
          if (!path) continue;
          if (writes.names.has(path.split('.')[0]!)) return true;
          for (const written of writes.paths) if (overlaps(path, written)) return true;
          for (const use of receivers) if (use.path === path || use.path.startsWith(`${path}.`)) return true;
          break;
        }
        case 'call_expression':
          if (!isPureCall(node, this.pkg, this.file)) return true;
          break;
        case 'unary_expression':
          if (node.childForFieldName('operator')?.text === '<-') return true;
          break;
        default:
          break;
      }
    }
    return false;
  }

  /**
   * True when every path from the node on leaves the loop before the next iteration: a return, a
   * break of this or an outer loop, or a call that never returns follows it, with no continue between.
   */
  private leavesLoopAfter(ancestors: SyntaxNode[], loopIndex: number): boolean {
    const node = ancestors[0]!;
    const text = this.file.text;
    const loopLabels = labelsOfLoopAndOuter(ancestors, loopIndex);
    for (let level = 1; level < loopIndex; level++) {
      const list = ancestors[level]!;
      if (list.type !== 'statement_list') continue;
      const containing = ancestors[level - 1]!;
      if (containing.type === 'return_statement') return true;
      if (/\b(continue|goto)\b/.test(text.slice(node.endIndex, containing.endIndex))) return false;
      let breakable: SyntaxNode | null = null;
      for (let index = level + 1; index <= loopIndex; index++) {
        if (BREAKABLE.has(ancestors[index]!.type)) {
          breakable = ancestors[index]!;
          break;
        }
      }
      for (let sibling = containing.nextNamedSibling; sibling; sibling = sibling.nextNamedSibling) {
        if (sibling.type === 'comment') continue;
        if (sibling.type === 'return_statement') return true;
        if (sibling.type === 'break_statement') {
          const label = sibling.namedChild(0)?.text;
          if (label ? loopLabels.has(label) : breakable?.id === ancestors[loopIndex]!.id) return true;
          break;
        }
        if (sibling.type === 'expression_statement' && this.neverReturns(sibling.namedChild(0))) return true;
        if (/\b(continue|goto)\b/.test(sibling.text)) return false;
      }
    }
    return false;
  }

  private neverReturns(expression: SyntaxNode | null): boolean {
    if (!expression || expression.type !== 'call_expression') return false;
    if (expression.childForFieldName('function')?.text === 'panic') return true;
    return this.analyses.get(neverReturns).isNoReturnCall(expression, this.file);
  }

  /**
   * A counting or endless loop that exits on the call's own result (`if err == nil { break }`) is a retry
   * or a poll: the answer is expected to change. Range loops and `i < len(x)` loops walk data instead.
   */
  private isRetry(loop: SyntaxNode, ancestors: SyntaxNode[]): boolean {
    const header = loop.namedChild(0);
    if (header?.type === 'range_clause') return false;
    const condition = header?.type === 'for_clause' ? header.childForFieldName('condition') : header?.type !== 'block' ? header : null;
    if (condition && /\blen\(/.test(condition.text)) return false;
    const bound = boundNames(ancestors);
    if (bound.length === 0) return false;
    const mentions = new RegExp(`\\b(${bound.join('|')})\\b`);
    for (const statement of loop.childForFieldName('body')!.descendantsOfType('if_statement')) {
      const test = statement.childForFieldName('condition');
      const consequence = statement.childForFieldName('consequence');
      if (!test || !consequence || !mentions.test(test.text)) continue;
      if (/^\s*err\s*!=\s*nil\s*$/.test(test.text)) continue;
      if (/\b(break|return)\b/.test(consequence.text)) return true;
    }
    return false;
  }
}

/** A method with a pointer receiver whose body assigns to the receiver's fields (`p.tok = ...`, `p.n++`): each call moves its state on. */
function changesItsReceiver(callee: FuncInfo | null): boolean {
  if (!callee?.receiverName || !callee.pointerReceiver || callee.receiverName === '_') return false;
  const receiver = escapeRegExp(callee.receiverName);
  return new RegExp(`\\b${receiver}(\\.\\w+)+(\\[[^\\]\\n]*\\])?\\s*(=[^=]|[-+*/|&]=|\\+\\+|--)`).test(callee.node.text);
}

/** A function whose first result is a pointer or a named type: a value with an identity of its own (a client, a config), not a string or a number. */
function returnsObject(callee: FuncInfo | null): boolean {
  const type = callee?.results[0]?.typeText.trim() ?? '';
  return type.startsWith('*') || /^(\w+\.)?[A-Z]\w*$/.test(type);
}

/**
 * True when each iteration keeps its own result: stored in an element (`clients[i] = f()`), appended,
 * or bound to a name whose fields the loop then sets (`c := newClient(); c.Logger = nil`).
 */
function keptPerIteration(call: SyntaxNode, loop: SyntaxNode): boolean {
  const node = outermostParen(call);
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'argument_list' && parent.parent?.childForFieldName('function')?.text === 'append') return true;
  const statement = parent.type === 'expression_list' ? parent.parent : null;
  if (!statement || (statement.type !== 'assignment_statement' && statement.type !== 'short_var_declaration' && statement.type !== 'var_spec')) return false;
  const values = statement.type === 'var_spec' ? statement.childForFieldName('value') : statement.childForFieldName('right');
  if (values?.id !== parent.id) return false;
  const targets = statement.type === 'var_spec' ? statement.childrenForFieldName('name') : (statement.childForFieldName('left')?.namedChildren ?? []);
  const position = parent.namedChildren.findIndex((child) => child.id === node.id);
  const target = targets[targets.length === parent.namedChildren.length ? position : 0];
  if (!target) return false;
  if (unparen(target).type === 'index_expression') return true;
  if (target.type !== 'identifier' || target.text === '_') return false;
  const body = loop.childForFieldName('body')?.text ?? '';
  return new RegExp(`\\b${escapeRegExp(target.text)}(\\.\\w+)+\\s*=[^=]`).test(body);
}

/** False for calls made only for their side effects: a discarded result, or just an error. */
function resultUsed(call: SyntaxNode, fact: ExpensiveFact, callee: FuncInfo | null): boolean {
  const node = outermostParen(call);
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'expression_statement' || parent.type === 'go_statement' || parent.type === 'defer_statement') return false;
  if (fact.chain.length === 1 && fact.errorOnly) return false;
  if (callee && callee.results.length > 0 && callee.results.every((result) => result.typeText === 'error')) return false;
  if (parent.type === 'expression_list') {
    const statement = parent.parent;
    if (statement && (statement.type === 'short_var_declaration' || statement.type === 'assignment_statement') && statement.childForFieldName('right')?.id === parent.id) {
      const left = statement.childForFieldName('left');
      const names = left ? left.namedChildren.map((child) => child.text) : [];
      if (names.length > 0 && names.every((name) => name === '_' || /^err/.test(name))) return false;
    }
  }
  return true;
}

/** `if i == 0 { ... }` on the loop's own counter or index: the branch runs on one iteration only. */
function isSingleIterationTest(statement: SyntaxNode, loop: SyntaxNode): boolean {
  const condition = statement.childForFieldName('condition');
  const match = condition ? /^\s*(\w+)\s*==\s*(\d+|\w+)\s*$/.exec(condition.text) : null;
  if (!match) return false;
  const header = loop.namedChild(0);
  let counter: SyntaxNode | null | undefined = null;
  if (header?.type === 'range_clause') counter = header.childForFieldName('left')?.namedChild(0);
  else if (header?.type === 'for_clause') counter = header.childForFieldName('initializer')?.childForFieldName('left')?.namedChild(0);
  return !!counter && counter.text === match[1] && counter.text !== match[2];
}

/** A helper that compiles a constant regular expression itself: waste on every call, whatever its arguments. */
function isConstantCompile(fact: ExpensiveFact): boolean {
  return fact.chain.length === 2 && fact.constantPattern !== null;
}

/** The names bound by the assignment whose right side holds the call (`out, err := ...`). */
function boundNames(ancestors: SyntaxNode[]): string[] {
  for (let index = 1; index < Math.min(ancestors.length, 6); index++) {
    const node = ancestors[index]!;
    if (node.type === 'short_var_declaration' || node.type === 'assignment_statement') {
      const left = node.childForFieldName('left');
      return (left?.namedChildren ?? []).filter((child) => child.type === 'identifier' && child.text !== '_').map((child) => child.text);
    }
    if (node.type.endsWith('_statement') || node.type === 'block') break;
  }
  return [];
}

function labelsOfLoopAndOuter(ancestors: SyntaxNode[], loopIndex: number): Set<string> {
  const labels = new Set<string>();
  for (let index = loopIndex; index < ancestors.length; index++) {
    const node = ancestors[index]!;
    if (node.type === 'for_statement' && node.parent?.type === 'labeled_statement') {
      const label = node.parent.childForFieldName('label')?.text;
      if (label) labels.add(label);
    }
  }
  return labels;
}

function loopHeader(loop: SyntaxNode): SyntaxNode {
  const header = loop.namedChild(0);
  return header && header.type !== 'block' ? header : loop.child(0) ?? loop;
}

function describeLoop(loop: SyntaxNode): string {
  const header = loop.namedChild(0);
  if (!header || header.type === 'block') return 'the endless for loop';
  if (header.type === 'range_clause') return `the range over ${shorten(header.childForFieldName('right')?.text ?? '')}`;
  if (header.type === 'for_clause') {
    const condition = header.childForFieldName('condition');
    return condition ? `the loop while ${shorten(condition.text)}` : 'the endless for loop';
  }
  return `the loop while ${shorten(header.text)}`;
}

function callText(call: SyntaxNode): string {
  const text = call.text;
  if (!text.includes('\n') && text.length <= 60) return text;
  const callee = call.childForFieldName('function')?.text ?? 'the call';
  return `${shorten(callee)}(...)`;
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= 50 ? line : `${line.slice(0, 47)}...`;
}
