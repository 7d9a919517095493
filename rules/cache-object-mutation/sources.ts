// Where cached objects come from: lister `Get`/`List` (namespace listers included), indexer and store
// reads (`GetByKey`, `ByIndex`, `Index`, `Get`, `List`), and the arguments of informer event handlers
// (`ResourceEventHandlerFuncs` literals, method values registered in them, and `OnAdd`/`OnUpdate`/
// `OnDelete` methods). A receiver counts as a lister by its name (`podLister`), its type (`PodLister`,
// `corelisters.PodLister`), or its construction (`informer.Lister()`, `lister.Pods(ns)`); a store by
// `GetIndexer()`/`GetStore()`, an `indexer` name, or a `cache.Store`/`cache.Indexer` type. Handlers
// handed to a function of another package that registers its parameter are handlers too. Client calls
// (`client.CoreV1().Pods(ns).Get(ctx, ...)`) are never sources: they return the API server's fresh copy.
// Packages that show no sign of client-go or of lister-shaped types of their own are skipped whole.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { callArguments, enclosingFunction, nodesWithin, unparen } from '../../src/parse/syntax.js';
import { importPathOf, paramsOf, type FuncInfo, type GoPackage } from '../../src/index/package-index.js';
import { isStandardLibrary } from '../../src/index/resolve.js';
import { importedFunction } from '../../src/analysis/imported.js';
import { defineAnalysis, type PackageAnalyses } from '../../src/analysis/context.js';
import { namedType, scopeOf, typeOfExpression, type TypeRef } from '../../src/analysis/types.js';
import { literalFields } from '../../src/analysis/struct-literals.js';
import type { TaintKind } from './taint.js';

/** Imports that mark a package as a Kubernetes client: client-go, generated listers and informers, controller-runtime. */
const KUBERNETES_IMPORT = /^k8s\.io\/|\/client-go\/|\/listers\/|\/informers\/|controller-runtime|^sigs\.k8s\.io\//;
/** Local types a package may define in place of client-go's (stubs, or its own cache layer). */
const CACHE_TYPE_NAME = /(Lister|Indexer|SharedInformer|SharedIndexInformer|ResourceEventHandlerFuncs)$/i;
/** Words every package that reads an informer cache contains somewhere. */
const CACHE_WORDS = /Lister\b|GetByKey|ByIndex|ResourceEventHandler|GetIndexer|GetStore|Indexer\b|\bOn(Add|Update|Delete)\b/;

/**
 * True when the package may read a shared informer cache: it imports a Kubernetes client package or
 * defines lister-, indexer- or informer-shaped types, and its text names one of their methods.
 */
export const usesInformerCache = defineAnalysis('uses-informer-cache', (analyses): boolean => {
  const pkg = analyses.pkg;
  const kubernetes = pkg.files.some((file) => [...(pkg.imports.get(file)?.values() ?? [])].some((spec) => KUBERNETES_IMPORT.test(spec.path)));
  const ownTypes = !kubernetes && [...pkg.types.values()].some((type) => CACHE_TYPE_NAME.test(type.name) && hasCacheMethods(pkg, type.name));
  if (!kubernetes && !ownTypes) return false;
  return pkg.files.some((file) => CACHE_WORDS.test(file.text));
});

/** Methods by which a lister, indexer or informer type of the package's own is recognised. */
const CACHE_METHODS = new Set(['Get', 'List', 'GetByKey', 'ByIndex', 'AddEventHandler', 'Lister']);

function hasCacheMethods(pkg: GoPackage, typeName: string): boolean {
  const type = pkg.types.get(typeName)!;
  if (/ResourceEventHandlerFuncs$/.test(typeName)) return type.kind === 'struct';
  const methods = type.kind === 'interface' ? type.interfaceMethods : [...(pkg.methods.get(typeName)?.keys() ?? [])];
  return methods.some((method) => CACHE_METHODS.has(method));
}

const HANDLER_LITERAL_TYPE = /(^|\.)(ResourceEventHandlerFuncs|ResourceEventHandlerDetailedFuncs|FilteringResourceEventHandler)$/;
const HANDLER_FIELDS = new Set(['AddFunc', 'UpdateFunc', 'DeleteFunc', 'FilterFunc']);
const HANDLER_METHODS = /^On(Add|Update|Delete)$/;

