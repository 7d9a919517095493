// The per-function value flow of cache-object-mutation: a forward dataflow over each function's CFG
// that tracks which variables hold cached objects (taint.ts), with the writes that reach them
// (sinks.ts). A variable is tainted by a cache read (sources.ts), by an alias of a tainted value
// (values.ts), or by a helper whose summary returns one; assigning it anything else (a `DeepCopy()`, a
// literal, a client `Get`) clears it. Fields of local values given cached parts are tracked by path
// (`newEndpoints.Labels = svc.Labels`). The state joins by union, so a write is found when some path
// brings a cached object to it, and a variable reassigned to a fresh value on every path is clean.
// Func literals are walked with the state where they appear, so closures (retry loops, goroutines)
// see what they capture, and event handler literals start with cached arguments.
//
// Each function also gets a summary for its call sites: which results may be cached objects (or pass a
// parameter through) and which parameters it writes. Callers in other packages read it too, through
// the run's imported packages, so a helper of another package is judged by what its source does. Summaries are computed on
// demand; a recursive cycle, or a chain of helpers deeper than MAX_SUMMARY_DEPTH, sees an empty one.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { expressionListItems, nodesWithin, selectorPath, unparen } from '../../src/parse/syntax.js';
import { paramsOf, type FuncInfo, type GoPackage } from '../../src/index/package-index.js';
import { defineAnalysis, type PackageAnalyses } from '../../src/analysis/context.js';
import { resolveCall } from '../../src/analysis/calls.js';
import { importedFunction, type ImportedFunction } from '../../src/analysis/imported.js';
import { isStandardLibrary } from '../../src/index/resolve.js';
import { scopeOf } from '../../src/analysis/types.js';
import { solveForward, forEachNodeState, type ForwardAnalysis } from '../../src/analysis/dataflow.js';
import { CfgTooDeepError, type CfgEdge } from '../../src/cfg/cfg.js';
import { BASIC_TYPES, SHARED_META_FIELDS } from './catalog.js';
import { eventHandlers, isBool, isInterfaceType, literalParams, typeHasDeepCopy, type HandlerFacts } from './sources.js';
import { SinkFinder } from './sinks.js';
import { FRESH, joinTaints, sameTaint, shortText, type Binding, type FunctionSummary, type ImportedSummary, type Origin, type Sink, type SourceOrigin, type Taint, type TaintKind, type WriteSite } from './taint.js';
import { assertedKind, isUnstructured, tracksPaths, ValueReader, type State } from './values.js';

const EMPTY: State = new Map();
/** A summary keeps this many writes per parameter. */
const MAX_SITES_PER_PARAMETER = 16;
/** Field paths longer than this (`a.b.c.d`) are not tracked. */
const MAX_PATH_PARTS = 4;

export interface FunctionFlow {
  /** Writes reached by a cache read (and, for the summary, by parameters). */
  sinks: Sink[];
  summary: FunctionSummary;
}

const EMPTY_FLOW: FunctionFlow = { sinks: [], summary: { results: [], mutations: new Map() } };

/** How many summaries may be in progress at once; a deeper callee counts as unknown (empty) there. */
const MAX_SUMMARY_DEPTH = 24;

/** The flows of the package's functions, computed on first request. */
export class CacheFlow {
  private readonly flows = new Map<number, FunctionFlow>();
  private readonly running = new Set<number>();
  private readonly imported = new Map<number, ImportedSummary | null>();
  readonly handlers: HandlerFacts;

  constructor(readonly analyses: PackageAnalyses) {
    this.handlers = analyses.get(eventHandlers);
  }

