// The per-function value flow of cache-object-mutation: a forward dataflow over each function's CFG
// that tracks which variables hold cached objects (see taint.ts), and the writes that reach them. A
// variable is tainted by a cache read (sources.ts), by an alias of a tainted value (`p := pod`,
// `labels := pod.Labels`, `&pod.Status`, `obj.(*v1.Pod)`, a range element), or by a same-package helper
// whose summary returns one; assigning it anything else (a `DeepCopy()`, a literal, a client `Get`)
// clears it. The state joins by union, so a write is found when some path brings a cached object to
// it, and a variable reassigned to a fresh value on every path is clean. Func literals are walked with
// the state where they appear, so closures (retry loops, goroutines) see what they capture.
//
// Each function also gets a summary, used at its same-package call sites: which results may be cached
// objects (or pass a parameter through), and which parameters it writes. Summaries are computed on
// demand; a recursive cycle sees an empty summary. Functions of other packages are unknown, apart from
// a short list of well-known mutators (metav1.SetMetaDataLabel, controllerutil.AddFinalizer, ...).
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { callArguments, expressionListItems, nodesWithin, unparen } from '../../src/parse/syntax.js';
import { importPathOf, paramsOf, type FuncInfo, type GoPackage } from '../../src/index/package-index.js';
import { defineAnalysis, type PackageAnalyses } from '../../src/analysis/context.js';
import { resolveCall } from '../../src/analysis/calls.js';
import { functionsByNode } from '../../src/analysis/functions.js';
import { scopeOf } from '../../src/analysis/types.js';
import { solveForward, forEachNodeState, type ForwardAnalysis } from '../../src/analysis/dataflow.js';
import { CfgTooDeepError, type CfgEdge } from '../../src/cfg/cfg.js';
import {
  accessPath,
  joinTaints,
  memorySteps,
  reachesDeep,
  sameTaint,
  shortText,
  writesShared,
  type Binding,
  type Origin,
  type SourceOrigin,
  type Taint,
  type TaintKind,
} from './taint.js';
import { eventHandlers, isBool, isInterfaceType, literalParams, SourceFinder, typeHasDeepCopy, type HandlerFacts } from './sources.js';

type State = ReadonlyMap<string, Taint>;
const EMPTY: State = new Map();

/** A write that reaches a cached object. */
export interface Sink {
  /** The node to report: the written expression, or the call that writes. */
  node: SyntaxNode;
  file: SourceFile;
  /** What is changed, as written: `pod.Labels` (the map, for a map write), `pod.Spec.NodeName`, `c.markReady(pod)`. */
  target: string;
  /** The written expression in full (`pod.Labels[key]`), for helpers' summaries. */
  written: string;
  action: 'write' | 'delete' | 'setter' | 'helper' | 'known';
  /** True when the write is to a map element (or a map delete): the fatal race. */
  map: boolean;
  /** The variable (or expression) the write goes through. */
  root: string;
  taint: Taint;
  /** For a helper call: the write inside it. */
  inner: MutationFact | null;
}

/** The first write a function makes through one of its parameters. */
export interface MutationFact {
  node: SyntaxNode;
  file: SourceFile;
  target: string;
  /** True when the write goes through a map, a slice element or a pointer, which shallow copies share. */
  deep: boolean;
  map: boolean;
}

export interface FunctionSummary {
  /** Per result: the taint it may carry (sources, or parameters passed through). */
  results: Array<Taint | null>;
  /** Per parameter index (-1 for the receiver): the first write through it. */
  mutations: Map<number, MutationFact>;
}

export interface FunctionFlow {
  sinks: Sink[];
  summary: FunctionSummary;
}

const EMPTY_FLOW: FunctionFlow = { sinks: [], summary: { results: [], mutations: new Map() } };

