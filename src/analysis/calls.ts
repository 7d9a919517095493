// Call resolution and the package call graph. A call resolves to a same-package function or method
// (through receivers, field types, single-implementation interfaces, and, as a last resort, a method
// name unique in the package), to an imported package's function, or to nothing known; inside a func
// literal a captured receiver is typed where it is declared, and a call through a func-valued field
// resolves to the functions the package stores in that field. The call graph lists every call site of
// every top-level function, including those inside its func literals, and apart from them the calls
// that reach methods indirectly: library calls that call back methods of their argument
// (`heap.Push(&s.h, x)` runs `s.h`'s Less, Swap and Push before it returns, `sort.Sort(x)` its Len,
// Less and Swap, `ast.Walk(v, n)` its Visit) and calls through an interface that several types of the
// package implement. In an editor's lints, the sites of a function the edit did not change are moved
// from the previous lint of the package, resolution included.
import type { SyntaxNode } from '../parse/parser.js';
import type { SourceFile } from '../parse/source.js';
import { enclosingFunction, expressionListItems, firstAtOrAfter, nodesInRange, unparen } from '../parse/syntax.js';
import { findMethod, importPathOf, type FuncInfo, type GoPackage } from '../index/package-index.js';
import { defineAnalysis, type PackageAnalyses } from './context.js';
import { namedType, scopeFor, scopeOf, typeOfExpression } from './types.js';
import type { PackageCorrespondence } from './carry-over.js';
import { functionsByNode } from './functions.js';

export type ResolvedCall =
  | { kind: 'local'; fn: FuncInfo; via: 'func' | 'method' | 'interface' | 'unique-name' }
  /** `pkg.Name(...)` where pkg is an import, or a method on a value of an imported type. */
  | { kind: 'external'; importPath: string; name: string; receiverType: string | null }
  | { kind: 'builtin'; name: string }
  /** A method on a value whose type is unknown, or a call of a function value. */
  | { kind: 'unknown'; name: string | null };

const BUILTINS = new Set([
  'append', 'cap', 'clear', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'max', 'min',
  'new', 'panic', 'print', 'println', 'real', 'recover',
]);

export interface CallSite {
  call: SyntaxNode;
  caller: FuncInfo;
  /** The func literal the call sits in, if any (null when it is in the function's own body). */
  literal: SyntaxNode | null;
  /** True when the call is the operand of a `go` statement (cheaper than `call.parent`, which is O(depth)). */
  spawned: boolean;
  /** The called name: the function or method name (the last selector), or null. Cheap. */
  name: string | null;
  /** The same-package callee, if the call resolves to one. Cheap: no inference for other calls. */
  local: Extract<ResolvedCall, { kind: 'local' }> | null;
  /** The full resolution, external receiver types included; computed on first access, then kept. */
  readonly resolved: ResolvedCall;
  /** For the sites of indirectSitesOf: a library calling back a method of its argument, or a dispatch through an interface. */
  indirect?: 'library' | 'dispatch';
}

/**
 * The package call graph, built on demand: a function's call sites are resolved the first time
 * someone asks for them, and its callers are found among the functions whose text names it, since a
 * call can only resolve to a same-package function through that function's name. Summaries seeded
 * with a few functions thus resolve the calls of those functions and their callers, not of the whole
 * package.
 */