  /**
   * The callee of a call into another package, outside the standard library, with the summary its own
   * package computes for it; null when its source is not on disk. Cached per call.
   */
  importedSummaryOf(call: SyntaxNode, fn: SyntaxNode): ImportedSummary | null {
    if (this.imported.has(call.id)) return this.imported.get(call.id)!;
    let found: ImportedSummary | null = null;
    const resolved = resolveCall(this.analyses, call, fn);
    let callee = resolved.kind === 'external' && !isStandardLibrary(resolved.importPath) ? importedFunction(this.analyses, resolved) : null;
    if (!callee && resolved.kind === 'unknown' && resolved.name) callee = this.uniqueImportedMethod(call, resolved.name);
    if (callee && !callee.fn.file.isTest) found = { fn: callee.fn, pkg: callee.analyses.pkg, summary: callee.analyses.get(cacheFlow).flowOf(callee.fn).summary };
    this.imported.set(call.id, found);
    return found;
  }

  /**
   * A method of a value whose type is not known here (an object a lister of another package returns),
   * when exactly one package the file imports, outside the standard library and the Kubernetes
   * libraries, declares a method of that name.
   */
  private uniqueImportedMethod(call: SyntaxNode, name: string): ImportedFunction | null {
    const file = this.analyses.fileOf(call);
    const imports = file ? this.analyses.pkg.imports.get(file) : undefined;
    let found: ImportedFunction | null = null;
    for (const spec of imports?.values() ?? []) {
      if (isStandardLibrary(spec.path) || /^(k8s\.io|sigs\.k8s\.io)\//.test(spec.path)) continue;
      const other = this.analyses.importedByPath(spec.path);
      const methods = other?.pkg.methodsByName.get(name)?.filter((method) => !method.file.isTest) ?? [];
      if (methods.length === 0) continue;
      if (found || methods.length > 1) return null;
      found = { analyses: other!, fn: methods[0]! };
    }
    return found;
  }

  flowOf(fn: FuncInfo): FunctionFlow {
    const known = this.flows.get(fn.node.id);
    if (known) return known;
    if (this.running.has(fn.node.id) || this.running.size >= MAX_SUMMARY_DEPTH) return EMPTY_FLOW;
    this.running.add(fn.node.id);
    let flow = EMPTY_FLOW;
    try {
      flow = new FunctionWalk(this, fn).run();
    } catch (error) {
      if (!(error instanceof CfgTooDeepError)) throw error;
    } finally {
      this.running.delete(fn.node.id);
    }
    this.flows.set(fn.node.id, flow);
    return flow;
  }
}

export const cacheFlow = defineAnalysis('cache-object-flow', (analyses) => new CacheFlow(analyses));

/** One function's walk: its CFG, then each func literal's, in the state where the literal appears. */
class FunctionWalk {
  private readonly sinks: Sink[] = [];
  private readonly reported = new Set<number>();
  private readonly results: Array<Taint | null> = [];
  private readonly mutations = new Map<number, WriteSite[]>();
  private readonly file: SourceFile;
  private readonly analyses: PackageAnalyses;
  private readonly values: ValueReader;
  private readonly sinkFinder: SinkFinder;
  /** Type switch values (by node id) with their alias, and single case types (by node id) with the alias. */
  private readonly switchAliases = new Map<number, string>();
  private readonly caseAliases = new Map<number, string>();

  constructor(
    private readonly flow: CacheFlow,
    private readonly fn: FuncInfo,
  ) {
    this.analyses = flow.analyses;
    this.file = fn.file;
    const summaryOf = (callee: FuncInfo) => flow.flowOf(callee).summary;
    this.values = new ValueReader(this.analyses, this.file, fn, summaryOf, (call, fnNode) => flow.importedSummaryOf(call, fnNode));
    this.sinkFinder = new SinkFinder(this.analyses, this.file, fn, this.values, summaryOf, (sink) => this.record(sink));
  }

  private get pkg(): GoPackage {
    return this.analyses.pkg;
  }

  run(): FunctionFlow {
    this.indexTypeSwitches();
    this.walk(this.fn.node, this.entryState(), [this.fn.node]);
    return { sinks: this.sinks, summary: { results: this.results, mutations: this.mutations } };
  }