export interface HandlerFacts {
  /** Func literals registered as event handlers, by node id, with the event (`UpdateFunc`). */
  literals: Map<number, string>;
  /** Functions and methods registered as event handlers or implementing the handler interface, by node id. */
  functions: Map<number, string>;
}

/** The informer event handlers of the package, whose object arguments are the cache's own objects. */
export const eventHandlers = defineAnalysis('informer-event-handlers', (analyses): HandlerFacts => {
  const pkg = analyses.pkg;
  const facts: HandlerFacts = { literals: new Map(), functions: new Map() };
  for (const file of pkg.files) {
    if (!file.text.includes('ResourceEventHandler')) continue;
    for (const literal of analyses.nodesOfType(file, 'composite_literal')) {
      const type = literal.childForFieldName('type');
      if (!type || !HANDLER_LITERAL_TYPE.test(type.text.replace(/\s+/g, ''))) continue;
      for (const [key, field] of literalFields(literal)) {
        if (!HANDLER_FIELDS.has(key) || !field.value) continue;
        const value = unparen(field.value);
        if (value.type === 'func_literal') facts.literals.set(value.id, key);
        else {
          const target = registeredFunction(analyses, value);
          if (target) facts.functions.set(target.id, key);
        }
      }
    }
  }
  registeredAcross(analyses, facts);
  for (const fn of pkg.functions) {
    if (!fn.receiverType || !HANDLER_METHODS.test(fn.name)) continue;
    const objects = fn.params.filter((param) => !isBool(param.typeNode));
    if (objects.length > 0 && objects.every((param) => isInterfaceType(pkg, param.typeNode))) facts.functions.set(fn.node.id, fn.name);
  }
  return facts;
});

/**
 * Handlers registered through a function of another package (`informerutil.OnUpdate(inf, c.onUpdate)`)
 * that puts the parameter it receives them in into a handler literal of its own.
 */
function registeredAcross(analyses: PackageAnalyses, facts: HandlerFacts): void {
  const pkg = analyses.pkg;
  for (const file of pkg.files) {
    const imports = pkg.imports.get(file);
    if (!imports || ![...imports.values()].some((spec) => !isStandardLibrary(spec.path) && !KUBERNETES_IMPORT.test(spec.path))) continue;
    for (const call of analyses.nodesOfType(file, 'call_expression')) {
      const args = callArguments(call);
      const values = args.map((argument) => unparen(argument));
      if (!values.some((value) => value.type === 'func_literal' || value.type === 'selector_expression' || (value.type === 'identifier' && pkg.funcs.has(value.text)))) continue;
      const callee = call.childForFieldName('function');
      const operand = callee?.type === 'selector_expression' ? unparen(callee.childForFieldName('operand') ?? callee) : null;
      const importPath = operand?.type === 'identifier' ? importPathOf(pkg, file, operand.text) : null;
      if (!importPath || isStandardLibrary(importPath) || KUBERNETES_IMPORT.test(importPath)) continue;
      const target = importedFunction(analyses, { kind: 'external', importPath, name: callee!.childForFieldName('field')?.text ?? '', receiverType: null });
      if (!target) continue;
      for (const [index, event] of handlerParameters(target.analyses, target.fn)) {
        const value = values[index];
        if (!value) continue;
        if (value.type === 'func_literal') facts.literals.set(value.id, event);
        else {
          const registered = registeredFunction(analyses, value);
          if (registered) facts.functions.set(registered.id, event);
        }
      }
    }
  }
}

const handlerParameterCache = new WeakMap<FuncInfo, Map<number, string>>();

/** The parameters a function puts into a handler literal (`ResourceEventHandlerFuncs{UpdateFunc: update}`), with the event. */
function handlerParameters(analyses: PackageAnalyses, fn: FuncInfo): Map<number, string> {
  let found = handlerParameterCache.get(fn);
  if (found) return found;
  found = new Map();
  handlerParameterCache.set(fn, found);
  if (!fn.node.text.includes('ResourceEventHandler')) return found;
  for (const literal of nodesWithin(analyses.nodesOfType(fn.file, 'composite_literal'), fn.node)) {
    const type = literal.childForFieldName('type');
    if (!type || !HANDLER_LITERAL_TYPE.test(type.text.replace(/\s+/g, ''))) continue;
    for (const [key, field] of literalFields(literal)) {
      const value = field.value ? unparen(field.value) : null;
      if (!HANDLER_FIELDS.has(key) || value?.type !== 'identifier') continue;
      const index = fn.params.findIndex((param) => param.name === value.text);
      if (index >= 0) found.set(index, key);
    }
  }
  return found;
}

