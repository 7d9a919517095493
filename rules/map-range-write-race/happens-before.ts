// Happens-before between the code of a package and the goroutines and callbacks it starts, as far as
// syntax shows it. A spawned root is not running at a statement that runs, on every path,
//  - before its go statements, in the body holding them or in the functions that body calls first
//    (followed up through callers, a few levels);
//  - after a join: in the body that started it, any `Wait()`, a bare `<-done`, or the end of draining
//    a channel its goroutines close (`for r := range results`); anywhere, a Wait on a WaitGroup it
//    marks Done or a receive from a channel it closes, itself or through a helper goroutine that waits
//    and then closes (its join tokens), on every path into the statement, callers included;
//  - on a value still being built: in a constructor of the value's type (constructors.ts) that does
//    not start the goroutine itself, or in code only such constructors call (the construction phase).
// A deferred call runs at the function's exit, after every path, the early returns included.
// It reports nothing by itself.
import type { SyntaxNode } from '../../src/parse/parser.js';
import { callArguments, unparen } from '../../src/parse/syntax.js';
import type { FuncInfo } from '../../src/index/package-index.js';
import { callGraph } from '../../src/analysis/calls.js';
import { concurrency, type Body, type Root } from './concurrency.js';
import { constructors } from './constructors.js';
import { defineAnalysis } from '../../src/analysis/context.js';
import { forEachNodeState, solveForward, type DataflowResult, type ForwardAnalysis } from '../../src/analysis/dataflow.js';
import { normalisePath } from './paths.js';
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
}

/** How far up the callers the ordering questions look. */
const CALLER_DEPTH = 4;
const WAIT_METHOD = /^(Wait|SignalAndWait)$/;
const NO_ROOTS: ReadonlySet<Root> = new Set();
const NO_KEYS: ReadonlySet<string> = new Set();

