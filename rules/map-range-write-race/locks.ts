// Lock use: which mutexes are held, and in which mode, at each statement of a function. A forward
// dataflow over the CFG follows `X.Lock()`, `X.RLock()`, `X.Unlock()` and `X.RUnlock()` statements and
// calls of same-package helpers that take or release a lock (`s.lock()`), and `if X.TryLock()` on its
// true edge; `defer X.Unlock()` keeps the lock until the function returns, so it changes nothing
// inside the body. Locks are keyed by their normalised path (paths.ts: `s.mu` and `c.mu` of T are both
// `T.mu`), through the embedded mutexes and lock aliases of lock-aliases.ts. A lock held on every path
// counts (must-hold); where paths disagree on the mode, the weaker (read) mode wins.
//
// On top of that, entry contexts: the locks held whenever a body starts. Exported functions, functions
// without callers, goroutines and callbacks start with none; any other function starts with the
// locks held at every one of its call sites (the caller's own entry locks included; a library call
// that calls back methods of its argument, such as `heap.Push(&s.h, x)`, counts as a call site of
// those methods, see calls.ts); a synchronous
// func literal starts with the locks held where it is written, plus those a same-package helper holds
// when it calls it (`withLock(mu, func() {...})`). A function that releases a lock it did not take
// (a transaction's close releasing what Begin took), and a caller calling it without taking that
// lock first, start with it held until they release it. Helpers named `*Locked` or documented as
// needing the lock held, and callbacks handed to code out of sight (`db.Update(func(tx) {...})`), are
// assumed to run under the right lock (the wildcard lock).
//
// In an editor's lints, a body's own lock states in a file the edit did not touch are reused from the
// previous lint while its CFG, the helpers' effects and the lock aliases are the same.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { callArguments, expressionListItems, unnegate, unparen } from '../../src/parse/syntax.js';
import { searchEmbedded, type FuncInfo } from '../../src/index/package-index.js';
import { callGraph, resolveCall } from '../../src/analysis/calls.js';
import { concurrency, type Body, type CallSiteInBody, type Root } from './concurrency.js';
import { defineAnalysis, type PackageAnalyses, type Question } from '../../src/analysis/context.js';
import { functionFact } from '../../src/analysis/carry-over.js';
import { forEachNodeState, solveForward, type ForwardAnalysis } from '../../src/analysis/dataflow.js';
import { happensBefore } from './happens-before.js';
import { embeddedMutexKey, lockAliases } from './lock-aliases.js';
import { normalisePath, type NormalisedPath } from './paths.js';
import { namedType, scopeFor, typeOfExpression } from '../../src/analysis/types.js';

export type LockMode = 'read' | 'write';

export interface HeldLock {
  mode: LockMode;
  /** The lock as written where it was taken: `s.mu`. */
  text: string;
  /** The statement that took it (or the function entry it came with). */
  node: SyntaxNode | null;
  /** True when the lock was taken on a struct embedding its mutex (`s.Lock()`), so `text` names the struct. */
  embedded?: boolean;
}

/** A normalised lock path; `embedded` when it names a struct locked through its embedded mutex. */
type LockPath = NormalisedPath & { embedded?: boolean };

/** Held locks keyed by normalised path. */
export type LockSet = ReadonlyMap<string, HeldLock>;

/** The key of the lock a caller is assumed to hold (helpers named `*Locked`). */
export const ASSUMED_LOCK = '*';

const EMPTY: LockSet = new Map();
/** Library calls known to run a func argument right away, under no lock of theirs. */
const SYNCHRONOUS_CALLBACKS = /^(Slice|SliceStable|Search|Sort|Map|Walk|WalkDir|Range|Do|Until|UntilWithContext|Seq|After|AfterFunc)$/;
const LOCK_METHODS = /^(Lock|RLock|Unlock|RUnlock)$/;
const LOCK_CALL_TEXT = /\b(R?Lock|R?Unlock)\s*\(\s*\)\s*$/;
const ASSUMED_NAME = /(Locked|_locked|NoLock|Unlocked)$/;
const ASSUMED_DOC = new RegExp(
  [
    '\\b(must|should)\\s+(be\\s+)?(hold|held|holding|called\\s+with)\\b',
    '\\bmust\\s+be\\s+called\\s+(while\\s+|when\\s+)?(holding|under)\\b',
    '\\b(lock|mu|mutex)\\s+(is\\s+|must\\s+be\\s+)?(held|r?locked)\\b',
    '\\bcallers?\\s+(must\\s+|should\\s+)?(have\\s+)?(holds?|r?locked|r?lock)\\b',
    '\\bmust\\s+ensure\\s+(that\\s+)?[\\w.]+\\s+is\\s+(r?locked|held)\\b',
    '\\bwith\\s+\\S+\\s+(r?locked|held)\\b',
    // No lock needed: the contract rules out overlap.
    '\\bmust\\s+not\\s+be\\s+called\\s+concurrent(ly)?\\b',
  ].join('|'),
  'i',
);

