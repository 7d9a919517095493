// What an expression holds, for cache-object-mutation's flow: given the taints of the variables (and of
// the field paths of local values, `newEndpoints.Labels`) before a statement, the taint of any
// expression in it. Selecting a field of a cached object gives a copy that shares its maps and slices;
// `&` of a field, indexing a list, type assertions to pointers and `meta.Accessor` give objects again;
// getters such as `GetLabels()` hand out the object's own map; calls of same-package helpers take their
// results from the callee's summary. It records nothing and reports nothing.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { callArguments, selectorPath, unparen } from '../../src/parse/syntax.js';
import { importPathOf, type FuncInfo, type GoPackage } from '../../src/index/package-index.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { resolveCall } from '../../src/analysis/calls.js';
import { functionsByNode } from '../../src/analysis/functions.js';
import { scopeOf } from '../../src/analysis/types.js';
import { CLEAN_CALLS, CONDITION_GETTER, POINTER_GETTERS, SHARED_GETTERS } from './catalog.js';
import { isInterfaceType, SourceFinder, typeHasDeepCopy } from './sources.js';
import { accessPath, FRESH, joinTaints, memorySteps, shortText, type FunctionSummary, type ImportedSummary, type SourceOrigin, type Step, type Taint, type TaintKind } from './taint.js';

/** Taints by variable name, and by field path (`x.Labels`) for fields of local values given cached parts. */
export type State = ReadonlyMap<string, Taint>;

/** Where a written or addressed expression starts: its root's taint and the steps after it. */
export interface Rooted {
  taint: Taint | null;
  /** The root as written: a variable, a tracked field path, or a call. */
  root: SyntaxNode;
  steps: Step[];
}

export class ValueReader {
  readonly sources: SourceFinder;
  /** Lists whose elements the function replaces with clean values (`pods[i] = pods[i].DeepCopy()`). */
  readonly elementsReplaced = new Set<string>();

  constructor(
    private readonly analyses: PackageAnalyses,
    private readonly file: SourceFile,
    private readonly fn: FuncInfo,
    private readonly summaryOf: (fn: FuncInfo) => FunctionSummary,
    /** The callee of a call into another package (not the standard library) with its summary, when its source is on disk. */
    readonly importedSummaryOf: (call: SyntaxNode, fn: SyntaxNode) => ImportedSummary | null = () => null,
  ) {
    this.sources = new SourceFinder(analyses, file);
  }

