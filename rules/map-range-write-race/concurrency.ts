// Who can run what in a package. Every function and func literal of the package's non-test files is a
// body, and a body runs on behalf of roots: entry points callable from outside (exported functions and
// methods of types the package lets out, functions with no known caller or used as values),
// goroutines and framework callbacks (`go` targets, http handlers and ServeHTTP, informer handlers,
// time.AfterFunc, errgroup and WaitGroup `Go`; the handlers of one informer registration, and callback
// methods of a serialised group, share one root),
// and constructors (New*, shape constructors, init, sync.Once targets, which run before the value is
// shared). Roots flow from callers to callees over the call graph (a call through a func-typed field
// calls the package's functions stored in it); a synchronous func literal runs for
// its enclosing body's roots; one wrapped by reflect.ValueOf is an entry point of its own. Ordering
// (which goroutines are running at a statement) is happens-before.ts's; whether two accesses race is
// for its users to decide.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { callArguments, expressionListItems, unparen } from '../../src/parse/syntax.js';
import { findMethod, importPathOf, type FuncInfo, type GoPackage } from '../../src/index/package-index.js';
import { callGraph, type CallGraph } from '../../src/analysis/calls.js';
import { constructors } from './constructors.js';
import { methodsCalledBack } from './handed-over.js';
import { defineAnalysis, type PackageAnalyses } from '../../src/analysis/context.js';
import { FileParts } from '../../src/analysis/carry-over.js';
import { namedType, scopeOf, typeOfExpression } from '../../src/analysis/types.js';

/** A function declaration or func literal of a non-test file. */
export interface Body {
  id: number;
  node: SyntaxNode;
  file: SourceFile;
  /** The top-level function holding the body (itself for a declaration). */
  fn: FuncInfo;
  /** The enclosing body of a func literal; null for a declaration. */
  parent: Body | null;
  /** The root a literal starts when it runs on its own goroutine or as a callback; null when synchronous. */
  spawned: Root | null;
}

export type RootKind = 'entry' | 'spawn' | 'constructor';

/** Something that starts running code of the package: a caller from outside, a goroutine, a constructor. */
export interface Root {
  id: number;
  kind: RootKind;
  /** How to name it in a message: `SetLabel`, `a goroutine started in Run`. */
  label: string;
  /** Spawn roots: how its code comes to run, after a verb: `on a goroutine started in Watch`, `in a handler registered in Serve`. */
  how: string;
  /** Spawn roots: true when several instances can run at once (a go statement in a loop, an http handler). */
  multi: boolean;
  /** Spawn roots: the statements (go statements, registration calls) that start it, with their bodies. */
  sites: Array<{ body: Body; node: SyntaxNode }>;
  /** Spawn roots: the types whose value the goroutine works on (its method's receiver, or the receiver or result type of the function starting a closure). */
  boundTo: Set<string>;
  /** Spawn roots: the body the goroutine or callback runs (a func literal, or a function's body); null for a shared callback root. */
  target: Body | null;
  /** Entry and constructor roots a top-level function has of its own: that function. */
  fn?: FuncInfo;
}

/** A same-package call of a function, in the body holding it. */
export interface CallSiteInBody {
  body: Body;
  call: SyntaxNode;
}

export interface Concurrency {
  bodies: Body[];
  /** The body of a top-level function. */
  bodyOfFunction: Map<FuncInfo, Body>;
  /** The innermost body holding a node, or null outside function bodies and in test files. */
  bodyAt(node: SyntaxNode): Body | null;
  rootsOf(body: Body): ReadonlySet<Root>;
  /** Every goroutine and callback root of the package. */
  spawnRoots: Root[];
  /** Top-level functions that are roots themselves: entry points, spawn targets, constructors. */
  rootFunctions: Set<FuncInfo>;
  /** Struct types of the package with a sync.Mutex or sync.RWMutex field (embedded ones included). */
  mutexTypes: Set<string>;
  /** The go statements and callback registrations written directly in a body, with the roots they start. */
  spawnSitesIn(body: Body): ReadonlyArray<{ node: SyntaxNode; root: Root }>;
  /** The roots a top-level function has of its own (before its callers' flow in). */
  ownRoots(fn: FuncInfo): ReadonlySet<Root>;
  /** The same-package call sites of a function that do not start a goroutine (library callbacks included; not unique-name guesses). */
  callSitesOf(fn: FuncInfo): readonly CallSiteInBody[];
}

/** Callback registrations: callee name → index of the argument that runs concurrently, and whether many instances can run. */
const CALLBACK_CALLS: Record<string, { argument: number; multi: boolean }> = {
  HandleFunc: { argument: 1, multi: true },
  Handle: { argument: 1, multi: true },
  AfterFunc: { argument: 1, multi: false },
  Go: { argument: 0, multi: false },
};

