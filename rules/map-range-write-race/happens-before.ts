// Happens-before between the code of a package and the goroutines and callbacks it starts, as far as
// syntax shows it. A spawned root is not running at a statement that runs, on every path,
//  - before its go statements, in the body holding them or in the functions that body calls first
//    (followed up through callers, a few levels);
//  - after a join: in the body that started it, any `Wait()`, a bare `<-done`, or the end of draining
//    a channel its goroutines close (`for r := range results`); anywhere, a Wait on a WaitGroup it
//    marks Done or a receive from a channel it closes, itself or through a helper goroutine that waits
//    and then closes (its join tokens), on every path into the statement, callers included;
//  - after a counted join: each goroutine sends on a channel as it ends (deferred, or its last
//    statement), and as many receives as goroutines follow on every path, or a loop receiving on
//    every iteration when they were started in a loop; a goroutine started after a join (or after
//    some of the receives) inherits them;
//  - on a value still being built: in a constructor of the value's type (constructors.ts) that does
//    not start the goroutine itself, or in code only such constructors call (the construction phase);
//  - outside the building of a value whose builder joins it: a goroutine started only while a
//    function or method builds the value it returns, and joined before that returns, is over once
//    the value is out;
//  - outside the calls that start it, for a goroutine its starting functions join before they
//    return (workers a helper waits for): it runs only while the goroutines running the helper do;
//  - where every start of it goes through calls in one function (up callers and the goroutines
//    starting it, GATE_DEPTH levels): in that function, before those calls, after a join of it,
//    and on the paths where a local flag says it was not started (started-flags.ts); code that
//    function calls sees the state at the call.
// A call of a same-package function joins what that function joins before returning, and starts
// again what it may start; a call through an interface of the package does both for every
// implementation it may dispatch to (each joins the goroutines it started itself, so the union of
// their joins counts). A goroutine whose last statement calls a helper that closes a struct's
// channel or defers Done on its WaitGroup ends with it.
// A deferred call runs at the function's exit, after every path, the early returns included.
// It reports nothing by itself.
import type { SyntaxNode } from '../../src/parse/parser.js';
import { callArguments, escapeRegExp, unparen } from '../../src/parse/syntax.js';
import type { FuncInfo } from '../../src/index/package-index.js';
import { callGraph } from '../../src/analysis/calls.js';
import { concurrency, insideLoop, type Body, type Root } from './concurrency.js';
import { constructors } from './constructors.js';
import { defineAnalysis } from '../../src/analysis/context.js';
import { functionTextMatches } from '../../src/analysis/functions.js';
import { forEachNodeState, solveForward, type DataflowResult, type ForwardAnalysis } from '../../src/analysis/dataflow.js';
import { normalisePath } from './paths.js';
import { mayBeRunning, startedFlagsAnalysis } from './started-flags.js';
import type { Cfg } from '../../src/cfg/cfg.js';

export interface HappensBefore {
  /** Spawned roots started in `body` (or the body its synchronous literals sit in) that may still run at `node`; null when it starts none. */
  runningAt(body: Body, node: SyntaxNode): ReadonlySet<Root> | null;
  /**
   * Whether `spawn` may be running when `node` in `body` runs. `owner` is the struct type the
   * statement works on, if any; `throughParameter` says it reaches it through a parameter of an
   * exported function, whose in-package callers then stand for all its callers.
   */
  mayRun(spawn: Root, body: Body, node: SyntaxNode, owner: string | null, throughParameter?: boolean): boolean;
  /** True when every way into `body` runs while a value of `owner` is still being built. */
  inConstruction(body: Body, owner: string, throughParameter?: boolean): boolean;
  /** Spawned roots joined, on every path, before `node` (the joins of callers included). */
  joinedAt(body: Body, node: SyntaxNode): ReadonlySet<Root>;
  /** The roots a body runs on its own goroutine for: the nearest spawned literal or top-level body. */
  topOf(body: Body): Body;
  /** The goroutines and callbacks a call of `fn` may start (its own or its callees', a few levels down). */
  startedBy(fn: FuncInfo): readonly Root[];
}

