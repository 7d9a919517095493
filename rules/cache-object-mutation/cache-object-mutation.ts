// cache-object-mutation: reports writes to objects that belong to a shared informer cache: an object
// from a lister or indexer, or handed to an event handler, whose fields, maps or slices are changed in
// place instead of on a DeepCopy. The value flow lives in flow.ts, the cache reads in sources.ts; this
// file words the findings and builds the fix (`x = x.DeepCopy()` after the read). Objects from client
// calls, deep copies, decoders and literals are the caller's own and never reported; neither are
// writes to a plain local copy of a struct field. Test code is skipped unless `includeTests` is set.
import path from 'node:path';
import type { SyntaxNode } from '../../src/parse/parser.js';
import { lineOf, type SourceFile } from '../../src/parse/source.js';
import { CALLED_NAME, escapeRegExp } from '../../src/parse/syntax.js';
import type { SuggestedFix } from '../../src/diagnostic.js';
import { defineRule, type PackageRuleContext } from '../../src/engine/rule.js';
import { defineAnalysis, type PackageAnalyses } from '../../src/analysis/context.js';
import { isStandardLibrary } from '../../src/index/resolve.js';
import { namesReachingText } from '../../src/analysis/functions.js';
import { isTestCode } from '../../src/index/test-code.js';
import type { FuncInfo } from '../../src/index/package-index.js';
import { cacheFlow } from './flow.js';
import { eventHandlers, usesInformerCache } from './sources.js';
import { sourceOrigins, type Binding, type Sink, type SourceOrigin } from './taint.js';

interface Options {
  /** Also report in `_test.go` files and test-helper packages. */
  includeTests: boolean;
}

export const cacheObjectMutation = defineRule<Options>({
  id: 'cache-object-mutation',
  severity: 'warning',
  category: 'concurrency',
  docs: {
    summary:
      'Reports writes to an object of a shared informer cache (from a lister, an indexer or an event handler) ' +
      'made in place instead of on a `DeepCopy()`; map writes and deletes are errors.',
    why:
      'Listers, indexers and informer event handlers hand out the cache\'s own objects, not copies: every ' +
      'controller and handler in the process reads the same structs and maps. A controller that writes ' +
      '`pod.Labels[k] = v` on such an object races with any goroutine ranging over those labels, and the Go ' +
      'runtime aborts the whole process with `concurrent map iteration and map write`; other field writes leave ' +
      'the cache holding a state the API server never saw, so the next sync compares against a lie. client-go ' +
      'only has a runtime detector for this (`KUBE_CACHE_MUTATION_DETECTOR`). The rule follows each value from ' +
      'the cache read (lister `Get`/`List`, `GetByKey`, `ByIndex`, handler arguments, type assertions, range ' +
      'elements, helpers that return them, in this package or another one) to field, map and slice writes, ' +
      '`delete`, setters such as `SetLabels`, helpers like `metav1.SetMetaDataLabel` and ' +
      '`controllerutil.AddFinalizer`, and functions that write their argument. A function of another package ' +
      'whose source is on disk (the same module, `vendor/`, the module cache, GOPATH) is judged by what its ' +
      'code does: a helper that deep-copies first is fine whatever its name, and a write it makes is reported ' +
      'at the call that hands it the cached object. Handlers registered through another package count too. Call `obj = obj.DeepCopy()` before changing it; objects from a ' +
      'client `Get`, a `DeepCopy`, a decoder or a literal are yours to change.',
    bad: [
      'package controller',
      '',
      'import (',
      '\t"context"',
      '',
      '\tmetav1 "k8s.io/apimachinery/pkg/apis/meta/v1"',
      '\t"k8s.io/client-go/kubernetes"',
      '\tcorelisters "k8s.io/client-go/listers/core/v1"',
      ')',
      '',
      'type Controller struct {',
      '\tclient    kubernetes.Interface',
      '\tpodLister corelisters.PodLister',
      '}',
      '',
      'func (c *Controller) markSeen(ctx context.Context, namespace, name string) error {',
      '\tpod, err := c.podLister.Pods(namespace).Get(name)',
      '\tif err != nil {',
      '\t\treturn err',
      '\t}',
      '\tpod.Labels["seen"] = "true"',
      '\t_, err = c.client.CoreV1().Pods(namespace).Update(ctx, pod, metav1.UpdateOptions{})',
      '\treturn err',
      '}',
      '',
    ].join('\n'),
    good: [
      'package controller',
      '',
      'import (',
      '\t"context"',
      '',
      '\tmetav1 "k8s.io/apimachinery/pkg/apis/meta/v1"',
      '\t"k8s.io/client-go/kubernetes"',
      '\tcorelisters "k8s.io/client-go/listers/core/v1"',
      ')',
      '',
      'type Controller struct {',
      '\tclient    kubernetes.Interface',
      '\tpodLister corelisters.PodLister',
      '}',
      '',
      'func (c *Controller) markSeen(ctx context.Context, namespace, name string) error {',
      '\tpod, err := c.podLister.Pods(namespace).Get(name)',
      '\tif err != nil {',
      '\t\treturn err',
      '\t}',
      '\tpod = pod.DeepCopy()',
      '\tpod.Labels["seen"] = "true"',
      '\t_, err = c.client.CoreV1().Pods(namespace).Update(ctx, pod, metav1.UpdateOptions{})',
      '\treturn err',
      '}',
      '',
    ].join('\n'),
    options:
      '- `includeTests` (boolean, default `false`): also report in `_test.go` files and test-helper packages, ' +
      'where objects usually come from fake listers that nothing else reads.',
  },
  defaultOptions: { includeTests: false },
  checkPackage(context) {
    if (context.analyses.get(usesInformerCache)) reportPackage(context);
  },
});