export interface CallGraph {
  /** The call sites in a top-level function, func literals included, in document order. */
  sitesOf(fn: FuncInfo): readonly CallSite[];
  /** The call sites of a function if they were asked for, without resolving anything. */
  knownSitesOf(fn: FuncInfo): readonly CallSite[] | undefined;
  /** The same for indirectSitesOf. */
  knownIndirectSitesOf(fn: FuncInfo): readonly CallSite[] | undefined;
  /**
   * The full resolution of a call in function node `within` (a declaration or literal), through its
   * call site when the sites of its function were asked for already (often carried over from the last
   * lint, resolution included): the same answer as resolveCall(analyses, call, within). Null otherwise.
   */
  knownResolution(call: SyntaxNode, within: SyntaxNode): ResolvedCall | null;
  /** The top-level functions with a call site that resolves (cheaply) to `fn`. */
  callersOf(fn: FuncInfo): ReadonlySet<FuncInfo>;
  /** The functions of `among` with a call site that resolves (cheaply) to `fn`; nothing else is resolved. */
  callersAmong(fn: FuncInfo, among: Iterable<FuncInfo>): FuncInfo[];
  /**
   * Calls in a function that reach same-package methods indirectly, one site per method reached: the
   * library calls that run methods of their argument before they return (`heap.Fix(&s.timers, i)`
   * calls `timerHeap.Less`, `Swap`, ...), and calls through a package interface with several
   * implementations (`cmd.handle(w)` may call each implementation's `handle`).
   */
  indirectSitesOf(fn: FuncInfo): readonly CallSite[];
}

/** Library functions that call methods of their first argument synchronously, by import path. */
const ARGUMENT_CALLBACKS: Record<string, { functions: ReadonlySet<string>; methods: readonly string[] }> = {
  'container/heap': { functions: new Set(['Init', 'Push', 'Pop', 'Fix', 'Remove']), methods: ['Len', 'Less', 'Swap', 'Push', 'Pop'] },
  sort: { functions: new Set(['Sort', 'Stable', 'IsSorted']), methods: ['Len', 'Less', 'Swap'] },
  'go/ast': { functions: new Set(['Walk']), methods: ['Visit'] },
};
const CALLBACK_FUNCTION_NAMES = new Set(Object.values(ARGUMENT_CALLBACKS).flatMap((entry) => [...entry.functions]));

/** Interfaces of this package mapped to the package's non-test types implementing them. */
export const implementations = defineAnalysis('implementations', (analyses) => {
  const pkg = analyses.pkg;
  const result = new Map<string, string[]>();
  for (const type of pkg.types.values()) {
    if (type.kind !== 'interface') continue;
    const required = interfaceMethodSet(pkg, type.name);
    if (required.size === 0) continue;
    const implementers: string[] = [];
    for (const [typeName, methods] of pkg.methods) {
      let all = true;
      for (const name of required) {
        const method = methods.get(name);
        if (!method || method.file.isTest) {
          all = false;
          break;
        }
      }
      if (all) implementers.push(typeName);
    }
    if (implementers.length > 0) result.set(type.name, implementers);
  }
  return result;
});

/** Interfaces of this package mapped to their single non-test implementation, when there is one. */
export const singleImplementations = defineAnalysis('single-implementations', (analyses) => {
  const result = new Map<string, string>();
  for (const [name, implementers] of analyses.get(implementations)) if (implementers.length === 1) result.set(name, implementers[0]!);
  return result;
});

function interfaceMethodSet(pkg: GoPackage, name: string, seen = new Set<string>()): Set<string> {
  const methods = new Set<string>();
  if (seen.has(name)) return methods;
  seen.add(name);
  const type = pkg.types.get(name);
  if (!type || type.kind !== 'interface') return methods;
  for (const method of type.interfaceMethods) methods.add(method);
  for (const embedded of type.interfaceEmbeds) for (const method of interfaceMethodSet(pkg, embedded, seen)) methods.add(method);
  return methods;
}

/**
 * Resolves one call. `fn` is the innermost enclosing function node (declaration or literal). With
 * `localOnly`, calls that cannot reach a same-package function (their name is no local func or method)
 * come back as unknown without any type inference, which is most of the cost.
 */