const HANDLER_KEYS = /^(AddFunc|UpdateFunc|DeleteFunc)$/;
const MUTEX_TYPE = /^\*?sync\.(RW)?Mutex$/;

/**
 * Methods a framework calls on a value handed to it. Those of one group run one at a time (the
 * framework calls them from one goroutine), so a receiver type's methods of a serialised group share
 * one root; `import` limits a group to files importing the framework.
 */
const CALLBACK_GROUPS: ReadonlyArray<{ methods: ReadonlySet<string>; serialised: boolean; multi: boolean; label: string; import?: string }> = [
  { methods: new Set(['ServeHTTP']), serialised: false, multi: true, label: 'a callback its framework calls concurrently' },
  // client-go runs a registered handler's methods on one goroutine per registration.
  { methods: new Set(['OnAdd', 'OnUpdate', 'OnDelete']), serialised: true, multi: false, label: 'an informer event handler, one call at a time' },
  // gRPC calls a balancer's methods synchronously from one goroutine (balancer.Balancer's contract).
  {
    methods: new Set(['UpdateClientConnState', 'ResolverError', 'UpdateSubConnState', 'Close', 'ExitIdle']),
    serialised: true,
    multi: false,
    label: 'a gRPC balancer callback, serialised by gRPC',
    import: 'google.golang.org/grpc/balancer',
  },
];

/** Which kinds of spawn a file's text may hold, so that its nodes are looked through only then. */
interface SpawnMentions {
  callbacks: boolean;
  once: boolean;
  reflect: boolean;
  handlers: boolean;
}

/** SpawnMentions by parsed file: they rest on the text alone, so they live as long as the file. */
const spawnMentionsByFile = new WeakMap<SourceFile, SpawnMentions>();

