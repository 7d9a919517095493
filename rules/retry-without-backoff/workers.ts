// The work-queue half of retry-without-backoff: a worker (a function that takes items with `X.Get()`
// and marks them `X.Done(...)`), or a `handleErr(err, key)` helper it calls, that puts a failed key back
// with `X.Add(key)` (or `X.AddAfter(key, d)` with a constant d under a second) on a path reached only on
// error; `X.Forget(key)` right before `X.AddRateLimited(key)`; a worker that rate-limits failures but
// never calls Forget on success. Tight `for` loops are loops.ts's.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import type { PackageRuleContext, ReportDescriptor } from '../../src/engine/rule.js';
import { callArguments, calleePath, expressionListItems, FUNCTION_TYPES, nodesWithin, unparen } from '../../src/parse/syntax.js';
import type { FuncInfo } from '../../src/index/package-index.js';
import { resolveCall } from '../../src/analysis/calls.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { isLoggingCall } from '../../src/analysis/purity.js';
import { findWait, waitingFunctions } from '../../src/analysis/waits.js';
import { constantDuration } from '../../src/analysis/durations.js';
import { errorPathCheck, isErrorName, isWorkQueue } from './error-paths.js';
import type { Options } from './options.js';

interface Worker {
  fn: FuncInfo;
  queue: string;
  get: SyntaxNode;
  keys: Set<string>;
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

function selectorParts(call: SyntaxNode): { operand: SyntaxNode; path: string; method: string } | null {
  const callee = call.childForFieldName('function');
  if (!callee || unparen(callee).type !== 'selector_expression') return null;
  const selector = unparen(callee);
  const operand = selector.childForFieldName('operand');
  const method = selector.childForFieldName('field')?.text;
  const path = calleePath(call);
  if (!operand || !method || !path) return null;
  return { operand, path: path.slice(0, path.length - method.length - 1), method };
}

/** The innermost function node around `node`, and whether every literal on the way is called in place. */
function innermostFunction(node: SyntaxNode): { fn: SyntaxNode | null; invokedInPlace: boolean } {
  for (let current = node.parent; current; current = current.parent) {
    if (!FUNCTION_TYPES.has(current.type)) continue;
    if (current.type !== 'func_literal') return { fn: current, invokedInPlace: true };
    const parent = current.parent;
    const invoked = parent?.type === 'call_expression' && parent.childForFieldName('function')?.id === current.id;
    return { fn: current, invokedInPlace: invoked };
  }
  return { fn: null, invokedInPlace: false };
}

export function checkWorkers(context: PackageRuleContext<Options>): void {
  const { analyses, pkg } = context;
  const reported = new Set<number>();
  const report: Reporter = (file, node, descriptor) => {
    if (reported.has(node.id)) return;
    reported.add(node.id);
    context.report({ ...descriptor, file, node });
  };
  checkForgetThenRateLimit(context, report);
  if (!pkg.files.some((file) => file.text.includes('.Get()') && file.text.includes('.Done('))) return;
  for (const worker of findWorkers(analyses)) checkWorker(context, worker, report);
}

function findWorkers(analyses: PackageAnalyses): Worker[] {
  const workers: Worker[] = [];
  const pkg = analyses.pkg;
  for (const file of pkg.files) {
    if (!file.text.includes('.Get()') || !file.text.includes('.Done(')) continue;
    const calls = analyses.nodesOfType(file, 'call_expression');
    for (const fn of pkg.functions) {
      if (fn.file !== file) continue;
      const inside = nodesWithin(calls, fn.node);
      for (const get of inside) {
        const parts = selectorParts(get);
        if (!parts || parts.method !== 'Get' || callArguments(get).length !== 0) continue;
        const done = inside.some((call) => {
          const other = selectorParts(call);
          return !!other && other.method === 'Done' && other.path === parts.path;
        });
        if (!done || !isWorkQueue(analyses, file, parts.operand, fn.node)) continue;
        const keys = keyVariables(analyses, file, fn.node, get);
        if (keys.size === 0) continue;
        workers.push({ fn, queue: parts.path, get, keys });
        break;
      }
    }
  }
  return workers;
}

/** The item variable from `item, quit := X.Get()` and the variables derived from it in the worker. */
function keyVariables(analyses: PackageAnalyses, file: SourceFile, fn: SyntaxNode, get: SyntaxNode): Set<string> {
  const keys = new Set<string>();
  let statement = get.parent;
  if (statement?.type === 'expression_list') statement = statement.parent;
  if (statement?.type !== 'short_var_declaration' && statement?.type !== 'assignment_statement') return keys;
  const first = expressionListItems(statement.childForFieldName('left'))[0];
  if (first?.type === 'identifier' && first.text !== '_') keys.add(first.text);
  return deriveKeys(analyses, file, fn, keys);
}

/** Adds to `keys` the variables derived from them in `fn`: assertions, fields, key functions, literal parameters. */
function deriveKeys(analyses: PackageAnalyses, file: SourceFile, fn: SyntaxNode, keys: Set<string>): Set<string> {
  if (keys.size === 0) return keys;
  const declarations = [
    ...nodesWithin(analyses.nodesOfType(file, 'short_var_declaration'), fn),
    ...nodesWithin(analyses.nodesOfType(file, 'assignment_statement'), fn),
  ];
  const mentionsKey = (node: SyntaxNode) => [...keys].some((key) => new RegExp(`\\b${key}\\b`).test(node.text));
  for (let round = 0; round < 3; round++) {
    const before = keys.size;
    for (const declaration of declarations) {
      const right = expressionListItems(declaration.childForFieldName('right'));
      const left = expressionListItems(declaration.childForFieldName('left'));
      if (right.length !== 1 || !mentionsKey(right[0]!)) continue;
      const value = unparen(right[0]!);
      const derived =
        (value.type === 'identifier' && keys.has(value.text)) ||
        value.type === 'type_assertion_expression' ||
        value.type === 'selector_expression' ||
        (value.type === 'call_expression' && (left.length === 1 || /[Kk]ey/.test(calleePath(value) ?? '')));
      if (!derived) continue;
      const name = left[0];
      if (name?.type === 'identifier' && name.text !== '_' && !isErrorName(name.text)) keys.add(name.text);
    }
    // `func(obj interface{}) error { ... }(obj)`: the literal's parameters bound to keys are keys too.
    for (const literal of nodesWithin(analyses.nodesOfType(file, 'func_literal'), fn)) {
      const call = literal.parent;
      if (call?.type !== 'call_expression' || call.childForFieldName('function')?.id !== literal.id) continue;
      const params = literal.childForFieldName('parameters');
      const names = params ? params.namedChildren.flatMap((param) => param.childrenForFieldName('name').map((n) => n.text)) : [];
      callArguments(call).forEach((argument, index) => {
        if (index < names.length && keys.has(unparen(argument).text)) keys.add(names[index]!);
      });
    }
    if (keys.size === before) break;
  }
  return keys;
}

/** Reports once per node; the descriptor is the engine's, minus the node and file given first. */
type Reporter = (file: SourceFile, node: SyntaxNode, descriptor: Omit<ReportDescriptor, 'node' | 'file' | 'range'>) => void;

function checkWorker(context: PackageRuleContext<Options>, worker: Worker, report: Reporter): void {
  const { analyses } = context;
  const file = worker.fn.file;
  const calls = nodesWithin(analyses.nodesOfType(file, 'call_expression'), worker.fn.node);
  const workerName = worker.fn.name;
  const rateLimited: Array<{ call: SyntaxNode; file: SourceFile }> = [];
  const isKey = (argument: SyntaxNode | undefined, keys: Set<string>) => !!argument && keys.has(unparen(argument).text);

  const examineAdd = (call: SyntaxNode, callFile: SourceFile, keys: Set<string>, where: string) => {
    const parts = selectorParts(call);
    if (!parts) return;
    const sameQueue = lastSegment(parts.path) === lastSegment(worker.queue) || isWorkQueue(analyses, callFile, parts.operand, null);
    if (!sameQueue) return;
    const args = callArguments(call);
    if (parts.method === 'AddRateLimited' && isKey(args[0], keys)) rateLimited.push({ call, file: callFile });
    if ((parts.method !== 'Add' && parts.method !== 'AddAfter') || !isKey(args[0], keys)) return;
    const { fn, invokedInPlace } = innermostFunction(call);
    if (!fn || !invokedInPlace) return;
    const check = errorPathCheck(analyses, fn, call);
    if (!check) return;
    if (waitsBefore(analyses, callFile, call, fn)) return;
    if (addMethodWaits(analyses, call, fn)) return;
    const queueCall = `${parts.path}.${parts.method}`;
    const key = args[0]!.text;
    if (parts.method === 'AddAfter') {
      const delay = args[1] ? constantDuration(analyses.pkg, callFile, args[1]) : null;
      if (delay === null || delay >= 1e9) return;
      report(callFile, call, {
        message: `${queueCall}(${key}, ${args[1]!.text}) re-queues the failed key after only ${formatDuration(delay)}${where}, so a key that keeps failing hot-loops the worker and floods what it calls; use ${parts.path}.AddRateLimited(${key}) for per-key exponential backoff`,
        related: [{ node: check, message: 'the error that sends the key back', file: callFile }, { node: worker.get, message: `worker ${workerName} takes keys from ${worker.queue} here`, file }],
        fixes: [{ message: `use ${parts.path}.AddRateLimited(${key})`, edits: [{ file: callFile.path, startIndex: call.childForFieldName('function')!.endIndex - parts.method.length, endIndex: call.endIndex, newText: `AddRateLimited(${key})` }] }],
      });
      return;
    }
    const field = unparen(call.childForFieldName('function')!).childForFieldName('field')!;
    report(callFile, call, {
      message: `${queueCall}(${key}) re-queues the failed key at once${where}, so a key that keeps failing hot-loops the worker and floods what it calls; use ${parts.path}.AddRateLimited(${key}) for per-key exponential backoff and Forget it on success`,
      related: [{ node: check, message: 'the error that sends the key back', file: callFile }, { node: worker.get, message: `worker ${workerName} takes keys from ${worker.queue} here`, file }],
      fixes: [{ message: `use ${parts.path}.AddRateLimited(${key})`, edits: [{ file: callFile.path, startIndex: field.startIndex, endIndex: field.endIndex, newText: 'AddRateLimited' }] }],
    });
  };

  for (const call of calls) examineAdd(call, file, worker.keys, '');

  // Helpers the worker hands the key to: handleErr(err, key) and, on the error path, enqueue(key).
  for (const call of calls) {
    const args = callArguments(call);
    const keyIndex = args.findIndex((argument) => worker.keys.has(unparen(argument).text));
    if (keyIndex < 0) continue;
    const { fn, invokedInPlace } = innermostFunction(call);
    if (!fn || !invokedInPlace) continue;
    const resolved = resolveCall(analyses, call, fn);
    if (resolved.kind !== 'local' || resolved.fn === worker.fn || !resolved.fn.node.childForFieldName('body')) continue;
    const helper = resolved.fn;
    const param = helper.params[keyIndex]?.name;
    if (!param) continue;
    const helperCalls = nodesWithin(analyses.nodesOfType(helper.file, 'call_expression'), helper.node);
    const takesError = helper.params.some((candidate) => candidate.typeText === 'error');
    if (takesError) {
      for (const inner of helperCalls) examineAdd(inner, helper.file, new Set([param]), ` in ${helper.name}, which worker ${workerName} calls with its sync error`);
      continue;
    }
    const check = errorPathCheck(analyses, fn, call);
    if (!check || waitsBefore(analyses, file, call, fn)) continue;
    const helperKeys = deriveKeys(analyses, helper.file, helper.node, new Set([param]));
    const immediate = helperCalls.find((inner) => {
      const parts = selectorParts(inner);
      return !!parts && parts.method === 'Add' && helperKeys.has(unparen(callArguments(inner)[0] ?? inner).text) && isWorkQueue(analyses, helper.file, parts.operand, helper.node);
    });
    const limited = helperCalls.some((inner) => /^(AddRateLimited|AddAfter)$/.test(selectorParts(inner)?.method ?? ''));
    if (!immediate || limited || analyses.get(waitingFunctions).waits(helper)) continue;
    report(file, call, {
      message: `${calleePath(call) ?? helper.name}(${args[keyIndex]!.text}) on the error path re-queues the failed key at once through ${calleePath(immediate)}, so a key that keeps failing hot-loops the worker; call ${worker.queue}.AddRateLimited(${args[keyIndex]!.text}) here instead`,
      related: [{ node: check, message: 'the error that sends the key back', file }, { node: immediate, message: `${helper.name} adds without delay`, file: helper.file }],
    });
  }

  if (rateLimited.length > 0 && !forgetsOnSuccess(analyses, worker.queue)) {
    const first = rateLimited[0]!;
    const key = callArguments(first.call)[0]!.text;
    const queue = selectorParts(first.call)!.path;
    report(first.file, first.call, {
      message: `worker ${workerName} re-queues failures with ${queue}.AddRateLimited(${key}) but never calls ${queue}.Forget(${key}) when the sync succeeds, so the key's failure count never resets and later failures start at the maximum delay; call ${queue}.Forget(${key}) on success`,
      related: [{ node: worker.get, message: `worker ${workerName} takes keys from ${worker.queue} here`, file }],
    });
  }
}

/** True when some Forget on the queue (by its last name) runs off the error path, anywhere in the package. */
function forgetsOnSuccess(analyses: PackageAnalyses, queue: string): boolean {
  const name = lastSegment(queue);
  const pattern = new RegExp(`\\b${name}\\.Forget\\(`);
  for (const file of analyses.pkg.files) {
    if (!pattern.test(file.text)) continue;
    for (const call of analyses.nodesOfType(file, 'call_expression')) {
      const parts = selectorParts(call);
      if (!parts || parts.method !== 'Forget' || lastSegment(parts.path) !== name) continue;
      const { fn } = innermostFunction(call);
      if (!fn || !errorPathCheck(analyses, fn, call)) return true;
    }
  }
  return false;
}

/** True when a statement before `node` on its way up to `fn` waits (a sleep before the re-queue). */
function waitsBefore(analyses: PackageAnalyses, file: SourceFile, node: SyntaxNode, fn: SyntaxNode): boolean {
  for (let current: SyntaxNode | null = node; current && current.id !== fn.id; current = current.parent) {
    for (let sibling = current.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
      if (findWait(analyses, file, sibling)) return true;
    }
  }
  return false;
}

/** True when `X.Add` resolves to a same-package method that waits (a queue that delays by itself). */
function addMethodWaits(analyses: PackageAnalyses, call: SyntaxNode, fn: SyntaxNode): boolean {
  const resolved = resolveCall(analyses, call, fn);
  return resolved.kind === 'local' && analyses.get(waitingFunctions).waits(resolved.fn);
}

function formatDuration(nanoseconds: number): string {
  if (nanoseconds >= 1e6) return `${+(nanoseconds / 1e6).toFixed(3)}ms`;
  if (nanoseconds >= 1e3) return `${+(nanoseconds / 1e3).toFixed(3)}µs`;
  return `${nanoseconds}ns`;
}

function checkForgetThenRateLimit(context: PackageRuleContext<Options>, report: Reporter): void {
  const { analyses, pkg } = context;
  for (const file of pkg.files) {
    if (!file.text.includes('.Forget(') || !file.text.includes('.AddRateLimited(')) continue;
    for (const call of analyses.nodesOfType(file, 'call_expression')) {
      const parts = selectorParts(call);
      if (!parts || parts.method !== 'Forget') continue;
      const statement = call.parent;
      if (statement?.type !== 'expression_statement') continue;
      let next = statement.nextNamedSibling;
      while (next && (next.type === 'comment' || (next.type === 'expression_statement' && next.namedChild(0)?.type === 'call_expression' && isLoggingCall(next.namedChild(0)!, pkg, file)))) next = next.nextNamedSibling;
      const nextCall = next?.type === 'expression_statement' ? unparen(next.namedChild(0)!) : null;
      const nextParts = nextCall?.type === 'call_expression' ? selectorParts(nextCall) : null;
      if (!nextParts || nextParts.method !== 'AddRateLimited' || nextParts.path !== parts.path) continue;
      const key = callArguments(call)[0]?.text;
      if (!key || callArguments(nextCall!)[0]?.text !== key) continue;
      if (!isWorkQueue(analyses, file, parts.operand, null)) continue;
      report(file, call, {
        message: `${parts.path}.Forget(${key}) right before ${parts.path}.AddRateLimited(${key}) resets the key's failure count, so every retry waits only the base delay; drop this Forget and call Forget only when the sync succeeds`,
        related: [{ node: nextCall!, message: 'the rate-limited re-queue whose backoff is reset', file }],
        fixes: [{ message: `remove ${parts.path}.Forget(${key})`, edits: [{ file: file.path, ...lineSpan(file.text, statement), newText: '' }] }],
      });
    }
  }
}

/** The whole line of a statement that sits alone on it (trailing comment included), else the statement. */
function lineSpan(text: string, statement: SyntaxNode): { startIndex: number; endIndex: number } {
  const lineStart = text.lastIndexOf('\n', statement.startIndex - 1) + 1;
  const newline = text.indexOf('\n', statement.endIndex);
  const lineEnd = newline < 0 ? text.length : newline + 1;
  const rest = text.slice(statement.endIndex, lineEnd).trim();
  if (text.slice(lineStart, statement.startIndex).trim() !== '' || (rest !== '' && !rest.startsWith('//'))) {
    return { startIndex: statement.startIndex, endIndex: statement.endIndex };
  }
  return { startIndex: lineStart, endIndex: lineEnd };
}