  private get pkg(): GoPackage {
    return this.analyses.pkg;
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
        const tracked = tracksPaths(state) ? state.get(selectorPath(node) ?? '') : undefined;
        if (tracked) return tracked === FRESH ? null : tracked;
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
        const copyable = kind === 'object' ? typeHasDeepCopy(this.pkg, this.file, type) : taint.copyable;
        return { ...taint, kind, copyable, unstructured: isUnstructured(type.text) };
      }
      case 'call_expression':
        return this.callTaints(node, state, chain)[0] ?? null;
      default:
        return null;
    }
  }

  /**
   * The root of a written or addressed expression: the longest tracked field path along it
   * (`newEndpoints.Labels` in `newEndpoints.Labels[k]`), else its variable or call.
   */
  rootOf(expression: SyntaxNode, state: State, chain: SyntaxNode[]): Rooted {
    const path = accessPath(expression);
    if (tracksPaths(state)) {
      for (let index = path.nodes.length - 1; index >= 1; index--) {
        const node = path.nodes[index]!;
        if (node.type !== 'selector_expression') continue;
        const tracked = state.get(selectorPath(node) ?? '');
        if (tracked) return { taint: tracked === FRESH ? null : tracked, root: node, steps: path.steps.slice(index) };
      }
    }
    return { taint: this.taintOf(path.root, state, chain), root: path.root, steps: path.steps };
  }

  /** The taint of `&expression`: a pointer into a cached object is an object again. */
  addressTaint(expression: SyntaxNode, state: State, chain: SyntaxNode[]): Taint | null {
    const rooted = this.rootOf(expression, state, chain);
    const root = rooted.taint;
    if (!root) return null;
    const steps = memorySteps(rooted.steps);
    if (steps.length === 0) return root;
    const intoShared = root.kind !== 'copy' || steps.some((step) => step === 'index' || step === 'deref');
    return { ...root, kind: intoShared ? 'object' : 'copy' };
  }

  /** The taints of a call's results, by position. */
  callTaints(call: SyntaxNode, state: State, chain: SyntaxNode[]): Array<Taint | null> {
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
      const known = this.externalResults(qualifier, method, args, state, chain);
      return known.length > 0 ? known : this.importedResults(call, null, args, state, chain);
    }
    const receiver = SHARED_GETTERS.has(method) || POINTER_GETTERS.has(method) ? this.taintOf(operand, state, chain) : null;
    if (receiver && receiver.kind === 'object') {
      // An Unstructured's getters build new maps and slices from its content.
      if (SHARED_GETTERS.has(method) && method !== 'UnstructuredContent' && this.isUnstructured(operand, receiver, chain)) return [];
      const field = SHARED_GETTERS.get(method);
      return [field ? { ...receiver, kind: 'copy', field } : { ...receiver, kind: 'object' }];
    }
    if (!this.pkg.methodsByName.has(method)) return this.importedResults(call, operand, args, state, chain);
    return this.helperResults(call, operand, args, state, chain);
  }

  /** Results of a call of another package's function or method (`store.Widget(name)`), from its own package's summary. */
  private importedResults(call: SyntaxNode, receiver: SyntaxNode | null, args: SyntaxNode[], state: State, chain: SyntaxNode[]): Array<Taint | null> {
    const imported = this.importedSummaryOf(call, chain[chain.length - 1]!);
    return imported ? this.resultsFrom(call, imported.pkg, imported.fn, imported.summary, receiver, args, state, chain) : [];
  }

  /**
   * Results of calls into other packages that hand back what they were given: `meta.Accessor(obj)`
   * (obj itself), `labels.Set(m)` (the same map), `GetPodCondition(&pod.Status, t)` (a pointer into it).
   */
  private externalResults(importPath: string, method: string, args: SyntaxNode[], state: State, chain: SyntaxNode[]): Array<Taint | null> {
    const first = args[0];
    if (!first) return [];
    if (method === 'Accessor' && args.length === 1) {
      const taint = this.taintOf(first, state, chain);
      return taint ? [{ ...taint, kind: 'object' }, null] : [];
    }
    if (method === 'Set' && args.length === 1 && /\/labels$/.test(importPath)) return [this.taintOf(first, state, chain)];
    if (CONDITION_GETTER.test(method)) {
      const taint = this.taintOf(first, state, chain);
      // Either result may be the pointer (`i, c := GetPodCondition(...)`, `c := GetPodReadyCondition(...)`).
      const pointer: Taint | null = taint ? { ...taint, kind: 'object', field: null } : null;
      return [pointer, pointer];
    }
    return [];
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
    return this.resultsFrom(call, this.pkg, callee, this.summaryOf(callee), receiver, args, state, chain);
  }

  /** A call's results from its callee's summary, with the callee's parameters replaced by the arguments. */
  private resultsFrom(call: SyntaxNode, calleePkg: GoPackage, callee: FuncInfo, summary: FunctionSummary, receiver: SyntaxNode | null, args: SyntaxNode[], state: State, chain: SyntaxNode[]): Array<Taint | null> {
    if (summary.results.every((result) => !result)) return [];
    const calleeText = shortText(call.childForFieldName('function')!, 40);
    return summary.results.map((result, position) => {
      if (!result) return null;
      let taint: Taint | null = null;
      for (const origin of result.origins) {
        if (origin.kind === 'source') {
          const wrapped: SourceOrigin = { kind: 'source', id: call.id * 31 + origin.id, node: call, file: this.file, description: calleeText, parameter: null, inner: origin.inner ?? origin };
          const copyable = result.copyable || typeHasDeepCopy(calleePkg, callee.file, callee.results[position]?.typeNode ?? null);
          taint = joinTaints(taint, { kind: result.kind, origins: [wrapped], binding: null, aliasOf: null, field: result.field, copyable });
          continue;
        }
        const argument = origin.index === -1 ? receiver : args[origin.index];
        const passed = argument ? this.taintOf(argument, state, chain) : null;
        if (passed) taint = joinTaints(taint, result.kind === origin.entryKind ? passed : { ...passed, kind: result.kind, field: result.field });
      }
      return taint;
    });
  }

  private isUnstructured(operand: SyntaxNode, taint: Taint, chain: SyntaxNode[]): boolean {
    if (taint.unstructured) return true;
    const type = this.sources.typeOf(operand, chain);
    return !!type && isUnstructured(type.text);
  }

  /** The same-package function a call resolves to (a test file's only from test code). */
  resolveLocal(call: SyntaxNode, chain: SyntaxNode[]): FuncInfo | null {
    const resolved = resolveCall(this.analyses, call, chain[chain.length - 1]!);
    if (resolved.kind !== 'local' || (resolved.fn.file.isTest && !this.fn.file.isTest)) return null;
    return this.analyses.get(functionsByNode).get(resolved.fn.node.id) ?? resolved.fn;
  }

  /** The import an identifier names, when it is not shadowed by a local. */
  importQualifier(operand: SyntaxNode, chain: SyntaxNode[]): string | null {
    const bare = unparen(operand);
    if (bare.type !== 'identifier') return null;
    const path = importPathOf(this.pkg, this.file, bare.text);
    if (!path || this.pkg.values.has(bare.text) || this.declared(bare.text, chain)) return null;
    return path;
  }

  declared(name: string, chain: SyntaxNode[]): boolean {
    return chain.some((fn) => scopeOf(this.analyses, fn).declares(name));
  }
}

export function isUnstructured(typeText: string): boolean {
  return /(^|[.*])Unstructured$/.test(typeText.replace(/\s+/g, ''));
}

/** True when the state holds field paths, so selector expressions are worth looking up. */
export function tracksPaths(state: State): boolean {
  for (const key of state.keys()) if (key.includes('.')) return true;
  return false;
}

/** What a type assertion (or type switch case) yields from a cached value. */
export function assertedKind(pkg: GoPackage, type: SyntaxNode): TaintKind {
  if (type.type === 'pointer_type' || isInterfaceType(pkg, type)) return 'object';
  if (type.type === 'slice_type') {
    const element = type.childForFieldName('element');
    return element && (element.type === 'pointer_type' || isInterfaceType(pkg, element)) ? 'list' : 'copy';
  }
  return 'copy';
}