/** The same-package function a handler field names: `c.updatePod` or `updatePod`. */
function registeredFunction(analyses: PackageAnalyses, value: SyntaxNode): SyntaxNode | null {
  const pkg = analyses.pkg;
  if (value.type === 'identifier') return pkg.funcs.get(value.text)?.node ?? null;
  if (value.type !== 'selector_expression') return null;
  const name = value.childForFieldName('field')?.text;
  const operand = value.childForFieldName('operand');
  if (!name || !operand) return null;
  const candidates = (pkg.methodsByName.get(name) ?? []).filter((method) => !method.file.isTest);
  if (candidates.length === 1) return candidates[0]!.node;
  const fn = enclosingFunction(value);
  const type = fn ? typeOfExpression(pkg, scopeOf(analyses, fn), operand) : null;
  const typeName = type ? namedType(type) : null;
  return typeName ? (pkg.methods.get(typeName)?.get(name)?.node ?? null) : null;
}

export function isBool(typeNode: SyntaxNode | null): boolean {
  return typeNode?.text === 'bool';
}

/** `interface{}`, `any`, a same-package interface, or an imported `...Object`/`...Interface` type. */
export function isInterfaceType(pkg: GoPackage, typeNode: SyntaxNode | null): boolean {
  if (!typeNode) return false;
  if (typeNode.type === 'interface_type') return true;
  if (typeNode.type === 'type_identifier') return typeNode.text === 'any' || pkg.types.get(typeNode.text)?.kind === 'interface';
  if (typeNode.type === 'qualified_type') return /(Object|Interface|Accessor)$/.test(typeNode.childForFieldName('name')?.text ?? '');
  return false;
}

/** The parameters of a func literal, as the index reads those of declarations. */
export function literalParams(literal: SyntaxNode) {
  return paramsOf(literal.childForFieldName('parameters'));
}

