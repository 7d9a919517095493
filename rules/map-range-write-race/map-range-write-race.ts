// map-range-write-race: a map ranged on one side and written, deleted from or cleared on another, when
// the two can run at once and hold no common lock in the right mode (the write under Lock, the range
// under Lock or RLock). The Go runtime then dies with "concurrent map iteration and map write".
// The facts come from the shared analyses: the map access table (map-accesses.ts), lock use with
// caller contexts (locks.ts) and the package's goroutines, callbacks and mutex-holding structs
// (concurrency.ts). Two accesses can run at once when one is on a goroutine or callback still running
// at the other (a `Wait()` ends the goroutines of the function that waits), or when both are entry
// points of a field or var map that is shared on purpose: its struct holds a mutex or some access of
// it is made under a lock. Constructors and init run before anything is shared and never count.
import type { SyntaxNode } from '../../src/parse/parser.js';
import { lineOf } from '../../src/parse/source.js';
import { COMMENT_OR_LITERAL_SOURCE } from '../../src/parse/syntax.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { defineRule } from '../../src/engine/rule.js';
import { concurrency, type Body, type Concurrency, type Root } from '../../src/analysis/concurrency.js';
import { ASSUMED_LOCK, type HeldLock, type LockSet } from '../../src/analysis/locks.js';
import { mapAccesses, type MapAccess } from './accesses.js';

export const mapRangeWriteRace = defineRule({
  id: 'map-range-write-race',
  severity: 'error',
  category: 'concurrency',
  docs: {
    summary:
      'Reports a map that one goroutine ranges over while another can write to it, with no common lock held in the right mode.',
    why:
      'A map written while another goroutine iterates it makes the Go runtime abort the whole process with ' +
      '`fatal error: concurrent map iteration and map write`; recover cannot catch it. The incident behind this ' +
      'rule: a kubelet walked an object\'s annotations while another goroutine set one. A write under only ' +
      '`RLock` is the same bug, since readers run together. Guard both sides with one mutex (Lock for the write, ' +
      'RLock or Lock around the whole loop), or range over a copy taken under the lock.',
    bad: [
      'package p',
      '',
      'import "sync"',
      '',
      'type Node struct {',
      '\tmu     sync.RWMutex',
      '\tlabels map[string]string',
      '}',
      '',
      'func (n *Node) SetLabel(key, value string) {',
      '\tn.mu.Lock()',
      '\tdefer n.mu.Unlock()',
      '\tn.labels[key] = value',
      '}',
      '',
      'func (n *Node) Keys() []string {',
      '\tvar keys []string',
      '\tfor key := range n.labels {',
      '\t\tkeys = append(keys, key)',
      '\t}',
      '\treturn keys',
      '}',
      '',
    ].join('\n'),
    good: [
      'package p',
      '',
      'import "sync"',
      '',
      'type Node struct {',
      '\tmu     sync.RWMutex',
      '\tlabels map[string]string',
      '}',
      '',
      'func (n *Node) SetLabel(key, value string) {',
      '\tn.mu.Lock()',
      '\tdefer n.mu.Unlock()',
      '\tn.labels[key] = value',
      '}',
      '',
      'func (n *Node) Keys() []string {',
      '\tn.mu.RLock()',
      '\tdefer n.mu.RUnlock()',
      '\tvar keys []string',
      '\tfor key := range n.labels {',
      '\t\tkeys = append(keys, key)',
      '\t}',
      '\treturn keys',
      '}',
      '',
    ].join('\n'),
  },
  defaultOptions: {},
  checkPackage(context) {
    if (!mayRunConcurrently(context.analyses)) return;
    const table = context.analyses.get(mapAccesses);
    if (table.byMap.size === 0) return;
    const facts = context.analyses.get(concurrency);
    const reported = new Set<number>();
    for (const list of table.byMap.values()) {
      const ranges = list.filter((access) => access.operation === 'range');
      const writes = list.filter((access) => access.operation === 'write' || access.operation === 'delete' || access.operation === 'clear');
      if (ranges.length === 0 || writes.length === 0) continue;
      // Two entry points race only on a map meant to be shared: a write or range of it takes a lock.
      const locked = list.some((access) => access.operation !== 'read' && holdsRealLock(access.locks));
      const shared = list[0]!.kind !== 'local' && locked;
      // A struct whose mutex never guards this map keeps the map on one goroutine by design.
      const confined = !locked && !!list[0]!.ownerType && facts.mutexTypes.has(list[0]!.ownerType);
      for (const range of ranges) {
        const exclusive = exclusivePhase(facts, range, writes);
        for (const write of writes) {
          if (range.node.id === write.node.id || guarded(write.locks, range.locks)) continue;
          if (!canRunTogether(facts, range, write, shared && !exclusive, confined)) continue;
          const writeLock = writeLockOf(write.locks);
          const atWrite = !writeLock;
          const at = atWrite ? write : range;
          if (reported.has(at.node.id)) continue;
          reported.add(at.node.id);
          context.report({
            file: at.file,
            node: at.node,
            message: atWrite ? writeMessage(write, range) : rangeMessage(range, write, writeLock),
            related: atWrite
              ? [{ node: range.node, file: range.file, message: `${functionName(range)} ranges over ${range.text} here${heldText(range.locks)}` }]
              : [
                  { node: write.node, file: write.file, message: `${functionName(write)} ${verb(write)} ${write.text} here under ${writeLock.text}` },
                  ...(writeLock.node ? [{ node: writeLock.node, message: `${writeLock.text} is locked here` }] : []),
                ],
          });
        }
      }
    }
  },
});

