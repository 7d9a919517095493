// What waits: calls and statements that make the code around them pause (time.Sleep, timers and
// tickers, blocking receives, a select without default, wait/backoff/retry packages, limiters' Wait),
// and a same-package summary of the functions that wait, directly or through helpers of any depth. The
// retry rule asks whether an attempt waits before the next; the expensive-call rule asks whether a loop
// polls. By itself it reports nothing. Names are matched syntactically, so an unresolved call named
// like a wait (`b.Wait()`, `clock.Sleep(d)`) counts as one: the rules prefer silence to a false alarm.
import type { SyntaxNode } from '../parse/parser.js';
import type { SourceFile } from '../parse/source.js';
import { calleePath, expressionListItems, nodesWithin, unparen } from '../parse/syntax.js';
import { importPathOf, type FuncInfo } from '../index/package-index.js';
import { callGraph, type ResolvedCall } from './calls.js';
import { defineAnalysis, type PackageAnalyses } from './context.js';
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
    if (resolved.importPath === 'time') return TIME_WAITS.has(resolved.name);
    if (WAIT_PACKAGE.test(resolved.importPath)) return true;
  }
  if (resolved?.kind === 'local' && resolved.via !== 'unique-name') return false;
  if (!name || PREDICATE.test(name)) return false;
  return WAIT_METHOD.test(name) || WAIT_WORD.test(name);
}

/** A blocking receive (`<-ch`) or a select without a default case anywhere inside `node`. */
function blocksOnChannel(analyses: PackageAnalyses, file: SourceFile, node: SyntaxNode): SyntaxNode | null {
  const text = node.text;
  if (text.includes('select')) {
    for (const select of nodesWithin(analyses.nodesOfType(file, 'select_statement'), node)) {
      if (!select.namedChildren.some((clause) => clause.type === 'default_case')) return select;
    }
  }
  if (text.includes('<-')) {
    for (const unary of nodesWithin(analyses.nodesOfType(file, 'unary_expression'), node)) {
      if (unary.text.startsWith('<-') && !isInsideSelectWithDefault(unary, node)) return unary;
    }
  }
  return null;
}

function isInsideSelectWithDefault(unary: SyntaxNode, limit: SyntaxNode): boolean {
  for (let current = unary.parent; current && current.startIndex >= limit.startIndex; current = current.parent) {
    if (current.type === 'communication_case') {
      const select = current.parent;
      return !!select && select.namedChildren.some((clause) => clause.type === 'default_case');
    }
  }
  return false;
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

/**
 * The first construct inside `node` that makes a retry wait: a waiting call, a call of a same-package
 * function that waits (matched by name), a blocking receive or a select without default; else null.
 * With `direct`, calls of same-package functions are not looked into (that needs the waits summary,
 * which may resolve many calls): a cheap first look, whose null does not mean that nothing waits.
 */
export function findWait(analyses: PackageAnalyses, file: SourceFile, node: SyntaxNode, direct = false, depth = 0): SyntaxNode | null {
  const maybeDirect = WAIT_TEXT.test(node.text);
  if (maybeDirect) {
    const blocking = blocksOnChannel(analyses, file, node);
    if (blocking) return blocking;
  }
  const pkg = analyses.pkg;
  // The package summary (and the call graph under it) is computed only once a same-package name shows up.
  let waiting: WaitingFunctions | null = null;
  for (const call of nodesWithin(analyses.nodesOfType(file, 'call_expression'), node)) {
    const path = calleePath(call);
    const name = path ? path.slice(path.lastIndexOf('.') + 1) : null;
    if (!direct && name && (pkg.funcs.has(name) || pkg.methodsByName.has(name))) {
      waiting ??= analyses.get(waitingFunctions);
      if (waiting.someWaits(name)) return call;
    }
    if (path && !path.includes('.') && depth < 3) {
      // A local closure (`retry := func() { ...; time.Sleep(d) }`) waits when its body does.
      const literal = closureBody(analyses, file, path, call);
      if (literal && findWait(analyses, file, literal, direct, depth + 1)) return call;
    }
    if (!maybeDirect || !path) continue;
    const head = path.includes('.') ? path.slice(0, path.indexOf('.')) : null;
    const importPath = head ? importPathOf(analyses.pkg, file, head) : null;
    const resolved: ResolvedCall =
      importPath && path.split('.').length === 2
        ? { kind: 'external', importPath, name: name!, receiverType: null }
        : { kind: 'unknown', name };
    if (isWaitingCall(call, resolved)) return call;
  }
  return null;
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
