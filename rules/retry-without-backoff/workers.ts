// The work-queue half of retry-without-backoff. A worker (see key-flow.ts), or a function it hands the
// key to (an error handler such as `handleErr(err, key)`, a sync handler, a helper called on the error
// path), puts a failed key back on the worker's queue at once: `X.Add(key)`, or `X.AddAfter(key, d)`
// with a delay that is short and does not grow. Also: a `NumRequeues` retry limit that such re-queues
// never reach, `X.Forget(key)` right before `X.AddRateLimited(key)`, and a worker that rate-limits
// failures but never calls Forget on success. Tight `for` loops are loops.ts's.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import type { PackageRuleContext, ReportDescriptor } from '../../src/engine/rule.js';
import { callArguments, calleePath, nodesWithin, unparen } from '../../src/parse/syntax.js';
import { resolveCall } from '../../src/analysis/calls.js';
import { importedFunction } from '../../src/analysis/imported.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { isLoggingCall } from '../../src/analysis/purity.js';
import { findWait, waitingFunctions } from '../../src/analysis/waits.js';
import { fixedDelay, formatDuration } from './delays.js';
import { errorPathCheck, errorSignals } from './error-paths.js';
import { findWorkers, handlersOf, innermostFunction, isKeyArgument, type Handler, type Worker } from './key-flow.js';
import { isWorkQueue, lastSegment, queueRef, rateLimitedQueues, requeueGuard, sameQueue, selectorParts, type QueueRef } from './queues.js';
import type { Options } from './options.js';

/** Reports once per node; the descriptor is the engine's, minus the node and file given first. */
type Reporter = (file: SourceFile, node: SyntaxNode, descriptor: Omit<ReportDescriptor, 'node' | 'file' | 'range'>) => void;

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

/** A rate-limited re-queue, with the call that reaches it from the worker's package when it is in another. */
interface RateLimited {
  call: SyntaxNode;
  file: SourceFile;
  entry: { call: SyntaxNode; file: SourceFile } | null;
  /** How messages name the helper it is in, and that helper's package. */
  helper: string;
  packageName: string;
}

/** Where a re-queue sits relative to the worker: the worker itself, or a function the key reaches. */
interface Site {
  fn: { name: string; file: SourceFile; node: SyntaxNode };
  /** The analyses of the package the site is in (an imported package's for a helper there). */
  analyses: PackageAnalyses;
  keys: ReadonlySet<string>;
  handler: Handler | null;
}

function checkWorker(context: PackageRuleContext<Options>, worker: Worker, report: Reporter): void {
  const { analyses } = context;
  const rateLimited: RateLimited[] = [];
  const callsIn = (site: Site) => nodesWithin(site.analyses.nodesOfType(site.fn.file, 'call_expression'), site.fn.node);

  const workerSite: Site = { fn: worker.fn, analyses, keys: worker.keys, handler: null };
  for (const call of callsIn(workerSite)) examineRequeue(context, worker, workerSite, call, rateLimited, report);

  const handlers = handlersOf(analyses, worker);
  for (const handler of handlers) {
    const site: Site = { fn: handler.fn, analyses: handler.analyses, keys: handler.keys, handler };
    let reportedInside = false;
    for (const call of callsIn(site)) if (examineRequeue(context, worker, site, call, rateLimited, report)) reportedInside = true;
    if (!reportedInside && handler.depth === 1 && handler.check && !handler.takesError) checkRequeueHelper(context, worker, handler, report);
  }

  // A helper of another package that rate-limits the key may Forget it on success there too.
  const forgetsInHelper = handlers.some((handler) => handler.analyses !== analyses && forgetsOnSuccessIn(handler.analyses, handler.fn.file, handler.fn.node, (operand) => onWorkerQueue(worker, handler, queueRef(handler.analyses, operand))));
  if (rateLimited.length > 0 && !forgetsInHelper && !forgetsOnSuccess(analyses, worker.queue)) {
    const first = rateLimited[0]!;
    const key = callArguments(first.call)[0]!.text;
    const queue = selectorParts(first.call)!.path;
    const through = first.entry ? ` in ${first.helper} (package ${first.packageName})` : '';
    const related = [{ node: worker.get, message: `worker ${worker.fn.name} takes keys from ${worker.queue.path} here`, file: worker.fn.file }];
    if (first.entry) related.push({ node: first.call, message: 'the rate-limited re-queue', file: first.file });
    const where = first.entry ?? first;
    report(where.file, where.call, {
      message: `worker ${worker.fn.name} re-queues failures with ${queue}.AddRateLimited(${key})${through} but never calls ${queue}.Forget(${key}) when the sync succeeds, so the key's failure count never resets and later failures start at the maximum delay; call ${queue}.Forget(${key}) on success`,
      related,
    });
  }
}