/**
 * True when the code that ranges also writes the map without any lock, from the same entry point:
 * its author treats that phase as having the map to itself (a compiler pass after its workers
 * finished, say), so a locked writer elsewhere is not evidence that the two overlap.
 */
function exclusivePhase(facts: Concurrency, range: MapAccess, writes: MapAccess[]): boolean {
  const rangeRoots = facts.rootsOf(range.body);
  for (const write of writes) {
    if (holdsRealLock(write.locks) || write.locks.has(ASSUMED_LOCK)) continue;
    for (const root of facts.rootsOf(write.body)) if (root.kind === 'entry' && rangeRoots.has(root)) return true;
  }
  return false;
}

function holdsRealLock(locks: LockSet): boolean {
  for (const key of locks.keys()) if (key !== ASSUMED_LOCK) return true;
  return false;
}

/** True when both sides hold a common lock and at least one holds it for writing, so they exclude each other. */
function guarded(writeLocks: LockSet, rangeLocks: LockSet): boolean {
  if (writeLocks.has(ASSUMED_LOCK) || rangeLocks.has(ASSUMED_LOCK)) return true;
  for (const [key, held] of writeLocks) {
    const other = rangeLocks.get(key);
    if (other && (held.mode === 'write' || other.mode === 'write')) return true;
  }
  return false;
}

/** A lock the writer holds for writing, with its key. */
function writeLockOf(locks: LockSet): (HeldLock & { key: string }) | null {
  for (const [key, held] of locks) if (held.mode === 'write' && key !== ASSUMED_LOCK) return { ...held, key };
  return null;
}

/** How a message names a held lock: `s.mu`, or `s.Lock()` for a struct locked through its embedded mutex. */
function lockName(lock: HeldLock): string {
  return lock.embedded ? `${lock.text}.Lock()` : lock.text;
}

/** The writer's lock as the ranging side would name it: `c.d.mu` for `Discoverer.mu` seen from `c.d.lastSeen`. */
function lockTextFor(access: MapAccess, lock: HeldLock & { key: string }): string {
  const fallback = lockName(lock);
  const owner = access.ownerType;
  if (!owner || !lock.key.startsWith(`${owner}.`)) return fallback;
  const mapFields = access.map.split('.').length - 1;
  const parts = access.text.split('.');
  if (parts.length <= mapFields) return fallback;
  const prefix = parts.slice(0, parts.length - mapFields).join('.');
  let rest = lock.key.slice(owner.length + 1).replace(/\.?<mutex>$/, '');
  // An embedded mutex is named by the struct embedding it.
  if (lock.embedded) rest = rest.split('.').slice(0, -1).join('.');
  const path = rest ? `${prefix}.${rest}` : prefix;
  return lock.embedded ? `${path}.Lock()` : path;
}

/** Whether two accesses can run at the same time. */
function canRunTogether(facts: Concurrency, a: MapAccess, b: MapAccess, shared: boolean, confined: boolean): boolean {
  // A local map belongs to one call, so a constructor's goroutines can still race on it.
  const local = a.kind === 'local';
  const sameBody = a.body === b.body;
  for (const rootA of facts.rootsOf(a.body)) {
    for (const rootB of facts.rootsOf(b.body)) {
      if (!local && (rootA.kind === 'constructor' || rootB.kind === 'constructor')) continue;
      if (sameBody && !(rootA === rootB && rootA.multi)) continue;
      if (rootA.kind !== 'spawn' && rootB.kind !== 'spawn' && local) continue;
      if (confined) continue;
      if (rootA.kind === 'spawn' && rootB.kind === 'spawn') {
        // Many instances of one handler or closure share a field map only when it is meant to be shared.
        if (rootA !== rootB || (rootA.multi && (shared || a.kind !== 'field'))) return true;
        continue;
      }
      // Without any lock on a field map, only a goroutine working on that struct's own value counts:
      // an unrelated goroutine more likely holds a different instance.
      if (a.kind === 'field' && !shared && !boundTo(rootA, a.ownerType) && !boundTo(rootB, a.ownerType)) continue;
      if (rootA.kind === 'spawn' || rootB.kind === 'spawn') {
        const [spawn, other] = rootA.kind === 'spawn' ? [rootA, b] : [rootB, a];
        if (startedAfter(facts, spawn, other)) continue;
        return true;
      }
      // Two entry points: the map is guarded somewhere, and one of the two sides takes a lock.
      if (shared && rootA !== rootB && a.body.fn !== b.body.fn && (holdsRealLock(a.locks) || holdsRealLock(b.locks))) return true;
    }
  }
  return false;
}