  private indexTypeSwitches(): void {
    const node = this.fn.node;
    if (!node.text.includes('.(type)')) return;
    for (const statement of nodesWithin(this.analyses.nodesOfType(this.file, 'type_switch_statement'), node)) {
      const alias = expressionListItems(statement.childForFieldName('alias'))[0];
      const value = statement.childForFieldName('value');
      if (!alias || alias.type !== 'identifier' || !value) continue;
      this.switchAliases.set(value.id, alias.text);
      for (const clause of statement.namedChildren) {
        if (clause.type !== 'type_case') continue;
        const types = clause.childrenForFieldName('type');
        if (types.length === 1) this.caseAliases.set(types[0]!.id, alias.text);
      }
    }
  }

  /** Handler arguments are cached objects; other parameters are tracked as themselves, for the summary. */
  private entryState(): State {
    const state = new Map<string, Taint>();
    const fn = this.fn;
    const event = this.flow.handlers.functions.get(fn.node.id);
    // Controllers' receivers are never cached objects; a receiver is tracked only on API-shaped types.
    if (fn.receiverName && fn.receiverName !== '_' && fn.receiverType && isApiShaped(this.pkg, fn.receiverType)) {
      state.set(fn.receiverName, paramTaint(-1, fn.pointerReceiver ? 'object' : 'copy', fn.node));
    }
    fn.params.forEach((param, index) => {
      if (!param.name || param.name === '_') return;
      if (event && !isBool(param.typeNode)) {
        state.set(param.name, this.handlerTaint(param.name, param.typeNode, event, fn.node));
        return;
      }
      const kind = this.paramKind(param.typeNode, param.typeText);
      if (kind) state.set(param.name, { ...paramTaint(index, kind, fn.node), unstructured: isUnstructured(param.typeText) });
    });
    return state;
  }

  private handlerTaint(name: string, typeNode: SyntaxNode | null, event: string, fnNode: SyntaxNode): Taint {
    const nameNode = findParamName(fnNode, name) ?? fnNode;
    const origin: SourceOrigin = { kind: 'source', id: nameNode.id, node: nameNode, file: this.file, description: event, parameter: name, inner: null };
    const deepCopyable = typeHasDeepCopy(this.pkg, this.file, typeNode);
    const binding: Binding = { id: `param:${nameNode.id}`, variable: name, file: this.file, statement: null, loopBody: null, siblings: [], deepCopyable };
    return { kind: 'object', origins: [origin], binding, aliasOf: null, field: null, copyable: deepCopyable, unstructured: isUnstructured(typeNode?.text ?? '') };
  }

  /** How a parameter of this type is tracked: pointers and interfaces as objects, other values as copies. */
  private paramKind(typeNode: SyntaxNode | null, typeText: string): TaintKind | null {
    if (!typeNode || typeText.startsWith('...')) return null;
    switch (typeNode.type) {
      case 'pointer_type':
      case 'interface_type':
        return 'object';
      case 'slice_type': {
        const element = typeNode.childForFieldName('element');
        return element && (element.type === 'pointer_type' || isInterfaceType(this.pkg, element)) ? 'list' : 'copy';
      }
      case 'map_type':
      case 'array_type':
      case 'generic_type':
        return 'copy';
      case 'qualified_type':
        return isInterfaceType(this.pkg, typeNode) ? 'object' : 'copy';
      case 'type_identifier':
        if (BASIC_TYPES.has(typeNode.text)) return null;
        return isInterfaceType(this.pkg, typeNode) ? 'object' : 'copy';
      default:
        return null;
    }
  }

