// Work-queue workers and where their keys go: a worker is a function that takes items with `X.Get()`
// and marks them `X.Done(...)` on a work queue; its keys are the item and what is derived from it (a
// type assertion, a field, a key function's result). The key is followed into the same-package
// functions the worker hands it to, directly, through func-valued fields, and a few calls deeper, with
// the error condition under which each call runs. It reports nothing; workers.ts checks the re-queues.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { callArguments, calleePath, expressionListItems, FUNCTION_TYPES, nodesWithin, unparen } from '../../src/parse/syntax.js';
import type { FuncInfo } from '../../src/index/package-index.js';
import { funcFieldTargets, resolveCall } from '../../src/analysis/calls.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { errorPathCheck, errorSignals, isErrorName, type ErrorSignals } from './error-paths.js';
import { isWorkQueue, queueRef, selectorParts, type QueueRef } from './queues.js';

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
        workers.push({ fn, queue: queueRef(analyses, parts.operand), get, keys, signals: errorSignals(analyses, fn.node, keys) });
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
  let level: Array<{ fn: FuncInfo; keys: Set<string>; signals: ErrorSignals; check: Handler['check'] }> = [
    { fn: worker.fn, keys: worker.keys, signals: worker.signals, check: null },
  ];
  for (let depth = 1; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const caller of level) {
      for (const call of nodesWithin(analyses.nodesOfType(caller.fn.file, 'call_expression'), caller.fn.node)) {
        const args = callArguments(call);
        const keyIndex = args.findIndex((argument) => isKeyArgument(argument, caller.keys));
        if (keyIndex < 0) continue;
        const { fn, invokedInPlace } = innermostFunction(call);
        if (!fn || !invokedInPlace) continue;
        for (const target of callTargets(analyses, call, fn)) {
          if (reached.has(target) || !target.node.childForFieldName('body')) continue;
          const param = target.params[keyIndex]?.name;
          if (!param || param === '_') continue;
          reached.add(target);
          const check = errorPathCheck(analyses, fn, call, caller.signals);
          const keys = deriveKeys(analyses, target.file, target.node, new Set([param]));
          const handler: Handler = {
            fn: target,
            keys,
            signals: errorSignals(analyses, target.node, keys),
            call,
            caller: caller.fn,
            check: check ? { node: check, file: caller.fn.file } : caller.check,
            takesError: target.params.some((candidate) => candidate.typeText === 'error'),
            depth,
          };
          handlers.push(handler);
          next.push({ fn: target, keys, signals: handler.signals, check: handler.check });
        }
      }
    }
    level = next;
  }
  return handlers;
}

/** A key, or a key asserted or converted in place: `key`, `obj.(string)`, `string(key)`. */
export function isKeyArgument(argument: SyntaxNode, keys: ReadonlySet<string>): boolean {
  const value = unparen(argument);
  if (value.type === 'identifier') return keys.has(value.text);
  if (value.type === 'type_assertion_expression') return keys.has(unparen(value.childForFieldName('operand') ?? value).text);
  if (value.type === 'call_expression' && calleePath(value) === 'string') return callArguments(value).some((inner) => keys.has(unparen(inner).text));
  return false;
}

/** The same-package functions a call may run: its resolution, or what the package stores in the field it calls. */
function callTargets(analyses: PackageAnalyses, call: SyntaxNode, fn: SyntaxNode): FuncInfo[] {
  const resolved = resolveCall(analyses, call, fn, true);
  if (resolved.kind === 'local') return [resolved.fn];
  const callee = call.childForFieldName('function');
  const target = callee ? unparen(callee) : null;
  if (target?.type !== 'selector_expression') return [];
  const field = target.childForFieldName('field')?.text;
  return field ? (analyses.get(funcFieldTargets).get(field) ?? []) : [];
}
