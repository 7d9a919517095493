// Work-queue workers and where their keys go: a worker is a function that takes items with `X.Get()`
// and marks them `X.Done(...)` on a work queue; its keys are the item and what is derived from it (a
// type assertion, a field, a key function's result). The key is followed into the functions the worker
// hands it to, directly, through func-valued fields, and a few calls deeper, with the error condition
// under which each call runs; a helper of an imported package (`controllerutil.Requeue(c.queue, key)`)
// is followed into that package when its source is there, and a parameter that receives the worker's
// queue is that queue. It reports nothing; workers.ts checks the re-queues.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { callArguments, calleePath, expressionListItems, FUNCTION_TYPES, nodesWithin, unparen } from '../../src/parse/syntax.js';
import type { FuncInfo } from '../../src/index/package-index.js';
import { funcFieldTargets, resolveCall } from '../../src/analysis/calls.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { importedFunction } from '../../src/analysis/imported.js';
import { errorPathCheck, errorSignals, isErrorName, type ErrorSignals } from './error-paths.js';
import { isWorkQueue, queueRef, sameQueue, selectorParts, type QueueRef } from './queues.js';

export interface Worker {
  fn: FuncInfo;
  queue: QueueRef;
  get: SyntaxNode;
  keys: Set<string>;
  signals: ErrorSignals;
}

/** A function the worker's key reaches, and how. */
export interface Handler {
  fn: FuncInfo;
  /** The analyses of the package that declares it: the worker's, or an imported package's. */
  analyses: PackageAnalyses;
  /** How messages name it: its name, or the qualified callee (`controllerutil.Requeue`) in another package. */
  label: string;
  /** Its parameters that receive the worker's queue (`q` in `func Requeue(q Queue, key string)`). */
  queueParams: ReadonlySet<string>;
  /** In another package: the call in the worker's package through which the key left it. */
  entry: { call: SyntaxNode; file: SourceFile } | null;
  keys: Set<string>;
  signals: ErrorSignals;
  /** The call that hands it the key, and the function that makes it. */
  call: SyntaxNode;
  caller: FuncInfo;
  /** The condition under which the key reaches it only on error (the call's, or an earlier call's). */
  check: { node: SyntaxNode; file: SourceFile } | null;
  /** It takes an `error` parameter: an error handler such as `handleErr(err, key)`. */
  takesError: boolean;
  /** How many calls away from the worker it is. */
  depth: number;
}

const MAX_DEPTH = 4;

/** The innermost function node around `node`, and whether every literal on the way is called in place. */
export function innermostFunction(node: SyntaxNode): { fn: SyntaxNode | null; invokedInPlace: boolean } {
  for (let current = node.parent; current; current = current.parent) {
    if (!FUNCTION_TYPES.has(current.type)) continue;
    if (current.type !== 'func_literal') return { fn: current, invokedInPlace: true };
    const parent = current.parent;
    const invoked = parent?.type === 'call_expression' && parent.childForFieldName('function')?.id === current.id;
    return { fn: current, invokedInPlace: invoked };
  }
  return { fn: null, invokedInPlace: false };
}

export function findWorkers(analyses: PackageAnalyses): Worker[] {
  const workers: Worker[] = [];
  const pkg = analyses.pkg;
  for (const file of pkg.files) {
    let lastFn: FuncInfo | null = null;
    for (const { fn, get, operand } of getsWithDone(analyses, file)) {
      // One worker per function: its first `Get` that passes.
      if (fn === lastFn) continue;
      if (!isWorkQueue(analyses, file, operand, fn.node)) continue;
      const keys = keyVariables(analyses, file, fn.node, get);
      if (keys.size === 0) continue;
      workers.push({ fn, queue: queueRef(analyses, operand), get, keys, signals: errorSignals(analyses, fn.node, keys) });
      lastFn = fn;
    }
  }
  return workers;
}

/** getsWithDone by parsed file: syntax alone, so it lives as long as the file (the language server's siblings). */
const getsByFile = new WeakMap<SourceFile, Array<{ fn: FuncInfo; get: SyntaxNode; operand: SyntaxNode }>>();