export function resolveCall(analyses: PackageAnalyses, call: SyntaxNode, fn: SyntaxNode | null, localOnly = false): ResolvedCall {
  const pkg = analyses.pkg;
  const callee = call.childForFieldName('function');
  if (!callee) return { kind: 'unknown', name: null };
  const target = unparen(callee);
  const targetType = target.type;
  if (targetType === 'identifier') {
    const name = target.text;
    const local = pkg.funcs.get(name);
    if (!local && !BUILTINS.has(name)) return { kind: 'unknown', name };
    if (fn && scopeFor(analyses, fn, target).declares(name)) return { kind: 'unknown', name };
    if (local) return { kind: 'local', fn: local, via: 'func' };
    return { kind: 'builtin', name };
  }
  if (targetType !== 'selector_expression') return { kind: 'unknown', name: null };
  const operand = target.childForFieldName('operand');
  const name = target.childForFieldName('field')?.text ?? null;
  if (!operand || !name) return { kind: 'unknown', name };
  // Inside a func literal, a captured name is typed in the function that declares it.
  const scope = fn ? scopeFor(analyses, fn, operand) : null;
  const file = analyses.fileOf(call);
  const bareOperand = unparen(operand);
  if (bareOperand.type === 'identifier' && file) {
    const operandName = bareOperand.text;
    const importPath = importPathOf(pkg, file, operandName);
    if (importPath && !pkg.values.has(operandName) && !scope?.declares(operandName)) return { kind: 'external', importPath, name, receiverType: null };
  }
  if (localOnly && !pkg.methodsByName.has(name)) return { kind: 'unknown', name };
  const operandType = typeOfExpression(pkg, scope, operand);
  const typeName = operandType ? namedType(operandType) : null;
  if (typeName) return resolveMethod(analyses, file, typeName, name);
  const sameName = pkg.methodsByName.get(name)?.filter((method) => !method.file.isTest) ?? [];
  if (sameName.length === 1) return { kind: 'local', fn: sameName[0]!, via: 'unique-name' };
  return { kind: 'unknown', name };
}

function resolveMethod(analyses: PackageAnalyses, file: SourceFile | undefined, typeName: string, name: string): ResolvedCall {
  const pkg = analyses.pkg;
  const dot = typeName.indexOf('.');
  if (dot >= 0) {
    const importPath = file ? importPathOf(pkg, file, typeName.slice(0, dot)) : null;
    return importPath
      ? { kind: 'external', importPath, name, receiverType: `${importPath}.${typeName.slice(dot + 1)}` }
      : { kind: 'unknown', name };
  }
  const type = pkg.types.get(typeName);
  if (type?.kind === 'interface') {
    const implementation = analyses.get(singleImplementations).get(typeName);
    const method = implementation ? pkg.methods.get(implementation)?.get(name) : undefined;
    return method ? { kind: 'local', fn: method, via: 'interface' } : { kind: 'unknown', name };
  }
  const method = findMethod(pkg, typeName, name);
  return method ? { kind: 'local', fn: method, via: 'method' } : { kind: 'unknown', name };
}

/** The same-package function a function value names: `syncX`, or the method value `c.syncX`; else null. */
export function functionValue(analyses: PackageAnalyses, value: SyntaxNode, fn: SyntaxNode | null): FuncInfo | null {
  const bare = unparen(value);
  if (bare.type === 'identifier') {
    if (fn && scopeOf(analyses, fn).declares(bare.text)) return null;
    return analyses.pkg.funcs.get(bare.text) ?? null;
  }
  if (bare.type !== 'selector_expression') return null;
  const operand = bare.childForFieldName('operand');
  const name = bare.childForFieldName('field')?.text;
  if (!operand || !name || !analyses.pkg.methodsByName.has(name)) return null;
  const type = typeOfExpression(analyses.pkg, fn ? scopeOf(analyses, fn) : null, operand);
  const typeName = type ? namedType(type) : null;
  if (typeName) return findMethod(analyses.pkg, typeName, name);
  const sameName = analyses.pkg.methodsByName.get(name)!.filter((method) => !method.file.isTest);
  return sameName.length === 1 ? sameName[0]! : null;
}

/**
 * The same-package functions stored in func-valued fields, by field name: `c.syncHandler = c.syncX`,
 * `x.f = syncX`, and keyed literals `f: c.syncX`. A call through the field can run any of them. Func
 * literals stored there are not functions of the package and are left out.
 */