/** Functions outside the package known to change the object passed at `argument`. */
const KNOWN_MUTATORS = new Map<string, { argument: number; deep: boolean; map: boolean }>([
  ['SetMetaDataAnnotation', { argument: 0, deep: true, map: true }],
  ['SetMetaDataLabel', { argument: 0, deep: true, map: true }],
  ['AddFinalizer', { argument: 0, deep: false, map: false }],
  ['RemoveFinalizer', { argument: 0, deep: false, map: false }],
  ['SetControllerReference', { argument: 1, deep: false, map: false }],
  ['SetOwnerReference', { argument: 1, deep: false, map: false }],
  ['RemoveOwnerReference', { argument: 1, deep: false, map: false }],
  ['RemoveControllerReference', { argument: 1, deep: false, map: false }],
  ['SetStatusCondition', { argument: 0, deep: true, map: false }],
  ['RemoveStatusCondition', { argument: 0, deep: true, map: false }],
  ['UpdatePodCondition', { argument: 0, deep: false, map: false }],
  ['AddOrUpdateTolerationInPod', { argument: 0, deep: false, map: false }],
  ['AddOrUpdateTolerationInPodSpec', { argument: 0, deep: false, map: false }],
  ['SetNewReplicaSetAnnotations', { argument: 1, deep: true, map: true }],
  ['SetNestedField', { argument: 0, deep: true, map: true }],
  ['SetNestedMap', { argument: 0, deep: true, map: true }],
  ['SetNestedStringMap', { argument: 0, deep: true, map: true }],
  ['SetNestedSlice', { argument: 0, deep: true, map: true }],
  ['SetNestedStringSlice', { argument: 0, deep: true, map: true }],
  ['RemoveNestedField', { argument: 0, deep: true, map: true }],
]);

/** Standard functions that reorder or overwrite the elements of the slice they are given. */
const SLICE_WRITERS = new Map<string, Set<string>>([
  ['sort', new Set(['Slice', 'SliceStable', 'Sort', 'Stable', 'Strings', 'Ints', 'Float64s'])],
  ['slices', new Set(['Sort', 'SortFunc', 'SortStableFunc', 'Reverse'])],
]);

/** Methods of API objects that hand out their own maps and slices. */
const SHARED_GETTERS = new Map<string, string>([
  ['GetLabels', 'Labels'],
  ['GetAnnotations', 'Annotations'],
  ['GetFinalizers', 'Finalizers'],
  ['GetOwnerReferences', 'OwnerReferences'],
  ['GetManagedFields', 'ManagedFields'],
  ['UnstructuredContent', 'Object'],
]);
/** Methods that return a pointer into the object. */
const POINTER_GETTERS = new Set(['GetObjectMeta', 'GetObjectKind']);
/** Fields of API types that are maps (an index write on them is a map write). */
const MAP_FIELDS = new Set([
  'Labels', 'Annotations', 'Data', 'BinaryData', 'StringData', 'NodeSelector', 'Selector', 'MatchLabels', 'Limits',
  'Requests', 'Capacity', 'Allocatable', 'Object', 'Parameters',
]);
const CLEAN_CALLS = /^(DeepCopy\w*|Copy|Clone)$/;
const BASIC_TYPES = new Set([
  'bool', 'string', 'error', 'byte', 'rune', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16',
  'uint32', 'uint64', 'uintptr', 'float32', 'float64', 'complex64', 'complex128',
]);

/** The flows of the package's functions, computed on first request. */
export class CacheFlow {
  private readonly flows = new Map<number, FunctionFlow>();
  private readonly running = new Set<number>();
  readonly handlers: HandlerFacts;

  constructor(readonly analyses: PackageAnalyses) {
    this.handlers = analyses.get(eventHandlers);
  }