/** A lock statement: `X.Lock()` and friends, as the whole of an expression statement. */
function lockCall(statement: SyntaxNode): { method: string; operand: SyntaxNode; call: SyntaxNode } | null {
  if (statement.type !== 'expression_statement' || !LOCK_CALL_TEXT.test(statement.text)) return null;
  const call = unparen(statement.namedChild(0)!);
  if (call.type !== 'call_expression') return null;
  const callee = call.childForFieldName('function');
  if (!callee || callee.type !== 'selector_expression') return null;
  const method = callee.childForFieldName('field')?.text ?? '';
  const operand = callee.childForFieldName('operand');
  if (!LOCK_METHODS.test(method) || !operand) return null;
  return { method, operand, call };
}

/** What calling a helper does to the held locks. */
interface LockEffect {
  acquire: Map<string, HeldLock>;
  release: Set<string>;
}

export interface LockUse {
  /** The locks held just before `node` runs, counting only what `bodyNode` itself did. */
  heldLocally(bodyNode: SyntaxNode, node: SyntaxNode): LockSet;
  /** The locks held at entry of a body, or null when no root reaches it. */
  entryLocks(body: Body): LockSet | null;
  /** The locks held just before `node` in `body`: its entry locks plus what the body did. */
  heldAt(body: Body, node: SyntaxNode): LockSet;
  /** The same, counting only the calls that come from `root` (at least what heldAt says). */
  heldFrom(body: Body, node: SyntaxNode, root: Root): LockSet;
}

/** Joins two lock sets met on different paths: locks held on both, in the weaker mode. */
export function meetLocks(a: LockSet, b: LockSet): LockSet {
  if (a === b) return a;
  const result = new Map<string, HeldLock>();
  for (const [key, held] of a) {
    const other = b.get(key);
    if (!other) continue;
    result.set(key, held.mode === 'write' && other.mode === 'write' ? held : held.mode === 'read' ? held : other);
  }
  return result;
}

/** Locks held in either set (the stronger mode wins). */
export function unionLocks(a: LockSet, b: LockSet): LockSet {
  if (a.size === 0) return b;
  if (b.size === 0) return a;
  const result = new Map(a);
  for (const [key, held] of b) {
    const mine = result.get(key);
    if (!mine || (mine.mode === 'read' && held.mode === 'write')) result.set(key, held);
  }
  return result;
}

function sameLocks(a: LockSet | null, b: LockSet | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.size !== b.size) return false;
  for (const [key, held] of a) if (b.get(key)?.mode !== held.mode) return false;
  return true;
}

/** How many locks and unlocks a function body takes, by text; null for a body too long to be a helper. */
interface LockCounts {
  locks: number;
  unlocks: number;
}
const lockCounts = new WeakMap<FuncInfo, LockCounts | null>();

function countLocks(fn: FuncInfo): LockCounts | null {
  const body = fn.node.childForFieldName('body');
  if (!body || body.endIndex - body.startIndex > 4000) return null;
  const text = body.text;
  return { locks: text.match(/\.R?Lock\s*\(\s*\)/g)?.length ?? 0, unlocks: text.match(/\.R?Unlock\s*\(\s*\)/g)?.length ?? 0 };
}

/** A body's lock states before each statement, and the questions they rest on. */
interface LockTable {
  lookup: (node: SyntaxNode) => LockSet;
  questions: Question[];
}

/** Per lint, the lock tables of heldLocally by body node id, for the next lint to reuse. */
const lockTables = new WeakMap<PackageAnalyses, Map<number, LockTable>>();

/** The lookup of a body that takes no lock. */
const NO_LOCKS = (): LockSet => EMPTY;

/**
 * The lock states before each of a body's statements, looked up by node. Built here, away from the
 * analysis, so that a table kept for the next lint holds its statements and states and nothing else.
 */
function statesLookup(statements: readonly SyntaxNode[], states: readonly LockSet[]): (node: SyntaxNode) => LockSet {
  const innermost = innermostStatement(statements);
  return (target) => {
    const index = innermost(target);
    return index >= 0 ? states[index]! : EMPTY;
  };
}

/**
 * The innermost of some CFG statements holding a node: the holder starting last (the later one in
 * the list on a tie), or -1. Statements are sorted once, so a question costs a binary search and a
 * short walk back rather than a pass over all of them.
 */