export const funcFieldTargets = defineAnalysis('func-field-targets', (analyses): ReadonlyMap<string, FuncInfo[]> => {
  const targets = new Map<string, FuncInfo[]>();
  const add = (field: string, value: SyntaxNode, at: SyntaxNode) => {
    const target = functionValue(analyses, value, enclosingFunction(at));
    if (!target) return;
    const list = targets.get(field);
    if (!list) targets.set(field, [target]);
    else if (!list.includes(target)) list.push(target);
  };
  for (const file of analyses.pkg.files) {
    const buckets = analyses.nodesOfTypes(file, ['assignment_statement', 'keyed_element']);
    for (const assignment of buckets.get('assignment_statement')!) {
      const left = expressionListItems(assignment.childForFieldName('left'));
      const right = expressionListItems(assignment.childForFieldName('right'));
      if (left.length !== right.length) continue;
      left.forEach((item, index) => {
        const field = item.type === 'selector_expression' ? item.childForFieldName('field')?.text : undefined;
        if (field) add(field, right[index]!, assignment);
      });
    }
    for (const element of buckets.get('keyed_element')!) {
      const key = element.namedChild(0);
      const value = element.namedChild(1);
      const inner = value?.type === 'literal_element' ? value.namedChild(0) : value;
      const name = key?.type === 'literal_element' ? key.namedChild(0) : key;
      if (name && inner && (name.type === 'identifier' || name.type === 'field_identifier')) add(name.text, inner, element);
    }
  }
  return targets;
});

/**
 * Walks nodes in document order and tells, for each, the innermost func literal containing it. Literal
 * ranges are read once; a stack of open literals replaces a search per node.
 */
export class LiteralTracker {
  private readonly starts: number[];
  private readonly ends: number[];
  private readonly literals: SyntaxNode[];
  private next = 0;
  private readonly open: number[] = [];

  constructor(literals: SyntaxNode[]) {
    this.literals = literals;
    this.starts = literals.map((literal) => literal.startIndex);
    this.ends = literals.map((literal) => literal.endIndex);
  }

  /** The innermost literal containing [start, end); calls must come in increasing `start` order. */
  innermost(start: number, end: number): SyntaxNode | null {
    while (this.next < this.literals.length && this.starts[this.next]! <= start) this.open.push(this.next++);
    // Literals nest, so the ones that closed before this node starts are on top of the stack.
    while (this.open.length > 0 && this.ends[this.open[this.open.length - 1]!]! <= start) this.open.pop();
    // An open literal may still not contain the node (`func() {...}()` is a call around a literal).
    for (let index = this.open.length - 1; index >= 0; index--) {
      const candidate = this.open[index]!;
      if (this.ends[candidate]! >= end) return this.literals[candidate]!;
    }
    return null;
  }
}

/** A call site whose full resolution is computed on first access. */
class LazyCallSite implements CallSite {
  /** Needed only until the full resolution is known; then dropped, so a site kept for the next lint keeps no lint alive. */
  private analyses: PackageAnalyses | null;

  constructor(
    analyses: PackageAnalyses,
    readonly call: SyntaxNode,
    readonly caller: FuncInfo,
    readonly literal: SyntaxNode | null,
    readonly spawned: boolean,
    readonly name: string | null,
    readonly local: Extract<ResolvedCall, { kind: 'local' }> | null,
    /** The full resolution once known. */
    public known: ResolvedCall | null,
    readonly indirect?: 'library' | 'dispatch',
  ) {
    this.analyses = known ? null : analyses;
  }

  get resolved(): ResolvedCall {
    if (!this.known) {
      this.known = resolveCall(this.analyses!, this.call, this.literal ?? this.caller.node);
      this.analyses = null;
    }
    return this.known;
  }
}

function makeCallSite(analyses: PackageAnalyses, call: SyntaxNode, caller: FuncInfo, literal: SyntaxNode | null, spawned: boolean): CallSite {
  const quick = resolveCall(analyses, call, literal ?? caller.node, true);
  const full: ResolvedCall | null = quick.kind === 'unknown' && quick.name !== null && !quickIsFinal(call) ? null : quick;
  return new LazyCallSite(analyses, call, caller, literal, spawned, quick.kind === 'local' ? quick.fn.name : quick.name, quick.kind === 'local' ? quick : null, full);
}