/** How far up the callers the ordering questions look. */
const CALLER_DEPTH = 4;
/** How far up from its starts a goroutine is followed to the function all of them go through. */
const GATE_DEPTH = 8;
const WAIT_METHOD = /^(Wait|SignalAndWait)$/;
const WAITS_OR_RECEIVES = /<-|\.Wait\s*\(/;
const NO_ROOTS: ReadonlySet<Root> = new Set();
const NO_KEYS: ReadonlySet<string> = new Set();
const NO_FUNCTIONS: readonly FuncInfo[] = [];

export const happensBefore = defineAnalysis('happens-before', (analyses): HappensBefore => {
  const facts = analyses.get(concurrency);
  const { builds, freshType, parts } = analyses.get(constructors);

  const topOf = (body: Body): Body => {
    let current = body;
    while (current.parent && !current.spawned) current = current.parent;
    return current;
  };
  const isOpenRoot = (fn: FuncInfo): boolean => {
    for (const root of facts.ownRoots(fn)) if (root.kind !== 'constructor') return true;
    return false;
  };

  /** The key of a path in the function holding it. */
  const keyIn = (body: Body, expression: SyntaxNode): string | null => {
    let bare = unparen(expression);
    if (bare.type === 'unary_expression' && bare.childForFieldName('operator')?.text === '&') bare = unparen(bare.childForFieldName('operand') ?? bare);
    return normalisePath(analyses, body.node, bare)?.key ?? null;
  };

  /** The calls in a body (its nested literals included). */
  const callsIn = (body: Body): SyntaxNode[] =>
    analyses.nodesOfType(body.file, 'call_expression').filter((call) => call.startIndex >= body.node.startIndex && call.endIndex <= body.node.endIndex);

  // What each spawned body does at its end: the WaitGroups it marks Done, the channels it closes,
  // the WaitGroups it waits for.
  interface Ends {
    done: Set<string>;
    closes: Set<string>;
    waits: Set<string>;
    /** Channels it sends on as it ends: in a deferred literal, or as its last statement. */
    signals: Set<string>;
  }
  const endsCache = new Map<Root, Ends>();
  const endsOf = (spawn: Root): Ends => {
    let ends = endsCache.get(spawn);
    if (ends) return ends;
    ends = { done: new Set(), closes: new Set(), waits: new Set(), signals: new Set() };
    endsCache.set(spawn, ends);
    const target = spawn.target;
    if (target && target.node.text.includes('<-')) {
      for (const channel of finalSends(target.node)) for (const key of tokenKeys(spawn, facts.bodyAt(channel) ?? target, channel)) ends.signals.add(key);
    }
    if (target) for (const key of finalHelperEnds(target)) ends.closes.add(key);
    if (!target || !/\bclose\s*\(|\.(Done|Wait|SignalAndWait)\s*\(/.test(target.node.text)) return ends;
    for (const call of callsIn(target)) {
      const callee = call.childForFieldName('function');
      if (!callee) continue;
      const inner = facts.bodyAt(call) ?? target;
      if (callee.type === 'identifier' && callee.text === 'close') {
        const argument = callArguments(call)[0];
        for (const key of argument ? tokenKeys(spawn, inner, argument) : []) ends.closes.add(key);
      } else if (callee.type === 'selector_expression') {
        const method = callee.childForFieldName('field')?.text ?? '';
        const operand = callee.childForFieldName('operand');
        if (!operand || (method !== 'Done' && !WAIT_METHOD.test(method)) || callArguments(call).length > 0) continue;
        for (const key of tokenKeys(spawn, inner, operand)) (method === 'Done' ? ends.done : ends.waits).add(key);
      }
    }
    return ends;
  };

  // A goroutine ending in a call of a helper that closes a struct's channel (`p.finish()` closing
  // `p.done`), or that marks a struct's WaitGroup done as it returns (`defer l.wg.Done()`), ends
  // with it; only a field path says the same on both sides.
  const finalHelperEnds = (target: Body): string[] => {
    const statements = blockStatements(target.node.childForFieldName('body'));
    const last = statements[statements.length - 1];
    const call = last?.type === 'expression_statement' ? unparen(last.namedChild(0) ?? last) : null;
    if (call?.type !== 'call_expression') return [];
    const callee = localCallee(target, call);
    const calleeBody = callee?.node.childForFieldName('body');
    if (!callee || !calleeBody || !/\bclose\s*\(|\.Done\s*\(/.test(calleeBody.text)) return [];
    const keys: string[] = [];
    const fieldKey = (expression: SyntaxNode | undefined | null): void => {
      const path = expression ? normalisePath(analyses, callee.node, unparen(expression)) : null;
      if (path?.ownerType) keys.push(path.key);
    };
    for (const inner of analyses.nodesOfType(callee.file, 'call_expression')) {
      if (inner.startIndex < calleeBody.startIndex || inner.endIndex > calleeBody.endIndex || inner.childForFieldName('function')?.text !== 'close') continue;
      fieldKey(callArguments(inner)[0]);
    }
    const helperStatements = blockStatements(calleeBody);
    helperStatements.forEach((statement, index) => {
      if (statement.type !== 'defer_statement' && index !== helperStatements.length - 1) return;
      const inner = statement.type === 'defer_statement' ? statement.namedChildren.find((child) => child.type === 'call_expression') : statement.type === 'expression_statement' ? unparen(statement.namedChild(0) ?? statement) : null;
      const callee = inner?.type === 'call_expression' ? inner.childForFieldName('function') : null;
      if (callee?.type === 'selector_expression' && callee.childForFieldName('field')?.text === 'Done' && callArguments(inner!).length === 0) fieldKey(callee.childForFieldName('operand'));
    });
    return keys;
  };

  // The same-package functions each call of a top-level function may run: its callee, or every
  // implementation a call through a package interface dispatches to.
  const calleesCache = new Map<FuncInfo, Map<number, FuncInfo[]>>();
  const calleesAt = (body: Body, call: SyntaxNode): readonly FuncInfo[] => {
    let callees = calleesCache.get(body.fn);
    if (!callees) {
      callees = new Map();
      const graph = analyses.get(callGraph);
      for (const site of graph.sitesOf(body.fn)) if (site.local && site.local.via !== 'unique-name') callees.set(site.call.id, [site.local.fn]);
      for (const site of graph.indirectSitesOf(body.fn)) {
        if (site.indirect !== 'dispatch' || !site.local) continue;
        const list = callees.get(site.call.id);
        if (list) list.push(site.local.fn);
        else callees.set(site.call.id, [site.local.fn]);
      }
      calleesCache.set(body.fn, callees);
    }
    return callees.get(call.id) ?? NO_FUNCTIONS;
  };
  const localCallee = (body: Body, call: SyntaxNode): FuncInfo | null => {
    const callees = calleesAt(body, call);
    return callees.length === 1 ? callees[0]! : null;
  };

  /** A path in a spawned body as the spawner names it: a parameter of a spawned function becomes each site's argument. */
  const tokenKeys = (spawn: Root, body: Body, expression: SyntaxNode): string[] => {
    const path = normalisePath(analyses, body.node, unparen(expression));
    if (!path) return [];
    const target = spawn.target;
    if (!target || target.parent || path.ownerType || path.rootDeclaredIn?.id !== target.node.id) return [path.key];
    const name = path.text.split('.')[0]!;
    const position = target.fn.params.findIndex((param) => param.name === name);
    if (position < 0 || path.text !== name) return [path.key];
    const keys: string[] = [];
    for (const site of spawn.sites) {
      const call = site.node.type === 'go_statement' ? site.node.namedChildren.find((child) => child.type === 'call_expression') : null;
      const argument = call ? callArguments(call)[position] : undefined;
      const key = argument ? keyIn(site.body, argument) : null;
      if (key) keys.push(key);
    }
    return keys;
  };

  // Join tokens: what, waited for or received from, means the spawn has finished.
  // A channel the goroutines signal as they end is joined once it was received from as many times as
  // they are: its tokens are `key#n` (n goroutines) or `key#*` (started in a loop), and a state
  // holds `key#1` … `key#k` after k receives (`key#*` after a loop receiving on each iteration).
  let tokenState: {
    tokens: Map<Root, ReadonlySet<string>>;
    all: ReadonlySet<string>;
    names: ReadonlySet<string>;
    signals: ReadonlySet<string>;
  } | null = null;
  const tokens = () => {
    if (tokenState) return tokenState;
    const byRoot = new Map<Root, Set<string>>();
    const senders = new Map<string, number>();
    for (const spawn of facts.spawnRoots) {
      for (const key of endsOf(spawn).signals) {
        const many = spawn.multi || spawn.sites.some((site) => insideLoop(site.node, site.body.node));
        senders.set(key, (senders.get(key) ?? 0) + (many ? Infinity : spawn.sites.length));
      }
    }
    for (const spawn of facts.spawnRoots) {
      const ends = endsOf(spawn);
      const own = new Set<string>([...ends.done, ...ends.closes]);
      for (const key of ends.signals) own.add(countedToken(key, senders.get(key)!));
      for (const site of spawn.sites) {
        // errgroup's and WaitGroup's Go: the group is the token.
        const callee = site.node.type === 'call_expression' ? site.node.childForFieldName('function') : null;
        const operand = callee?.type === 'selector_expression' && callee.childForFieldName('field')?.text === 'Go' ? callee.childForFieldName('operand') : null;
        const key = operand ? keyIn(site.body, operand) : null;
        if (key) own.add(key);
      }
      byRoot.set(spawn, own);
    }
    // `go func() { wg.Wait(); close(results) }()`: results closes once every goroutine holding wg is done.
    for (const helper of facts.spawnRoots) {
      const ends = endsOf(helper);
      if (ends.waits.size === 0 || ends.closes.size === 0) continue;
      for (const [spawn, own] of byRoot) {
        if (spawn !== helper && [...ends.waits].some((key) => own.has(key))) for (const key of ends.closes) own.add(key);
      }
    }
    const all = new Set<string>();
    for (const own of byRoot.values()) for (const key of own) all.add(key);
    const signals = new Set(senders.keys());
    const names = new Set([...all, ...signals].filter((key) => !key.includes('#')).map((key) => key.slice(key.lastIndexOf('.') + 1).replace(/^.*:/, '')));
    tokenState = { tokens: byRoot, all, names, signals };
    return tokenState;
  };
  const tokensOf = (spawn: Root): ReadonlySet<string> => tokens().tokens.get(spawn) ?? NO_KEYS;

  // The tokens joined on every path before each statement of a body (a must analysis).
  interface Joins {
    lookup: (node: SyntaxNode) => ReadonlySet<string>;
    /** Joined on every path to the body's end. */
    exit: ReadonlySet<string>;
  }
  const NO_JOINS: Joins = { lookup: () => NO_KEYS, exit: NO_KEYS };
  const joinedLocally = new Map<Body, Joins>();
  const joinsOf = (body: Body): Joins => {
    let joins = joinedLocally.get(body);
    if (!joins) {
      const { all, signals } = tokens();
      // Set first: a recursive call sees no joins.
      joinedLocally.set(body, NO_JOINS);
      joins = all.size === 0 || !mayJoin(body.node.text) ? NO_JOINS : joinAnalysis(body, all, signals);
      joinedLocally.set(body, joins);
    }
    return joins;
  };
  const localJoins = (body: Body, node: SyntaxNode): ReadonlySet<string> => joinsOf(body).lookup(node);
  /** What a call of a same-package function has joined when it returns. */
  const exitJoins = (fn: FuncInfo): ReadonlySet<string> => {
    const body = facts.bodyOfFunction.get(fn);
    return body ? joinsOf(body).exit : NO_KEYS;
  };

  // Whether a text can join: it names a token, or calls a function that can (a few levels).
  let joinerPattern: RegExp | null | undefined;
  const mayJoin = (text: string): boolean => {
    const { names } = tokens();
    if ([...names].some((name) => text.includes(name))) return true;
    if (joinerPattern === undefined) {
      // Functions that wait or receive on a token, then their callers by name, a few levels up.
      const functions = [...facts.bodyOfFunction.keys()];
      const joiners = new Set<string>();
      const namesPattern = names.size > 0 ? new RegExp([...names].map(escapeRegExp).join('|')) : null;
      let level = namesPattern ? functions.filter((fn) => functionTextMatches(analyses, fn, WAITS_OR_RECEIVES) && functionTextMatches(analyses, fn, namesPattern)) : [];
      for (let depth = 0; depth < 4 && level.length > 0; depth++) {
        for (const fn of level) joiners.add(fn.name);
        const pattern = new RegExp(`\\b(${[...joiners].map(escapeRegExp).join('|')})\\s*\\(`);
        level = functions.filter((fn) => !joiners.has(fn.name) && functionTextMatches(analyses, fn, pattern));
      }
      joinerPattern = joiners.size > 0 ? new RegExp(`\\b(${[...joiners].map(escapeRegExp).join('|')})\\s*\\(`) : null;
    }
    return !!joinerPattern && joinerPattern.test(text);
  };

  // The spawned roots a call of a function may start (its own go statements or its callees').
  const startedCache = new Map<FuncInfo, readonly Root[]>();
  const startedBy = (fn: FuncInfo): readonly Root[] => {
    let started = startedCache.get(fn);
    if (!started) {
      const reached = reaches(fn);
      started = facts.spawnRoots.filter((root) => root.sites.some((site) => reached.has(site.body.fn)));
      startedCache.set(fn, started);
    }
    return started;
  };

  const joinAnalysis = (body: Body, all: ReadonlySet<string>, signals: ReadonlySet<string>): Joins => {
    const cfg = analyses.cfg(body.node);
    const add = (state: ReadonlySet<string> | null, key: string | null): ReadonlySet<string> | null => {
      if (key && signals.has(key) && state) return new Set([...state, countedToken(key, receivedCount(state, key) + 1)]);
      if (!key || !all.has(key) || !state || state.has(key)) return state;
      return new Set([...state, key]);
    };
    // A loop joining on each iteration (a receive, a Wait, a call that joins) has joined one per
    // goroutine when it ends: a signal once per goroutine started, any other token the one of each.
    const loopExit = (state: ReadonlySet<string> | null, loop: SyntaxNode | null | undefined): ReadonlySet<string> | null => {
      if (!state || loop?.type !== 'for_statement') return state;
      let next = state;
      const { operands, calls } = everyIteration(loop);
      const keys = operands.map((operand) => keyIn(body, operand));
      for (const call of calls) for (const callee of calleesAt(body, call)) keys.push(...[...exitJoins(callee)].map(signalOf));
      for (const key of keys) {
        if (!key) continue;
        const token = signals.has(key) ? countedToken(key, Infinity) : all.has(key) ? key : null;
        if (token && !next.has(token)) next = new Set([...next, token]);
      }
      return next;
    };
    // A call of a same-package function: the goroutines it may start are running again, and what it
    // joins before returning is joined.
    const afterCalls = (state: ReadonlySet<string> | null, node: SyntaxNode): ReadonlySet<string> | null => {
      if (!state || !node.text.includes('(')) return state;
      let next = state;
      for (const call of callsOutsideLiterals(node)) {
        // Through an interface, each implementation joins the goroutines it started itself.
        const callees = calleesAt(body, call).filter((callee) => callee !== body.fn);
        for (const callee of callees) {
          const started = startedBy(callee);
          if (started.length > 0 && next.size > 0) {
            const own = started.flatMap((root) => [...tokensOf(root)].map(signalOf));
            if ([...next].some((key) => own.includes(signalOf(key)))) next = new Set([...next].filter((key) => !own.includes(signalOf(key))));
          }
        }
        for (const callee of callees) {
          const joined = exitJoins(callee);
          if (joined.size > 0) next = combineJoins(next, joined);
        }
      }
      return next;
    };
    // A goroutine started again (or a WaitGroup counting up again) is no longer joined.
    const sites = facts.spawnSitesIn(body);
    const restart = (state: ReadonlySet<string> | null, node: SyntaxNode): ReadonlySet<string> | null => {
      if (!state || state.size === 0) return state;
      let next = state;
      for (const site of sites) {
        if (site.node.startIndex < node.startIndex || site.node.endIndex > node.endIndex) continue;
        const own = [...tokensOf(site.root)].map(signalOf);
        if ([...next].some((key) => own.includes(signalOf(key)))) next = new Set([...next].filter((key) => !own.includes(signalOf(key))));
      }
      if (/\.Add\s*\(/.test(node.text)) {
        for (const call of node.descendantsOfType('call_expression')) {
          const callee = call.childForFieldName('function');
          const operand = callee?.type === 'selector_expression' && callee.childForFieldName('field')?.text === 'Add' ? callee.childForFieldName('operand') : null;
          const key = operand ? keyIn(body, operand) : null;
          if (key && next.has(key)) next = new Set([...next].filter((candidate) => candidate !== key));
        }
      }
      return next;
    };
    const analysis: ForwardAnalysis<ReadonlySet<string> | null> = {
      entry: () => NO_KEYS,
      bottom: () => null,
      join: (a, b) => (a === null ? b : b === null ? a : a.size === 0 || b.size === 0 ? NO_KEYS : new Set([...a].filter((key) => b.has(key)))),
      equal: (a, b) => a === b || (!!a && !!b && a.size === b.size && [...a].every((key) => b.has(key))),
      transfer(state, node) {
        if (node.type === 'go_statement' || node.type === 'defer_statement') return restart(state, node);
        if (!/Wait\s*\(|<-/.test(node.text)) return afterCalls(restart(state, node), node);
        let next = afterCalls(restart(state, node), node);
        for (const join of joinsIn(node)) next = add(next, keyIn(body, join));
        return next;
      },
      edge(state, edge) {
        if (edge.kind === 'false' && edge.from.label === 'for.cond' && edge.cond) return loopExit(state, enclosingLoop(edge.cond));
        if (edge.kind !== 'range-done') return state;
        const clause = edge.from.nodes.find((node) => node.type === 'range_clause');
        const over = clause?.childForFieldName('right');
        const drained = over ? add(state, keyIn(body, over)) : state;
        return loopExit(drained, clause?.parent);
      },
    };
    const result = solveForward(cfg, analysis);
    const lookup = statementLookup(cfg, analysis, result, NO_KEYS);
    const exit = (result.reachable[cfg.exit.id] ? result.blockIn[cfg.exit.id] : null) ?? NO_KEYS;
    return { lookup: (node) => lookup(node) ?? NO_KEYS, exit };
  };

  const entryJoins = new Map<FuncInfo, ReadonlySet<string>>();
  const joinedTokens = (body: Body, node: SyntaxNode, depth: number): ReadonlySet<string> => {
    const local = localJoins(body, node);
    const outer = body.parent && !body.spawned ? joinedTokens(body.parent, body.node, depth) : body.parent ? joinedAtStart(body, depth) : joinedAtEntry(body.fn, depth);
    return local.size === 0 ? outer : outer.size === 0 ? local : combineJoins(outer, local);
  };
  // A goroutine started after a join starts with it: the go statement happens after the join.
  const joinedAtStart = (body: Body, depth: number): ReadonlySet<string> => {
    const spawn = body.spawned!;
    if (spawn.target !== body || spawn.sites.length === 0 || tokens().all.size === 0) return NO_KEYS;
    let joined: ReadonlySet<string> | undefined;
    for (const site of spawn.sites) {
      const atSite = joinedTokens(site.body, site.node, depth);
      joined = joined === undefined ? atSite : intersect(joined, atSite);
      if (joined.size === 0) break;
    }
    return joined ?? NO_KEYS;
  };
  const joinedAtEntry = (fn: FuncInfo, depth: number): ReadonlySet<string> => {
    const known = entryJoins.get(fn);
    if (known) return known;
    if (tokens().all.size === 0 || depth >= CALLER_DEPTH || isOpenRoot(fn)) return NO_KEYS;
    const sites = facts.callSitesOf(fn);
    if (sites.length === 0) return NO_KEYS;
    entryJoins.set(fn, NO_KEYS);
    let joined: ReadonlySet<string> | undefined;
    for (const site of sites) {
      const atSite = joinedTokens(site.body, site.call, depth + 1);
      joined = joined === undefined ? atSite : intersect(joined, atSite);
      if (joined.size === 0) break;
    }
    joined ??= NO_KEYS;
    entryJoins.set(fn, joined);
    return joined;
  };

  // Liveness in the body holding spawn sites: started by a site, ended by any join.
  const liveness = new Map<Body, (node: SyntaxNode) => ReadonlySet<Root>>();
  const runningAt = (body: Body, node: SyntaxNode): ReadonlySet<Root> | null => {
    let anchor = node;
    let current = body;
    while (current.parent && !current.spawned && facts.spawnSitesIn(current).length === 0) {
      anchor = current.node;
      current = current.parent;
    }
    const sites = facts.spawnSitesIn(current);
    if (sites.length === 0) return null;
    let lookup = liveness.get(current);
    if (!lookup) {
      lookup = spawnLiveness(current, sites);
      liveness.set(current, lookup);
    }
    return lookup(anchor);
  };

  const spawnLiveness = (body: Body, sites: ReadonlyArray<{ node: SyntaxNode; root: Root }>): ((node: SyntaxNode) => ReadonlySet<Root>) => {
    const cfg = analyses.cfg(body.node);
    const started = new Set(sites.map((site) => site.root));
    const signals = tokens().signals;
    const receivesSignal = (statement: SyntaxNode): boolean => {
      if (signals.size === 0) return false;
      const operand = unparen(statement.namedChild(0) ?? statement).childForFieldName('operand');
      const key = operand ? keyIn(body, operand) : null;
      return !!key && signals.has(key);
    };
    // A channel closed by a goroutine started here: draining it to the end joins that goroutine, or
    // all of them when it waits for the others before closing.
    const closers = new Map<string, Root[]>();
    for (const root of started) {
      for (const key of endsOf(root).closes) {
        const list = closers.get(key);
        if (list) list.push(root);
        else closers.set(key, [root]);
      }
    }
    const analysis: ForwardAnalysis<ReadonlySet<Root>> = {
      entry: () => NO_ROOTS,
      bottom: () => NO_ROOTS,
      join: (a, b) => (a.size === 0 ? b : b.size === 0 ? a : new Set([...a, ...b])),
      equal: (a, b) => a.size === b.size && [...a].every((root) => b.has(root)),
      transfer(state, node) {
        let next: Set<Root> | null = null;
        for (const site of sites) {
          if (site.node.startIndex >= node.startIndex && site.node.endIndex <= node.endIndex && !state.has(site.root)) {
            next ??= new Set(state);
            next.add(site.root);
          }
        }
        if (node.type !== 'go_statement' && node.type !== 'defer_statement' && /\.Wait\s*\(\s*\)/.test(node.text)) return NO_ROOTS;
        // `<-done` as a statement: waiting for a goroutine to signal it has finished (how many
        // receives a counted signal needs is for the join tokens to tell).
        if (node.type === 'expression_statement' && /^\s*<-/.test(node.text) && !receivesSignal(node)) return NO_ROOTS;
        return next ?? state;
      },
      edge(state, edge) {
        if (edge.kind !== 'range-done' || closers.size === 0 || state.size === 0) return state;
        const over = edge.from.nodes.find((node) => node.type === 'range_clause')?.childForFieldName('right');
        const key = over ? keyIn(body, over) : null;
        const closing = key ? closers.get(key) : undefined;
        if (!closing) return state;
        if (closing.some((root) => endsOf(root).waits.size > 0)) return NO_ROOTS;
        return new Set([...state].filter((root) => !closing.includes(root)));
      },
    };
    return statementLookup(cfg, analysis, solveForward(cfg, analysis), NO_ROOTS);
  };

  /** The spawned roots whose tokens are joined before `node`. */
  const joinedAt = (body: Body, node: SyntaxNode): ReadonlySet<Root> => {
    if (tokens().all.size === 0) return NO_ROOTS;
    const joined = joinedTokens(body, node, 0);
    if (joined.size === 0) return NO_ROOTS;
    const roots = new Set<Root>();
    for (const [spawn, own] of tokens().tokens) if ([...own].some((key) => isJoined(joined, key))) roots.add(spawn);
    return roots;
  };

  // Functions a function reaches through calls, a few levels down: where its own goroutines may start.
  const reachCache = new Map<FuncInfo, ReadonlySet<FuncInfo>>();
  const reaches = (fn: FuncInfo): ReadonlySet<FuncInfo> => {
    let reached = reachCache.get(fn);
    if (reached) return reached;
    const graph = analyses.get(callGraph);
    const found = new Set<FuncInfo>([fn]);
    let level = [fn];
    for (let depth = 0; depth < 3 && level.length > 0; depth++) {
      const next: FuncInfo[] = [];
      for (const caller of level) {
        // A call through an interface may run any implementation (and start its goroutines).
        for (const site of [...graph.sitesOf(caller), ...graph.indirectSitesOf(caller)]) {
          const callee = site.local?.fn;
          if (callee && !found.has(callee)) {
            found.add(callee);
            next.push(callee);
          }
        }
      }
      level = next;
    }
    reached = found;
    reachCache.set(fn, reached);
    return reached;
  };

  // Joined before every return that hands out a value (an early `return nil, err` hands out none).
  const returnedJoins = new Map<FuncInfo, ReadonlySet<string>>();
  const joinedWhereReturned = (fn: FuncInfo): ReadonlySet<string> => {
    let joined = returnedJoins.get(fn);
    if (joined) return joined;
    const body = facts.bodyOfFunction.get(fn);
    const returns = body ? analyses.nodesOfType(fn.file, 'return_statement').filter((node) => node.startIndex >= fn.node.startIndex && node.endIndex <= fn.node.endIndex && facts.bodyAt(node) === body) : [];
    let result: ReadonlySet<string> | undefined;
    for (const node of returns) {
      const first = node.namedChild(0)?.type === 'expression_list' ? node.namedChild(0)!.namedChild(0) : node.namedChild(0);
      if (!first || first.text === 'nil') continue;
      const atReturn = localJoins(body!, node);
      result = result === undefined ? atReturn : intersect(result, atReturn);
    }
    joined = result ?? NO_KEYS;
    returnedJoins.set(fn, joined);
    return joined;
  };

  // What reaches `owner` through the receiver is the receiver's, not built here.
  const buildsPart = (fn: FuncInfo, type: string, owner: string): boolean => parts(type).has(owner) && !(fn.receiverType && parts(fn.receiverType).has(owner));

  // The function each root of its own stands for.
  let functionOfRoot: Map<Root, FuncInfo> | null = null;
  const rootFunction = (root: Root): FuncInfo | undefined => {
    if (!functionOfRoot) {
      functionOfRoot = new Map();
      for (const fn of facts.bodyOfFunction.keys()) for (const own of facts.ownRoots(fn)) functionOfRoot.set(own, fn);
    }
    return functionOfRoot.get(root);
  };
  // A goroutine started only while a function or method builds the value it returns (of `owner`'s
  // type, or holding it), and joined before every return of it: the roots of those builders, or null.
  const builderCache = new Map<string, ReadonlySet<Root> | null>();
  const buildersOf = (spawn: Root, owner: string): ReadonlySet<Root> | null => {
    const cacheKey = `${spawn.id}\u0000${owner}`;
    if (builderCache.has(cacheKey)) return builderCache.get(cacheKey)!;
    builderCache.set(cacheKey, null);
    const own = tokensOf(spawn);
    if (spawn.sites.length === 0 || own.size === 0) return null;
    const builders = new Set<Root>();
    for (const site of spawn.sites) {
      for (const root of facts.rootsOf(site.body)) {
        if (root === spawn || builders.has(root)) continue;
        const fn = rootFunction(root);
        const type = fn ? freshType(fn) : null;
        if (!fn || !type || !buildsPart(fn, type, owner)) return null;
        const exit = joinedWhereReturned(fn);
        if (![...own].some((key) => isJoined(exit, key))) return null;
        builders.add(root);
      }
    }
    const result = builders.size > 0 ? builders : null;
    builderCache.set(cacheKey, result);
    return result;
  };

  const mayRun = (spawn: Root, body: Body, node: SyntaxNode, owner: string | null, throughParameter: boolean, depth: number): boolean => {
    if (spawn.sites.length === 0) return true;
    const own = tokensOf(spawn);
    if (own.size > 0) {
      const joined = joinedTokens(body, node, 0);
      for (const key of own) if (isJoined(joined, key)) return false;
    }
    if (owner && own.size > 0 && depth === 0) {
      // Code that does not run while the value is built sees it only once its builder returned.
      const builders = buildersOf(spawn, owner);
      if (builders && ![...facts.rootsOf(body)].some((root) => root === spawn || builders.has(root))) return false;
    }
    if (depth === 0 && !carrying.has(spawn)) {
      // A goroutine living inside its starters' calls is over wherever the goroutines running them are.
      const carriers = carriersOf(spawn);
      if (carriers) {
        carrying.add(spawn);
        const over = [...carriers].every((carrier) => !mayRun(carrier, body, node, owner, throughParameter, 0));
        carrying.delete(spawn);
        if (over) return false;
      }
    }
    const spawner = spawn.sites[0]!.body;
    if (spawn.sites.every((site) => site.body === spawner) && within(body, spawner)) {
      const running = runningAt(body, node);
      if (!running || !running.has(spawn)) return false;
      // The flags of the body starting it may still tell it is not running.
      const top = topOf(body);
      const gates = top.spawned ? null : gatesOf(spawn, top.fn);
      return !gates || runningThroughGates(top, spawn, gates)(anchorIn(body, top, node));
    }
    if (spawn.sites.some((site) => within(body, site.body))) return true;
    const top = topOf(body);
    if (top.spawned) return true;
    const fn = top.fn;
    // A value this constructor builds is seen by no goroutine it does not start itself.
    if (owner && builds(fn)?.has(owner)) {
      const reached = reaches(fn);
      if (!spawn.sites.some((site) => reached.has(site.body.fn))) return false;
    }
    // A function every start of the goroutine goes through tells, statement by statement, whether it runs.
    const gates = gatesOf(spawn, fn);
    if (gates) return runningThroughGates(top, spawn, gates)(anchorIn(body, top, node));
    if (depth >= CALLER_DEPTH) return true;
    if (isOpenRoot(fn) && !(throughParameter && depth === 0 && !fn.receiverType)) return true;
    const sites = facts.callSitesOf(fn);
    if (sites.length === 0) return true;
    return sites.some((site) => mayRun(spawn, site.body, site.call, owner, false, depth + 1));
  };

  // A goroutine that every function starting it joins before returning lives inside their calls:
  // it runs only while the goroutines running those calls do (`grant` starting workers and waiting
  // for them, on the loader's run goroutine). Null when a starter runs for anything but goroutines.
  const carrying = new Set<Root>();
  const carrierCache = new Map<Root, ReadonlySet<Root> | null>();
  const carriersOf = (spawn: Root): ReadonlySet<Root> | null => {
    if (carrierCache.has(spawn)) return carrierCache.get(spawn)!;
    let carriers: Set<Root> | null = null;
    if (tokensOf(spawn).size > 0 && selfJoined(spawn)) {
      carriers = new Set();
      for (const site of spawn.sites) {
        for (const root of facts.rootsOf(site.body)) {
          if (root === spawn || root.kind !== 'spawn') carriers = null;
          if (!carriers) break;
          carriers.add(root);
        }
        if (!carriers) break;
      }
      if (carriers?.size === 0) carriers = null;
    }
    carrierCache.set(spawn, carriers);
    return carriers;
  };

  // The functions the starts of a goroutine come from, up its callers and the goroutines starting
  // it (a few levels): a cheap filter before gatesOf.
  const ancestorCache = new Map<Root, ReadonlySet<FuncInfo>>();
  const ancestorsOf = (spawn: Root): ReadonlySet<FuncInfo> => {
    let found = ancestorCache.get(spawn);
    if (!found) {
      const met = new Set<FuncInfo>();
      walkStarts(spawn, null, met);
      found = met;
      ancestorCache.set(spawn, found);
    }
    return found;
  };
  /**
   * Walks up from the statements that start `spawn`: through the goroutines whose code starts it
   * (to their own starts) and through callers, stopping at `gate`. Returns the nodes of `gate`'s body
   * where the walk arrived (the calls or go statements through which it starts the goroutine), or
   * null when some start can happen without `gate`: from an entry point, a constructor, a function
   * with no known way in, or further up than GATE_DEPTH. Every function met goes into `met`.
   */
  const walkStarts = (spawn: Root, gate: FuncInfo | null, met: Set<FuncInfo> | null): SyntaxNode[] | null => {
    const arrived: SyntaxNode[] = [];
    const seenRoots = new Set<Root>([spawn]);
    const seenFunctions = new Set<FuncInfo>();
    let complete = true;
    let frontier: Array<{ body: Body; node: SyntaxNode }> = [...spawn.sites];
    for (let depth = 0; frontier.length > 0; depth++) {
      if (depth > GATE_DEPTH) return null;
      const next: Array<{ body: Body; node: SyntaxNode }> = [];
      for (const { body, node } of frontier) {
        const top = topOf(body);
        if (top.spawned) {
          const root = top.spawned;
          if (root.kind !== 'spawn' || root.sites.length === 0) complete = false;
          else if (!seenRoots.has(root)) {
            seenRoots.add(root);
            next.push(...root.sites);
          }
          continue;
        }
        if (top.fn === gate) {
          arrived.push(anchorIn(body, top, node));
          continue;
        }
        if (seenFunctions.has(top.fn)) continue;
        seenFunctions.add(top.fn);
        met?.add(top.fn);
        const own = facts.ownRoots(top.fn);
        for (const root of own) {
          if (root.kind !== 'spawn' || root.sites.length === 0) complete = false;
          else if (!seenRoots.has(root)) {
            seenRoots.add(root);
            next.push(...root.sites);
          }
        }
        const sites = facts.callSitesOf(top.fn);
        if (sites.length === 0 && own.size === 0) complete = false;
        for (const site of sites) next.push({ body: site.body, node: site.call });
      }
      if (!complete && gate) return null;
      frontier = next;
    }
    return complete && arrived.length > 0 ? arrived : null;
  };
  // The nodes of `fn` through which every start of `spawn` goes, or null. A function run by several
  // goroutines at once gates nothing: one of them may start it while another is past its join.
  const gateCache = new Map<Root, Map<FuncInfo, readonly SyntaxNode[] | null>>();
  const gatesOf = (spawn: Root, fn: FuncInfo): readonly SyntaxNode[] | null => {
    if (!ancestorsOf(spawn).has(fn)) return null;
    let byFunction = gateCache.get(spawn);
    if (!byFunction) {
      byFunction = new Map();
      gateCache.set(spawn, byFunction);
    }
    if (byFunction.has(fn)) return byFunction.get(fn)!;
    const body = facts.bodyOfFunction.get(fn);
    const shared = !body || [...facts.rootsOf(body)].some((root) => root.kind === 'spawn' && root.multi);
    const gates = shared ? null : walkStarts(spawn, fn, null);
    byFunction.set(fn, gates);
    return gates;
  };

  // Whether `spawn` may run at each statement of a body that starts it only through `gates`: it
  // starts at a gate and is over where the body joins it (a wait or receive on one of its tokens, or
  // a call, through an interface too, that joins it before returning). A local bool set after the
  // start (`started = true`) and tested before the join (`if started { pause() }`) is followed, so
  // the path that never started it does not count as running.
  const gatedCache = new Map<string, (node: SyntaxNode) => boolean>();
  const runningThroughGates = (body: Body, spawn: Root, gates: readonly SyntaxNode[]): ((node: SyntaxNode) => boolean) => {
    const cacheKey = `${body.id}\u0000${spawn.id}`;
    let lookup = gatedCache.get(cacheKey);
    if (lookup) return lookup;
    const own = tokensOf(spawn);
    const joins = (node: SyntaxNode): boolean => {
      if (own.size === 0) return false;
      if (/Wait\s*\(|<-/.test(node.text)) for (const join of joinsIn(node)) if (own.has(keyIn(body, join) ?? '')) return true;
      if (!node.text.includes('(')) return false;
      for (const call of callsOutsideLiterals(node)) {
        for (const callee of calleesAt(body, call)) {
          const exit = exitJoins(callee);
          if (exit.size > 0 && [...own].some((key) => isJoined(exit, key))) return true;
        }
      }
      return false;
    };
    const starts = (node: SyntaxNode): boolean => gates.some((gate) => gate.startIndex >= node.startIndex && gate.endIndex <= node.endIndex);
    const stops = (node: SyntaxNode): boolean => node.type !== 'go_statement' && node.type !== 'defer_statement' && joins(node);
    const analysis = startedFlagsAnalysis(starts, stops);
    const cfg = analyses.cfg(body.node);
    const states = statementLookup(cfg, analysis, solveForward(cfg, analysis), null);
    lookup = (node) => mayBeRunning(states(node));
    gatedCache.set(cacheKey, lookup);
    return lookup;
  };

  const phases = new Map<string, boolean>();
  // A method building the value it returns builds it too, once it joins before returning every
  // goroutine it starts (or starts none).
  const joiningBuilder = (fn: FuncInfo, owner: string): boolean => {
    const type = fn.receiverType ? freshType(fn) : null;
    if (!type || !buildsPart(fn, type, owner)) return false;
    const started = startedBy(fn);
    if (started.length === 0) return true;
    const exit = joinedWhereReturned(fn);
    return started.every((root) => selfJoined(root) || [...tokensOf(root)].some((key) => isJoined(exit, key)));
  };
  // A goroutine whose starting functions each join it before they return.
  const selfJoined = (spawn: Root): boolean =>
    spawn.sites.length > 0 &&
    spawn.sites.every((site) => {
      const top = topOf(site.body);
      const exit = top.spawned ? NO_KEYS : exitJoins(top.fn);
      return [...tokensOf(spawn)].some((key) => isJoined(exit, key));
    });
  const phase = (fn: FuncInfo, owner: string, throughParameter: boolean, depth: number): boolean => {
    if (builds(fn)?.has(owner) || joiningBuilder(fn, owner)) return true;
    const key = `${fn.key}\u0000${owner}\u0000${throughParameter}`;
    const known = phases.get(key);
    if (known !== undefined) return known;
    if (depth > 6 || (isOpenRoot(fn) && !(throughParameter && !fn.receiverType))) return false;
    const sites = facts.callSitesOf(fn);
    if (sites.length === 0) return false;
    phases.set(key, false);
    // A goroutine started only while the value is built, and joined before it is out, builds it too.
    const result = sites.every((site) => {
      const top = topOf(site.body);
      return top.spawned ? buildersOf(top.spawned, owner) !== null : phase(top.fn, owner, false, depth + 1);
    });
    phases.set(key, result);
    return result;
  };

  return {
    runningAt,
    mayRun: (spawn, body, node, owner, throughParameter = false) => mayRun(spawn, body, node, owner, throughParameter, 0),
    inConstruction: (body, owner, throughParameter = false) => {
      const top = topOf(body);
      return top.spawned ? buildersOf(top.spawned, owner) !== null : phase(top.fn, owner, throughParameter, 0);
    },
    joinedAt,
    topOf,
    startedBy,
  };
});

/** The node of `top`'s own body holding `node`: itself, or the outermost func literal around it. */
function anchorIn(body: Body, top: Body, node: SyntaxNode): SyntaxNode {
  let anchor = node;
  for (let current: Body | null = body; current && current !== top; current = current.parent) anchor = current.node;
  return anchor;
}

/** The token of a channel `senders` goroutines signal as they end: `key#n`, or `key#*` for many. */
function countedToken(key: string, senders: number): string {
  return `${key}#${senders === Infinity ? '*' : senders}`;
}

/** The channel of a counted token (any other token is its own). */
function signalOf(token: string): string {
  const hash = token.lastIndexOf('#');
  return hash < 0 ? token : token.slice(0, hash);
}

/** How many receives of a signal channel a state holds. */
function receivedCount(state: ReadonlySet<string>, key: string): number {
  let count = 0;
  while (state.has(countedToken(key, count + 1))) count++;
  return count;
}

/** A token is joined when the state holds it; a counted one also after a receiving loop. */
function isJoined(joined: ReadonlySet<string>, token: string): boolean {
  if (joined.has(token)) return true;
  const key = signalOf(token);
  return key !== token && joined.has(countedToken(key, Infinity));
}

/** Joins before a body (`outer`) and in it (`local`): the union, with the receives of a signal added up. */
function combineJoins(outer: ReadonlySet<string>, local: ReadonlySet<string>): ReadonlySet<string> {
  const result = new Set([...outer, ...local]);
  for (const token of local) {
    const key = signalOf(token);
    if (key === token || !token.endsWith('#1')) continue;
    const total = receivedCount(outer, key) + receivedCount(local, key);
    for (let count = 1; count <= total; count++) result.add(countedToken(key, count));
  }
  return result;
}

/**
 * Channels a function body sends on as it ends: in a deferred func literal's top-level statements, or
 * as the body's last statement.
 */
function finalSends(fnNode: SyntaxNode): SyntaxNode[] {
  const block = fnNode.childForFieldName('body');
  const statements = block ? blockStatements(block) : [];
  const channels: SyntaxNode[] = [];
  const last = statements[statements.length - 1];
  if (last?.type === 'send_statement') channels.push(last.childForFieldName('channel')!);
  for (const statement of statements) {
    if (statement.type !== 'defer_statement') continue;
    const call = statement.namedChildren.find((child) => child.type === 'call_expression');
    const literal = call ? unparen(call.childForFieldName('function') ?? call) : null;
    if (literal?.type !== 'func_literal') continue;
    for (const inner of blockStatements(literal.childForFieldName('body'))) if (inner.type === 'send_statement') channels.push(inner.childForFieldName('channel')!);
  }
  return channels.filter((channel) => !!channel);
}

/** The statements of a block, through tree-sitter-go's statement_list. */
function blockStatements(block: SyntaxNode | null): SyntaxNode[] {
  if (!block) return [];
  const statements: SyntaxNode[] = [];
  for (const child of block.namedChildren) {
    if (child.type === 'statement_list') statements.push(...child.namedChildren);
    else if (child.type !== 'comment') statements.push(child);
  }
  return statements;
}

/**
 * What every iteration of a loop does, in its body's own statements (not in nested blocks, cases or
 * literals): the operands it receives from or waits on, and the calls it makes.
 */
function everyIteration(loop: SyntaxNode): { operands: SyntaxNode[]; calls: SyntaxNode[] } {
  const operands: SyntaxNode[] = [];
  const calls: SyntaxNode[] = [];
  const visit = (current: SyntaxNode): void => {
    if (current.type === 'func_literal' || current.type === 'block' || /^(select|expression_switch|type_switch)_statement$/.test(current.type)) return;
    if (current.type === 'unary_expression' && current.childForFieldName('operator')?.text === '<-') {
      const operand = current.childForFieldName('operand');
      if (operand) operands.push(operand);
    } else if (current.type === 'call_expression') {
      const callee = current.childForFieldName('function');
      const operand = callee?.type === 'selector_expression' ? callee.childForFieldName('operand') : null;
      if (operand && WAIT_METHOD.test(callee!.childForFieldName('field')?.text ?? '') && callArguments(current).length === 0) operands.push(operand);
      else calls.push(current);
    }
    for (const child of current.namedChildren) visit(child);
  };
  for (const statement of blockStatements(loop.childForFieldName('body'))) visit(statement);
  return { operands, calls };
}

/** The calls in a statement, outside the func literals it holds. */
function callsOutsideLiterals(node: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const visit = (current: SyntaxNode): void => {
    if (current.type === 'func_literal') return;
    if (current.type === 'call_expression') found.push(current);
    for (const child of current.namedChildren) visit(child);
  };
  visit(node);
  return found;
}

function enclosingLoop(node: SyntaxNode): SyntaxNode | null {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'for_statement') return current;
  return null;
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  return new Set([...a].filter((key) => b.has(key)));
}

/** True when `body` is `outer` or a synchronous literal inside it. */
function within(body: Body, outer: Body): boolean {
  for (let current: Body | null = body; current; current = current.spawned ? null : current.parent) {
    if (current === outer) return true;
  }
  return false;
}

/** Waits and receives a statement performs: the operand of `x.Wait()`, of `<-x`. Nested func literals are left out. */
function joinsIn(node: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const visit = (current: SyntaxNode): void => {
    if (current.type === 'func_literal') return;
    if (current.type === 'call_expression') {
      const callee = current.childForFieldName('function');
      const operand = callee?.type === 'selector_expression' ? callee.childForFieldName('operand') : null;
      if (operand && WAIT_METHOD.test(callee!.childForFieldName('field')?.text ?? '') && callArguments(current).length === 0) found.push(operand);
    } else if (current.type === 'unary_expression' && current.childForFieldName('operator')?.text === '<-') {
      const operand = current.childForFieldName('operand');
      if (operand) found.push(operand);
    }
    for (const child of current.namedChildren) visit(child);
  };
  visit(node);
  return found;
}

/**
 * The state before the innermost CFG statement holding a node. A node in a defer statement runs when
 * the function returns, so it gets the state at the exit; so does a node in no statement at all.
 */
function statementLookup<S>(cfg: Cfg, analysis: ForwardAnalysis<S>, result: DataflowResult<S>, empty: S): (node: SyntaxNode) => S {
  const statements: Array<{ node: SyntaxNode; before: S }> = [];
  forEachNodeState(cfg, analysis, result, (node, before) => statements.push({ node, before }));
  const atExit = result.reachable[cfg.exit.id] ? (result.blockIn[cfg.exit.id] ?? empty) : empty;
  return (node) => {
    let best: { node: SyntaxNode; before: S } | null = null;
    for (const statement of statements) {
      if (statement.node.startIndex <= node.startIndex && statement.node.endIndex >= node.endIndex) {
        if (!best || statement.node.startIndex >= best.node.startIndex) best = statement;
      }
    }
    if (!best || best.node.type === 'defer_statement') return atExit ?? empty;
    return best.before ?? empty;
  };
}