function innermostStatement(statements: readonly SyntaxNode[]): (node: SyntaxNode) => number {
  const order = statements.map((_, index) => index);
  const starts = statements.map((statement) => statement.startIndex);
  const ends = statements.map((statement) => statement.endIndex);
  order.sort((a, b) => starts[a]! - starts[b]! || a - b);
  // The furthest end among the statements up to each position of the order: none earlier can hold a node ending later.
  const reach: number[] = [];
  for (let position = 0; position < order.length; position++) reach.push(Math.max(position > 0 ? reach[position - 1]! : -1, ends[order[position]!]!));
  return (node) => {
    const start = node.startIndex;
    const end = node.endIndex;
    let low = 0;
    let high = order.length - 1;
    let last = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (starts[order[middle]!]! <= start) {
        last = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    for (let position = last; position >= 0 && reach[position]! >= end; position--) {
      if (ends[order[position]!]! >= end) return order[position]!;
    }
    return -1;
  };
}

/** Whether a file's text may hold a lock contract; it depends on the text alone, so it outlives one lint. */
const filesWithAssumedDoc = new WeakMap<SourceFile, boolean>();
/**
 * Whether a function's name or doc comment says its caller holds the lock: its own declaration tells
 * (the file-wide test above only rules files out), so it outlives one lint too.
 */
const documentedFunctions = new WeakMap<FuncInfo, boolean>();

/** The lock use of the package. */
export const lockUse = defineAnalysis('lock-use', (analyses): LockUse => {
  const pkg = analyses.pkg;
  const facts = analyses.get(concurrency);

  const aliases = analyses.get(lockAliases);
  const keyOfLock = (fnNode: SyntaxNode, operand: SyntaxNode): NormalisedPath | null => {
    const path = normalisePath(analyses, fnNode, operand);
    const alias = path ? aliases.get(path.key) : undefined;
    return path && alias ? { ...path, key: alias } : path;
  };

  /** The key of the mutex `operand` names; 'helper' when `operand.method()` is a same-package method. */
  const lockKeyOf = (fnNode: SyntaxNode, operand: SyntaxNode, method: string): LockPath | 'helper' | null => {
    const type = typeOfExpression(pkg, scopeFor(analyses, fnNode, operand), operand);
    const typeName = type ? namedType(type) : null;
    if (typeName && pkg.methods.get(typeName)?.has(method)) return 'helper';
    const path = keyOfLock(fnNode, operand);
    if (!path) return null;
    // `s.Lock()` on a struct embedding a mutex, at any depth: the lock is that embedded mutex.
    if (typeName && pkg.types.get(typeName)?.kind === 'struct') {
      const key = embeddedMutexKey(pkg, typeName) ?? (unparen(operand).type === 'identifier' ? `${typeName}.<mutex>` : `${path.key}.<mutex>`);
      return { ...path, key, embedded: true };
    }
    return path;
  };

  /** `if s.mu.TryLock() {` holds the lock on the true edge (on the false edge of `!s.mu.TryLock()`). */
  const applyTryLock = (state: LockSet, fnNode: SyntaxNode, condition: SyntaxNode, taken: boolean): LockSet => {
    if (!condition.text.includes('TryLock') && !condition.text.includes('TryRLock')) return state;
    const { operand: call, negated } = unnegate(condition);
    const held = taken !== negated;
    if (!held || call.type !== 'call_expression') return state;
    const callee = call.childForFieldName('function');
    const method = callee?.type === 'selector_expression' ? callee.childForFieldName('field')?.text : undefined;
    const operand = callee?.childForFieldName('operand');
    if (!operand || (method !== 'TryLock' && method !== 'TryRLock')) return state;
    const path = lockKeyOf(fnNode, operand, method);
    if (!path || path === 'helper') return state;
    const next = new Map(state);
    next.set(path.key, { mode: method === 'TryLock' ? 'write' : 'read', text: path.text, node: call, embedded: path.embedded });
    return next;
  };

  const applyLockCall = (state: LockSet, fnNode: SyntaxNode, statement: SyntaxNode, effects: Map<FuncInfo, LockEffect> | null): LockSet => {
    const lock = lockCall(statement);
    if (lock) {
      const path = lockKeyOf(fnNode, lock.operand, lock.method);
      if (path === 'helper') return applyEffect(state, fnNode, lock.call, effects);
      if (!path) return state;
      const next = new Map(state);
      if (lock.method === 'Lock') next.set(path.key, { mode: 'write', text: path.text, node: statement, embedded: path.embedded });
      else if (lock.method === 'RLock') {
        if (state.get(path.key)?.mode !== 'write') next.set(path.key, { mode: 'read', text: path.text, node: statement, embedded: path.embedded });
      } else next.delete(path.key);
      return next;
    }
    if (effects && effects.size > 0 && statement.type === 'expression_statement') {
      const call = unparen(statement.namedChild(0)!);
      if (call.type === 'call_expression') return applyEffect(state, fnNode, call, effects);
    }
    return state;
  };

  const applyEffect = (state: LockSet, fnNode: SyntaxNode, call: SyntaxNode, effects: Map<FuncInfo, LockEffect> | null): LockSet => {
    if (!effects || effects.size === 0) return state;
    const resolved = resolveCall(analyses, call, fnNode);
    if (resolved.kind !== 'local') return state;
    const effect = effects.get(resolved.fn);
    if (!effect) return state;
    const next = new Map(state);
    for (const key of effect.release) next.delete(key);
    for (const [key, held] of effect.acquire) next.set(key, { ...held, node: call });
    return next;
  };

  const solve = (fnNode: SyntaxNode, effects: Map<FuncInfo, LockEffect> | null) => {
    const cfg = analyses.cfg(fnNode);
    const analysis: ForwardAnalysis<LockSet> = {
      entry: () => EMPTY,
      bottom: () => EMPTY,
      join: meetLocks,
      equal: (a, b) => sameLocks(a, b),
      transfer: (state, node) => applyLockCall(state, fnNode, node, effects),
      edge: (state, edge) => (edge.cond && (edge.kind === 'true' || edge.kind === 'false') ? applyTryLock(state, fnNode, edge.cond, edge.kind === 'true') : state),
    };
    return { cfg, analysis, result: solveForward(cfg, analysis) };
  };

  // Helpers that return with a lock held, or that release one they did not take.
  const effects = new Map<FuncInfo, LockEffect>();
  const releasedHere = new Map<FuncInfo, Map<string, HeldLock>>();
  for (const fn of pkg.functions) {
    // Only a helper whose locks and unlocks do not pair up can change the caller's locks.
    const counted = functionFact(analyses, lockCounts, fn, () => countLocks(fn));
    if (!counted || counted.locks === counted.unlocks) continue;
    const unlocks = counted.unlocks;
    const { cfg, analysis, result } = solve(fn.node, null);
    const acquire = new Map(result.reachable[cfg.exit.id] ? result.blockIn[cfg.exit.id]! : EMPTY);
    for (const defer of cfg.defers) {
      for (const match of defer.text.matchAll(/([\w.]+)\.R?Unlock\s*\(\s*\)/g)) {
        for (const [key, held] of acquire) if (held.text === match[1]) acquire.delete(key);
      }
    }
    const release = new Set<string>();
    forEachNodeState(cfg, analysis, result, (node, before) => {
      const lock = lockCall(node);
      if (!lock) return;
      const path = lockKeyOf(fn.node, lock.operand, lock.method);
      if (!path || path === 'helper') return;
      if (lock.method === 'Unlock' || lock.method === 'RUnlock') {
        if (!before.has(path.key)) {
          release.add(path.key);
          let released = releasedHere.get(fn);
          if (!released) releasedHere.set(fn, (released = new Map()));
          released.set(path.key, { mode: 'write', text: path.text, node, embedded: path.embedded });
        }
      } else if (unlocks === 0 && !acquire.has(path.key) && !path.key.startsWith('local:')) {
        // A helper that only locks (`lockNodes(a, b)` locking each in a loop) returns holding what it took.
        acquire.set(path.key, { mode: lock.method === 'Lock' ? 'write' : 'read', text: path.text, node, embedded: path.embedded });
      }
    });
    if (acquire.size > 0 || release.size > 0) effects.set(fn, { acquire, release });
  }
  const effectNames = new Set([...effects.keys()].map((fn) => fn.name));
  const mentionsEffect = (text: string): boolean => {
    for (const name of effectNames) if (text.includes(`${name}(`)) return true;
    return false;
  };

  // A body's own lock states rest on its text, the declarations, its CFG, the helpers' effects and the
  // lock aliases: in a file the next lint shares, they are reused while those answer alike.
  const effectsKey = JSON.stringify([...effects].map(([fn, effect]) => [fn.key, fn.file.path, [...effect.acquire].map(([key, held]) => [key, held.mode, held.text, !!held.embedded]), [...effect.release]]));
  const aliasesKey = JSON.stringify([...aliases]);
  const tables = new Map<number, LockTable>();
  lockTables.set(analyses, tables);
  const stillAnswered = (question: Question): boolean => {
    if (question.kind === 'lock-effects') return question.answer === effectsKey;
    if (question.kind === 'lock-aliases') return question.answer === aliasesKey;
    return analyses.askAgain(question);
  };
  const buildLookup = (bodyNode: SyntaxNode): ((node: SyntaxNode) => LockSet) => {
    analyses.noteQuestion(() => ({ kind: 'lock-effects', answer: effectsKey }));
    analyses.noteQuestion(() => ({ kind: 'lock-aliases', answer: aliasesKey }));
    const text = bodyNode.childForFieldName('body')?.text ?? '';
    if (!/Lock\s*\(\s*\)/.test(text) && !mentionsEffect(text)) return NO_LOCKS;
    const { cfg, analysis, result } = solve(bodyNode, effects);
    const statements: SyntaxNode[] = [];
    const states: LockSet[] = [];
    forEachNodeState(cfg, analysis, result, (statement, before) => {
      statements.push(statement);
      states.push(before);
    });
    return statesLookup(statements, states);
  };
  const local = new Map<number, (node: SyntaxNode) => LockSet>();
  const heldLocally = (bodyNode: SyntaxNode, node: SyntaxNode): LockSet => {
    let lookup = local.get(bodyNode.id);
    if (!lookup) {
      const file = analyses.fileOf(bodyNode);
      // The previous lint is looked up here, never kept in this closure: it is dropped once this lint ends.
      const carry = analyses.carried();
      const previous = file && carry?.correspondence.sharesFile(file) ? lockTables.get(carry.previous)?.get(bodyNode.id) : undefined;
      if (previous && previous.questions.every(stillAnswered)) {
        lookup = previous.lookup;
        tables.set(bodyNode.id, previous);
      } else if (analyses.incremental) {
        // Kept, with the questions it rests on, for the next lint to reuse.
        const { value, questions } = analyses.recordQuestions(() => buildLookup(bodyNode));
        lookup = value;
        tables.set(bodyNode.id, { lookup, questions });
      } else lookup = buildLookup(bodyNode);
      local.set(bodyNode.id, lookup);
    }
    return lookup(node);
  };

  // Entry locks of top-level functions: a fixpoint that only shrinks, starting from "unknown" (null).
  const entry = new Map<FuncInfo, LockSet | null>();
  const assumed: LockSet = new Map([[ASSUMED_LOCK, { mode: 'write', text: 'the lock its name or comment says the caller holds', node: null }]]);
  const callSites = new Map<FuncInfo, readonly CallSiteInBody[]>();
  for (const fn of facts.bodyOfFunction.keys()) {
    const sites = facts.callSitesOf(fn);
    if (sites.length > 0) callSites.set(fn, sites);
  }
  const entryOfBody = (body: Body): LockSet | null => {
    if (body.spawned) return EMPTY;
    if (!body.parent) return entry.get(body.fn) ?? null;
    const outer = entryOfBody(body.parent);
    if (!outer) return null;
    return unionLocks(unionLocks(outer, heldLocally(body.parent.node, body.node)), callbackLocks(body));
  };

  // Entry locks along the calls that come from one root: the meet over the call sites that root reaches.
  const fromCache = new Map<string, LockSet | null>();
  const entryFrom = (body: Body, root: Root, depth: number): LockSet | null => {
    if (body.spawned) return EMPTY;
    if (body.parent) {
      const outer = entryFrom(body.parent, root, depth);
      return outer && unionLocks(unionLocks(outer, heldLocally(body.parent.node, body.node)), callbackLocks(body));
    }
    const fn = body.fn;
    const known = entry.get(fn);
    if (facts.ownRoots(fn).has(root)) return known === assumed ? assumed : (required.get(fn) ?? EMPTY);
    if (known === assumed) return known;
    const key = `${body.id}:${root.id}`;
    if (fromCache.has(key)) return fromCache.get(key)!;
    if (depth > 20) return known ?? null;
    fromCache.set(key, null);
    let result: LockSet | null = null;
    for (const site of sharedSites(fn) ?? callSites.get(fn) ?? []) {
      if (!facts.rootsOf(site.body).has(root)) continue;
      const callerEntry = entryFrom(site.body, root, depth + 1);
      if (!callerEntry) continue;
      const atSite = atCallSite(site, callerEntry);
      result = result ? meetLocks(result, atSite) : atSite;
    }
    const needs = required.get(fn);
    if (result && needs) result = unionLocks(result, needs);
    result ??= known ?? null;
    fromCache.set(key, result);
    return result;
  };

  // `withLock(dc, func() {...})`: the helper calls its func parameter with a lock held, maybe one
  // named by another parameter, which then stands for the caller's argument.
  const callbackCache = new Map<number, LockSet>();
  const callbackLocks = (body: Body): LockSet => {
    const cached = callbackCache.get(body.id);
    if (cached) return cached;
    callbackCache.set(body.id, EMPTY);
    const list = body.node.parent;
    const call = list?.type === 'argument_list' ? list.parent : null;
    if (!call || call.type !== 'call_expression' || !body.parent) return EMPTY;
    const args = callArguments(call);
    const index = args.findIndex((argument) => argument.id === body.node.id);
    const resolved = resolveCall(analyses, call, body.parent.node);
    // A callback handed to code we cannot see (`db.Update(func(tx) {...})`) may well run under that
    // code's lock or transaction: assume it is guarded rather than guess.
    if (resolved.kind === 'external' || resolved.kind === 'unknown') {
      if (!SYNCHRONOUS_CALLBACKS.test(resolved.name ?? '')) callbackCache.set(body.id, assumed);
      return callbackCache.get(body.id)!;
    }
    if (resolved.kind !== 'local') return EMPTY;
    const helper = resolved.fn;
    const param = helper.params[index]?.name;
    const helperBody = helper.node.childForFieldName('body');
    if (!param || !helperBody) return EMPTY;
    if (handsOn(analyses, helper, helperBody, param)) {
      callbackCache.set(body.id, assumed);
      return assumed;
    }
    if (!helperBody.text.includes(param) || !/Lock\s*\(\s*\)/.test(helperBody.text)) return EMPTY;
    let result: LockSet | null = null;
    for (const inner of analyses.nodesOfType(helper.file, 'call_expression')) {
      if (inner.startIndex < helperBody.startIndex || inner.endIndex > helperBody.endIndex) continue;
      if (inner.childForFieldName('function')?.text !== param) continue;
      const held = heldLocally(helper.node, inner);
      const mapped = new Map<string, HeldLock>();
      for (const [key, lock] of held) {
        const prefix = `local:${helper.node.id}:`;
        if (!key.startsWith(prefix)) {
          mapped.set(key, lock);
          continue;
        }
        const name = key.slice(prefix.length).split('.')[0]!;
        const position = helper.params.findIndex((candidate) => candidate.name === name);
        const argument = args[position];
        const path = argument ? lockKeyOf(body.parent.node, argument, 'Lock') : null;
        if (path && path !== 'helper') mapped.set(path.key, { ...lock, text: path.text, node: call, embedded: path.embedded });
      }
      result = result ? meetLocks(result, mapped) : mapped;
    }
    const locks = result ?? EMPTY;
    callbackCache.set(body.id, locks);
    return locks;
  };
  // A doc comment is part of its file's text, so a file whose text never matches has no such comment.
  const mayHaveAssumedDoc = (file: SourceFile): boolean => {
    let known = filesWithAssumedDoc.get(file);
    if (known === undefined) {
      known = ASSUMED_DOC.test(file.text.replace(/\n[ \t]*\/\/[ \t]?/g, '\n'));
      filesWithAssumedDoc.set(file, known);
    }
    return known;
  };
  const documented = (fn: FuncInfo): boolean =>
    functionFact(analyses, documentedFunctions, fn, () => ASSUMED_NAME.test(fn.name) || (mayHaveAssumedDoc(fn.file) && ASSUMED_DOC.test(docComment(fn.node))));
  // A method overriding one of an embedded struct keeps its contract (`UnsafePut` of a wrapper).
  let documentedMethods: Set<string> | null = null;
  const assumedByContract = (fn: FuncInfo): boolean => {
    if (documented(fn)) return true;
    if (!fn.receiverType) return false;
    documentedMethods ??= new Set([...facts.bodyOfFunction.keys()].filter((other) => other.receiverType && documented(other)).map((other) => other.name));
    if (!documentedMethods.has(fn.name)) return false;
    const receiver = fn.receiverType;
    return !!searchEmbedded(pkg, receiver, (name) => {
      if (name === receiver) return null;
      const shadowed = pkg.methods.get(name)?.get(fn.name);
      return shadowed && documented(shadowed) ? true : null;
    });
  };
  // A function releasing a lock it did not take runs with that lock held: its callers hold it (a
  // transaction releases at its end the lock its Begin took). So does a caller calling it without
  // having taken the lock itself, a few levels up; such a lock is held until the release.
  const required = new Map<FuncInfo, Map<string, HeldLock>>();
  for (const [fn, released] of releasedHere) required.set(fn, new Map(released));
  let needing = [...required.keys()];
  for (let depth = 0; depth < 3 && needing.length > 0; depth++) {
    const next: FuncInfo[] = [];
    for (const fn of needing) {
      for (const site of callSites.get(fn) ?? []) {
        if (site.body.parent || site.body.fn === fn) continue;
        const held = heldLocally(site.body.node, site.call);
        for (const [key, lock] of required.get(fn)!) {
          if (held.has(key)) continue;
          let mine = required.get(site.body.fn);
          if (!mine) required.set(site.body.fn, (mine = new Map()));
          if (mine.has(key)) continue;
          mine.set(key, lock);
          if (!next.includes(site.body.fn)) next.push(site.body.fn);
        }
      }
    }
    needing = next;
  }
  // Where a function has given up the locks it requires: its unlocks, and its calls of functions
  // that release them on every path. Before a statement: released on some path (`may`); at the
  // exit: on every path (what a call of the function releases).
  const releaseFlows = new Map<string, { lookup: (node: SyntaxNode) => ReadonlySet<string>; exit: ReadonlySet<string> }>();
  const NONE: ReadonlySet<string> = new Set();
  const releaseFlow = (fn: FuncInfo, must: boolean): { lookup: (node: SyntaxNode) => ReadonlySet<string>; exit: ReadonlySet<string> } => {
    const cacheKey = `${must}:${fn.key}:${fn.node.id}`;
    let flow = releaseFlows.get(cacheKey);
    if (flow) return flow;
    releaseFlows.set(cacheKey, { lookup: () => NONE, exit: NONE });
    const keys = required.get(fn) ?? new Map();
    const points = new Map<number, string[]>();
    for (const [key, lock] of releasedHere.get(fn) ?? []) if (lock.node) points.set(lock.node.id, [key]);
    const calls = new Map<number, string[]>();
    for (const site of analyses.get(callGraph).sitesOf(fn)) {
      const callee = site.local?.fn;
      if (!callee || callee === fn || site.literal || site.spawned || !required.has(callee)) continue;
      const released = [...releaseFlow(callee, true).exit].filter((key) => keys.has(key));
      if (released.length > 0) calls.set(site.call.id, released);
    }
    const cfg = analyses.cfg(fn.node);
    const analysis: ForwardAnalysis<ReadonlySet<string> | null> = {
      entry: () => NONE,
      bottom: () => null,
      join: (a, b) => (a === null ? b : b === null ? a : must ? new Set([...a].filter((key) => b.has(key))) : new Set([...a, ...b])),
      equal: (a, b) => a === b || (!!a && !!b && a.size === b.size && [...a].every((key) => b.has(key))),
      transfer(state, statement) {
        if (!state || statement.type === 'defer_statement') return state;
        let next = state;
        const add = (key: string) => {
          if (!next.has(key)) next = new Set([...next, key]);
        };
        for (const key of points.get(statement.id) ?? []) add(key);
        if (calls.size > 0) for (const call of statement.descendantsOfType('call_expression')) for (const key of calls.get(call.id) ?? []) add(key);
        return next;
      },
    };
    const result = solveForward(cfg, analysis);
    const states: Array<{ node: SyntaxNode; before: ReadonlySet<string> }> = [];
    forEachNodeState(cfg, analysis, result, (statement, before) => states.push({ node: statement, before: before ?? NONE }));
    flow = {
      lookup: (target) => {
        let best: { node: SyntaxNode; before: ReadonlySet<string> } | null = null;
        for (const state of states) {
          if (state.node.startIndex <= target.startIndex && state.node.endIndex >= target.endIndex && (!best || state.node.startIndex >= best.node.startIndex)) best = state;
        }
        return best ? best.before : NONE;
      },
      exit: (result.reachable[cfg.exit.id] ? result.blockIn[cfg.exit.id] : null) ?? NONE,
    };
    releaseFlows.set(cacheKey, flow);
    return flow;
  };
  const releasedBefore = (fn: FuncInfo, node: SyntaxNode): ReadonlySet<string> => releaseFlow(fn, false).lookup(node);
  const minusReleased = (body: Body, node: SyntaxNode, locks: LockSet): LockSet => {
    const keys = body.parent ? undefined : required.get(body.fn);
    if (!keys || locks.size === 0) return locks;
    const gone = [...releasedBefore(body.fn, node)].filter((key) => locks.has(key));
    if (gone.length === 0) return locks;
    const result = new Map(locks);
    for (const key of gone) result.delete(key);
    return result;
  };
  const atCallSite = (site: CallSiteInBody, callerEntry: LockSet): LockSet => unionLocks(minusReleased(site.body, site.call, callerEntry), heldLocally(site.body.node, site.call));

  // A constructor called in the package runs under its callers' locks; other roots start with none
  // (or with the locks they release without taking).
  const openRoot = (fn: FuncInfo): boolean => [...facts.ownRoots(fn)].some((root) => root.kind !== 'constructor');
  const fixedEntries = new Set<FuncInfo>();
  for (const fn of facts.bodyOfFunction.keys()) {
    if (assumedByContract(fn)) entry.set(fn, assumed);
    else if (openRoot(fn) || !callSites.has(fn)) {
      entry.set(fn, required.get(fn) ?? EMPTY);
      fixedEntries.add(fn);
    } else entry.set(fn, null);
  }
  // Calls on a value nobody else can see yet need no lock for it, so a method's entry locks are
  // those of its calls on a shared value: not on a local just built (`x := &T{}`, a range over a
  // local slice of them), not while a constructor still builds the receiver's type. That is asked
  // only of methods whose call sites disagree once all of them count; null when it leaves all of
  // the call sites, or none.
  const sharedSiteCache = new Map<FuncInfo, readonly CallSiteInBody[] | null>();
  const sharedSites = (fn: FuncInfo): readonly CallSiteInBody[] | null => sharedSiteCache.get(fn) ?? null;
  const findSharedSites = (fn: FuncInfo): readonly CallSiteInBody[] | null => {
    const receiverType = fn.receiverType;
    const sites = callSites.get(fn) ?? [];
    if (!receiverType || sites.length < 2) return null;
    const order = analyses.get(happensBefore);
    const kept = sites.filter((site) => !freshReceiver(analyses, site) && !order.inConstruction(site.body, receiverType));
    return kept.length > 0 && kept.length < sites.length ? kept : null;
  };
  const initial = new Map(entry);
  // Solves the entry locks of `only` (all functions when null); the others keep theirs.
  const solveEntries = (only: ReadonlySet<FuncInfo> | null): void => {
    let changed = true;
    for (let round = 0; changed && round < 30; round++) {
      changed = false;
      for (const [fn, sites] of callSites) {
        if (only && !only.has(fn)) continue;
        const current = entry.get(fn);
        if (current === undefined || current === EMPTY || current === assumed || fixedEntries.has(fn)) continue;
        let next: LockSet | null = null;
        for (const site of sharedSites(fn) ?? sites) {
          const callerEntry = entryOfBody(site.body);
          if (!callerEntry) continue;
          const atSite = atCallSite(site, callerEntry);
          next = next ? meetLocks(next, atSite) : atSite;
        }
        const needs = required.get(fn);
        if (next && needs) next = unionLocks(next, needs);
        if (!sameLocks(next, current)) {
          entry.set(fn, next);
          changed = true;
        }
      }
    }
  };
  solveEntries(null);
  // Methods whose callers disagree on the locks: once the calls on fresh values are set aside, solve
  // again those methods and what they call (a few times, as what the callers hold may grow).
  const callees = new Map<FuncInfo, FuncInfo[]>();
  for (const [fn, sites] of callSites) {
    for (const site of sites) {
      const list = callees.get(site.body.fn);
      if (list) list.push(fn);
      else callees.set(site.body.fn, [fn]);
    }
  }
  const looked = new Set<FuncInfo>();
  for (let pass = 0; pass < 3; pass++) {
    const refined: FuncInfo[] = [];
    for (const [fn, sites] of callSites) {
      const meet = entry.get(fn);
      if (looked.has(fn) || !fn.receiverType || sites.length < 2 || !meet || meet === assumed) continue;
      const disagree = sites.some((site) => {
        const callerEntry = entryOfBody(site.body);
        return !!callerEntry && atCallSite(site, callerEntry).size > meet.size;
      });
      if (!disagree) continue;
      looked.add(fn);
      const kept = findSharedSites(fn);
      if (kept) {
        sharedSiteCache.set(fn, kept);
        refined.push(fn);
      }
    }
    if (refined.length === 0) break;
    const affected = new Set<FuncInfo>(refined);
    for (const fn of affected) for (const callee of callees.get(fn) ?? []) affected.add(callee);
    for (const fn of affected) entry.set(fn, initial.get(fn) ?? null);
    solveEntries(affected);
  }

  return {
    heldLocally,
    entryLocks: entryOfBody,
    heldAt: (body, node) => unionLocks(minusReleased(body, node, entryOfBody(body) ?? EMPTY), heldLocally(body.node, node)),
    heldFrom: (body, node, root) => unionLocks(minusReleased(body, node, entryFrom(body, root, 0) ?? EMPTY), heldLocally(body.node, node)),
  };
});

/** True when a method call's receiver is a local built in the caller, or a range variable over one. */
function freshReceiver(analyses: PackageAnalyses, site: CallSiteInBody): boolean {
  const callee = site.call.childForFieldName('function');
  const operand = callee?.type === 'selector_expression' ? unparen(callee.childForFieldName('operand') ?? callee) : null;
  if (operand?.type !== 'identifier') return false;
  const scope = scopeFor(analyses, site.body.node, operand);
  // A receiver or parameter comes from the caller's caller: not built here (a named result may be).
  if (!scope.localAt(operand.text, operand.startIndex) && !scope.info?.results.some((result) => result.name === operand.text)) return false;
  const assigned = lastAssignment(analyses, scope.fn, operand);
  if (assigned) return isBuilt(assigned);
  const local = scope.localAt(operand.text, operand.startIndex);
  if (!local) return false;
  if (local.init) return isBuilt(local.init);
  // `var t Tomb`: a zero struct of the caller's own.
  if (local.type && !local.rangeOver) return local.type.node?.type === 'type_identifier' && analyses.pkg.types.get(local.type.text)?.kind === 'struct';
  if (!local.rangeOver) return false;
  const over = unparen(local.rangeOver);
  if (over.type !== 'identifier') return isBuilt(over);
  const source = scope.localAt(over.text, over.startIndex);
  return !!source?.init && isBuilt(source.init);
}

/** The value last assigned (`x = v`, not declared) to an identifier before it is used, in the function declaring it. */
function lastAssignment(analyses: PackageAnalyses, fnNode: SyntaxNode, use: SyntaxNode): SyntaxNode | null {
  const file = analyses.fileOf(fnNode);
  if (!file || !new RegExp(`\\b${use.text}\\s*(,[\\w\\s,]*)?=[^=]`).test(fnNode.text)) return null;
  let found: SyntaxNode | null = null;
  for (const statement of analyses.nodesOfType(file, 'assignment_statement')) {
    if (statement.startIndex < fnNode.startIndex || statement.endIndex > use.startIndex) continue;
    // Only an assignment in a block around the use reaches it on every path (loops aside).
    const block = statement.parent;
    if (statement.childForFieldName('operator')?.text !== '=' || !block || block.startIndex > use.startIndex || block.endIndex < use.endIndex) continue;
    const left = expressionListItems(statement.childForFieldName('left'));
    const right = expressionListItems(statement.childForFieldName('right'));
    const index = left.findIndex((target) => target.type === 'identifier' && target.text === use.text);
    if (index >= 0) found = left.length === right.length ? right[index]! : null;
  }
  return found;
}

/** `T{...}`, `&T{...}`, `new(T)`, `make(...)`: a value that starts out unshared. */
function isBuilt(node: SyntaxNode): boolean {
  let value = unparen(node);
  if (value.type === 'unary_expression' && value.childForFieldName('operator')?.text === '&') value = unparen(value.childForFieldName('operand') ?? value);
  if (value.type === 'composite_literal') return true;
  const callee = value.type === 'call_expression' ? value.childForFieldName('function') : null;
  return callee?.type === 'identifier' && (callee.text === 'new' || callee.text === 'make');
}

/** True when a helper passes its func parameter on to another call, whose locking is out of sight. */
function handsOn(analyses: PackageAnalyses, helper: FuncInfo, helperBody: SyntaxNode, param: string): boolean {
  if (!new RegExp(`[(,]\\s*${param}\\s*[,)]`).test(helperBody.text)) return false;
  for (const call of analyses.nodesOfType(helper.file, 'call_expression')) {
    if (call.startIndex < helperBody.startIndex || call.endIndex > helperBody.endIndex) continue;
    if (callArguments(call).some((argument) => argument.type === 'identifier' && argument.text === param)) return true;
  }
  return false;
}

/** The comment lines right above a declaration, in order, without their comment markers. */
export function docComment(node: SyntaxNode): string {
  const lines: string[] = [];
  for (let previous = node.previousNamedSibling; previous?.type === 'comment'; previous = previous.previousNamedSibling) {
    lines.unshift(previous.text.replace(/^\/\/\s?|^\/\*|\*\/$/g, ''));
    if (lines.length > 20) break;
  }
  return lines.join('\n');
}