/**
 * The previous lint's call site of an unchanged function, moved to this lint (see carry-over.ts): a
 * call resolves through the function's own text and the package's declarations alone, which both
 * lints share, so only the nodes and the functions named change.
 */
function movedCallSite(analyses: PackageAnalyses, old: CallSite, caller: FuncInfo, correspondence: PackageCorrespondence): CallSite {
  const call = correspondence.nodeOf(old.call)!;
  const known = old instanceof LazyCallSite ? old.known : old.resolved;
  const same = (resolved: ResolvedCall | null) => !resolved || resolved.kind !== 'local' || correspondence.functionOf(resolved.fn) === resolved.fn;
  // In a file both lints share, a site that names no changed function and has nothing left to resolve is the same site.
  if (call === old.call && caller === old.caller && known && same(old.local) && same(known)) return old;
  const moveResolved = <T extends ResolvedCall>(resolved: T): T => (resolved.kind === 'local' ? { ...resolved, fn: correspondence.functionOf(resolved.fn) } : resolved);
  const literal = old.literal ? correspondence.nodeOf(old.literal)! : null;
  return new LazyCallSite(analyses, call, caller, literal, old.spawned, old.name, old.local ? moveResolved(old.local) : null, known ? moveResolved(known) : null, old.indirect);
}

/** True when the quick resolution of a call is already the full one (a plain identifier callee). */
function quickIsFinal(call: SyntaxNode): boolean {
  const callee = call.childForFieldName('function');
  return !!callee && unparen(callee).type === 'identifier';
}