/** How a message places a re-queue: in the worker, or in a function the worker hands the key to. */
function placeOf(worker: Worker, site: Site): string {
  const handler = site.handler;
  if (!handler) return '';
  if (handler.takesError) return ` in ${handler.label}, which worker ${worker.fn.name} calls with its sync error`;
  if (handler.depth === 1) return ` in ${handler.label}, which worker ${worker.fn.name} calls with the key`;
  return ` in ${handler.label}, which worker ${worker.fn.name} reaches with the key through ${handler.caller.name}`;
}

/**
 * Looks at one call in a site: an AddRateLimited of a key is noted for the Forget check; an Add, or an
 * AddAfter with a fixed short delay, of a key on the worker's queue on an error path is reported.
 * Returns true when it reported.
 */
function examineRequeue(context: PackageRuleContext<Options>, worker: Worker, site: Site, call: SyntaxNode, rateLimited: RateLimited[], report: Reporter): boolean {
  const { analyses } = site;
  const parts = selectorParts(call);
  if (!parts || !/^(Add|AddAfter|AddRateLimited)$/.test(parts.method)) return false;
  const args = callArguments(call);
  if (!args[0] || !isKeyArgument(args[0], site.keys)) return false;
  const queue = queueRef(analyses, parts.operand);
  if (!onWorkerQueue(worker, site.handler, queue)) return false;
  const file = site.fn.file;
  if (parts.method === 'AddRateLimited') {
    rateLimited.push({ call, file, entry: site.handler?.entry ?? null, helper: site.handler?.label ?? '', packageName: analyses.pkg.name });
    return false;
  }
  const { fn, invokedInPlace } = innermostFunction(call);
  if (!fn || !invokedInPlace) return false;
  const signals = site.handler ? site.handler.signals : worker.signals;
  const own = errorPathCheck(analyses, fn, call, fn === site.fn.node ? signals : errorSignals(analyses, fn, site.keys));
  // An error handler (`failed(task, err)`) called only on error re-queues on error wherever it adds; so
  // does a helper that another package's error handler hands the key on to.
  const handler = site.handler;
  const inherited = !own && handler && (handler.takesError || (handler.entry && handler.depth > 1)) ? handler.check : null;
  const check = own ? { node: own, file } : inherited;
  if (!check) return false;
  if (waitsBefore(analyses, file, call, fn) || addMethodWaits(analyses, call, fn)) return false;
  const guard = requeueGuard(analyses, fn, call, queue);
  const guardNeverTrips = !!guard && !analyses.get(rateLimitedQueues).has(queue);
  const key = args[0].text;
  const where = placeOf(worker, site);
  const related: NonNullable<ReportDescriptor['related']> = [
    { node: check.node, message: 'the error that sends the key back', file: check.file },
    { node: worker.get, message: `worker ${worker.fn.name} takes keys from ${worker.queue.path} here`, file: worker.fn.file },
  ];
  if (site.handler && site.handler.entry?.call !== site.handler.call) related.push({ node: site.handler.call, message: `the key is handed to ${site.handler.label} here`, file: site.handler.caller.file });
  if (guard) related.push({ node: guard, message: guardNeverTrips ? 'this retry limit never trips: NumRequeues counts only AddRateLimited' : 'the retry limit', file });
  const limitNote = guardNeverTrips ? `; its retry limit \`${guard!.text}\` never trips, because NumRequeues counts only AddRateLimited, not ${parts.method}` : '';
  const advice = adviceFor(worker, site, parts.path, key);
  const replaceFrom = call.childForFieldName('function')!.endIndex - parts.method.length;
  // A re-queue in another package is reported where the key leaves the worker's, with no fix there.
  const entry = site.handler?.entry ?? null;
  const through = entry && entry.call !== site.handler!.call ? `, reached through ${calleePath(entry.call) ?? 'a call'} here` : '';
  const crossing = entry ? ` (package ${analyses.pkg.name}${through})` : '';
  if (entry) related.push({ node: call, message: `${site.handler!.label} re-queues the key here`, file });
  const at = (descriptor: Parameters<Reporter>[2]) => (entry ? report(entry.file, entry.call, { ...descriptor, fixes: undefined }) : report(file, call, descriptor));

  if (parts.method === 'AddAfter') {
    const delay = args[1] ? fixedDelay(analyses, file, args[1]) : null;
    if (!delay || (delay.nanoseconds >= 1e9 && !guardNeverTrips)) return false;
    const fixedText = `${parts.path}.AddAfter(${key}, ${args[1]!.text})`;
    const source = [delay.origin, delay.requeues ? 'NumRequeues stays 0 because AddAfter does not count requeues' : null].filter(Boolean).join('; ');
    const how = delay.nanoseconds === 0 ? 'with a zero delay, at once' : delay.nanoseconds >= 1e9 ? `every ${formatDuration(delay.nanoseconds)} forever` : `after only ${formatDuration(delay.nanoseconds)}`;
    const harm = delay.nanoseconds >= 1e9 ? 'so a key that keeps failing is never given up on' : 'so a key that keeps failing hot-loops the worker and floods what it calls';
    at({
      severity: delay.nanoseconds >= 1e9 ? 'info' : undefined,
      message: `${fixedText} re-queues the failed key ${how}${source ? ` (${source})` : ''}${where}${crossing}, ${harm}${limitNote}; ${advice}`,
      related,
      fixes: [{ message: `use ${parts.path}.AddRateLimited(${key})`, edits: [{ file: file.path, startIndex: replaceFrom, endIndex: call.endIndex, newText: `AddRateLimited(${key})` }] }],
    });
    return true;
  }
  const field = unparen(call.childForFieldName('function')!).childForFieldName('field')!;
  at({
    message: `${parts.path}.Add(${key}) re-queues the failed key at once${where}${crossing}, so a key that keeps failing hot-loops the worker and floods what it calls${limitNote}; ${advice}`,
    related,
    fixes: [{ message: `use ${parts.path}.AddRateLimited(${key})`, edits: [{ file: file.path, startIndex: field.startIndex, endIndex: field.endIndex, newText: 'AddRateLimited' }] }],
  });
  return true;
}