  private walk(fnNode: SyntaxNode, entry: State, chain: SyntaxNode[]): void {
    const cfg = this.analyses.cfg(fnNode);
    const analysis: ForwardAnalysis<State> = {
      entry: () => entry,
      bottom: () => EMPTY,
      join: joinStates,
      equal: equalStates,
      transfer: (state, node) => this.transfer(state, node, chain),
      edge: (state, edge) => this.refineCase(state, edge),
    };
    const result = solveForward(cfg, analysis);
    forEachNodeState(cfg, analysis, result, (node, before) => {
      const literals = this.literalsDirectlyIn(node);
      this.sinkFinder.check(node, before, chain, literals);
      if (chain.length === 1 && node.type === 'return_statement') this.recordReturn(node, before, chain);
      for (const literal of literals) {
        try {
          this.walk(literal, this.literalEntry(literal, before), [...chain, literal]);
        } catch (error) {
          if (!(error instanceof CfgTooDeepError)) throw error;
        }
      }
    });
  }

  private literalsDirectlyIn(node: SyntaxNode): SyntaxNode[] {
    const found: SyntaxNode[] = [];
    let end = -1;
    for (const literal of nodesWithin(this.analyses.nodesOfType(this.file, 'func_literal'), node)) {
      if (literal.startIndex < end) continue;
      found.push(literal);
      end = literal.endIndex;
    }
    return found;
  }

  /** A literal sees what it captures; its parameters shadow, and a handler's are cached objects. */
  private literalEntry(literal: SyntaxNode, before: State): State {
    const state = new Map(before);
    const event = this.flow.handlers.literals.get(literal.id);
    for (const param of literalParams(literal)) {
      if (!param.name) continue;
      forget(state, param.name);
      if (event && !isBool(param.typeNode)) state.set(param.name, this.handlerTaint(param.name, param.typeNode, event, literal));
    }
    const results = literal.childForFieldName('result');
    if (results?.type === 'parameter_list') for (const result of paramsOf(results)) if (result.name) forget(state, result.name);
    return state;
  }

  private transfer(state: State, node: SyntaxNode, chain: SyntaxNode[]): State {
    switch (node.type) {
      case 'short_var_declaration':
      case 'assignment_statement':
        return this.transferAssignment(state, node, chain);
      case 'var_declaration':
        return this.transferVar(state, node, chain);
      case 'range_clause':
        return this.transferRange(state, node, chain);
      default: {
        const alias = this.switchAliases.get(node.id);
        if (!alias) return state;
        const taint = this.values.taintOf(node, state, chain);
        const next = new Map(state);
        forget(next, alias);
        if (taint) next.set(alias, { ...taint, kind: 'object', binding: null, aliasOf: null });
        return next;
      }
    }
  }

  private transferAssignment(state: State, node: SyntaxNode, chain: SyntaxNode[]): State {
    if (node.type === 'assignment_statement' && (node.childForFieldName('operator')?.text ?? '=') !== '=') return state;
    const lefts = expressionListItems(node.childForFieldName('left'));
    const rights = expressionListItems(node.childForFieldName('right'));
    const paths = tracksPaths(state);
    if (!lefts.some((left) => left.type === 'identifier' || left.type === 'index_expression' || left.type === 'selector_expression')) return state;
    const taints = this.rightTaints(lefts.length, rights, state, chain);
    const next = new Map(state);
    const names = lefts.filter((left) => left.type === 'identifier').map((left) => left.text);
    lefts.forEach((left, index) => {
      const right = rights.length === lefts.length ? rights[index]! : (rights[0] ?? null);
      this.assign(next, state, left, taints[index] ?? null, right, node, names, chain, paths);
    });
    return next;
  }

  private transferVar(state: State, node: SyntaxNode, chain: SyntaxNode[]): State {
    let next: Map<string, Taint> | null = null;
    for (const spec of varSpecs(node)) {
      const names = spec.childrenForFieldName('name');
      const values = expressionListItems(spec.childForFieldName('value'));
      const taints = this.rightTaints(names.length, values, state, chain);
      next ??= new Map(state);
      const texts = names.map((name) => name.text);
      names.forEach((name, index) => {
        const right = values.length === names.length ? values[index]! : (values[0] ?? null);
        this.assign(next!, state, name, taints[index] ?? null, right, node, texts, chain, false);
      });
    }
    return next ?? state;
  }

