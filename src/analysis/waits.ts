// What waits: calls and statements that make the code around them pause (time.Sleep, timers and
// tickers, blocking receives, a select that can block, wait/backoff/retry packages, limiters' Wait),
// and a same-package summary of the functions that wait, directly or through helpers of any depth. The
// retry rule asks whether an attempt waits before the next; the expensive-call rule asks whether a loop
// polls. By itself it reports nothing. Names are matched syntactically, so an unresolved call named
// like a wait (`b.Wait()`, `clock.Sleep(d)`) counts as one: the rules prefer silence to a false alarm.
// Some things that look like waits are not: a timer of zero length, a select with a default case, and
// a receive from a channel closed before the code runs (a select with such a case never blocks).
import type { SyntaxNode } from '../parse/parser.js';
import type { SourceFile } from '../parse/source.js';
import { calleePath, callArguments, contains, enclosingFunction, expressionListItems, FUNCTION_TYPES, nodesWithin, unparen } from '../parse/syntax.js';
import { importPathOf, type FuncInfo } from '../index/package-index.js';
import { callGraph, resolveCall, type ResolvedCall } from './calls.js';
import { defineAnalysis, type PackageAnalyses } from './context.js';
import { constantDuration } from './durations.js';
import { functionsByName, namesReachingText } from './functions.js';