function mentionsOf(file: SourceFile): SpawnMentions {
  let mentions = spawnMentionsByFile.get(file);
  if (!mentions) {
    const text = file.text;
    mentions = {
      callbacks: /\b(HandleFunc|Handle|AfterFunc|Go)\s*\(/.test(text),
      once: /\.Do\s*\(/.test(text),
      reflect: /\breflect\.ValueOf\s*\(\s*func\b/.test(text),
      handlers: /\b(AddFunc|UpdateFunc|DeleteFunc)\s*:/.test(text),
    };
    spawnMentionsByFile.set(file, mentions);
  }
  return mentions;
}

/** Per file, the functions funcFieldCalls finds stored in func fields (they rest on its text and the declarations). */
const fieldStoresIn = new FileParts<Array<[string, FuncInfo]>>((stores, correspondence) => stores.map(([name, fn]) => [name, correspondence.functionOf(fn)]));

/** The concurrency facts of the package. */
export const concurrency = defineAnalysis('concurrency', (analyses): Concurrency => {
  const pkg = analyses.pkg;
  const bodies: Body[] = [];
  const bodyOfFunction = new Map<FuncInfo, Body>();
  const bodyByNode = new Map<number, Body>();
  const literalsByFile = new Map<SourceFile, SyntaxNode[]>();
  const functionsByFile = new Map<SourceFile, FuncInfo[]>();
  for (const fn of pkg.functions) {
    if (fn.file.isTest || !fn.node.childForFieldName('body')) continue;
    const body: Body = { id: bodies.length, node: fn.node, file: fn.file, fn, parent: null, spawned: null };
    bodies.push(body);
    bodyOfFunction.set(fn, body);
    bodyByNode.set(fn.node.id, body);
    const list = functionsByFile.get(fn.file);
    if (list) list.push(fn);
    else functionsByFile.set(fn.file, [fn]);
  }
  for (const [file, functions] of functionsByFile) {
    const literals = analyses.nodesOfType(file, 'func_literal');
    literalsByFile.set(file, literals);
    let functionIndex = 0;
    const open: Body[] = [];
    for (const literal of literals) {
      while (functionIndex < functions.length && functions[functionIndex]!.node.endIndex < literal.endIndex) functionIndex++;
      const fn = functions[functionIndex];
      if (!fn || fn.node.startIndex > literal.startIndex) continue;
      while (open.length > 0 && open[open.length - 1]!.node.endIndex < literal.endIndex) open.pop();
      const top = bodyOfFunction.get(fn)!;
      const parent = open.length > 0 && open[open.length - 1]!.fn === fn ? open[open.length - 1]! : top;
      const body: Body = { id: bodies.length, node: literal, file, fn, parent, spawned: null };
      bodies.push(body);
      bodyByNode.set(literal.id, body);
      open.push(body);
    }
  }

  // The offsets of each file's literals and functions, read from the tree once: bodyAt is asked for
  // every call site, and each offset read from a node crosses into the parser.
  const spansByFile = new Map<SourceFile, { literalStarts: number[]; literalEnds: number[]; functionStarts: number[]; functionEnds: number[] }>();
  const spansOf = (file: SourceFile) => {
    let spans = spansByFile.get(file);
    if (!spans) {
      const literals = literalsByFile.get(file) ?? [];
      const functions = functionsByFile.get(file) ?? [];
      spans = {
        literalStarts: literals.map((literal) => literal.startIndex),
        literalEnds: literals.map((literal) => literal.endIndex),
        functionStarts: functions.map((fn) => fn.node.startIndex),
        functionEnds: functions.map((fn) => fn.node.endIndex),
      };
      spansByFile.set(file, spans);
    }
    return spans;
  };
  const bodyAt = (node: SyntaxNode): Body | null => {
    const file = analyses.fileOf(node);
    if (!file || file.isTest) return null;
    const { literalStarts, literalEnds, functionStarts, functionEnds } = spansOf(file);
    const start = node.startIndex;
    const end = node.endIndex;
    let best = -1;
    for (let index = 0; index < literalStarts.length; index++) {
      if (literalStarts[index]! > start) break;
      if (literalEnds[index]! >= end) best = index;
    }
    if (best >= 0) return bodyByNode.get(literalsByFile.get(file)![best]!.id) ?? null;
    for (let index = 0; index < functionStarts.length; index++) {
      if (functionStarts[index]! <= start && functionEnds[index]! >= end) return bodyOfFunction.get(functionsByFile.get(file)![index]!) ?? null;
    }
    return null;
  };

  let nextRootId = 0;
  const makeRoot = (kind: RootKind, label: string, target: Body | null = null, how = ''): Root => ({ id: nextRootId++, kind, label, how, multi: false, sites: [], boundTo: new Set(), target });
  const spawnRoots: Root[] = [];
  const spawnOfLiteral = new Map<number, Root>();
  const spawnOfFunction = new Map<FuncInfo, Root>();
  const sitesByBody = new Map<Body, Array<{ node: SyntaxNode; root: Root }>>();
  const onceFunctions = new Set<FuncInfo>();

  const addSpawn = (target: SyntaxNode, site: SyntaxNode, siteBody: Body, how: string, multi: boolean, shared: Root | null = null): void => {
    const value = unwrapHandler(unparen(target));
    let root: Root | undefined;
    if (value.type === 'func_literal') {
      const literalBody = bodyByNode.get(value.id);
      if (!literalBody) return;
      root = spawnOfLiteral.get(value.id);
      if (!root) {
        root = shared ?? makeRoot('spawn', `${how} in ${siteBody.fn.name}`, literalBody, `in ${how} in ${siteBody.fn.name}`);
        spawnOfLiteral.set(value.id, root);
        literalBody.spawned = root;
        if (!spawnRoots.includes(root)) spawnRoots.push(root);
      }
    } else {
      const fn = functionValue(analyses, value, siteBody.node);
      if (!fn || !bodyOfFunction.has(fn)) return;
      root = spawnOfFunction.get(fn);
      if (!root) {
        const runs = how === 'a goroutine started' ? `on a goroutine started in ${siteBody.fn.name}` : `as ${how.replace(/ registered$/, '')} registered in ${siteBody.fn.name}`;
        root = shared ?? makeRoot('spawn', `${fn.name} (${how === 'a goroutine started' ? 'run by go' : 'a callback'} in ${siteBody.fn.name})`, bodyOfFunction.get(fn)!, runs);
        spawnOfFunction.set(fn, root);
        if (!spawnRoots.includes(root)) spawnRoots.push(root);
      }
    }
    // A function started in a loop usually gets a value of its own each time (`go c.serve()`); a
    // closure started in a loop shares what it captures.
    if (multi || (value.type === 'func_literal' && insideLoop(site, siteBody.node))) root.multi = true;
    root.sites.push({ body: siteBody, node: site });
    if (value.type === 'func_literal') {
      if (siteBody.fn.receiverType) root.boundTo.add(siteBody.fn.receiverType);
      for (const result of siteBody.fn.results) if (result.typeNode) addTypeName(root.boundTo, result.typeText);
    } else {
      const fn = functionValue(analyses, value, siteBody.node);
      if (fn?.receiverType) root.boundTo.add(fn.receiverType);
    }
    const list = sitesByBody.get(siteBody);
    if (list) list.push({ node: site, root });
    else sitesByBody.set(siteBody, [{ node: site, root }]);
  };

  for (const [file] of functionsByFile) {
    for (const statement of analyses.nodesOfType(file, 'go_statement')) {
      const siteBody = bodyAt(statement);
      const call = statement.namedChildren.find((child) => child.type === 'call_expression');
      if (!siteBody || !call) continue;
      const callee = call.childForFieldName('function');
      if (callee) addSpawn(callee, statement, siteBody, 'a goroutine started', false);
      // `go wait.Until(c.sync, ...)`: funcs handed to the started call run on the new goroutine too.
      for (const argument of callArguments(call)) {
        if (argument.type === 'func_literal' || argument.type === 'selector_expression' || argument.type === 'identifier') {
          addSpawn(argument, statement, siteBody, 'a goroutine started', false);
        }
      }
    }
    const mentions = mentionsOf(file);
    if (mentions.callbacks) {
      for (const call of analyses.nodesOfType(file, 'call_expression')) {
        const callee = call.childForFieldName('function');
        if (!callee || callee.type !== 'selector_expression') continue;
        const name = callee.childForFieldName('field')?.text ?? '';
        const spec = CALLBACK_CALLS[name];
        if (!spec) continue;
        const args = callArguments(call);
        if (name === 'Go' && args.length !== 1) continue;
        const target = args[spec.argument];
        const siteBody = target ? bodyAt(call) : null;
        if (target && siteBody) addSpawn(target, call, siteBody, name === 'AfterFunc' || name === 'Go' ? 'a goroutine started' : 'a handler registered', spec.multi);
      }
    }
    if (mentions.once) {
      for (const call of analyses.nodesOfType(file, 'call_expression')) {
        const callee = call.childForFieldName('function');
        if (!callee || callee.type !== 'selector_expression' || callee.childForFieldName('field')?.text !== 'Do') continue;
        const operand = callee.childForFieldName('operand');
        const args = callArguments(call);
        const siteBody = bodyAt(call);
        if (!operand || args.length !== 1 || !siteBody || !isOnce(analyses, operand, siteBody.node)) continue;
        const value = unparen(args[0]!);
        if (value.type === 'func_literal') {
          const literalBody = bodyByNode.get(value.id);
          if (literalBody) literalBody.spawned = makeRoot('constructor', `a sync.Once in ${siteBody.fn.name}`);
        } else {
          const fn = functionValue(analyses, value, siteBody.node);
          if (fn) onceFunctions.add(fn);
        }
      }
    }
    if (mentions.reflect) {
      // `reflect.ValueOf(func(...) {...})` only wraps the literal: whoever holds the value calls it
      // later, from anywhere, like an exported function.
      for (const call of analyses.nodesOfType(file, 'call_expression')) {
        const value = callArguments(call)[0];
        if (call.childForFieldName('function')?.text !== 'reflect.ValueOf' || value?.type !== 'func_literal') continue;
        const literalBody = bodyByNode.get(value.id);
        const siteBody = bodyAt(call);
        if (literalBody && siteBody && importPathOf(pkg, file, 'reflect') === 'reflect') {
          literalBody.spawned = makeRoot('entry', `a func value wrapped by reflect in ${siteBody.fn.name}`);
        }
      }
    }
    if (mentions.handlers) {
      // The handlers of one registration run one at a time, on the informer's goroutine for it.
      const registrations = new Map<number, Root>();
      for (const element of analyses.nodesOfType(file, 'keyed_element')) {
        const key = element.namedChild(0);
        const value = element.namedChild(1);
        if (!key || !value || !HANDLER_KEYS.test(key.text)) continue;
        const siteBody = bodyAt(element);
        const inner = value.type === 'literal_element' ? value.namedChild(0) : value;
        if (!siteBody || !inner) continue;
        const registration = element.parent?.id ?? element.id;
        let shared = registrations.get(registration);
        if (!shared) {
          shared = makeRoot('spawn', `an event handler registered in ${siteBody.fn.name}`, null, `in an event handler registered in ${siteBody.fn.name}`);
          registrations.set(registration, shared);
        }
        addSpawn(inner, element, siteBody, 'an event handler registered', false, shared);
      }
    }
  }
  // Methods only a framework calls: their callback root replaces the entry an exported name would give.
  const frameworkCalled = new Set<FuncInfo>();
  for (const group of CALLBACK_GROUPS) {
    const shared = new Map<string, Root>();
    for (const fn of pkg.functions) {
      if (!fn.receiverType || !group.methods.has(fn.name) || !bodyOfFunction.has(fn) || spawnOfFunction.has(fn)) continue;
      if (group.import && !importsPath(pkg, fn.receiverType, group.import)) continue;
      let root = group.serialised ? shared.get(fn.receiverType) : undefined;
      if (!root) {
        root = makeRoot(
          'spawn',
          group.serialised ? `${fn.receiverType}'s callbacks (${group.label})` : `${fn.name} (${group.label})`,
          group.serialised ? null : bodyOfFunction.get(fn)!,
          `as ${group.label}`,
        );
        root.boundTo.add(fn.receiverType);
        root.multi = group.multi;
        spawnRoots.push(root);
        if (group.serialised) shared.set(fn.receiverType, root);
      }
      spawnOfFunction.set(fn, root);
      frameworkCalled.add(fn);
    }
  }

  // Same-package functions stored in func-typed fields of the package's structs, by field name
  // (asked only once a call goes through such a field).
  const funcFieldNames = (): ReadonlySet<string> => {
    const fields = new Set<string>();
    for (const type of pkg.types.values()) for (const field of type.fields) if (/^func\b/.test(field.typeText)) fields.add(field.name);
    return fields;
  };
  const funcFieldCalls = (fields: ReadonlySet<string>): ReadonlyMap<string, FuncInfo[]> => {
    const calls = new Map<string, FuncInfo[]>();
    const source = `\\b(${[...fields].join('|')})\\s*(:|=[^=])`;
    const pattern = new RegExp(source);
    for (const file of pkg.files) {
      if (file.isTest) continue;
      for (const [name, target] of fieldStoresIn.get(analyses, file, source, () => fieldStores(file, fields, pattern))) {
        const list = calls.get(name);
        if (!list) calls.set(name, [target]);
        else if (!list.includes(target)) list.push(target);
      }
    }
    return calls;
  };
  /** The functions a file stores in the fields named, in order: `c.f = s.syncX`, `T{f: syncX}`. */
  const fieldStores = (file: SourceFile, fields: ReadonlySet<string>, pattern: RegExp): Array<[string, FuncInfo]> => {
    const stores: Array<[string, FuncInfo]> = [];
    if (!pattern.test(file.text)) return stores;
    const store = (name: string, value: SyntaxNode | null | undefined, at: SyntaxNode): void => {
      const body = value && fields.has(name) ? bodyAt(at) : null;
      const target = body ? functionValue(analyses, unparen(value!), body.node) : null;
      if (target && bodyOfFunction.has(target)) stores.push([name, target]);
    };
    for (const assignment of analyses.nodesOfType(file, 'assignment_statement')) {
      const left = expressionListItems(assignment.childForFieldName('left'));
      const right = expressionListItems(assignment.childForFieldName('right'));
      if (left.length !== right.length) continue;
      left.forEach((item, index) => {
        if (item.type === 'selector_expression') store(item.childForFieldName('field')?.text ?? '', right[index], assignment);
      });
    }
    for (const element of analyses.nodesOfType(file, 'keyed_element')) {
      const key = element.namedChild(0);
      const value = element.namedChild(1);
      const name = key?.type === 'literal_element' ? key.namedChild(0) : key;
      store(name?.text ?? '', value?.type === 'literal_element' ? value.namedChild(0) : value, element);
    }
    return stores;
  };

  // Roots of top-level functions: their own, then their callers' (a fixpoint over the call graph).
  // Computed on first use: it resolves every call of the package, and a package whose maps never
  // meet a range and a write in the same map needs none of it.
  let rootState: RootState | null = null;
  // The same-package call sites of every function (library callbacks and hidden types' methods a
  // library calls back included), the methods only a library calls, and calls through func fields.
  const collectCallSites = (graph: CallGraph, hidden: { has(type: string): boolean }) => {
    const callSites = new Map<FuncInfo, CallSiteInBody[]>();
    const addSite = (fn: FuncInfo, site: CallSiteInBody): void => {
      const list = callSites.get(fn);
      if (list) list.push(site);
      else callSites.set(fn, [site]);
    };
    // Methods a library calls back for the package (sort's Less, ast.Walk's Visit): exported only to fit its interface.
    const libraryCalled = new Set<FuncInfo>();
    // A call through a func-typed field (`f.readIDs(ids)`) calls each function stored in it.
    const fieldNames = funcFieldNames();
    const fieldSites: Array<{ name: string; site: CallSiteInBody }> = [];
    // Only functions with a body outside test files take part (asking for the others' sites would cost for nothing).
    for (const [caller, callerBody] of bodyOfFunction) {
      const sites = graph.sitesOf(caller);
      // A hidden type's receiver handed to another package's function: the methods it calls on it run here.
      if (caller.receiverType && caller.receiverName && hidden.has(caller.receiverType)) {
        for (const site of sites) {
          if (site.local || site.spawned) continue;
          for (const method of methodsCalledBack(analyses, caller, site)) {
            addSite(method, { body: site.literal ? (bodyByNode.get(site.literal.id) ?? callerBody) : callerBody, call: site.call });
          }
        }
      }
      for (const site of sites) {
        if (site.local || site.spawned || !site.name || !fieldNames.has(site.name) || site.call.childForFieldName('function')?.type !== 'selector_expression') continue;
        fieldSites.push({ name: site.name, site: { body: site.literal ? (bodyByNode.get(site.literal.id) ?? callerBody) : callerBody, call: site.call } });
      }
      for (const list of [sites, graph.indirectSitesOf(caller)]) {
        for (const site of list) {
          if (!site.local || site.local.via === 'unique-name') continue;
          if (site.spawned) continue;
          if (site.indirect === 'library') libraryCalled.add(site.local.fn);
          const siteBody = site.literal ? (bodyByNode.get(site.literal.id) ?? callerBody) : callerBody;
          addSite(site.local.fn, { body: siteBody, call: site.call });
        }
      }
    }
    // A function declared twice comes from files for alternative builds: each copy has the callers
    // the calls resolve to one of them.
    const byKey = new Map<string, FuncInfo[]>();
    for (const fn of bodyOfFunction.keys()) {
      if (fn.name === 'init') continue;
      const list = byKey.get(fn.key);
      if (list) list.push(fn);
      else byKey.set(fn.key, [fn]);
    }
    for (const copies of byKey.values()) {
      if (copies.length < 2) continue;
      const sites = copies.flatMap((fn) => callSites.get(fn) ?? []);
      if (sites.length > 0) for (const fn of copies) callSites.set(fn, sites);
    }
    const fieldCalled = new Set<FuncInfo>();
    if (fieldSites.length > 0) {
      const targets = funcFieldCalls(new Set(fieldSites.map((entry) => entry.name)));
      for (const { name, site } of fieldSites) {
        for (const target of targets.get(name) ?? []) {
          fieldCalled.add(target);
          addSite(target, site);
        }
      }
    }
    return { callSites, libraryCalled, fieldCalled };
  };
  // Callers' roots flow to callees: a worklist that passes on only the roots a function just got.
  // A call in a spawned literal passes that literal's root; any other passes its function's roots.
  const flowRoots = (roots: Map<Body, Set<Root>>, callSites: ReadonlyMap<FuncInfo, readonly CallSiteInBody[]>): void => {
    interface Node {
      roots: Set<Root>;
      callees: Node[];
      delta: Root[];
    }
    const nodes = new Map<FuncInfo, Node>();
    for (const [fn, body] of bodyOfFunction) nodes.set(fn, { roots: roots.get(body)!, callees: [], delta: [] });
    const queue: Node[] = [];
    const give = (node: Node, root: Root): void => {
      if (node.roots.has(root)) return;
      node.roots.add(root);
      if (node.delta.length === 0) queue.push(node);
      node.delta.push(root);
    };
    for (const [fn, sites] of callSites) {
      const callee = nodes.get(fn);
      if (!callee) continue;
      const callers = new Set<Node>();
      for (const site of sites) {
        let top = site.body;
        while (top.parent && !top.spawned) top = top.parent;
        if (top.spawned) give(callee, top.spawned);
        else callers.add(nodes.get(top.fn)!);
      }
      for (const caller of callers) caller.callees.push(callee);
    }
    for (const node of nodes.values()) {
      if (node.roots.size === 0 || node.callees.length === 0) continue;
      if (node.delta.length === 0) queue.push(node);
      node.delta = [...node.roots];
    }
    while (queue.length > 0) {
      const node = queue.pop()!;
      const delta = node.delta;
      node.delta = [];
      for (const callee of node.callees) for (const root of delta) give(callee, root);
    }
  };
  const computeRoots = (): RootState => {
    const graph = analyses.get(callGraph);
    const builds = analyses.get(constructors).builds;
    let hiddenCache: ReadonlySet<string> | null = null;
    const hidden = { has: (type: string): boolean => (hiddenCache ??= hiddenTypes(pkg)).has(type) };
    const { callSites, libraryCalled, fieldCalled } = collectCallSites(graph, hidden);
    const valueReferenced = functionsUsedAsValues(analyses, callSites);
    // Stored in a func field the package calls: the calls through the field tell when it runs.
    for (const fn of fieldCalled) valueReferenced.delete(fn);
    const roots = new Map<Body, Set<Root>>();
    const rootFunctions = new Set<FuncInfo>();
    const initCalled = calledFromVarInitializers(analyses);
    const own = new Map<FuncInfo, ReadonlySet<Root>>();
    for (const [fn, body] of bodyOfFunction) {
      const mine = new Set<Root>();
      const spawn = spawnOfFunction.get(fn);
      if (spawn) mine.add(spawn);
      const called = callSites.has(fn);
      if (isConstructor(fn) || builds(fn) || onceFunctions.has(fn) || (!called && initCalled.has(fn.name))) mine.add({ ...makeRoot('constructor', fn.name), fn });
      else if (!frameworkCalled.has(fn) && !libraryCalled.has(fn) && (isEntry(fn, called, !!spawn, hidden) || valueReferenced.has(fn))) mine.add({ ...makeRoot('entry', fn.name), fn });
      own.set(fn, new Set(mine));
      roots.set(body, mine);
      if (mine.size > 0) rootFunctions.add(fn);
    }
    flowRoots(roots, callSites);
    return { roots, rootFunctions, own, callSites };
  };
  const topRoots = () => (rootState ??= computeRoots());
  const literalRoots = (body: Body): Set<Root> => rootsThrough(body, () => topRoots().roots);

  const mutexTypes = new Set<string>();
  for (const type of pkg.types.values()) {
    if (type.kind !== 'struct') continue;
    if (type.fields.some((field) => MUTEX_TYPE.test(field.typeText.replace(/\s+/g, '')))) mutexTypes.add(type.name);
  }
  // A struct embedding a mutex-holding struct holds a mutex too.
  for (let grew = true; grew; ) {
    grew = false;
    for (const type of pkg.types.values()) {
      if (type.kind !== 'struct' || mutexTypes.has(type.name)) continue;
      if (type.fields.some((field) => field.embedded && mutexTypes.has(field.name))) {
        mutexTypes.add(type.name);
        grew = true;
      }
    }
  }

  return {
    bodies,
    bodyOfFunction,
    bodyAt,
    rootsOf: (body) => literalRoots(body),
    spawnRoots,
    get rootFunctions() {
      return topRoots().rootFunctions;
    },
    mutexTypes,
    spawnSitesIn: (body) => sitesByBody.get(body) ?? [],
    ownRoots: (fn) => topRoots().own.get(fn) ?? NO_ROOTS,
    callSitesOf: (fn) => topRoots().callSites.get(fn) ?? [],
  };
});

interface RootState {
  roots: Map<Body, Set<Root>>;
  rootFunctions: Set<FuncInfo>;
  own: Map<FuncInfo, ReadonlySet<Root>>;
  callSites: Map<FuncInfo, CallSiteInBody[]>;
}

const NO_ROOTS: ReadonlySet<Root> = new Set();

/**
 * True when code outside the package may call `fn` directly: an exported function, or an exported
 * method of a type the package lets out; `main`; and a function nobody in the package calls. An
 * exported method of an unexported type that never leaves the package (see hiddenTypes) is called
 * only from the package, so its callers tell when it runs.
 */
function isEntry(fn: FuncInfo, called: boolean, spawned: boolean, hidden: { has(type: string): boolean }): boolean {
  if (fn.name === 'main' && !fn.receiverType) return true;
  if (/^[A-Z]/.test(fn.name)) return !(called && fn.receiverType && hidden.has(fn.receiverType));
  return !called && !spawned;
}

/**
 * Unexported struct types whose values stay in the package: not embedded in another struct (whose
 * method set would promote their methods), not named by a result of an exported function or of an
 * exported method of an exported type, by an exported field of an exported struct, or by a package var. Values handed to an interface are not tracked: the
 * methods those reach are usually called by the receiving code only, and it needs in-package callers
 * for a method to lose its entry status anyway.
 */
function hiddenTypes(pkg: GoPackage): ReadonlySet<string> {
  const candidates = new Set<string>();
  for (const type of pkg.types.values()) if (type.kind === 'struct' && /^[a-z_]/.test(type.name) && pkg.methods.has(type.name)) candidates.add(type.name);
  if (candidates.size === 0) return candidates;
  const mentioned = (text: string): void => {
    for (const word of text.matchAll(/[A-Za-z_]\w*/g)) candidates.delete(word[0]);
  };
  for (const type of pkg.types.values()) {
    const exported = /^[A-Z]/.test(type.name);
    for (const field of type.fields) if (field.embedded || (exported && /^[A-Z]/.test(field.name))) mentioned(field.typeText);
  }
  for (const fn of pkg.functions) {
    if (fn.file.isTest || !/^[A-Z]/.test(fn.name) || (fn.receiverType && !/^[A-Z]/.test(fn.receiverType))) continue;
    for (const result of fn.results) mentioned(result.typeText);
  }
  for (const value of pkg.values.values()) if (!value.isConst && value.typeNode) mentioned(value.typeText);
  return candidates;
}

/** True when a file declaring a method of `typeName` imports `importPath`. */
function importsPath(pkg: GoPackage, typeName: string, importPath: string): boolean {
  for (const method of pkg.methods.get(typeName)?.values() ?? []) {
    for (const spec of pkg.imports.get(method.file)?.values() ?? []) if (spec.path === importPath) return true;
  }
  return false;
}

/**
 * The roots a body runs for: a spawned literal's own root, or those of the nearest enclosing body that
 * is spawned or top-level (`rootsOfTop` gives the latter, asked only when needed).
 */
function rootsThrough(body: Body, rootsOfTop: () => Map<Body, Set<Root>>): Set<Root> {
  let current = body;
  while (current.parent && !current.spawned) current = current.parent;
  if (current.spawned) return new Set([current.spawned]);
  return rootsOfTop().get(current)!;
}

function addTypeName(names: Set<string>, typeText: string): void {
  const match = /^\**([A-Za-z_]\w*)$/.exec(typeText.trim());
  if (match) names.add(match[1]!);
}

/** `http.HandlerFunc(f)` and similar one-argument conversions hand over `f` itself. */
function unwrapHandler(node: SyntaxNode): SyntaxNode {
  if (node.type !== 'call_expression') return node;
  const callee = node.childForFieldName('function')?.text ?? '';
  const args = callArguments(node);
  return /HandlerFunc$/.test(callee) && args.length === 1 ? unparen(args[0]!) : node;
}

/** The same-package function a function value names: `worker`, `s.loop`, or a call's target. */
function functionValue(analyses: PackageAnalyses, value: SyntaxNode, fnNode: SyntaxNode): FuncInfo | null {
  if (value.type === 'call_expression') return null;
  if (value.type === 'identifier') {
    if (scopeOf(analyses, fnNode).declares(value.text)) return null;
    return analyses.pkg.funcs.get(value.text) ?? null;
  }
  if (value.type === 'selector_expression') {
    const operand = value.childForFieldName('operand');
    const name = value.childForFieldName('field')?.text;
    if (!operand || !name) return null;
    const type = typeOfExpression(analyses.pkg, scopeOf(analyses, fnNode), operand);
    const typeName = type ? namedType(type) : null;
    return typeName ? findMethod(analyses.pkg, typeName, name) : null;
  }
  return null;
}

/** True when the operand of `.Do(f)` is a sync.Once (by type, or by a name saying so when the type is unknown). */
function isOnce(analyses: PackageAnalyses, operand: SyntaxNode, fnNode: SyntaxNode): boolean {
  const type = typeOfExpression(analyses.pkg, scopeOf(analyses, fnNode), operand);
  if (type) return /^\*?sync\.Once$/.test(type.text.replace(/\s+/g, ''));
  return /once/i.test(operand.text);
}

function isConstructor(fn: FuncInfo): boolean {
  if (fn.receiverType) return false;
  if (fn.name === 'init') return true;
  return /^[Nn]ew([A-Z_]|$)/.test(fn.name) && fn.results.length > 0;
}

/** True when a statement sits in a loop of the function body holding it. */
export function insideLoop(node: SyntaxNode, bodyNode: SyntaxNode): boolean {
  for (let current = node.parent; current && current.id !== bodyNode.id; current = current.parent) {
    if (current.type === 'for_statement') return true;
  }
  return false;
}

/** Unexported functions with callers that are also used as values (method values, func values). */
function functionsUsedAsValues(analyses: PackageAnalyses, callersOf: Map<FuncInfo, unknown[]>): Set<FuncInfo> {
  const candidates = new Map<string, FuncInfo[]>();
  for (const fn of callersOf.keys()) {
    if (/^[A-Z]/.test(fn.name)) continue;
    const list = candidates.get(fn.name);
    if (list) list.push(fn);
    else candidates.set(fn.name, [fn]);
  }
  const used = new Set<FuncInfo>();
  if (candidates.size === 0) return used;
  // `x.name` where some struct has a field called `name` is more likely that field than a method value.
  const fieldNames = new Set<string>();
  for (const type of analyses.pkg.types.values()) for (const field of type.fields) fieldNames.add(field.name);
  const names = [...candidates.keys()].join('|');
  // A function value is passed, assigned or stored: `(f`, `, s.f)`, `= f`, `Key: s.f,`.
  const pattern = `[(,=:]\\s*(?:[A-Za-z_]\\w*\\.)?(${names})\\s*(?=[,)}\\n])`;
  for (const file of analyses.pkg.files) {
    if (file.isTest) continue;
    for (const [name, qualified] of valueMentions(file, pattern)) {
      if (qualified && fieldNames.has(name)) continue;
      for (const fn of candidates.get(name) ?? []) {
        if (qualified === !!fn.receiverType) used.add(fn);
      }
    }
  }
  return used;
}

/** The last pattern's matches in each file: the same names are looked for on every lint of a package. */
const mentionsByFile = new WeakMap<SourceFile, { pattern: string; mentions: Array<[string, boolean]> }>();

/** The names a file's text mentions as values, and whether qualified (`s.f`), by the pattern of functionsUsedAsValues. */
function valueMentions(file: SourceFile, pattern: string): Array<[string, boolean]> {
  const known = mentionsByFile.get(file);
  if (known?.pattern === pattern) return known.mentions;
  const mentions: Array<[string, boolean]> = [];
  for (const match of file.text.matchAll(new RegExp(pattern, 'g'))) mentions.push([match[1]!, match[0].includes('.')]);
  mentionsByFile.set(file, { pattern, mentions });
  return mentions;
}

/** Names of functions called in package-level var initializers (`var ErrX = Register(...)`): init-time calls. */
function calledFromVarInitializers(analyses: PackageAnalyses): Set<string> {
  const names = new Set<string>();
  for (const value of analyses.pkg.values.values()) {
    if (value.isConst || value.file.isTest || !value.valueNode || !value.valueNode.text.includes('(')) continue;
    for (const match of value.valueNode.text.matchAll(/\b([A-Za-z_]\w*)\s*\(/g)) names.add(match[1]!);
  }
  return names;
}