/** Text every function that can meet a cached object contains (or a helper it calls does). */
const CACHE_TEXT = /\.(Get|List|GetByKey|ByIndex|Index)\s*\(|Lister\b|ResourceEventHandler/;

/** Whether a function needs its flow walked: it reads the cache, is a handler, or calls a helper that may. */
const mayMeetCache = defineAnalysis('cache-object-candidates', (analyses) => {
  const reach = namesReachingText(analyses, CACHE_TEXT);
  const handlers = analyses.get(eventHandlers);
  let readers: ReadonlySet<string> | null = null;
  return (fn: FuncInfo): boolean => {
    if (handlers.functions.has(fn.node.id)) return true;
    const text = fn.node.text;
    if (CACHE_TEXT.test(text)) return true;
    for (const match of text.matchAll(CALLED_NAME)) if (match[1] !== fn.name && reach(match[1]!)) return true;
    readers ??= importedReaders(analyses);
    if (readers.size > 0) for (const match of text.matchAll(CALLED_NAME)) if (readers.has(match[1]!)) return true;
    return false;
  };
});

/**
 * Names of the functions and methods of imported packages that may read the cache themselves (a
 * `store.Pod(ns, name)` over a lister): packages outside the standard library and the Kubernetes
 * libraries, whose own text reads a cache.
 */
function importedReaders(analyses: PackageAnalyses): ReadonlySet<string> {
  const names = new Set<string>();
  const paths = new Set<string>();
  for (const file of analyses.pkg.files) for (const spec of analyses.pkg.imports.get(file)?.values() ?? []) paths.add(spec.path);
  for (const importPath of paths) {
    if (isStandardLibrary(importPath) || KUBERNETES_LIBRARY.test(importPath)) continue;
    const other = analyses.importedByPath(importPath);
    if (!other || !other.get(usesInformerCache)) continue;
    for (const fn of other.pkg.functions) if (CACHE_TEXT.test(fn.node.text)) names.add(fn.name);
  }
  return names;
}

/** The Kubernetes libraries, whose cache reads (listers, stores) are recognised by their names. */
const KUBERNETES_LIBRARY = /^(k8s\.io|sigs\.k8s\.io)\//;

/**
 * Reports every write reached by a cached object, once, where it is made: in the function that reads
 * the object, or in the helper it is handed to. The fix goes after the read.
 */
function reportPackage(context: PackageRuleContext<Options>): void {
  const { analyses, pkg, options } = context;
  const candidates = analyses.get(mayMeetCache);
  const flow = analyses.get(cacheFlow);
  const testCode = new Map<SourceFile, boolean>();
  const skipped = (file: SourceFile): boolean => {
    if (options.includeTests) return false;
    let test = testCode.get(file);
    if (test === undefined) testCode.set(file, (test = isTestCode(file, pkg.name)));
    return test;
  };
  const reported = new Set<number>();
  const fixed = new Set<string>();
  for (const fn of pkg.functions) {
    if (skipped(fn.file) || !candidates(fn)) continue;
    for (const sink of flow.flowOf(fn).sinks) {
      const origin = sourceOrigins(sink.taint)[0];
      if (!origin || reported.has(sink.node.id) || skipped(sink.file)) continue;
      reported.add(sink.node.id);
      const binding = sink.taint.kind === 'list' ? null : sink.taint.binding;
      const fix = binding && !fixed.has(binding.id) ? deepCopyFix(binding) : null;
      if (fix) fixed.add(binding!.id);
      context.report({
        file: sink.file,
        node: sink.node,
        message: message(sink, origin),
        severity: sink.map ? 'error' : undefined,
        related: related(sink, origin),
        fixes: fix ? [fix] : [],
      });
    }
  }
}

function message(sink: Sink, origin: SourceOrigin): string {
  const consequence = sink.map
    ? 'every reader of the cache sees this write and a concurrent range over the map crashes the process'
    : 'every reader of the cache sees this write, a state the API server never had';
  const passed = sink.passed;
  const onward = sink.via.length > 1 ? ', which hands it on to this function,' : '';
  const handedIn = passed ? `${passed.caller} passes ${passed.argument} to ${passed.callee} (${where(passed.call, passed.file, sink.file.path)})${onward} and ` : '';
  const { alias, subject } = holder(sink);
  return `${changeText(sink)}, but ${handedIn}${alias}${subject} ${sourceText(subject, sink, origin)}; ${consequence}; ${advice(sink)}`;
}

function changeText(sink: Sink): string {
  switch (sink.action) {
    case 'write':
      return `${sink.target} is written in place`;
    case 'delete':
      return `${sink.target} is deleted from in place`;
    default: {
      const remote = sink.remote;
      const inside = remote ? ` (${remote.target}, ${path.basename(remote.file.path)}:${lineOf(remote.node)} in package ${remote.packageName})` : '';
      return `${sink.target} changes ${sink.root} in place${inside}`;
    }
  }
}

/**
 * Who holds the object: the written variable itself, or, for an alias (`labels := pod.Labels`), what it
 * was taken from and the variable holding the object (`labels is pod.Labels and pod ...`).
 */
function holder(sink: Sink): { alias: string; subject: string } {
  const taint = sink.taint;
  const root = sink.passed?.root ?? sink.root;
  const owner = taint.binding?.variable;
  if (taint.aliasOf && owner && owner !== root) return { alias: `${root} is ${taint.aliasOf} and `, subject: owner };
  if (taint.aliasOf && taint.kind === 'copy') return { alias: `${root} is ${taint.aliasOf}, which`, subject: '' };
  return { alias: '', subject: root };
}

function sourceText(subject: string, sink: Sink, origin: SourceOrigin): string {
  const at = where(origin.node, origin.file, sink.file.path);
  if (origin.inner) {
    return `comes from ${origin.description} (${at}), which returns an object of the shared informer cache (${origin.inner.description})`;
  }
  if (origin.parameter) {
    const what = `the object the informer passes to ${origin.description} (${at}), straight from its shared cache`;
    return origin.parameter === subject ? `is ${what}` : `comes from ${origin.parameter}, ${what}`;
  }
  return `comes from ${origin.description} (${at}), the shared informer cache`;
}

function advice(sink: Sink): string {
  const taint = sink.taint;
  const root = sink.passed?.root ?? sink.root;
  const where = sink.passed ? ` in ${sink.passed.caller}` : '';
  if (taint.kind === 'list') return `deep-copy the elements of ${root}${where} first`;
  const variable = taint.binding?.variable ?? root;
  if (taint.binding && !taint.binding.statement && !taint.binding.loopBody && !taint.binding.deepCopyable) {
    return `change a deep copy of ${variable}${where} (DeepCopy or DeepCopyObject) instead`;
  }
  return `call ${variable} = ${variable}.DeepCopy()${where} first`;
}

function where(node: SyntaxNode, file: SourceFile, from: string): string {
  return file.path === from ? `line ${lineOf(node)}` : `${path.basename(file.path)}:${lineOf(node)}`;
}

function related(sink: Sink, origin: SourceOrigin) {
  const list: Array<{ node: SyntaxNode; file: SourceFile; message: string }> = [
    { node: origin.node, file: origin.file, message: origin.parameter ? `${origin.parameter} is the informer's cached object` : `${origin.description} returns the cache's own object here` },
  ];
  if (origin.inner) list.push({ node: origin.inner.node, file: origin.inner.file, message: `${origin.inner.description} reads the shared cache here` });
  if (sink.passed) list.push({ node: sink.passed.call, file: sink.passed.file, message: `${sink.passed.caller} passes the cached object here` });
  if (sink.remote) list.push({ node: sink.remote.node, file: sink.remote.file, message: `package ${sink.remote.packageName} writes the object here` });
  for (const call of sink.via.slice(1, 4)) list.push({ node: call, file: sink.file, message: 'and it is passed on here' });
  return list;
}

/** Inserts `x = x.DeepCopy()` after the statement that bound x (past its `err`/`ok` checks), or first in the loop body. */
function deepCopyFix(binding: Binding): SuggestedFix | null {
  if (!binding.deepCopyable) return null;
  const file = binding.file;
  const variable = binding.variable;
  const code = `${variable} = ${variable}.DeepCopy()`;
  const fix = (at: number, newText: string): SuggestedFix => ({
    message: `deep-copy ${variable} before changing it`,
    edits: [{ file: file.path, startIndex: at, endIndex: at, newText }],
  });
  if (binding.loopBody) {
    const open = binding.loopBody.startIndex + 1;
    return fix(open, `\n${indentationAt(file.text, binding.loopBody.startIndex)}\t${code}`);
  }
  if (!binding.statement || binding.statement.parent?.type !== 'statement_list') return null;
  let statement: SyntaxNode = binding.statement;
  const indent = indentationAt(file.text, statement.startIndex);
  for (let skipped = 0; skipped < 2; skipped++) {
    const next: SyntaxNode | null = statement.nextNamedSibling;
    if (next?.type !== 'if_statement') break;
    const condition = next.childForFieldName('condition')?.text ?? '';
    if (!binding.siblings.some((name) => new RegExp(`\\b${escapeRegExp(name)}\\b`).test(condition))) break;
    statement = next;
  }
  return fix(statement.endIndex, `\n${indent}${code}`);
}

function indentationAt(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}