/** Text that any waiting construct contains; a span without it cannot wait except through helpers. */
export const WAIT_TEXT = /[Ss]leep|After|Timer|Ticker|Tick|[Ww]ait|[Bb]ack[Oo]ff|[Rr]etry|Poll|Until|<-|select|[Dd]elay|[Tt]hrottle|[Ll]imit|Take\(|[Jj]itter|Accept\(/;

const TIME_WAITS = new Set(['Sleep', 'After', 'AfterFunc', 'NewTimer', 'NewTicker', 'Tick']);
const WAIT_PACKAGE = /(^|\/)(wait|backoff|retry|retry-go|ratelimit|rate|clock)(\/v\d+)?$|backoff/;
const WAIT_METHOD = /^(Sleep|After|AfterFunc|NewTimer|NewTicker|Tick|Wait|WaitN|Take|Reserve|Accept|Backoff|NextBackOff|Step|Until|Jitter)$/;
const WAIT_WORD = /[Ss]leep|[Bb]ack[Oo]ff|[Ww]ait|[Dd]elay|[Tt]hrottle|[Jj]itter|[Rr]etry|[Pp]oll|[Uu]ntil/;
/** Predicates such as `isRetryable(err)` or `shouldWait()` decide, they do not wait. */
const PREDICATE = /^(is|Is|should|Should|can|Can|has|Has|needs|Needs|must|Must)[A-Z_]/;

/** True when a call waits by itself, judged from its resolution and its name. Local calls are left to the summary. */
export function isWaitingCall(call: SyntaxNode, resolved: ResolvedCall | null): boolean {
  const path = calleePath(call);
  const name = resolved?.kind === 'unknown' || resolved?.kind === 'external' ? resolved.name : path ? path.slice(path.lastIndexOf('.') + 1) : null;
  if (resolved?.kind === 'external' && resolved.receiverType === null) {
    if (resolved.importPath === 'time') return TIME_WAITS.has(resolved.name) && !isZeroLiteral(callArguments(call)[0]);
    if (WAIT_PACKAGE.test(resolved.importPath)) return true;
  }
  if (resolved?.kind === 'local' && resolved.via !== 'unique-name') return false;
  if (!name || PREDICATE.test(name)) return false;
  return WAIT_METHOD.test(name) || WAIT_WORD.test(name);
}

function isZeroLiteral(node: SyntaxNode | undefined): boolean {
  return !!node && unparen(node).type === 'int_literal' && Number(unparen(node).text) === 0;
}

/** The select around a case's communication (`case <-time.After(d):`), or null when `node` is not in one. */
function selectOfCommunication(node: SyntaxNode, limit: SyntaxNode): SyntaxNode | null {
  for (let current = node.parent, depth = 0; current && depth < 4 && current.startIndex >= limit.startIndex; current = current.parent, depth++) {
    if (current.type === 'communication_case') {
      const communication = current.childForFieldName('communication');
      return communication && contains(communication, node) ? current.parent : null;
    }
    if (current.type === 'block' || current.type === 'statement_list') return null;
  }
  return null;
}

/**
 * The channels known to be closed before `node` runs: `close(ch)` in a block around it, earlier in the
 * function, and `x.f` when an earlier call of a same-package method on x closes its receiver's field f.
 * A receive from them returns at once.
 */
function closedChannels(analyses: PackageAnalyses, file: SourceFile, node: SyntaxNode): Set<string> {
  const closed = new Set<string>();
  const fn = FUNCTION_TYPES.has(node.type) ? node : enclosingFunction(node);
  const closers = analyses.get(receiverClosers);
  if (!fn || (closers.size === 0 && !fn.text.includes('close('))) return closed;
  for (const call of nodesWithin(analyses.nodesOfType(file, 'call_expression'), fn)) {
    if (call.startIndex >= node.startIndex) break;
    const callee = call.childForFieldName('function');
    const target = callee ? unparen(callee) : null;
    const closes = target?.type === 'identifier' && target.text === 'close';
    const name = target?.type === 'selector_expression' ? target.childForFieldName('field')?.text : undefined;
    if (!closes && (!name || !closers.has(name))) continue;
    // Only a call made as a statement in a block around `node` has surely run before it.
    const statement = call.parent;
    const block = statement?.type === 'expression_statement' ? statement.parent : null;
    if (!block || !contains(block, node) || enclosingFunction(statement!)?.id !== fn.id) continue;
    const args = callArguments(call);
    if (closes) {
      if (args.length === 1) closed.add(unparen(args[0]!).text);
      continue;
    }
    const resolved = resolveCall(analyses, call, fn, true);
    const fields = resolved.kind === 'local' ? closers.get(name!)!.get(resolved.fn) : undefined;
    const operand = target!.childForFieldName('operand')!.text;
    for (const field of fields ?? []) closed.add(`${operand}.${field}`);
  }
  return closed;
}

/** Methods that close a field of their receiver (`close(p.ready)`), by name, with the fields they close. */
const receiverClosers = defineAnalysis('receiver-closers', (analyses) => {
  const closers = new Map<string, Map<FuncInfo, string[]>>();
  for (const method of analyses.pkg.functions) {
    if (!method.receiverName || !method.node.text.includes('close(')) continue;
    const fields: string[] = [];
    const prefix = `${method.receiverName}.`;
    for (const call of nodesWithin(analyses.nodesOfType(method.file, 'call_expression'), method.node)) {
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'identifier' || callee.text !== 'close' || enclosingFunction(call)?.id !== method.node.id) continue;
      const channel = callArguments(call)[0];
      const text = channel ? unparen(channel).text : '';
      if (text.startsWith(prefix) && !text.slice(prefix.length).includes('.')) fields.push(text.slice(prefix.length));
    }
    if (fields.length === 0) continue;
    let byFunction = closers.get(method.name);
    if (!byFunction) closers.set(method.name, (byFunction = new Map()));
    byFunction.set(method, fields);
  }
  return closers;
});

/** True when receiving from `channel` may block: it is not known closed and is no zero-length timer. */
function receiveMayBlock(analyses: PackageAnalyses, file: SourceFile, channel: SyntaxNode | null, closed: () => Set<string>): boolean {
  if (!channel) return true;
  const value = unparen(channel);
  if (value.type === 'call_expression') {
    const path = calleePath(value) ?? '';
    const dot = path.indexOf('.');
    if (dot > 0 && importPathOf(analyses.pkg, file, path.slice(0, dot)) === 'time' && TIME_WAITS.has(path.slice(dot + 1))) {
      const delay = callArguments(value)[0];
      return !delay || constantDuration(analyses.pkg, file, delay) !== 0;
    }
    return true;
  }
  return !closed().has(value.text);
}

/** The channel a select case receives from, or null when it sends or has none. */
function caseChannel(clause: SyntaxNode): SyntaxNode | null {
  const communication = clause.childForFieldName('communication');
  if (!communication) return null;
  const receive = communication.type === 'receive_statement' ? communication.childForFieldName('right') : communication;
  const unary = receive ? unparen(receive) : null;
  if (unary?.type !== 'unary_expression' || !unary.text.startsWith('<-')) return null;
  return unary.childForFieldName('operand');
}

/**
 * A select that can block, or a blocking receive (`<-ch`) outside any select, anywhere inside `node`. A
 * select blocks when it has no default case and none of its cases receives from a channel that cannot
 * block (closed before, or a zero-length timer).
 */
function blocksOnChannel(analyses: PackageAnalyses, file: SourceFile, node: SyntaxNode): SyntaxNode | null {
  const text = node.text;
  let known: Set<string> | null = null;
  const closed = () => (known ??= closedChannels(analyses, file, node));
  if (text.includes('select')) {
    for (const select of nodesWithin(analyses.nodesOfType(file, 'select_statement'), node)) {
      if (selectBlocks(analyses, file, select, closed)) return select;
    }
  }
  if (text.includes('<-')) {
    const hasSelect = text.includes('select');
    for (const unary of nodesWithin(analyses.nodesOfType(file, 'unary_expression'), node)) {
      if (!unary.text.startsWith('<-') || (hasSelect && selectOfCommunication(unary, node))) continue;
      if (receiveMayBlock(analyses, file, unary.childForFieldName('operand'), closed)) return unary;
    }
  }
  return null;
}

/** True when a select can block: no default case, and no case that receives without blocking. */
export function selectBlocks(analyses: PackageAnalyses, file: SourceFile, select: SyntaxNode, closed?: () => Set<string>): boolean {
  let known: Set<string> | null = null;
  const closedHere = closed ?? (() => (known ??= closedChannels(analyses, file, select)));
  for (const clause of select.namedChildren) {
    if (clause.type === 'default_case') return false;
    if (clause.type !== 'communication_case') continue;
    const channel = caseChannel(clause);
    if (channel && !receiveMayBlock(analyses, file, channel, closedHere)) return false;
  }
  return true;
}

export interface WaitingFunctions {
  /** True when a same-package function waits, directly or through same-package callees. */
  waits(fn: FuncInfo): boolean;
  /** True when some same-package function or method of this name waits (for unresolved calls). */
  someWaits(name: string): boolean;
}

/**
 * The "waits" summary: a function waits when it sleeps, blocks on a timer or channel, or calls one that
 * does. Answered on demand: a function waits when a directly waiting function is reachable from it in
 * the call graph, so each question walks only the callees of the function asked about.
 */
export const waitingFunctions = defineAnalysis('waiting-functions', (analyses): WaitingFunctions => {
  const graph = analyses.get(callGraph);
  const direct = new Map<FuncInfo, boolean>();
  const directlyWaits = (fn: FuncInfo): boolean => {
    let known = direct.get(fn);
    if (known === undefined) {
      known = false;
      if (WAIT_TEXT.test(fn.node.text)) {
        known = !!blocksOnChannel(analyses, fn.file, fn.node);
        for (const site of graph.sitesOf(fn)) {
          if (known) break;
          known = isWaitingCall(site.call, site.resolved);
        }
      }
      direct.set(fn, known);
    }
    return known;
  };
  // A function can wait only if WAIT_TEXT is in its text or in that of a function it calls by name.
  const mayWait = namesReachingText(analyses, WAIT_TEXT);
  const answers = new Map<FuncInfo, boolean>();
  const waits = (fn: FuncInfo): boolean => {
    const known = answers.get(fn);
    if (known !== undefined) return known;
    if (!mayWait(fn.name)) return false;
    // A depth-first search for a directly waiting function. Only a complete search that found none
    // proves every function it visited does not wait; a hit proves only the start waits.
    const visited = new Set<FuncInfo>([fn]);
    const stack = [fn];
    let found = false;
    while (stack.length > 0 && !found) {
      const current = stack.pop()!;
      const answer = answers.get(current);
      if (answer === true || (answer === undefined && directlyWaits(current))) {
        found = true;
        break;
      }
      if (answer === false) continue;
      for (const site of graph.sitesOf(current)) {
        const callee = site.local?.fn;
        if (callee && !visited.has(callee)) {
          visited.add(callee);
          stack.push(callee);
        }
      }
    }
    if (found) answers.set(fn, true);
    else for (const seen of visited) answers.set(seen, false);
    return found;
  };
  return {
    waits,
    someWaits: (name) => mayWait(name) && (analyses.get(functionsByName).get(name) ?? []).some(waits),
  };
});

export interface FindWaitOptions {
  /** Calls the caller knows do not wait here (an `Accept` that returns at once when it fails). */
  skip?: (call: SyntaxNode) => boolean;
  /** How many local closures deep the search is (internal). */
  depth?: number;
}

/**
 * The first construct inside `node` that makes a retry wait: a waiting call, a call of a same-package
 * function that waits (matched by name), a blocking receive or a select that can block; else null.
 * With `direct`, calls of same-package functions are not looked into (that needs the waits summary,
 * which may resolve many calls): a cheap first look, whose null does not mean that nothing waits.
 */
export function findWait(analyses: PackageAnalyses, file: SourceFile, node: SyntaxNode, direct = false, options: FindWaitOptions = {}): SyntaxNode | null {
  const depth = options.depth ?? 0;
  const maybeDirect = WAIT_TEXT.test(node.text);
  if (maybeDirect) {
    const blocking = blocksOnChannel(analyses, file, node);
    if (blocking) return blocking;
  }
  const pkg = analyses.pkg;
  // The package summary (and the call graph under it) is computed only once a same-package name shows up.
  let waiting: WaitingFunctions | null = null;
  const hasSelect = maybeDirect && node.text.includes('select');
  for (const call of nodesWithin(analyses.nodesOfType(file, 'call_expression'), node)) {
    // A timer read in a select case waits only if the select can block, which blocksOnChannel judged.
    if ((hasSelect && selectOfCommunication(call, node)) || options.skip?.(call)) continue;
    const path = calleePath(call);
    const name = path ? path.slice(path.lastIndexOf('.') + 1) : null;
    if (!direct && name && (pkg.funcs.has(name) || pkg.methodsByName.has(name))) {
      waiting ??= analyses.get(waitingFunctions);
      if (waiting.someWaits(name)) return call;
    }
    if (path && !path.includes('.') && depth < 3) {
      // A local closure (`retry := func() { ...; time.Sleep(d) }`) waits when its body does.
      const literal = closureBody(analyses, file, path, call);
      if (literal && findWait(analyses, file, literal, direct, { ...options, depth: depth + 1 })) return call;
    }
    if (!maybeDirect || !path) continue;
    const head = path.includes('.') ? path.slice(0, path.indexOf('.')) : null;
    const importPath = head ? importPathOf(analyses.pkg, file, head) : null;
    const resolved: ResolvedCall =
      importPath && path.split('.').length === 2
        ? { kind: 'external', importPath, name: name!, receiverType: null }
        : { kind: 'unknown', name };
    if (isWaitingCall(call, resolved) && !(importPath === 'time' && isZeroDuration(analyses, file, call))) return call;
  }
  return null;
}

function isZeroDuration(analyses: PackageAnalyses, file: SourceFile, call: SyntaxNode): boolean {
  const delay = callArguments(call)[0];
  return !!delay && constantDuration(analyses.pkg, file, delay) === 0;
}

/** The func literal most recently bound to `name` before `call` in the same file (`name := func() {...}`). */
function closureBody(analyses: PackageAnalyses, file: SourceFile, name: string, call: SyntaxNode): SyntaxNode | null {
  if (!file.text.includes(`${name} := func`) && !file.text.includes(`${name} = func`)) return null;
  let found: SyntaxNode | null = null;
  for (const type of ['short_var_declaration', 'assignment_statement', 'var_spec']) {
    for (const declaration of analyses.nodesOfType(file, type)) {
      if (declaration.startIndex > call.startIndex) break;
      const left = declaration.childForFieldName(type === 'var_spec' ? 'name' : 'left');
      const right = declaration.childForFieldName(type === 'var_spec' ? 'value' : 'right');
      if (left?.text !== name || !right) continue;
      const value = unparen(expressionListItems(right)[0] ?? right);
      if (value.type === 'func_literal' && (!found || declaration.startIndex > found.startIndex)) found = value;
    }
  }
  return found;
}