/** What to do instead: rate-limit here, or, from a sync handler, hand the error back to the worker. */
function adviceFor(worker: Worker, site: Site, queue: string, key: string): string {
  const handler = site.handler;
  if (handler && !handler.takesError) {
    return `use ${queue}.AddRateLimited(${key}) for per-key exponential backoff, or return the error and let worker ${worker.fn.name} rate-limit the key`;
  }
  return `use ${queue}.AddRateLimited(${key}) for per-key exponential backoff and Forget it on success`;
}

/**
 * A helper called with the key on the worker's error path (`c.enqueue(key)`) that adds it at once. The
 * helper is fine elsewhere (informer callbacks add new keys at once), so the call is reported.
 */
function checkRequeueHelper(context: PackageRuleContext<Options>, worker: Worker, handler: Handler, report: Reporter): void {
  const { analyses } = context;
  const callerFile = handler.caller.file;
  const { fn } = innermostFunction(handler.call);
  if (!fn || waitsBefore(analyses, callerFile, handler.call, fn)) return;
  const helperCalls = nodesWithin(handler.analyses.nodesOfType(handler.fn.file, 'call_expression'), handler.fn.node);
  const immediate = helperCalls.find((inner) => {
    const parts = selectorParts(inner);
    const first = callArguments(inner)[0];
    return !!parts && parts.method === 'Add' && !!first && isKeyArgument(first, handler.keys) && onWorkerQueue(worker, handler, queueRef(handler.analyses, parts.operand));
  });
  const limited = helperCalls.some((inner) => /^(AddRateLimited|AddAfter)$/.test(selectorParts(inner)?.method ?? ''));
  if (!immediate || limited || handler.analyses.get(waitingFunctions).waits(handler.fn)) return;
  if (addMethodWaits(handler.analyses, immediate, innermostFunction(immediate).fn ?? handler.fn.node)) return;
  const key = callArguments(handler.call).find((argument) => isKeyArgument(argument, worker.keys) || isKeyArgument(argument, new Set(handler.keys)))?.text ?? 'key';
  // In another package the helper also takes the queue: show the call as written.
  const shown = handler.analyses !== analyses ? callArguments(handler.call).map((argument) => argument.text).join(', ') : key;
  report(callerFile, handler.call, {
    message: `${calleePath(handler.call) ?? handler.fn.name}(${shown}) on the error path re-queues the failed key at once through ${calleePath(immediate)}${handler.analyses !== analyses ? ` in package ${handler.analyses.pkg.name}` : ''}, so a key that keeps failing hot-loops the worker; call ${worker.queue.path}.AddRateLimited(${key}) here instead`,
    related: [
      { node: handler.check!.node, message: 'the error that sends the key back', file: handler.check!.file },
      { node: immediate, message: `${handler.label} adds without delay`, file: handler.fn.file },
    ],
  });
}