  flowOf(fn: FuncInfo): FunctionFlow {
    const known = this.flows.get(fn.node.id);
    if (known) return known;
    if (this.running.has(fn.node.id)) return EMPTY_FLOW;
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
  private readonly sinkKeys = new Set<string>();
  private readonly results: Array<Taint | null> = [];
  private readonly mutations = new Map<number, MutationFact>();
  private readonly file: SourceFile;
  private readonly sources: SourceFinder;
  private readonly analyses: PackageAnalyses;
  /** Type switch values (by node id) with their alias, and single case types (by node id) with the alias. */
  private readonly switchAliases = new Map<number, string>();
  private readonly caseAliases = new Map<number, string>();
  /** Lists whose elements the function replaces with clean values (`pods[i] = pods[i].DeepCopy()`). */
  private readonly elementsReplaced = new Set<string>();

  constructor(
    private readonly flow: CacheFlow,
    private readonly fn: FuncInfo,
  ) {
    this.analyses = flow.analyses;
    this.file = fn.file;
    this.sources = new SourceFinder(this.analyses, this.file);
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
      if (kind) state.set(param.name, paramTaint(index, kind, fn.node));
    });
    return state;
  }

  private handlerTaint(name: string, typeNode: SyntaxNode | null, event: string, fnNode: SyntaxNode): Taint {
    const nameNode = findParamName(fnNode, name) ?? fnNode;
    const origin: SourceOrigin = {
      kind: 'source',
      id: nameNode.id,
      node: nameNode,
      file: this.file,
      description: event,
      parameter: name,
      inner: null,
    };
    const binding: Binding = { id: `param:${nameNode.id}`, variable: name, statement: null, loopBody: null, siblings: [], deepCopyable: typeHasDeepCopy(this.pkg, this.file, typeNode) };
    return { kind: 'object', origins: [origin], binding, aliasOf: null, field: null, copyable: binding.deepCopyable };
  }

  /** How a parameter of this type is tracked: pointers and interfaces as objects, other values as copies. */
  private paramKind(typeNode: SyntaxNode | null, typeText: string): TaintKind | null {
    if (!typeNode || typeText.startsWith('...')) return null;
    switch (typeNode.type) {
      case 'pointer_type':
      case 'interface_type':
        return 'object';
      case 'map_type':
      case 'slice_type':
      case 'array_type':
      case 'generic_type':
        return 'copy';
      case 'qualified_type':
        return isInterfaceType(this.pkg, typeNode) ? 'object' : 'copy';
      case 'type_identifier': {
        if (BASIC_TYPES.has(typeNode.text)) return null;
        return isInterfaceType(this.pkg, typeNode) ? 'object' : 'copy';
      }
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
      this.checkNode(node, before, chain);
      if (chain.length === 1 && node.type === 'return_statement') this.recordReturn(node, before, chain);
      for (const literal of this.literalsDirectlyIn(node)) {
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
      state.delete(param.name);
      if (event && !isBool(param.typeNode)) state.set(param.name, this.handlerTaint(param.name, param.typeNode, event, literal));
    }
    const results = literal.childForFieldName('result');
    if (results?.type === 'parameter_list') for (const result of paramsOf(results)) if (result.name) state.delete(result.name);
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
        const taint = this.taintOf(node, state, chain);
        const next = new Map(state);
        if (taint) next.set(alias, { ...taint, kind: 'object', binding: null, aliasOf: null });
        else next.delete(alias);
        return next;
      }
    }
  }

  private transferAssignment(state: State, node: SyntaxNode, chain: SyntaxNode[]): State {
    if (node.type === 'assignment_statement') {
      const operator = node.childForFieldName('operator')?.text ?? '=';
      if (operator !== '=') return state;
    }
    const lefts = expressionListItems(node.childForFieldName('left'));
    const rights = expressionListItems(node.childForFieldName('right'));
    if (!lefts.some((left) => left.type === 'identifier' || left.type === 'index_expression')) return state;
    const taints = this.rightTaints(lefts.length, rights, state, chain);
    const next = new Map(state);
    const names = lefts.filter((left) => left.type === 'identifier').map((left) => left.text);
    lefts.forEach((left, index) => this.assign(next, state, left, taints[index] ?? null, rights.length === lefts.length ? rights[index]! : (rights[0] ?? null), node, names));
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
      names.forEach((name, index) => this.assign(next!, state, name, taints[index] ?? null, values.length === names.length ? values[index]! : (values[0] ?? null), node, texts));
    }
    return next ?? state;
  }

  /** The taints of the right-hand side, one per left-hand name (a multi-value call or `v, ok := x.(T)`). */
  private rightTaints(count: number, rights: SyntaxNode[], state: State, chain: SyntaxNode[]): Array<Taint | null> {
    if (rights.length === count) return rights.map((right) => this.taintOf(right, state, chain));
    if (rights.length !== 1) return [];
    const right = unparen(rights[0]!);
    if (right.type === 'call_expression') return this.callTaints(right, state, chain);
    return [this.taintOf(right, state, chain)];
  }

  private assign(next: Map<string, Taint>, before: State, left: SyntaxNode, taint: Taint | null, right: SyntaxNode | null, statement: SyntaxNode, names: string[]): void {
    const target = unparen(left);
    if (target.type === 'index_expression') {
      // `pods[i] = pods[i].DeepCopy()`: the list's elements are being replaced by copies.
      const operand = unparen(target.childForFieldName('operand') ?? target);
      if (!taint && operand.type === 'identifier' && before.get(operand.text)?.kind === 'list') this.elementsReplaced.add(operand.text);
      return;
    }
    if (target.type !== 'identifier' || target.text === '_') return;
    const name = target.text;
    if (!taint) {
      next.delete(name);
      return;
    }
    const bare = right ? unparen(right) : null;
    // `status := &pod.Status` keeps pod's binding (the fix copies pod); other objects bind afresh.
    if (taint.kind === 'object' && !(bare?.type === 'unary_expression' && taint.binding)) {
      const binding: Binding = {
        id: `${statement.id}:${name}`,
        variable: name,
        statement,
        loopBody: null,
        siblings: names.filter((other) => other !== name && other !== '_'),
        deepCopyable: taint.copyable || this.declaredCopyable(target),
      };
      next.set(name, { ...taint, binding, aliasOf: null });
      return;
    }
    const direct = !bare || bare.type === 'identifier' || taint.origins.some((origin) => origin.kind === 'source' && origin.node.id === bare.id);
    next.set(name, { ...taint, aliasOf: taint.kind === 'list' ? null : direct ? taint.aliasOf : shortText(bare!, 40) });
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
    const taint = right ? this.taintOf(right, state, chain) : null;
    const next = new Map(state);
    const key = names[0]!;
    if (key.type === 'identifier') next.delete(key.text);
    const value = names[1];
    if (!value || value.type !== 'identifier' || value.text === '_') return next;
    if (!taint) {
      next.delete(value.text);
      return next;
    }
    if (taint.kind !== 'list') {
      next.set(value.text, { ...taint, kind: 'copy', aliasOf: right ? `an element of ${shortText(right, 40)}` : null });
      return next;
    }
    const body = clause.parent?.childForFieldName('body') ?? null;
    const binding: Binding = { id: `${clause.id}:${value.text}`, variable: value.text, statement: null, loopBody: body, siblings: [], deepCopyable: taint.copyable };
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


  private rootTaint(root: SyntaxNode, state: State, chain: SyntaxNode[]): Taint | null {
    return this.taintOf(root, state, chain);
  }

  taintOf(expression: SyntaxNode, state: State, chain: SyntaxNode[]): Taint | null {
    const node = unparen(expression);
    switch (node.type) {
      case 'identifier': {
        const taint = state.get(node.text) ?? null;
        // A loop that replaces every element with a copy leaves none of the cache's objects in the list.
        return taint?.kind === 'list' && this.elementsReplaced.has(node.text) ? null : taint;
      }
      case 'selector_expression': {
        const operand = node.childForFieldName('operand');
        const taint = operand ? this.taintOf(operand, state, chain) : null;
        if (!taint || taint.kind === 'list') return null;
        return { ...taint, kind: 'copy', field: node.childForFieldName('field')?.text ?? null };
      }
      case 'index_expression': {
        const operand = node.childForFieldName('operand');
        const taint = operand ? this.taintOf(operand, state, chain) : null;
        if (!taint) return null;
        return taint.kind === 'list' ? { ...taint, kind: 'object', field: null } : { ...taint, kind: 'copy' };
      }
      case 'slice_expression': {
        const operand = node.childForFieldName('operand');
        const taint = operand ? this.taintOf(operand, state, chain) : null;
        return taint && taint.kind !== 'list' ? { ...taint, kind: 'copy' } : taint;
      }
      case 'unary_expression': {
        const operator = node.childForFieldName('operator')?.text;
        const operand = node.childForFieldName('operand');
        if (!operand) return null;
        if (operator === '&') return this.addressTaint(operand, state, chain);
        if (operator === '*') {
          const taint = this.taintOf(operand, state, chain);
          return taint ? { ...taint, kind: 'copy' } : null;
        }
        return null;
      }
      case 'type_assertion_expression': {
        const operand = node.childForFieldName('operand');
        const taint = operand ? this.taintOf(operand, state, chain) : null;
        const type = node.childForFieldName('type');
        if (!taint || !type) return null;
        const kind = assertedKind(this.pkg, type);
        return { ...taint, kind, copyable: kind === 'object' ? typeHasDeepCopy(this.pkg, this.file, type) : taint.copyable };
      }
      case 'call_expression':
        return this.callTaints(node, state, chain)[0] ?? null;
      default:
        return null;
    }
  }

  /** The taint of `&expression`: a pointer into a cached object is an object again. */
  private addressTaint(expression: SyntaxNode, state: State, chain: SyntaxNode[]): Taint | null {
    const path = accessPath(expression);
    const root = this.rootTaint(path.root, state, chain);
    if (!root) return null;
    const steps = memorySteps(path.steps);
    if (steps.length === 0) return root;
    const intoShared = root.kind !== 'copy' || steps.some((step) => step === 'index' || step === 'deref');
    return { ...root, kind: intoShared ? 'object' : 'copy' };
  }

  /** The taints of a call's results, by position. */
  private callTaints(call: SyntaxNode, state: State, chain: SyntaxNode[]): Array<Taint | null> {
    const source = this.sources.sourceOfCall(call, chain);
    if (source) {
      const origin: SourceOrigin = { kind: 'source', id: call.id, node: call, file: this.file, description: source.description, parameter: null, inner: null };
      return [{ kind: source.kind, origins: [origin], binding: null, aliasOf: null, field: null, copyable: source.copyable }];
    }
    const callee = call.childForFieldName('function');
    if (!callee) return [];
    const target = unparen(callee);
    const args = callArguments(call);
    if (target.type === 'identifier') {
      if (target.text === 'append' && !this.declared(target.text, chain)) return [this.appendTaint(args, state, chain)];
      // `byName(svc.Spec.Ports)`: a conversion to a same-package type keeps the value.
      if (this.pkg.types.has(target.text) && args.length === 1) return [this.taintOf(args[0]!, state, chain)];
      if (!this.pkg.funcs.has(target.text)) return [];
      return this.helperResults(call, null, args, state, chain);
    }
    if (target.type !== 'selector_expression') return [];
    const method = target.childForFieldName('field')?.text ?? '';
    const operand = target.childForFieldName('operand');
    if (!operand || CLEAN_CALLS.test(method)) return [];
    const qualifier = this.importQualifier(operand, chain);
    if (qualifier) {
      const taint = args.length === 1 ? this.taintOf(args[0]!, state, chain) : null;
      // meta.Accessor(obj) hands back obj itself; labels.Set(m) is the same map under another type.
      if (taint && method === 'Accessor') return [{ ...taint, kind: 'object' }, null];
      if (taint && method === 'Set' && /\/labels$/.test(qualifier)) return [taint];
      return [];
    }
    const receiver = SHARED_GETTERS.has(method) || POINTER_GETTERS.has(method) ? this.taintOf(operand, state, chain) : null;
    if (receiver && receiver.kind === 'object') {
      const field = SHARED_GETTERS.get(method);
      return [field ? { ...receiver, kind: 'copy', field } : { ...receiver, kind: 'object' }];
    }
    if (!this.pkg.methodsByName.has(method)) return [];
    return this.helperResults(call, operand, args, state, chain);
  }

  private appendTaint(args: SyntaxNode[], state: State, chain: SyntaxNode[]): Taint | null {
    let joined: Taint | null = null;
    args.forEach((arg, index) => {
      const taint = this.taintOf(arg, state, chain);
      if (!taint) return;
      if (index === 0 || arg.nextSibling?.type === '...') joined = joinTaints(joined, taint.kind === 'list' ? taint : null);
      else if (taint.kind === 'object') joined = joinTaints(joined, { ...taint, kind: 'list', binding: null });
    });
    return joined;
  }

  /** Results of a same-package call, from the callee's summary, with parameters replaced by the arguments. */
  private helperResults(call: SyntaxNode, receiver: SyntaxNode | null, args: SyntaxNode[], state: State, chain: SyntaxNode[]): Array<Taint | null> {
    const callee = this.resolveLocal(call, chain);
    if (!callee || callee === this.fn) return [];
    const summary = this.flow.flowOf(callee).summary;
    if (summary.results.every((result) => !result)) return [];
    const calleeText = shortText(call.childForFieldName('function')!, 40);
    return summary.results.map((result, position) => {
      if (!result) return null;
      let taint: Taint | null = null;
      for (const origin of result.origins) {
        if (origin.kind === 'source') {
          const wrapped: SourceOrigin = { kind: 'source', id: call.id * 31 + origin.id, node: call, file: this.file, description: calleeText, parameter: null, inner: origin.inner ?? origin };
          taint = joinTaints(taint, { kind: result.kind, origins: [wrapped], binding: null, aliasOf: null, field: result.field, copyable: result.copyable || this.resultCopyable(callee, position) });
          continue;
        }
        const argument = origin.index === -1 ? receiver : args[origin.index];
        const passed = argument ? this.taintOf(argument, state, chain) : null;
        if (passed) taint = joinTaints(taint, result.kind === origin.entryKind ? passed : { ...passed, kind: result.kind, field: result.field });
      }
      return taint;
    });
  }

  private resultCopyable(callee: FuncInfo, position: number): boolean {
    return typeHasDeepCopy(this.pkg, callee.file, callee.results[position]?.typeNode ?? null);
  }

  private resolveLocal(call: SyntaxNode, chain: SyntaxNode[]): FuncInfo | null {
    const resolved = resolveCall(this.analyses, call, chain[chain.length - 1]!);
    if (resolved.kind !== 'local' || (resolved.fn.file.isTest && !this.fn.file.isTest)) return null;
    return this.analyses.get(functionsByNode).get(resolved.fn.node.id) ?? resolved.fn;
  }

  /** The import an identifier names, when it is not shadowed by a local. */
  private importQualifier(operand: SyntaxNode, chain: SyntaxNode[]): string | null {
    const bare = unparen(operand);
    if (bare.type !== 'identifier') return null;
    const path = importPathOf(this.pkg, this.file, bare.text);
    if (!path || this.pkg.values.has(bare.text) || this.declared(bare.text, chain)) return null;
    return path;
  }

  private declared(name: string, chain: SyntaxNode[]): boolean {
    return chain.some((fn) => scopeOf(this.analyses, fn).declares(name));
  }


  private checkNode(node: SyntaxNode, state: State, chain: SyntaxNode[]): void {
    const type = node.type;
    if (state.size > 0) {
      if (type === 'assignment_statement') {
        for (const left of expressionListItems(node.childForFieldName('left'))) this.checkWrite(left, left, state, chain, false);
      } else if (type === 'inc_statement' || type === 'dec_statement') {
        const target = node.namedChild(0);
        if (target) this.checkWrite(target, target, state, chain, false);
      }
    }
    if (!node.text.includes('(')) return;
    const literals = this.literalsDirectlyIn(node);
    for (const call of nodesWithin(this.analyses.nodesOfType(this.file, 'call_expression'), node)) {
      if (literals.some((literal) => call.startIndex >= literal.startIndex && call.endIndex <= literal.endIndex)) continue;
      this.checkCall(call, state, chain);
    }
  }

  /** A write at `target`; `deleting` for delete/clear of the map, `elements` for copy() into the slice. */
  private checkWrite(target: SyntaxNode, report: SyntaxNode, state: State, chain: SyntaxNode[], deleting: boolean, elements = false): void {
    const path = accessPath(target);
    const steps = memorySteps(path.steps);
    if (deleting || elements) steps.push('index');
    if (steps.length === 0) return;
    const taint = this.rootTaint(path.root, state, chain);
    if (!taint || !writesShared(taint.kind, steps)) return;
    const bare = unparen(target);
    const map = deleting || (!elements && this.isMapElement(bare, state, chain));
    const written = map && !deleting ? unparen(bare.childForFieldName('operand') ?? bare) : bare;
    this.record({
      node: report,
      file: this.file,
      target: shortText(written),
      written: deleting || elements ? `${shortText(bare)}[...]` : shortText(bare),
      action: deleting ? 'delete' : 'write',
      map,
      root: shortText(path.root, 40),
      taint,
      inner: null,
    }, reachesDeep(taint.kind, steps));
  }

  /** An index write into a map: a map field (`Labels`), an alias of one, a string key, or a known map type. */
  private isMapElement(target: SyntaxNode, state: State, chain: SyntaxNode[]): boolean {
    if (target.type !== 'index_expression') return false;
    const container = unparen(target.childForFieldName('operand') ?? target);
    const index = target.childForFieldName('index');
    if (index && /^(interpreted|raw)_string_literal$/.test(unparen(index).type)) return true;
    const field = container.type === 'selector_expression' ? container.childForFieldName('field')?.text : container.type === 'identifier' ? state.get(container.text)?.field : null;
    if (field && MAP_FIELDS.has(field)) return true;
    const type = this.sources.typeOf(container, chain);
    if (type?.node?.type === 'map_type') return true;
    const named = type?.node?.type === 'type_identifier' ? this.pkg.types.get(type.node.text) : undefined;
    return named?.typeNode?.type === 'map_type';
  }

  private checkCall(call: SyntaxNode, state: State, chain: SyntaxNode[]): void {
    const callee = call.childForFieldName('function');
    if (!callee) return;
    const target = unparen(callee);
    const args = callArguments(call);
    if (target.type === 'identifier') {
      const name = target.text;
      if ((name === 'delete' || name === 'clear') && args[0] && !this.declared(name, chain)) {
        if (state.size > 0) this.checkWrite(args[0], call, state, chain, true);
        return;
      }
      if (name === 'copy' && args[0] && !this.declared(name, chain)) {
        if (state.size > 0) this.checkWrite(args[0], call, state, chain, false, true);
        return;
      }
      if (this.pkg.funcs.has(name) && args.length > 0) this.checkHelper(call, null, args, state, chain);
      return;
    }
    if (target.type !== 'selector_expression') return;
    const method = target.childForFieldName('field')?.text ?? '';
    const operand = target.childForFieldName('operand');
    if (!operand) return;
    const importPath = this.importQualifier(operand, chain);
    if (importPath) {
      this.checkExternal(call, target, importPath, method, args, state, chain);
      return;
    }
    if (/^Set[A-Z]/.test(method) && !this.pkg.methodsByName.has(method)) {
      const taint = this.addressTaint(operand, state, chain);
      if (taint?.kind === 'object') {
        this.record({ node: call, file: this.file, target: shortText(target, 50), written: shortText(call, 60), action: 'setter', map: false, root: shortText(accessPath(operand).root, 40), taint, inner: null }, false);
      }
      return;
    }
    if (this.pkg.methodsByName.has(method)) this.checkHelper(call, operand, args, state, chain);
  }

  /**
   * A call into another package that changes what it is given: a well-known mutator, any non-standard
   * `SetXxx(obj, ...)` handed a pointer into a cached object, or a sort of one of its slices.
   */
  private checkExternal(call: SyntaxNode, target: SyntaxNode, importPath: string, method: string, args: SyntaxNode[], state: State, chain: SyntaxNode[]): void {
    const standard = !importPath.split('/')[0]!.includes('.');
    const sorts = standard && SLICE_WRITERS.get(importPath)?.has(method);
    const known = KNOWN_MUTATORS.get(method) ?? (sorts ? { argument: 0, deep: true, map: false } : !standard && /^Set[A-Z]/.test(method) ? { argument: 0, deep: false, map: false } : undefined);
    const argument = known ? args[known.argument] : undefined;
    if (!known || !argument) return;
    const taint = this.taintOf(argument, state, chain);
    if (!taint || !(taint.kind === 'object' || (known.deep && taint.kind === 'copy'))) return;
    this.record({
      node: call,
      file: this.file,
      target: shortText(target, 50),
      written: shortText(call, 60),
      action: 'known',
      map: known.map,
      root: shortText(accessPath(stripAddress(argument)).root, 40),
      taint,
      inner: null,
    }, known.deep);
  }

  /** A same-package call that writes through a parameter given a cached object. */
  private checkHelper(call: SyntaxNode, receiver: SyntaxNode | null, args: SyntaxNode[], state: State, chain: SyntaxNode[]): void {
    if (state.size === 0 && !args.some((arg) => unparen(arg).type === 'call_expression')) return;
    const passed = (expression: SyntaxNode | null, pointer: boolean) => (expression ? (pointer ? this.addressTaint(expression, state, chain) : this.taintOf(expression, state, chain)) : null);
    const anyTainted = (receiver && passed(receiver, true)) || args.some((arg) => passed(arg, false));
    if (!anyTainted) return;
    const callee = this.resolveLocal(call, chain);
    if (!callee || callee === this.fn) return;
    const mutations = this.flow.flowOf(callee).summary.mutations;
    for (const [index, fact] of [...mutations].sort((a, b) => a[0] - b[0])) {
      const argument = index === -1 ? receiver : (args[index] ?? null);
      if (index >= 0 && callee.params[index]?.typeText.startsWith('...')) continue;
      const taint = passed(argument, index === -1 && callee.pointerReceiver);
      if (!taint || !(taint.kind === 'object' || fact.deep)) continue;
      this.record({
        node: call,
        file: this.file,
        target: shortText(call, 60),
        written: shortText(call, 60),
        action: 'helper',
        map: fact.map,
        root: shortText(accessPath(stripAddress(argument!)).root, 40),
        taint,
        inner: fact,
      }, fact.deep);
      return;
    }
  }

  /** Keeps a write: a finding when a cache read reaches it, a summary fact when a parameter does. */
  private record(sink: Sink, deep: boolean): void {
    let reported = false;
    for (const origin of sink.taint.origins) {
      if (origin.kind === 'source') {
        if (reported) continue;
        reported = true;
        const key = `${sink.node.id}`;
        if (this.sinkKeys.has(key)) continue;
        this.sinkKeys.add(key);
        this.sinks.push(sink);
      } else if (!this.mutations.has(origin.index)) {
        const inner = sink.inner;
        this.mutations.set(origin.index, {
          node: inner?.node ?? sink.node,
          file: inner?.file ?? sink.file,
          target: inner?.target ?? sink.written,
          deep: deep || origin.entryKind === 'copy',
          map: sink.map,
        });
      }
    }
  }

  private recordReturn(node: SyntaxNode, state: State, chain: SyntaxNode[]): void {
    const items = expressionListItems(node.namedChild(0));
    const results = this.fn.results;
    let taints: Array<Taint | null>;
    if (items.length === 0) taints = results.map((result) => (result.name ? (state.get(result.name) ?? null) : null));
    else if (items.length === 1 && results.length > 1 && unparen(items[0]!).type === 'call_expression') taints = this.callTaints(unparen(items[0]!), state, chain);
    else taints = items.map((item) => this.taintOf(item, state, chain));
    taints.forEach((taint, index) => {
      if (taint) this.results[index] = joinTaints(this.results[index], { ...taint, binding: null });
    });
    for (let index = 0; index < results.length; index++) this.results[index] ??= null;
  }
}