export const happensBefore = defineAnalysis('happens-before', (analyses): HappensBefore => {
  const facts = analyses.get(concurrency);
  const builds = analyses.get(constructors).builds;

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
  }
  const endsCache = new Map<Root, Ends>();
  const endsOf = (spawn: Root): Ends => {
    let ends = endsCache.get(spawn);
    if (ends) return ends;
    ends = { done: new Set(), closes: new Set(), waits: new Set() };
    endsCache.set(spawn, ends);
    const target = spawn.target;
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
  let tokenState: { tokens: Map<Root, ReadonlySet<string>>; all: ReadonlySet<string>; names: ReadonlySet<string> } | null = null;
  const tokens = () => {
    if (tokenState) return tokenState;
    const byRoot = new Map<Root, Set<string>>();
    for (const spawn of facts.spawnRoots) {
      const ends = endsOf(spawn);
      const own = new Set<string>([...ends.done, ...ends.closes]);
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
    const names = new Set([...all].map((key) => key.slice(key.lastIndexOf('.') + 1).replace(/^.*:/, '')));
    tokenState = { tokens: byRoot, all, names };
    return tokenState;
  };
  const tokensOf = (spawn: Root): ReadonlySet<string> => tokens().tokens.get(spawn) ?? NO_KEYS;

  // The tokens joined on every path before each statement of a body (a must analysis).
  const joinedLocally = new Map<Body, (node: SyntaxNode) => ReadonlySet<string>>();
  const localJoins = (body: Body, node: SyntaxNode): ReadonlySet<string> => {
    let lookup = joinedLocally.get(body);
    if (!lookup) {
      const { all, names } = tokens();
      const text = body.node.text;
      if (all.size === 0 || ![...names].some((name) => text.includes(name))) lookup = () => NO_KEYS;
      else lookup = joinAnalysis(body, all);
      joinedLocally.set(body, lookup);
    }
    return lookup(node);
  };

  const joinAnalysis = (body: Body, all: ReadonlySet<string>): ((node: SyntaxNode) => ReadonlySet<string>) => {
    const cfg = analyses.cfg(body.node);
    const add = (state: ReadonlySet<string> | null, key: string | null): ReadonlySet<string> | null => {
      if (!key || !all.has(key) || !state || state.has(key)) return state;
      return new Set([...state, key]);
    };
    // A goroutine started again (or a WaitGroup counting up again) is no longer joined.
    const sites = facts.spawnSitesIn(body);
    const restart = (state: ReadonlySet<string> | null, node: SyntaxNode): ReadonlySet<string> | null => {
      if (!state || state.size === 0) return state;
      let next = state;
      for (const site of sites) {
        if (site.node.startIndex < node.startIndex || site.node.endIndex > node.endIndex) continue;
        const own = tokensOf(site.root);
        if ([...own].some((key) => next.has(key))) next = new Set([...next].filter((key) => !own.has(key)));
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
        if (!/Wait\s*\(|<-/.test(node.text)) return restart(state, node);
        let next = restart(state, node);
        for (const join of joinsIn(node)) next = add(next, keyIn(body, join));
        return next;
      },
      edge(state, edge) {
        if (edge.kind !== 'range-done') return state;
        const clause = edge.from.nodes.find((node) => node.type === 'range_clause');
        const over = clause?.childForFieldName('right');
        return over ? add(state, keyIn(body, over)) : state;
      },
    };
    const lookup = statementLookup(cfg, analysis, solveForward(cfg, analysis), NO_KEYS);
    return (node) => lookup(node) ?? NO_KEYS;
  };

  const entryJoins = new Map<FuncInfo, ReadonlySet<string>>();
  const joinedTokens = (body: Body, node: SyntaxNode, depth: number): ReadonlySet<string> => {
    const local = localJoins(body, node);
    const outer = body.parent && !body.spawned ? joinedTokens(body.parent, body.node, depth) : body.parent ? NO_KEYS : joinedAtEntry(body.fn, depth);
    return local.size === 0 ? outer : outer.size === 0 ? local : new Set([...local, ...outer]);
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
        // `<-done` as a statement: waiting for a goroutine to signal it has finished.
        if (node.type === 'expression_statement' && /^\s*<-/.test(node.text)) return NO_ROOTS;
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
    for (const [spawn, own] of tokens().tokens) if ([...own].some((key) => joined.has(key))) roots.add(spawn);
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
        for (const site of graph.sitesOf(caller)) {
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

  const mayRun = (spawn: Root, body: Body, node: SyntaxNode, owner: string | null, throughParameter: boolean, depth: number): boolean => {
    if (spawn.sites.length === 0) return true;
    const own = tokensOf(spawn);
    if (own.size > 0) {
      const joined = joinedTokens(body, node, 0);
      for (const key of own) if (joined.has(key)) return false;
    }
    const spawner = spawn.sites[0]!.body;
    if (spawn.sites.every((site) => site.body === spawner) && within(body, spawner)) {
      const running = runningAt(body, node);
      return !running || running.has(spawn);
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
    if (depth >= CALLER_DEPTH) return true;
    if (isOpenRoot(fn) && !(throughParameter && depth === 0 && !fn.receiverType)) return true;
    const sites = facts.callSitesOf(fn);
    if (sites.length === 0) return true;
    return sites.some((site) => mayRun(spawn, site.body, site.call, owner, false, depth + 1));
  };

  const phases = new Map<string, boolean>();
  const phase = (fn: FuncInfo, owner: string, throughParameter: boolean, depth: number): boolean => {
    if (builds(fn)?.has(owner)) return true;
    const key = `${fn.key}\u0000${owner}\u0000${throughParameter}`;
    const known = phases.get(key);
    if (known !== undefined) return known;
    if (depth > 6 || (isOpenRoot(fn) && !(throughParameter && !fn.receiverType))) return false;
    const sites = facts.callSitesOf(fn);
    if (sites.length === 0) return false;
    phases.set(key, false);
    const result = sites.every((site) => {
      const top = topOf(site.body);
      return !top.spawned && phase(top.fn, owner, false, depth + 1);
    });
    phases.set(key, result);
    return result;
  };

  return {
    runningAt,
    mayRun: (spawn, body, node, owner, throughParameter = false) => mayRun(spawn, body, node, owner, throughParameter, 0),
    inConstruction: (body, owner, throughParameter = false) => {
      const top = topOf(body);
      return !top.spawned && phase(top.fn, owner, throughParameter, 0);
    },
    joinedAt,
    topOf,
  };
});

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