/** The `X.Get()` calls of a file's functions, in order, whose function also calls `X.Done(...)` on the same path. */
function getsWithDone(analyses: PackageAnalyses, file: SourceFile): Array<{ fn: FuncInfo; get: SyntaxNode; operand: SyntaxNode }> {
  let found = getsByFile.get(file);
  if (found) return found;
  found = [];
  if (file.text.includes('.Get()') && file.text.includes('.Done(')) {
    const calls = analyses.nodesOfType(file, 'call_expression');
    for (const fn of analyses.pkg.functions) {
      if (fn.file !== file) continue;
      const inside = nodesWithin(calls, fn.node);
      for (const get of inside) {
        const parts = selectorParts(get);
        if (!parts || parts.method !== 'Get' || callArguments(get).length !== 0) continue;
        const done = inside.some((call) => {
          const other = selectorParts(call);
          return !!other && other.method === 'Done' && other.path === parts.path;
        });
        if (done) found.push({ fn, get, operand: parts.operand });
      }
    }
  }
  getsByFile.set(file, found);
  return found;
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

/**
 * Adds to `keys` the variables derived from them in `fn`: type assertions, fields, the results of key
 * functions (`cache.MetaNamespaceKeyFunc(obj)`) and conversions (`string(k)`), and the parameters of
 * literals called in place with a key. Other calls on a key (`c.ownerOf(key)`) make something else.
 */
export function deriveKeys(analyses: PackageAnalyses, file: SourceFile, fn: SyntaxNode, keys: Set<string>): Set<string> {
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
      const path = value.type === 'call_expression' ? (calleePath(value) ?? '') : '';
      const derived =
        (value.type === 'identifier' && keys.has(value.text)) ||
        value.type === 'type_assertion_expression' ||
        value.type === 'selector_expression' ||
        (value.type === 'call_expression' && (/[Kk]ey/.test(path) || /^(string|fmt\.Sprint|fmt\.Sprintf)$/.test(path)));
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

/**
 * The functions the worker hands its key to, breadth-first up to a few calls deep: local functions and
 * methods called with a key, and the functions stored in a func-valued field called with one
 * (`c.syncHandler(key)`). A function reached twice keeps its first (shortest) route.
 */
export function handlersOf(analyses: PackageAnalyses, worker: Worker): Handler[] {
  const handlers: Handler[] = [];
  const reached = new Set<FuncInfo>([worker.fn]);
  interface Caller {
    fn: FuncInfo;
    analyses: PackageAnalyses;
    keys: Set<string>;
    signals: ErrorSignals;
    check: Handler['check'];
    queueParams: ReadonlySet<string>;
    entry: Handler['entry'];
  }
  let level: Caller[] = [{ fn: worker.fn, analyses, keys: worker.keys, signals: worker.signals, check: null, queueParams: new Set(), entry: null }];
  for (let depth = 1; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: Caller[] = [];
    for (const caller of level) {
      const callerAnalyses = caller.analyses;
      for (const call of nodesWithin(callerAnalyses.nodesOfType(caller.fn.file, 'call_expression'), caller.fn.node)) {
        const args = callArguments(call);
        const keyIndex = args.findIndex((argument) => isKeyArgument(argument, caller.keys));
        if (keyIndex < 0) continue;
        const { fn, invokedInPlace } = innermostFunction(call);
        if (!fn || !invokedInPlace) continue;
        for (const { fn: target, analyses: targetAnalyses } of callTargets(callerAnalyses, call, fn)) {
          if (reached.has(target) || !target.node.childForFieldName('body')) continue;
          const param = target.params[keyIndex]?.name;
          if (!param || param === '_') continue;
          reached.add(target);
          const check = errorPathCheck(callerAnalyses, fn, call, caller.signals);
          const keys = deriveKeys(targetAnalyses, target.file, target.node, new Set([param]));
          const queueParams = new Set<string>();
          args.forEach((argument, index) => {
            const name = target.params[index]?.name;
            if (name && name !== '_' && passesWorkerQueue(callerAnalyses, argument, worker, caller.queueParams)) queueParams.add(name);
          });
          const handler: Handler = {
            fn: target,
            analyses: targetAnalyses,
            label: targetAnalyses === analyses ? target.name : (calleePath(call) ?? target.name),
            queueParams,
            entry: caller.entry ?? (targetAnalyses !== analyses ? { call, file: caller.fn.file } : null),
            keys,
            signals: errorSignals(targetAnalyses, target.node, keys),
            call,
            caller: caller.fn,
            check: check ? { node: check, file: caller.fn.file } : caller.check,
            takesError: target.params.some((candidate) => candidate.typeText === 'error'),
            depth,
          };
          handlers.push(handler);
          next.push({ fn: target, analyses: targetAnalyses, keys, signals: handler.signals, check: handler.check, queueParams, entry: handler.entry });
        }
      }
    }
    level = next;
  }
  return handlers;
}

/** True when a call argument is the worker's queue: the queue itself, or a parameter that received it. */
function passesWorkerQueue(analyses: PackageAnalyses, argument: SyntaxNode, worker: Worker, queueParams: ReadonlySet<string>): boolean {
  const value = unparen(argument);
  if (value.type === 'identifier' && queueParams.has(value.text)) return true;
  if (value.type !== 'selector_expression' && value.type !== 'identifier') return false;
  if (!/queue/i.test(value.text) && value.text !== worker.queue.path) return false;
  return sameQueue(queueRef(analyses, value), worker.queue);
}

/** A key, or a key asserted or converted in place: `key`, `obj.(string)`, `string(key)`. */
export function isKeyArgument(argument: SyntaxNode, keys: ReadonlySet<string>): boolean {
  const value = unparen(argument);
  if (value.type === 'identifier') return keys.has(value.text);
  if (value.type === 'type_assertion_expression') return keys.has(unparen(value.childForFieldName('operand') ?? value).text);
  if (value.type === 'call_expression' && calleePath(value) === 'string') return callArguments(value).some((inner) => keys.has(unparen(inner).text));
  return false;
}

/**
 * The functions a call may run, each with the analyses of its package: a same-package resolution, what
 * the package stores in the field it calls, or a function or method of an imported package.
 */
function callTargets(analyses: PackageAnalyses, call: SyntaxNode, fn: SyntaxNode): Array<{ fn: FuncInfo; analyses: PackageAnalyses }> {
  const resolved = resolveCall(analyses, call, fn, true);
  if (resolved.kind === 'local') return [{ fn: resolved.fn, analyses }];
  const callee = call.childForFieldName('function');
  const target = callee ? unparen(callee) : null;
  if (target?.type !== 'selector_expression') return [];
  const field = target.childForFieldName('field')?.text;
  const stored = field ? (analyses.get(funcFieldTargets).get(field) ?? []) : [];
  if (stored.length > 0) return stored.map((local) => ({ fn: local, analyses }));
  // `util.Requeue(q, key)`, or a method on a value of an imported type (`c.helper.Requeue(key)`).
  const external = importedFunction(analyses, resolved.kind === 'external' ? resolved : resolveCall(analyses, call, fn));
  return external && !external.fn.file.isTest ? [external] : [];
}