function paramTaint(index: number, kind: TaintKind, fnNode: SyntaxNode): Taint {
  const origin: Origin = { kind: 'param', id: -(fnNode.id * 64 + index + 2), index, entryKind: kind };
  return { kind, origins: [origin], binding: null, aliasOf: null, field: null, copyable: false };
}

/** `&x.f` → `x.f`: the expression whose root names the object. */
function stripAddress(expression: SyntaxNode): SyntaxNode {
  const bare = unparen(expression);
  return bare.type === 'unary_expression' && bare.childForFieldName('operator')?.text === '&' ? (bare.childForFieldName('operand') ?? bare) : bare;
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

/** What a type assertion (or type switch case) yields from a cached value. */
function assertedKind(pkg: GoPackage, type: SyntaxNode): TaintKind {
  if (type.type === 'pointer_type' || isInterfaceType(pkg, type)) return 'object';
  if (type.type === 'slice_type') {
    const element = type.childForFieldName('element');
    return element && (element.type === 'pointer_type' || isInterfaceType(pkg, element)) ? 'list' : 'copy';
  }
  return 'copy';
}

function joinStates(a: State, b: State): State {
  if (a === b || b.size === 0) return a;
  if (a.size === 0) return b;
  const joined = new Map(a);
  for (const [name, taint] of b) joined.set(name, joinTaints(joined.get(name), taint)!);
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