  /** The taints of the right-hand side, one per left-hand name (a multi-value call or `v, ok := x.(T)`). */
  private rightTaints(count: number, rights: SyntaxNode[], state: State, chain: SyntaxNode[]): Array<Taint | null> {
    if (rights.length === count) return rights.map((right) => this.values.taintOf(right, state, chain));
    if (rights.length !== 1) return [];
    const right = unparen(rights[0]!);
    if (right.type === 'call_expression') return this.values.callTaints(right, state, chain);
    return [this.values.taintOf(right, state, chain)];
  }

  private assign(
    next: Map<string, Taint>, before: State, left: SyntaxNode, taint: Taint | null, right: SyntaxNode | null, statement: SyntaxNode,
    names: string[], chain: SyntaxNode[], paths: boolean,
  ): void {
    const target = unparen(left);
    if (target.type === 'index_expression') {
      // `pods[i] = pods[i].DeepCopy()`: the list's elements are being replaced by copies.
      const operand = unparen(target.childForFieldName('operand') ?? target);
      if (!taint && operand.type === 'identifier' && before.get(operand.text)?.kind === 'list') this.values.elementsReplaced.add(operand.text);
      return;
    }
    if (target.type === 'selector_expression') {
      this.assignField(next, target, taint, right, paths);
      return;
    }
    if (target.type !== 'identifier' || target.text === '_') return;
    const name = target.text;
    forget(next, name);
    const bare = right ? unparen(right) : null;
    if (!taint) {
      if (bare) this.trackLiteralFields(next, name, bare, before, chain);
      return;
    }
    // A new object variable binds afresh (`pod := obj.(*v1.Pod)`, a read, a list element); one derived
    // from a bound object (`p := pod`, `status := &pod.Status`, `meta.Accessor(obj)`) keeps its binding,
    // since the fix copies that object.
    if (taint.kind === 'object' && (!taint.binding || bare?.type === 'type_assertion_expression')) {
      const binding: Binding = {
        id: `${statement.id}:${name}`,
        variable: name,
        file: this.file,
        statement,
        loopBody: null,
        siblings: names.filter((other) => other !== name && other !== '_'),
        deepCopyable: taint.copyable || this.declaredCopyable(target),
      };
      next.set(name, { ...taint, binding, aliasOf: null });
      return;
    }
    next.set(name, { ...taint, aliasOf: taint.kind === 'list' ? null : this.aliasText(taint, bare) });
  }

  /** `x.Labels = svc.Labels`: the field of a local value now shares a cached map. */
  private assignField(next: Map<string, Taint>, target: SyntaxNode, taint: Taint | null, right: SyntaxNode | null, paths: boolean): void {
    const key = selectorPath(target, MAX_PATH_PARTS);
    if (!key) return;
    if (paths) forget(next, key);
    if (taint) next.set(key, { ...taint, aliasOf: this.aliasText(taint, right ? unparen(right) : null) });
    // `out.Labels = make(...)` on a copy of a cached object: that field is the copy's own from now on.
    else if (next.has(key.slice(0, key.indexOf('.')))) next.set(key, FRESH);
  }