/** The call graph of the package's functions and methods. */
export const callGraph = defineAnalysis('call-graph', (analyses): CallGraph => {
  const pkg = analyses.pkg;
  const sites = new Map<FuncInfo, CallSite[]>();
  const callers = new Map<FuncInfo, Set<FuncInfo>>();
  const texts = new Map<FuncInfo, string>();
  const fileFacts = new Map<SourceFile, { calls: SyntaxNode[]; literals: SyntaxNode[]; spawned: Set<string> }>();

  const factsOf = (file: SourceFile) => {
    let facts = fileFacts.get(file);
    if (!facts) {
      const buckets = analyses.nodesOfTypes(file, ['call_expression', 'func_literal', 'go_statement']);
      const spawned = new Set<string>();
      for (const statement of buckets.get('go_statement')!) {
        const operand = statement.firstNamedChild;
        if (operand?.type === 'call_expression') spawned.add(`${operand.startIndex}:${operand.endIndex}`);
      }
      facts = { calls: buckets.get('call_expression')!, literals: buckets.get('func_literal')!, spawned };
      fileFacts.set(file, facts);
    }
    return facts;
  };

  // The previous lint is looked up on each use, never kept: it is dropped once this lint ends.
  const previousSites = (fn: FuncInfo, indirect: boolean): { old: readonly CallSite[]; correspondence: PackageCorrespondence } | null => {
    const carried = analyses.carried();
    const previousGraph = carried?.previous.peek(callGraph);
    const old = previousGraph ? carried!.correspondence.unchangedPrevious(fn) : null;
    const sites = old ? (indirect ? previousGraph!.knownIndirectSitesOf(old) : previousGraph!.knownSitesOf(old)) : undefined;
    return sites ? { old: sites, correspondence: carried!.correspondence } : null;
  };
  const sitesOf = (fn: FuncInfo): CallSite[] => {
    let list = sites.get(fn);
    if (list) return list;
    const previous = previousSites(fn, false);
    if (previous) {
      list = previous.old.map((site) => movedCallSite(analyses, site, fn, previous.correspondence));
      sites.set(fn, list);
      return list;
    }
    list = [];
    sites.set(fn, list);
    const { calls, literals, spawned } = factsOf(fn.file);
    const start = fn.node.startIndex;
    const end = fn.node.endIndex;
    const tracker = new LiteralTracker(nodesInRange(literals, start, end));
    for (let index = firstAtOrAfter(calls, start); index < calls.length; index++) {
      const call = calls[index]!;
      const callStart = call.startIndex;
      if (callStart >= end) break;
      const callEnd = call.endIndex;
      if (callEnd > end) continue;
      const literal = tracker.innermost(callStart, callEnd);
      list.push(makeCallSite(analyses, call, fn, literal, spawned.has(`${callStart}:${callEnd}`)));
    }
    return list;
  };

  const textOf = (fn: FuncInfo): string => {
    let text = texts.get(fn);
    if (text === undefined) {
      text = fn.node.text;
      texts.set(fn, text);
    }
    return text;
  };

  // A call can only resolve to a same-package function through its name, so callers are looked for
  // among the functions whose text names it.
  const callersAmong = (fn: FuncInfo, among: Iterable<FuncInfo>): FuncInfo[] => {
    const found: FuncInfo[] = [];
    for (const candidate of among) {
      if (!textOf(candidate).includes(fn.name)) continue;
      if (sitesOf(candidate).some((site) => site.local?.fn === fn)) found.push(candidate);
    }
    return found;
  };

  const callersOf = (fn: FuncInfo): Set<FuncInfo> => {
    let found = callers.get(fn);
    if (!found) {
      found = new Set(callersAmong(fn, pkg.functions));
      callers.set(fn, found);
    }
    return found;
  };

  // Methods named in interfaces with several implementations: the calls that may dispatch to them.
  let dispatch: Map<string, Map<string, FuncInfo[]>> | null = null;
  const dispatchTargets = () => {
    if (dispatch) return dispatch;
    dispatch = new Map();
    for (const [name, implementers] of analyses.get(implementations)) {
      if (implementers.length < 2) continue;
      const byMethod = new Map<string, FuncInfo[]>();
      for (const method of interfaceMethodSet(pkg, name)) {
        const targets = implementers.map((type) => pkg.methods.get(type)?.get(method)).filter((fn): fn is FuncInfo => !!fn);
        byMethod.set(method, targets);
      }
      dispatch.set(name, byMethod);
    }
    return dispatch;
  };
  const dispatchNames = () => new Set([...dispatchTargets().values()].flatMap((byMethod) => [...byMethod.keys()]));
  let dispatchNameSet: Set<string> | null = null;

  const indirectSites = new Map<FuncInfo, CallSite[]>();
  const indirectSitesOf = (fn: FuncInfo): CallSite[] => {
    let list = indirectSites.get(fn);
    if (list) return list;
    const previous = previousSites(fn, true);
    if (previous) {
      list = previous.old.map((site) => movedCallSite(analyses, site, fn, previous.correspondence));
      indirectSites.set(fn, list);
      return list;
    }
    list = [];
    indirectSites.set(fn, list);
    dispatchNameSet ??= dispatchNames();
    const libraries = /\b(heap|sort|ast)\./.test(textOf(fn));
    if (!libraries && dispatchNameSet.size === 0) return list;
    const add = (site: CallSite, method: FuncInfo, indirect: 'library' | 'dispatch'): void => {
      if (method.file.isTest) return;
      const local = { kind: 'local', fn: method, via: indirect === 'library' ? 'method' : 'interface' } as const;
      // Every call site is a LazyCallSite, so code reading sites sees one shape.
      list!.push(new LazyCallSite(analyses, site.call, fn, site.literal, site.spawned, method.name, local, local, indirect));
    };
    for (const site of sitesOf(fn)) {
      if (!site.name || site.local) continue;
      if (libraries && CALLBACK_FUNCTION_NAMES.has(site.name)) {
        const resolved = site.resolved;
        if (resolved.kind !== 'external' || resolved.receiverType) continue;
        const entry = ARGUMENT_CALLBACKS[resolved.importPath];
        const argument = site.call.childForFieldName('arguments')?.namedChild(0);
        if (!entry || !entry.functions.has(resolved.name) || !argument) continue;
        let value = unparen(argument);
        if (value.type === 'unary_expression' && value.childForFieldName('operator')?.text === '&') value = unparen(value.childForFieldName('operand') ?? value);
        const type = typeOfExpression(pkg, scopeFor(analyses, site.literal ?? fn.node, value), value);
        const typeName = type ? namedType(type) : null;
        if (!typeName || !pkg.types.has(typeName)) continue;
        for (const name of entry.methods) {
          const method = findMethod(pkg, typeName, name);
          if (method) add(site, method, 'library');
        }
      } else if (dispatchNameSet.has(site.name)) {
        const callee = site.call.childForFieldName('function');
        const operand = callee?.type === 'selector_expression' ? callee.childForFieldName('operand') : null;
        const type = operand ? typeOfExpression(pkg, scopeFor(analyses, site.literal ?? fn.node, operand), operand) : null;
        const typeName = type ? namedType(type) : null;
        for (const method of (typeName ? dispatchTargets().get(typeName)?.get(site.name) : undefined) ?? []) add(site, method, 'dispatch');
      }
    }
    return list;
  };

  const byCall = new Map<FuncInfo, Map<number, CallSite>>();
  const knownResolution = (call: SyntaxNode, within: SyntaxNode): ResolvedCall | null => {
    let top: SyntaxNode | null = within;
    while (top && top.type !== 'function_declaration' && top.type !== 'method_declaration') top = top.parent;
    const fn = top ? analyses.get(functionsByNode).get(top.id) : undefined;
    const list = fn ? sites.get(fn) : undefined;
    if (!fn || !list) return null;
    let index = byCall.get(fn);
    if (!index) {
      index = new Map(list.map((site) => [site.call.id, site]));
      byCall.set(fn, index);
    }
    const site = index.get(call.id);
    return site && (site.literal ?? site.caller.node).id === within.id ? site.resolved : null;
  };

  return {
    sitesOf,
    knownResolution,
    knownSitesOf: (fn) => sites.get(fn),
    knownIndirectSitesOf: (fn) => indirectSites.get(fn),
    callersOf,
    callersAmong,
    indirectSitesOf,
  };
});

