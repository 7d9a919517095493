// Work queues as the retry rule sees them: whether a value is a work queue (by name, by the workqueue
// import, by a type that is or embeds one, in this package or an imported one), which queue a call is on (its identity: the struct field
// that holds it, through embedding and fields of fields), which queues the package ever rate-limits,
// and the `NumRequeues` retry limits around a re-queue. It reports nothing.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { callArguments, calleePath, enclosingFunction, selectorPath, unparen } from '../../src/parse/syntax.js';
import { importPathOf, searchEmbedded, type FieldInfo, type GoPackage } from '../../src/index/package-index.js';
import { importedType } from '../../src/analysis/imported.js';
import { defineAnalysis, type PackageAnalyses } from '../../src/analysis/context.js';
import { namedType, scopeOf, typeOfExpression } from '../../src/analysis/types.js';

const QUEUE_IMPORT = /(^|\/)workqueue$/;
const QUEUE_USES = /^(AddRateLimited|Forget|NumRequeues|ShutDown|ShutDownWithDrain|ShuttingDown)$/;
const QUEUE_TYPE_TEXT = /queue|RateLimitingInterface/i;

/** A queue call's parts: `c.queue.Add(key)` gives operand `c.queue`, path `c.queue`, method `Add`. */
export function selectorParts(call: SyntaxNode): { operand: SyntaxNode; path: string; method: string } | null {
  const callee = call.childForFieldName('function');
  if (!callee || unparen(callee).type !== 'selector_expression') return null;
  const selector = unparen(callee);
  const operand = selector.childForFieldName('operand');
  const method = selector.childForFieldName('field')?.text;
  const path = calleePath(call);
  if (!operand || !method || !path) return null;
  return { operand, path: path.slice(0, path.length - method.length - 1), method };
}

export function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/**
 * True when the operand of a queue call is a work queue: its name or declared type says "queue", the
 * file imports client-go's workqueue, its type is or embeds a queue, or the package calls rate-limited
 * queue methods on that name.
 */
export function isWorkQueue(analyses: PackageAnalyses, file: SourceFile, operand: SyntaxNode, fn: SyntaxNode | null): boolean {
  const text = operand.text;
  if (/queue/i.test(text)) return true;
  const imports = analyses.pkg.imports.get(file);
  if (imports) for (const spec of imports.values()) if (QUEUE_IMPORT.test(spec.path)) return true;
  const type = typeOfExpression(analyses.pkg, fn ? scopeOf(analyses, fn) : null, operand);
  if (type && QUEUE_TYPE_TEXT.test(type.text)) return true;
  const typeName = type ? namedType(type) : null;
  if (typeName && !typeName.includes('.') && embeddedQueue(analyses.pkg, typeName)) return true;
  if (typeName?.includes('.') && importedQueue(analyses, file, typeName)) return true;
  return analyses.get(queueUses).has(lastSegment(text));
}

/** True for a type of an imported package (`util.Items`) that is a queue interface there or embeds one. */
function importedQueue(analyses: PackageAnalyses, file: SourceFile, typeName: string): boolean {
  const found = importedType(analyses, typeName, importPathOf(analyses.pkg, file, typeName.slice(0, typeName.indexOf('.'))));
  if (!found) return false;
  const name = found.type.name;
  return isQueueInterface(found.analyses.pkg, name) || embeddedQueue(found.analyses.pkg, name) !== null;
}