  /** `&v1.Endpoints{ObjectMeta: metav1.ObjectMeta{Labels: svc.Labels}}`: literal fields holding cached parts. */
  private trackLiteralFields(next: Map<string, Taint>, name: string, value: SyntaxNode, state: State, chain: SyntaxNode[]): void {
    const literal = value.type === 'unary_expression' ? unparen(value.childForFieldName('operand') ?? value) : value;
    if (literal.type !== 'composite_literal' || !literal.text.includes(':')) return;
    const visit = (node: SyntaxNode, prefix: string, depth: number): void => {
      for (const element of node.childForFieldName('body')?.namedChildren ?? []) {
        if (element.type !== 'keyed_element') continue;
        const key = element.childForFieldName('key')?.text.trim() ?? '';
        const inner = element.childForFieldName('value')?.namedChild(0);
        if (!/^[A-Za-z_]\w*$/.test(key) || !inner) continue;
        const path = `${prefix}.${key}`;
        const bare = unparen(inner);
        if (bare.type === 'composite_literal' && depth < 2) {
          visit(bare, path, depth + 1);
          if (key === 'ObjectMeta') visit(bare, prefix, depth + 1);
          continue;
        }
        const taint = this.values.taintOf(bare, state, chain);
        if (!taint) continue;
        const held = { ...taint, aliasOf: this.aliasText(taint, bare) };
        next.set(path, held);
        // A copied ObjectMeta's maps and slices are promoted: `x.Labels` is the cached `Labels`.
        if (key === 'ObjectMeta') for (const field of SHARED_META_FIELDS) next.set(`${prefix}.${field}`, { ...held, kind: 'copy', field });
      }
    };
    visit(literal, name, 0);
  }

  /** How a message names what a derived value was taken from, or null when it is the read itself. */
  private aliasText(taint: Taint, right: SyntaxNode | null): string | null {
    if (!right || right.type === 'identifier') return taint.aliasOf;
    if (taint.origins.some((origin) => origin.kind === 'source' && origin.node.id === right.id)) return taint.aliasOf;
    return shortText(right, 60);
  }

  /** True when the variable was declared with a type that has DeepCopy (`var pod *v1.Pod`). */
  private declaredCopyable(identifier: SyntaxNode): boolean {
    const scope = scopeOf(this.analyses, this.fn.node);
    const local = scope.localAt(identifier.text, identifier.startIndex);
    const type = local?.type?.node ?? scope.paramType(identifier.text)?.node ?? null;
    return typeHasDeepCopy(this.pkg, this.file, type);
  }

  private transferRange(state: State, clause: SyntaxNode, chain: SyntaxNode[]): State {
    const names = expressionListItems(clause.childForFieldName('left'));
    if (names.length === 0) return state;
    const right = clause.childForFieldName('right');
    const taint = right ? this.values.taintOf(right, state, chain) : null;
    const next = new Map(state);
    const key = names[0]!;
    if (key.type === 'identifier') forget(next, key.text);
    const value = names[1];
    if (!value || value.type !== 'identifier' || value.text === '_') return next;
    forget(next, value.text);
    if (!taint) return next;
    if (taint.kind !== 'list') {
      next.set(value.text, { ...taint, kind: 'copy', aliasOf: right ? `an element of ${shortText(right, 40)}` : null });
      return next;
    }
    const body = clause.parent?.childForFieldName('body') ?? null;
    const binding: Binding = { id: `${clause.id}:${value.text}`, variable: value.text, file: this.file, statement: null, loopBody: body, siblings: [], deepCopyable: taint.copyable };
    next.set(value.text, { ...taint, kind: 'object', binding, aliasOf: null, field: null });
    return next;
  }

  /** `case *v1.Pod:` makes the switch alias an object; `case cache.DeletedFinalStateUnknown:` a copy. */
  private refineCase(state: State, edge: CfgEdge): State {
    if (edge.kind !== 'case' || !edge.cond || this.caseAliases.size === 0) return state;
    const alias = this.caseAliases.get(edge.cond.id);
    const taint = alias ? state.get(alias) : undefined;
    if (!alias || !taint) return state;
    const kind = assertedKind(this.pkg, edge.cond);
    if (kind === taint.kind) return state;
    const next = new Map(state);
    next.set(alias, { ...taint, kind });
    return next;
  }