/** `x.store = cache.NewStore(...)`, `indexer: cache.NewIndexer(...)`: stores the package makes for itself. */
const PRIVATE_STORE = /([\p{L}_][\p{L}\p{N}_]*)\s*(?::=|=|:)\s*(?:[\p{L}_][\p{L}\p{N}_]*\.)?New(?:Store|Indexer|ThreadSafeStore|TTLStore|ExpirationStore|UndeltaStore)\(/gu;

/** Names of the fields and variables the package assigns a store of its own making. */
export const privateStores = defineAnalysis('private-stores', (analyses): ReadonlySet<string> => {
  const names = new Set<string>();
  for (const file of analyses.pkg.files) {
    if (!/New(Store|Indexer|ThreadSafeStore|TTLStore|ExpirationStore|UndeltaStore)\(/.test(file.text)) continue;
    for (const match of file.text.matchAll(PRIVATE_STORE)) names.add(match[1]!);
  }
  return names;
});

/** A call that reads the cache: what it yields at result 0, and how to name it. */
export interface CallSource {
  kind: TaintKind;
  description: string;
  /** True when the objects' type is known to have `DeepCopy` (client-go and generated listers). */
  copyable: boolean;
}

const SOURCE_METHODS = new Set(['Get', 'List', 'GetByKey', 'ByIndex', 'Index']);

/**
 * Recognises cache reads inside one function. `chain` is the function and the func literals around the
 * code, outermost first, so names declared in an enclosing function resolve.
 */
export class SourceFinder {
  constructor(
    private readonly analyses: PackageAnalyses,
    private readonly file: SourceFile,
  ) {}

  private get pkg(): GoPackage {
    return this.analyses.pkg;
  }

  /** The cache read a call makes, or null. */
  sourceOfCall(call: SyntaxNode, chain: readonly SyntaxNode[]): CallSource | null {
    const callee = call.childForFieldName('function');
    if (!callee || callee.type !== 'selector_expression') return null;
    const method = callee.childForFieldName('field')?.text ?? '';
    const receiver = callee.childForFieldName('operand');
    if (!receiver || !SOURCE_METHODS.has(method)) return null;
    const args = callArguments(call);
    const description = callee.text.replace(/\s+/g, '');
    if ((method === 'Get' || method === 'List') && args.length <= 2 && !looksLikeContext(args[0])) {
      const lister = this.listerEvidence(receiver, chain, 0);
      if (lister) return { kind: method === 'Get' ? 'object' : 'list', description, copyable: lister.copyable };
    }
    const arity = method === 'Get' || method === 'GetByKey' ? 1 : method === 'List' ? 0 : 2;
    if (args.length !== arity) return null;
    const strict = method === 'Get' || method === 'List' || method === 'Index';
    if (!this.isStore(receiver, chain, strict, 0)) return null;
    return { kind: method === 'Get' || method === 'GetByKey' ? 'object' : 'list', description, copyable: false };
  }

  /** Evidence that an expression is a lister (or namespace lister), with whether its objects have DeepCopy. */
  private listerEvidence(expression: SyntaxNode, chain: readonly SyntaxNode[], depth: number): { copyable: boolean } | null {
    if (depth > 4) return null;
    const node = unparen(expression);
    if (node.type === 'call_expression') {
      const callee = node.childForFieldName('function');
      if (callee?.type !== 'selector_expression') return null;
      const method = callee.childForFieldName('field')?.text ?? '';
      const operand = callee.childForFieldName('operand');
      const args = callArguments(node);
      // `informer.Lister()`, and `manager.Lister(gvr)` of dynamic informer managers.
      if (method === 'Lister' && args.length <= 1) return { copyable: this.importsGenerated() };
      // `lister.Pods(ns)`, `lister.ByNamespace(ns)`: a namespace lister over the same cache.
      if (operand && !SOURCE_METHODS.has(method) && args.length <= 1) return this.listerEvidence(operand, chain, depth + 1);
      return null;
    }
    if (node.type !== 'identifier' && node.type !== 'selector_expression') return null;
    const type = this.typeOf(node, chain);
    const typeName = type ? namedType(type) : null;
    if (typeName && /Lister$/i.test(typeName)) return { copyable: this.listerTypeCopyable(typeName, 0) };
    const last = node.type === 'identifier' ? node.text : (node.childForFieldName('field')?.text ?? '');
    if (/lister$/i.test(last)) return { copyable: false };
    if (node.type === 'identifier') {
      const init = this.localInit(node, chain);
      if (init) return this.listerEvidence(init, chain, depth + 1);
    }
    return null;
  }

  /** True for an indexer or store: `GetIndexer()`, `GetStore()`, an `indexer` name, a cache.Store type. */
  private isStore(expression: SyntaxNode, chain: readonly SyntaxNode[], strict: boolean, depth: number): boolean {
    if (depth > 4) return false;
    const node = unparen(expression);
    if (node.type === 'call_expression') {
      const callee = node.childForFieldName('function');
      const method = callee?.type === 'selector_expression' ? callee.childForFieldName('field')?.text : null;
      return (method === 'GetIndexer' || method === 'GetStore') && callArguments(node).length === 0;
    }
    if (node.type !== 'identifier' && node.type !== 'selector_expression') return false;
    const last = node.type === 'identifier' ? node.text : (node.childForFieldName('field')?.text ?? '');
    // A store the package builds for itself (expectations, a controller's own bookkeeping) is no informer's.
    if (this.analyses.get(privateStores).has(last)) return false;
    if (/indexer$/i.test(last)) return true;
    if (!strict && /(store|cache|informer)$/i.test(last)) return true;
    const type = this.typeOf(node, chain);
    if (type && this.isStoreType(type)) return true;
    if (node.type === 'identifier') {
      const init = this.localInit(node, chain);
      if (init) return this.isStore(init, chain, strict, depth + 1);
    }
    return false;
  }

  private isStoreType(type: TypeRef): boolean {
    const name = namedType(type);
    if (!name) return false;
    const dot = name.indexOf('.');
    if (dot >= 0) {
      const path = importPathOf(this.pkg, this.file, name.slice(0, dot));
      return !!path && /tools\/cache$/.test(path) && /^(Store|Indexer|ThreadSafeStore)$/.test(name.slice(dot + 1));
    }
    const local = this.pkg.types.get(name);
    return !!local && /(Indexer|Store)$/.test(name) && local.interfaceMethods.includes('GetByKey');
  }

  /** True when the file imports generated listers or informers, whose objects all have DeepCopy. */
  private importsGenerated(): boolean {
    return [...(this.pkg.imports.get(this.file)?.values() ?? [])].some((spec) => /\/(listers|informers)(\/|$)/.test(spec.path));
  }

  /** Whether a lister type's objects have DeepCopy: generated listers always; local ones by their Get result. */
  private listerTypeCopyable(typeName: string, depth: number): boolean {
    const dot = typeName.indexOf('.');
    if (dot >= 0) {
      const path = importPathOf(this.pkg, this.file, typeName.slice(0, dot));
      return !!path && /\/listers(\/|$)/.test(path);
    }
    const local = this.pkg.types.get(typeName);
    if (!local || local.kind !== 'interface' || !local.typeNode || depth > 2) return false;
    for (const element of local.typeNode.namedChildren) {
      if (element.type !== 'method_elem') continue;
      const name = element.childForFieldName('name')?.text;
      const result = element.childForFieldName('result');
      const first = result?.type === 'parameter_list' ? (paramsOf(result)[0]?.typeNode ?? null) : result;
      if (!first) continue;
      if (name === 'Get') return typeHasDeepCopy(this.pkg, this.file, first);
      const returned = first.type === 'type_identifier' ? first.text : null;
      if (returned && returned !== typeName && /Lister$/.test(returned) && this.listerTypeCopyable(returned, depth + 1)) return true;
    }
    return false;
  }

  /** The type of a path, looked up in the innermost function of `chain` that declares its root. */
  typeOf(expression: SyntaxNode, chain: readonly SyntaxNode[]): TypeRef | null {
    let root = unparen(expression);
    while (root.type === 'selector_expression') root = unparen(root.childForFieldName('operand') ?? root);
    const scope = this.scopeDeclaring(root.type === 'identifier' ? root.text : '', chain);
    return typeOfExpression(this.pkg, scope, expression);
  }

  private scopeDeclaring(name: string, chain: readonly SyntaxNode[]) {
    for (let index = chain.length - 1; index >= 0; index--) {
      const scope = scopeOf(this.analyses, chain[index]!);
      if (name && scope.declares(name)) return scope;
    }
    return scopeOf(this.analyses, chain[0]!);
  }

  /** The initializer of the local an identifier names, from the innermost function declaring it. */
  private localInit(identifier: SyntaxNode, chain: readonly SyntaxNode[]): SyntaxNode | null {
    const scope = this.scopeDeclaring(identifier.text, chain);
    const local = scope.localAt(identifier.text, identifier.startIndex);
    return local && local.count === 1 ? local.init : null;
  }
}

/** `ctx`, `context.TODO()`: the first argument of a client call, never of a lister's. */
function looksLikeContext(argument: SyntaxNode | undefined): boolean {
  if (!argument) return false;
  const node = unparen(argument);
  if (node.type === 'identifier') return /^(ctx|context)$|Ctx$/.test(node.text);
  return /^context\.\w+\(/.test(node.text);
}

/**
 * True when `x = x.DeepCopy()` type-checks for a value of this type: a pointer to a type from
 * k8s.io/api (or to Unstructured), or to a same-package type with a DeepCopy method.
 */
export function typeHasDeepCopy(pkg: GoPackage, file: SourceFile, typeNode: SyntaxNode | null): boolean {
  if (!typeNode || typeNode.type !== 'pointer_type') return false;
  const target = typeNode.namedChild(0);
  if (!target) return false;
  if (target.type === 'type_identifier') return !!pkg.methods.get(target.text)?.has('DeepCopy');
  if (target.type !== 'qualified_type') return false;
  const qualifier = target.childForFieldName('package')?.text ?? '';
  const path = importPathOf(pkg, file, qualifier);
  return !!path && (path.startsWith('k8s.io/api/') || (/\/unstructured$/.test(path) && target.childForFieldName('name')?.text === 'Unstructured'));
}