function boundTo(root: Root, ownerType: string | null): boolean {
  return root.kind === 'spawn' && !!ownerType && root.boundTo.has(ownerType);
}

/** True when the access runs in the body that starts the goroutine, at a point where it is not running. */
function startedAfter(facts: Concurrency, spawn: Root, access: MapAccess): boolean {
  if (spawn.sites.length === 0) return false;
  const spawner = spawn.sites[0]!.body;
  if (spawn.sites.some((site) => site.body !== spawner)) return false;
  if (!within(access.body, spawner)) return false;
  const running = facts.runningAt(access.body, access.node);
  return !!running && !running.has(spawn);
}

/** True when `body` is `outer` or a synchronous literal inside it. */
function within(body: Body, outer: Body): boolean {
  for (let current: Body | null = body; current; current = current.spawned ? null : current.parent) {
    if (current === outer) return true;
  }
  return false;
}

function verb(access: MapAccess): string {
  return access.operation === 'delete' ? 'deletes from' : access.operation === 'clear' ? 'clears' : 'writes';
}

function heldText(locks: LockSet): string {
  const held = [...locks.values()].filter((lock) => lock.node);
  if (held.length === 0) return ' without a lock';
  return ` under ${held.map((lock) => (lock.mode === 'read' ? `${lock.text}.RLock` : lock.text)).join(' and ')}`;
}

function lineText(node: SyntaxNode): string {
  return `line ${lineOf(node)}`;
}

function rangeMessage(range: MapAccess, write: MapAccess, writeLock: HeldLock & { key: string }): string {
  const rangeName = functionName(range);
  const writeName = functionName(write);
  const lock = lockName(writeLock);
  const missing = lockTextFor(range, writeLock);
  const held = [...range.locks.values()].filter((candidate) => candidate.node);
  const own = held.length > 0 ? `under ${held.map((candidate) => candidate.text).join(' and ')} but not ${missing}` : `without ${missing}`;
  return (
    `${range.text} is ranged in ${rangeName} ${own} while ${writeName} ${verb(write)} it under ${lock} (${lineText(write.node)}); ` +
    `hold ${missing} around the loop or range over a copy taken under it`
  );
}

function writeMessage(write: MapAccess, range: MapAccess): string {
  const writeName = functionName(write);
  const rangeName = functionName(range);
  const readOnly = [...write.locks.values()].find((lock) => lock.mode === 'read');
  const how = readOnly ? `under only ${readOnly.text}.RLock` : 'without a lock';
  const fix = readOnly
    ? `readers run together, so take ${readOnly.text}.Lock() for the write`
    : 'guard the write and the range with the same mutex';
  return `${write.text} is ${pastVerb(write)} in ${writeName} ${how} while ${rangeName} ranges over it (${lineText(range.node)}); ${fix}`;
}

function pastVerb(access: MapAccess): string {
  return access.operation === 'delete' ? 'deleted from' : access.operation === 'clear' ? 'cleared' : 'written';
}

function functionName(access: MapAccess): string {
  let body = access.body;
  while (body.parent && !body.spawned) body = body.parent;
  if (body.spawned) return body.spawned.label;
  return body.fn.name;
}

/**
 * Evidence that anything in a package can run concurrently: a `go` statement, or in the text a callback
 * registration, a mutex or a lock call. Without any of it no two accesses can race, so the access and
 * lock tables (the costly part of this rule) are not built. The text test is a superset (comments may
 * match); `go` statements come from the syntax tree, since "go" is a common word in comments.
 */
const CONCURRENCY_TEXT =
  /\bsync\.(RW)?Mutex\b|\.R?Lock\(|\.(Go|Handle|HandleFunc)\(|\bAfterFunc\(|\b(AddFunc|UpdateFunc|DeleteFunc|ServeHTTP|OnAdd|OnUpdate|OnDelete)\b/;

function mayRunConcurrently(analyses: PackageAnalyses): boolean {
  const files = analyses.pkg.files.filter((file) => !file.isTest);
  // Text first, over every file: only a package with no sign of concurrency in any text pays for
  // gathering nodes, and then only in files where `go` is followed by what could start a call.
  if (files.some((file) => CONCURRENCY_TEXT.test(file.text))) return true;
  return files.some((file) => MAYBE_GO_STATEMENT.test(file.text) && MAYBE_GO_STATEMENT.test(withoutComments(file.text)) && analyses.nodesOfType(file, 'go_statement').length > 0);
}

/** Text that every go statement contains (the keyword, then a call's first character); strings may match too. */
const MAYBE_GO_STATEMENT = /(?:^|[^\p{L}\p{N}_.])go(?:\s+[\p{L}_(]|\()/mu;

/** A comment, or a literal that may hold comment markers. */
const COMMENT_OR_LITERAL = new RegExp(COMMENT_OR_LITERAL_SOURCE, 'g');

/** The text with its comments blanked ("// go run gen.go" in a generated file's header is no go statement). */
function withoutComments(text: string): string {
  return text.replace(COMMENT_OR_LITERAL, (token) => (token.startsWith('/') ? ' ' : token));
}