/** True when some Forget on the queue runs off the error path, anywhere in the package. */
function forgetsOnSuccess(analyses: PackageAnalyses, queue: QueueRef): boolean {
  return analyses.pkg.files.some((file) => forgetsOnSuccessIn(analyses, file, file.tree.rootNode, (operand) => sameQueue(queueRef(analyses, operand), queue)));
}

/** True when some Forget on a queue `isQueue` accepts runs off the error path inside `node`. */
function forgetsOnSuccessIn(analyses: PackageAnalyses, file: SourceFile, node: SyntaxNode, isQueue: (operand: SyntaxNode) => boolean): boolean {
  if (!node.text.includes('.Forget(')) return false;
  for (const call of nodesWithin(analyses.nodesOfType(file, 'call_expression'), node)) {
    const parts = selectorParts(call);
    if (!parts || parts.method !== 'Forget' || !isQueue(parts.operand)) continue;
    const { fn } = innermostFunction(call);
    if (!fn || !errorPathCheck(analyses, fn, call)) return true;
  }
  return false;
}

/**
 * True when a queue operand in a site is the worker's queue: a parameter bound to it, the same field
 * in the worker's package, or, in another package where fields cannot be matched, the same name.
 */
function onWorkerQueue(worker: Worker, handler: Handler | null, queue: QueueRef): boolean {
  if (!handler) return sameQueue(queue, worker.queue);
  if (handler.queueParams.has(queue.path)) return true;
  if (!handler.entry || !queue.identity) return sameQueue(queue, worker.queue);
  return lastSegment(queue.path) === lastSegment(worker.queue.path);
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

/**
 * True when `X.Add` runs a method that waits or rate-limits by itself: a queue wrapper of this package
 * or of an imported one whose Add sleeps, or hands the item on with AddRateLimited or AddAfter.
 */
function addMethodWaits(analyses: PackageAnalyses, call: SyntaxNode, fn: SyntaxNode): boolean {
  const resolved = resolveCall(analyses, call, fn);
  const callee = resolved.kind === 'local' ? { analyses, fn: resolved.fn } : importedFunction(analyses, resolved);
  if (!callee) return false;
  if (callee.analyses.get(waitingFunctions).waits(callee.fn)) return true;
  const inner = nodesWithin(callee.analyses.nodesOfType(callee.fn.file, 'call_expression'), callee.fn.node);
  return inner.some((other) => /^(AddRateLimited|AddAfter)$/.test(selectorParts(other)?.method ?? ''));
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