/** Names (last path segments) on which the package calls rate-limited work-queue methods. */
const queueUses = defineAnalysis('work-queue-uses', (analyses) => {
  const names = new Set<string>();
  for (const file of analyses.pkg.files) {
    if (!/\.(AddRateLimited|Forget|NumRequeues|ShutDown)\(/.test(file.text)) continue;
    for (const call of analyses.nodesOfType(file, 'call_expression')) {
      const path = calleePath(call);
      if (!path || !path.includes('.')) continue;
      const parts = path.split('.');
      if (QUEUE_USES.test(parts[parts.length - 1]!)) names.add(parts[parts.length - 2]!);
    }
  }
  return names;
});

/** True for a same-package interface with the rate-limited queue's methods (Get, Done, Add, AddRateLimited). */
function isQueueInterface(pkg: GoPackage, name: string): boolean {
  const methods = new Set<string>();
  searchInterface(pkg, name, methods, new Set());
  return ['Get', 'Done', 'Add', 'AddRateLimited'].every((method) => methods.has(method));
}

function searchInterface(pkg: GoPackage, name: string, methods: Set<string>, seen: Set<string>): void {
  if (seen.has(name)) return;
  seen.add(name);
  const type = pkg.types.get(name);
  if (type?.kind !== 'interface') return;
  for (const method of type.interfaceMethods) methods.add(method);
  for (const embedded of type.interfaceEmbeds) searchInterface(pkg, embedded, methods, seen);
}

/** The embedded field through which a struct type is a queue (itself or an embedded struct's), with its owner. */
function embeddedQueue(pkg: GoPackage, typeName: string): { owner: string; field: FieldInfo } | null {
  return searchEmbedded(pkg, typeName, (owner, info) => {
    const field = info?.fields.find((candidate) => candidate.embedded && (QUEUE_TYPE_TEXT.test(candidate.typeText) || isQueueInterface(pkg, candidate.name)));
    return field ? { owner, field } : null;
  });
}

/**
 * Which queue an operand stands for, as the struct field that holds it: `c.queue` is `Controller.queue`,
 * `r.deps.queue` is `deps.queue`, `s.queue` promoted from an embedded `*base` is `base.queue`, and `c`
 * whose type embeds the queue is `Controller.RateLimitingInterface`. Null when the operand's type is
 * unknown (a parameter of queue type, say): callers then compare names.
 */
export function queueIdentity(analyses: PackageAnalyses, fn: SyntaxNode | null, operand: SyntaxNode): string | null {
  const pkg = analyses.pkg;
  const scope = fn ? scopeOf(analyses, fn) : null;
  const bare = unparen(operand);
  if (bare.type === 'selector_expression') {
    const inner = bare.childForFieldName('operand');
    const field = bare.childForFieldName('field')?.text;
    const innerType = inner ? typeOfExpression(pkg, scope, inner) : null;
    const typeName = innerType ? namedType(innerType) : null;
    if (!typeName || !field || typeName.includes('.')) return null;
    const owner = searchEmbedded(pkg, typeName, (name, info) => (info?.fields.some((candidate) => candidate.name === field) ? name : null));
    return owner ? `${owner}.${field}` : null;
  }
  const type = typeOfExpression(pkg, scope, bare);
  const typeName = type ? namedType(type) : null;
  if (!typeName || typeName.includes('.')) return null;
  const embedded = embeddedQueue(pkg, typeName);
  return embedded ? `${embedded.owner}.${embedded.field.name}` : null;
}

/** A queue operand in its function, with its identity computed once. */
export interface QueueRef {
  operand: SyntaxNode;
  path: string;
  identity: string | null;
}

export function queueRef(analyses: PackageAnalyses, operand: SyntaxNode): QueueRef {
  return { operand, path: selectorPath(operand) ?? operand.text, identity: queueIdentity(analyses, enclosingFunction(operand), operand) };
}

/** True when two queue operands are the same queue: by identity when both are known, else by last name. */
export function sameQueue(a: QueueRef, b: QueueRef): boolean {
  if (a.identity && b.identity) return a.identity === b.identity;
  return lastSegment(a.path) === lastSegment(b.path);
}

/** The queues the package ever calls AddRateLimited on, by identity and by last name. */
export const rateLimitedQueues = defineAnalysis('retry-rate-limited-queues', (analyses) => {
  const identities = new Set<string>();
  const names = new Set<string>();
  for (const file of analyses.pkg.files) {
    if (!file.text.includes('.AddRateLimited(')) continue;
    for (const call of analyses.nodesOfType(file, 'call_expression')) {
      const parts = selectorParts(call);
      if (!parts || parts.method !== 'AddRateLimited') continue;
      const ref = queueRef(analyses, parts.operand);
      if (ref.identity) identities.add(ref.identity);
      names.add(lastSegment(ref.path));
    }
  }
  return {
    has: (queue: QueueRef) => (queue.identity ? identities.has(queue.identity) : names.has(lastSegment(queue.path))),
  };
});

/** True when `node` calls `NumRequeues` on `queue`, directly or through a local assigned from such a call. */
function mentionsRequeues(analyses: PackageAnalyses, node: SyntaxNode, queue: QueueRef, fn: SyntaxNode): boolean {
  const calls = unparen(node).type === 'call_expression' ? [unparen(node), ...node.descendantsOfType('call_expression')] : node.descendantsOfType('call_expression');
  for (const call of calls) {
    const parts = selectorParts(call);
    if (parts?.method === 'NumRequeues' && sameQueue(queueRef(analyses, parts.operand), queue)) return true;
  }
  // `n := c.queue.NumRequeues(key); if n < max { ... }`
  const file = analyses.fileOf(fn);
  if (!file) return false;
  for (const identifier of node.type === 'identifier' ? [node] : node.descendantsOfType('identifier')) {
    const local = scopeOf(analyses, fn).localAt(identifier.text, identifier.startIndex);
    if (local?.init && local.init.text.includes('NumRequeues') && mentionsRequeues(analyses, local.init, queue, fn)) return true;
  }
  return false;
}

/**
 * The `NumRequeues` retry limit that guards a re-queue on `queue`: the condition of an `if` around it
 * (`if q.NumRequeues(key) < max { q.Add(key) }`), or of an earlier `if` that gives up and returns
 * (`if q.NumRequeues(key) >= max { q.Forget(key); return }`); else null.
 */
export function requeueGuard(analyses: PackageAnalyses, fn: SyntaxNode, add: SyntaxNode, queue: QueueRef): SyntaxNode | null {
  for (let current: SyntaxNode | null = add; current && current.id !== fn.id; current = current.parent) {
    const parent = current.parent;
    if (parent?.type === 'if_statement' && current.type === 'block') {
      const condition = parent.childForFieldName('condition');
      if (condition && mentionsRequeues(analyses, condition, queue, fn)) return condition;
    }
    for (let sibling = current.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
      if (sibling.type !== 'if_statement') continue;
      const condition = sibling.childForFieldName('condition');
      const consequence = sibling.childForFieldName('consequence');
      const statements = consequence?.namedChildren.find((child) => child.type === 'statement_list')?.namedChildren ?? [];
      const last = statements[statements.length - 1];
      if (condition && last?.type === 'return_statement' && mentionsRequeues(analyses, condition, queue, fn)) return condition;
    }
  }
  return null;
}

/** The value of `Q.NumRequeues(k)` when Q is never rate-limited: AddAfter and Add do not count, so 0. */
export function uncountedRequeues(analyses: PackageAnalyses, expression: SyntaxNode): QueueRef | null {
  const call = unparen(expression);
  if (call.type !== 'call_expression') return null;
  const parts = selectorParts(call);
  if (parts?.method !== 'NumRequeues' || callArguments(call).length !== 1) return null;
  const queue = queueRef(analyses, parts.operand);
  return analyses.get(rateLimitedQueues).has(queue) ? null : queue;
}

