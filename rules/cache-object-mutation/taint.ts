// The vocabulary the cache-object-mutation parts share: what a tainted value is (a cached object, a
// list of them, or a shallow copy that still shares their maps and slices), where it came from, and
// the variable a fix would deep-copy. Plain data and a few pure helpers; it finds nothing by itself.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { unparen } from '../../src/parse/syntax.js';
import type { FuncInfo, GoPackage } from '../../src/index/package-index.js';

/**
 * `object`: a pointer to (or interface holding) an object of the cache; any write through it changes
 * the cache. `list`: a slice of such pointers (a `List` result); its elements are objects. `copy`: a
 * value copied out of an object (a struct, a map or slice header); only writes through an index or a
 * pointer reach the shared memory.
 */
export type TaintKind = 'object' | 'list' | 'copy';

/** A value read from the shared cache: a lister or store call, or an event handler's argument. */
export interface SourceOrigin {
  kind: 'source';
  id: number;
  node: SyntaxNode;
  file: SourceFile;
  /** How a message names it: the call (`c.podLister.Pods(ns).Get`), or a handler's event (`AddFunc`). */
  description: string;
  /** For an event handler's argument: the parameter's name. */
  parameter: string | null;
  /** For an object that a same-package helper returns: the read inside the helper. */
  inner: SourceOrigin | null;
}

/** A parameter of the function being summarised (index -1 is the receiver). */
export interface ParamOrigin {
  kind: 'param';
  id: number;
  index: number;
  /** How the parameter itself was tainted at entry, to carry an argument's kind through the helper. */
  entryKind: TaintKind;
}

export type Origin = SourceOrigin | ParamOrigin;

/** The variable holding the cached object itself, and where `x = x.DeepCopy()` would go. */
export interface Binding {
  id: string;
  variable: string;
  file: SourceFile;
  /** The statement that bound it; the fix goes after it. */
  statement: SyntaxNode | null;
  /** A range loop's body; the fix goes first in it. */
  loopBody: SyntaxNode | null;
  /** The other names the binding statement declares (`err`, `ok`, `exists`), whose checks the fix skips. */
  siblings: string[];
  /** True when the object's type is known to have a `DeepCopy` method. */
  deepCopyable: boolean;
}

export interface Taint {
  kind: TaintKind;
  origins: readonly Origin[];
  binding: Binding | null;
  /** The expression a derived variable was taken from (`pod.Labels`, `&pod.Status`), for messages. */
  aliasOf: string | null;
  /** The last field a copy was read from (`Labels` for `pod.Labels`), to tell map writes. */
  field: string | null;
  /** True when the object's type (or a list's element type) is known to have `DeepCopy`. */
  copyable: boolean;
  /** True for an `unstructured.Unstructured`, whose `GetLabels()` and the like return copies. */
  unstructured?: boolean;
}

/**
 * The mark of a field path given a fresh value (`out.Labels = make(...)` on a copy of a cached object):
 * the path no longer shares anything, whatever its root holds. It has no origins, so it reports nothing.
 */
export const FRESH: Taint = { kind: 'copy', origins: [], binding: null, aliasOf: null, field: null, copyable: false };

const RANK: Record<TaintKind, number> = { copy: 0, list: 1, object: 2 };
const MAX_ORIGINS = 4;

/** The taint of a value that may be either: the stronger kind, every origin. */
export function joinTaints(a: Taint | null | undefined, b: Taint | null | undefined): Taint | null {
  if (!a) return b ?? null;
  if (!b || a === b) return a;
  // Fresh on one path and shared on the other: shared.
  if (a === FRESH) return b;
  if (b === FRESH) return a;
  const origins = [...a.origins];
  for (const origin of b.origins) if (origins.length < MAX_ORIGINS && !origins.some((known) => known.id === origin.id)) origins.push(origin);
  return {
    kind: RANK[b.kind] > RANK[a.kind] ? b.kind : a.kind,
    origins,
    binding: a.binding ?? b.binding,
    aliasOf: a.aliasOf ?? b.aliasOf,
    field: a.field ?? b.field,
    copyable: a.copyable && b.copyable,
    unstructured: !!a.unstructured && !!b.unstructured,
  };
}

export function sameTaint(a: Taint, b: Taint): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || a.origins.length !== b.origins.length || a.binding?.id !== b.binding?.id) return false;
  return a.origins.every((origin, index) => origin.id === b.origins[index]!.id);
}

export function sourceOrigins(taint: Taint): SourceOrigin[] {
  return taint.origins.filter((origin): origin is SourceOrigin => origin.kind === 'source');
}

/** One step of an access path, from the root outwards. Type assertions and slicing do not move into memory. */
export type Step = 'field' | 'index' | 'deref' | 'assert' | 'slice';