export interface SummarySpec<Fact> {
  /** The starting fact of every function (the lattice's bottom). */
  initial: Fact;
  /** Recomputes a function's fact from its body and its callees' current facts. */
  compute(fn: FuncInfo, factOf: (callee: FuncInfo) => Fact): Fact;
  equal(a: Fact, b: Fact): boolean;
  /** Functions to compute first; by default all. Others are computed only when a callee's fact changes. */
  seeds?: Iterable<FuncInfo>;
  /** True when functions outside `seeds` always keep the initial fact, so only seeds are ever computed. */
  seedsOnly?: boolean;
}

/**
 * Solves per-function facts by a fixpoint over the package call graph: whenever a function's fact
 * changes, its callers are recomputed. Facts must only grow, so the loop ends; a cap guards it anyway.
 */
export function solveSummaries<Fact>(analyses: PackageAnalyses, spec: SummarySpec<Fact>): Map<FuncInfo, Fact> {
  const graph = analyses.get(callGraph);
  const facts = new Map<FuncInfo, Fact>();
  const factOf = (fn: FuncInfo): Fact => (facts.has(fn) ? facts.get(fn)! : spec.initial);
  const queue: FuncInfo[] = [...(spec.seeds ?? analyses.pkg.functions)];
  const seeds = spec.seedsOnly ? [...queue] : null;
  const queued = new Set(queue);
  let budget = 20 * (analyses.pkg.functions.length + 10);
  while (queue.length > 0 && budget-- > 0) {
    const fn = queue.shift()!;
    queued.delete(fn);
    const next = spec.compute(fn, factOf);
    if (spec.equal(next, factOf(fn))) continue;
    facts.set(fn, next);
    for (const caller of seeds ? graph.callersAmong(fn, seeds) : graph.callersOf(fn)) {
      if (!queued.has(caller)) {
        queued.add(caller);
        queue.push(caller);
      }
    }
  }
  return facts;
}