  /** Keeps a write: a finding when a cache read reaches it, a summary fact when a parameter does. */
  private record(sink: Sink): void {
    let reported = false;
    for (const origin of sink.taint.origins) {
      if (origin.kind === 'source') {
        if (reported || this.reported.has(sink.node.id)) continue;
        reported = true;
        this.reported.add(sink.node.id);
        this.sinks.push(sink);
        continue;
      }
      const sites = this.mutations.get(origin.index) ?? [];
      if (sites.length >= MAX_SITES_PER_PARAMETER || sites.some((site) => site.node.id === sink.node.id)) continue;
      const { taint: _taint, passed: _passed, ...site } = sink;
      sites.push({ ...site, deep: sink.deep || origin.entryKind === 'copy' });
      this.mutations.set(origin.index, sites);
    }
  }

  private recordReturn(node: SyntaxNode, state: State, chain: SyntaxNode[]): void {
    const items = expressionListItems(node.namedChild(0));
    const results = this.fn.results;
    let taints: Array<Taint | null>;
    if (items.length === 0) taints = results.map((result) => (result.name ? (state.get(result.name) ?? null) : null));
    else if (items.length === 1 && results.length > 1 && unparen(items[0]!).type === 'call_expression') taints = this.values.callTaints(unparen(items[0]!), state, chain);
    else taints = items.map((item) => this.values.taintOf(item, state, chain));
    taints.forEach((taint, index) => {
      if (taint) this.results[index] = joinTaints(this.results[index], { ...taint, binding: null });
    });
    for (let index = 0; index < results.length; index++) this.results[index] ??= null;
  }
}

/** Drops a variable and every field path under it. */
function forget(state: Map<string, Taint>, name: string): void {
  state.delete(name);
  const prefix = `${name}.`;
  for (const key of state.keys()) if (key.startsWith(prefix)) state.delete(key);
}

function paramTaint(index: number, kind: TaintKind, fnNode: SyntaxNode): Taint {
  const origin: Origin = { kind: 'param', id: -(fnNode.id * 64 + index + 2), index, entryKind: kind };
  return { kind, origins: [origin], binding: null, aliasOf: null, field: null, copyable: false };
}

/** A same-package type that looks like an API object: it has DeepCopy or embeds ObjectMeta. */
function isApiShaped(pkg: GoPackage, typeName: string): boolean {
  if (pkg.methods.get(typeName)?.has('DeepCopy')) return true;
  return !!pkg.types.get(typeName)?.fields.some((field) => field.embedded && /(^|\.)(ObjectMeta|TypeMeta)$/.test(field.name));
}

/** The var specs of a `var` statement, written singly or in a parenthesised list. */
function varSpecs(declaration: SyntaxNode): SyntaxNode[] {
  const specs: SyntaxNode[] = [];
  for (const child of declaration.namedChildren) {
    if (child.type === 'var_spec') specs.push(child);
    else if (child.type === 'var_spec_list') for (const inner of child.namedChildren) if (inner.type === 'var_spec') specs.push(inner);
  }
  return specs;
}

function findParamName(fnNode: SyntaxNode, name: string): SyntaxNode | null {
  const list = fnNode.childForFieldName('parameters');
  for (const decl of list?.namedChildren ?? []) {
    for (const nameNode of decl.childrenForFieldName('name')) if (nameNode.text === name) return nameNode;
  }
  return null;
}

/** The union of two states; a path is fresh after the join only when it is fresh on both sides. */
function joinStates(a: State, b: State): State {
  if (a === b) return a;
  const joined = new Map<string, Taint>();
  for (const [name, taint] of a) if (taint !== FRESH || b.get(name) === FRESH) joined.set(name, taint);
  for (const [name, taint] of b) {
    if (taint === FRESH) continue;
    joined.set(name, joinTaints(joined.get(name), taint)!);
  }
  return joined;
}

function equalStates(a: State, b: State): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [name, taint] of a) {
    const other = b.get(name);
    if (!other || !sameTaint(taint, other)) return false;
  }
  return true;
}