/**
 * An expression split into its root (a variable, or a call) and the steps that lead from it; `nodes[i]`
 * is the expression reached after the first i steps (`nodes[0]` is the root).
 */
export interface AccessPath {
  root: SyntaxNode;
  steps: Step[];
  nodes: SyntaxNode[];
}

export function accessPath(expression: SyntaxNode): AccessPath {
  const steps: Step[] = [];
  const nodes: SyntaxNode[] = [];
  let current = unparen(expression);
  for (let depth = 0; depth < 32; depth++) {
    const type = current.type;
    let operand: SyntaxNode | null = null;
    if (type === 'selector_expression') {
      steps.push('field');
      operand = current.childForFieldName('operand');
    } else if (type === 'index_expression') {
      steps.push('index');
      operand = current.childForFieldName('operand');
    } else if (type === 'slice_expression') {
      steps.push('slice');
      operand = current.childForFieldName('operand');
    } else if (type === 'type_assertion_expression') {
      steps.push('assert');
      operand = current.childForFieldName('operand');
    } else if (type === 'unary_expression' && current.childForFieldName('operator')?.text === '*') {
      steps.push('deref');
      operand = current.childForFieldName('operand');
    }
    if (!operand) break;
    nodes.push(current);
    current = unparen(operand);
  }
  nodes.push(current);
  return { root: current, steps: steps.reverse(), nodes: nodes.reverse() };
}

/** The steps that move through memory (fields, indexes, dereferences). */
export function memorySteps(steps: readonly Step[]): Step[] {
  return steps.filter((step) => step === 'field' || step === 'index' || step === 'deref');
}

/** True when writing at the end of `steps` from a root of this kind changes memory the cache shares. */
export function writesShared(kind: TaintKind, steps: readonly Step[]): boolean {
  if (steps.length === 0) return false;
  if (kind === 'object') return true;
  if (kind === 'list') return steps.length >= 2;
  return steps.some((step) => step === 'index' || step === 'deref');
}

/** True when the write reaches through a map or slice element or a pointer, which a shallow copy shares too. */
export function reachesDeep(kind: TaintKind, steps: readonly Step[]): boolean {
  if (kind === 'copy') return true;
  const relevant = kind === 'list' ? steps.slice(1) : steps;
  return relevant.some((step) => step === 'index' || step === 'deref');
}

/** A write, as the function that makes it sees it. */
export interface WriteSite {
  /** The node to report: the written expression, or the call that writes. */
  node: SyntaxNode;
  file: SourceFile;
  /** What is changed, as written: `pod.Labels` (the map, for a map write), `pod.Spec.NodeName`, `pod.SetLabels`. */
  target: string;
  action: 'write' | 'delete' | 'setter' | 'known';
  /** True when the write is to a map element (or a map delete): the fatal race. */
  map: boolean;
  /** True when it goes through a map, a slice element or a pointer, which shallow copies share too. */
  deep: boolean;
  /** The variable, field path or expression the write goes through, in the writing function. */
  root: string;
  /** The same-package calls that led from the tainted value to the write, outermost first. */
  via: SyntaxNode[];
  /** For a call into another package: the write that the callee makes there. */
  remote?: RemoteWrite;
}

/** A write made inside a function of another package, through the parameter a call hands it. */
export interface RemoteWrite {
  node: SyntaxNode;
  file: SourceFile;
  target: string;
  packageName: string;
}

/** A write reached by a cached object, with how the object got there. */
export interface Sink extends WriteSite {
  taint: Taint;
  /** When the write is in a helper: the call that hands it the cached object. */
  passed: PassedBy | null;
}

/** The call through which a function hands a cached object to the helper that writes it. */
export interface PassedBy {
  call: SyntaxNode;
  file: SourceFile;
  /** The argument as written (`pod`, `&pod.Status`), and the variable or path it starts from (`pod`). */
  argument: string;
  root: string;
  /** The function making the call, and the one it calls (`c.process`). */
  caller: string;
  callee: string;
}

/** A function of another package, with the summary its own package computed for it. */
export interface ImportedSummary {
  fn: FuncInfo;
  pkg: GoPackage;
  summary: FunctionSummary;
}

/** What callers learn about a same-package function. */
export interface FunctionSummary {
  /** Per result: the taint it may carry (cache reads, or parameters passed through). */
  results: Array<Taint | null>;
  /** Per parameter index (-1 for the receiver): the writes made through it, here or in callees. */
  mutations: Map<number, WriteSite[]>;
}

/** Source text on one line, shortened for a message. */
export function shortText(node: SyntaxNode, limit = 60): string {
  const text = node.text.replace(/\s+/g, ' ').replace(/\(\s+/g, '(').replace(/,\s*\)/g, ')');
  return text.length <= limit ? text : `${text.slice(0, limit - 3)}...`;
}
