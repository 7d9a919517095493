// map-range-write-race: a map ranged on one side and written, deleted from or cleared on another, when
// the two can run at once and hold no common lock in the right mode (the write under Lock, the range
// under Lock or RLock). The Go runtime then dies with "concurrent map iteration and map write".
// The facts come from the map access table (accesses.ts), lock use per root (locks.ts), who runs what
// (concurrency.ts) and what is ordered before what (happens-before.ts); pairing.ts decides whether two
// accesses overlap and whether both sides are shown to (then an error; else a warning that says what
// the finding rests on). This file picks the side to report, the odd one out that lacks the lock the
// others hold, and says which lock to take where.
import type { SyntaxNode } from '../../src/parse/parser.js';
import { lineOf, type SourceFile } from '../../src/parse/source.js';
import { COMMENT_OR_LITERAL_SOURCE } from '../../src/parse/syntax.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { defineRule } from '../../src/engine/rule.js';
import { ASSUMED_LOCK, lockUse, type HeldLock, type LockSet } from './locks.js';
import type { CallSiteInBody } from './concurrency.js';
import { mapAccesses, type MapAccess } from './accesses.js';
import { guarded, holdsRealLock, Pairing } from './pairing.js';
import { importedMapFindings } from './imported-maps.js';

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
      'RLock or Lock around the whole loop), or range over a copy taken under the lock. The finding is an error ' +
      'when both sides are shown to run concurrently (a go statement, a registered handler or callback, or an ' +
      'exported method of a type whose lock guards the map elsewhere), and a warning naming its evidence when ' +
      'only one side is (a goroutine writes a map nothing locks while an exported method reads it). Across ' +
      'packages, an exported map field of another package\'s type that its own package writes only under the ' +
      'type\'s mutex must not be ranged or written here, on a receiver\'s field or a package var, without a lock of that value.\n\n' +
      'Accesses ordered one after the other are not reported. Code runs before a goroutine when it comes before the ' +
      'go statement (or the call that starts it), and after it once it is joined: a `Wait()` on a WaitGroup it marks ' +
      'Done, a receive from a channel it closes or signals as it ends, also inside a called function or, for a call ' +
      'through an interface of the package, inside the implementation that started it (each implementation joins ' +
      'its own goroutines, as a `Pause` or `Close` does). When every start of a goroutine goes through one function, ' +
      'that function\'s order holds for the code it calls, and a local flag set after the start and tested before ' +
      'the join (`if started { pause() }`) counts: the path that never started it has nothing running. Workers a ' +
      'helper starts and waits for before returning run only while whatever runs the helper does. A value still ' +
      'being built by its constructor is seen by no other goroutine. And a finishing call, `Close`, `Commit`, ' +
      '`Rollback`, `Destroy`, `Dispose`, `Release`, `Free`, `Finalize`, `Finish` or `Discard`, of a value that ' +
      'starts no goroutine or callback of its own comes after the client\'s other calls on it (the io.Closer and ' +
      'transaction contract: calling Close while a Put still runs is the caller\'s bug), unless the method takes a ' +
      'lock itself, takes an argument that names one item (`Release(conn)`; Commit and Rollback may take any), or ' +
      'its comment says it may run concurrently. `Stop`, `Shutdown`, `Cancel`, `Abort` and `Cleanup` are how one ' +
      'goroutine interrupts or trims work that others are still doing, so they stay concurrent with it, and so ' +
      'does a server\'s `Close` while its own goroutines run.',
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
    for (const finding of importedMapFindings(context.analyses)) {
      context.report({ file: finding.file, node: finding.node, severity: finding.shown ? undefined : 'warning', message: finding.message, related: finding.related });
    }
    const table = context.analyses.get(mapAccesses);
    if (table.byMap.size === 0) return;
    const pairing = new Pairing(context.analyses);
    const reported = new Set<number>();
    for (const list of table.byMap.values()) {
      const ranges = list.filter((access) => access.operation === 'range');
      const writes = list.filter((access) => access.operation === 'write' || access.operation === 'delete' || access.operation === 'clear');
      if (ranges.length === 0 || writes.length === 0) continue;
      const map = pairing.mapFacts(list);
      const guard = usualLock(list);
      for (const range of ranges) {
        const exclusive = exclusivePhase(pairing, range, writes);
        for (const write of writes) {
          if (range.node.id === write.node.id || guarded(write.locks, range.locks)) continue;
          const overlap = pairing.overlap(range, write, { ...map, shared: map.shared && !exclusive });
          if (!overlap) continue;
          const atWrite = reportsWrite(range, write, guard);
          const at = atWrite ? write : range;
          if (reported.has(at.node.id)) continue;
          reported.add(at.node.id);
          const expected = atWrite ? rangeLockOf(range, guard) : writeLockOf(write, range, guard)!;
          const callers = uncoveredCallers(context.analyses, pairing, at, expected);
          const finding = atWrite ? describeWrite(context.analyses, write, range, expected, callers) : describeRange(context.analyses, range, write, expected!, callers);
          const evidence = overlap.shown ? '' : ` (${overlap.evidence})`;
          context.report({
            file: at.file,
            node: at.node,
            severity: overlap.shown ? undefined : 'warning',
            message: finding.message + evidence,
            related: [
              ...finding.related,
              ...callers.map((site) => ({ node: site.call, file: site.body.file, message: `${site.body.fn.name} calls ${at.body.fn.name} here without ${lockTextFor(at, expected!)}` })),
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
function exclusivePhase(pairing: Pairing, range: MapAccess, writes: MapAccess[]): boolean {
  const rangeRoots = pairing.facts.rootsOf(range.body);
  for (const write of writes) {
    if (holdsRealLock(write.locks) || write.locks.has(ASSUMED_LOCK)) continue;
    for (const root of pairing.facts.rootsOf(write.body)) if (root.kind === 'entry' && rangeRoots.has(root)) return true;
  }
  return false;
}

type KeyedLock = HeldLock & { key: string };

/** The lock most ranges and writes of the map hold: the one that guards it, when most agree. */
function usualLock(list: MapAccess[]): string | null {
  const counts = new Map<string, number>();
  for (const access of list) {
    if (access.operation === 'read') continue;
    for (const key of access.locks.keys()) if (key !== ASSUMED_LOCK) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [key, count] of counts) {
    if (count > bestCount) [best, bestCount] = [key, count];
    else if (count === bestCount) best = null;
  }
  return best;
}

/** A lock held in a set (for writing, or in either mode), with its key: the given key, or else any. */
function heldLock(locks: LockSet, key: string | null, mode: 'write' | 'any'): KeyedLock | null {
  if (key) {
    const held = locks.get(key);
    return held && (mode === 'any' || held.mode === 'write') ? { ...held, key } : null;
  }
  for (const [candidate, held] of locks) if ((mode === 'any' || held.mode === 'write') && candidate !== ASSUMED_LOCK) return { ...held, key: candidate };
  return null;
}

interface Finding {
  message: string;
  related: Array<{ node: SyntaxNode; file?: SourceFile; message: string }>;
}

/**
 * Which side to report, the odd one out: the range when the writer holds the lock that guards the
 * map (the usual one, else any it holds for writing); the write when it holds none for writing, or
 * when the range holds the usual lock and the write does not.
 */
function reportsWrite(range: MapAccess, write: MapAccess, guard: string | null): boolean {
  return !writeLockOf(write, range, guard);
}

function writeLockOf(write: MapAccess, range: MapAccess, guard: string | null): KeyedLock | null {
  const usualAtWrite = guard ? heldLock(write.locks, guard, 'write') : null;
  if (usualAtWrite) return usualAtWrite;
  const usualAtRange = guard ? heldLock(range.locks, guard, 'any') : null;
  return usualAtRange ? null : heldLock(write.locks, null, 'write');
}

function rangeLockOf(range: MapAccess, guard: string | null): KeyedLock | null {
  return (guard ? heldLock(range.locks, guard, 'any') : null) ?? heldLock(range.locks, null, 'any');
}

function describeRange(analyses: PackageAnalyses, range: MapAccess, write: MapAccess, writeLock: KeyedLock, callers: readonly CallSiteInBody[]): Finding {
  const related = [
    { node: write.node, file: write.file, message: `${functionName(write)} ${verb(write)} ${write.text} here under ${lockName(writeLock)}` },
    ...lockedHere(analyses, writeLock),
  ];
  return { message: rangeMessage(range, write, writeLock, callers), related };
}

function describeWrite(analyses: PackageAnalyses, write: MapAccess, range: MapAccess, rangeLock: KeyedLock | null, callers: readonly CallSiteInBody[]): Finding {
  const related = [
    { node: range.node, file: range.file, message: `${functionName(range)} ranges over ${range.text} here${heldText(range.locks)}` },
    ...lockedHere(analyses, rangeLock),
  ];
  return { message: writeMessage(write, range, rangeLock, callers), related };
}

/** Where a held lock was taken: in the access's function, or in a caller (maybe in another file). */
function lockedHere(analyses: PackageAnalyses, lock: KeyedLock | null): Array<{ node: SyntaxNode; file?: SourceFile; message: string }> {
  if (!lock?.node) return [];
  return [{ node: lock.node, file: analyses.fileOf(lock.node), message: `${lockName(lock)} is locked here` }];
}

/**
 * The callers to fix: when the reported access is in a function whose callers mostly hold the
 * expected lock, those that do not; when the lock is another object's (held by the callers, not
 * nameable where the access is), every caller.
 */
function uncoveredCallers(analyses: PackageAnalyses, pairing: Pairing, access: MapAccess, expected: KeyedLock | null): CallSiteInBody[] {
  if (!expected || access.body.parent) return [];
  const sites = pairing.facts.callSitesOf(access.body.fn);
  if (sites.length === 0) return [];
  const locks = analyses.get(lockUse);
  const missing = sites.filter((site) => !locks.heldAt(site.body, site.call).has(expected.key));
  if (missing.length === 0) return [];
  if (missing.length < sites.length || foreignLock(access, expected)) return missing;
  return [];
}

/** A lock of another struct than the map's owner: the caller that holds that struct takes it. */
function foreignLock(access: MapAccess, lock: KeyedLock): boolean {
  const owner = access.ownerType;
  return !!owner && !lock.key.startsWith('var:') && !lock.key.startsWith('local:') && !lock.key.startsWith(`${owner}.`) && !lock.embedded;
}

/** Where the fix goes: `here`, or the callers that lack the lock. */
function fixPlace(access: MapAccess, callers: readonly CallSiteInBody[], around: string): string {
  if (callers.length === 0) return around;
  const names = [...new Set(callers.map((site) => site.body.fn.name))];
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and others` : names.join(' and ');
  return `where ${shown} call${names.length === 1 ? 's' : ''} ${access.body.fn.name}`;
}

/** How a message names a held lock: `s.mu`, or `s.Lock()` for a struct locked through its embedded mutex. */
function lockName(lock: HeldLock): string {
  return lock.embedded ? `${lock.text}.${lock.mode === 'read' ? 'RLock' : 'Lock'}()` : lock.text;
}

/** A lock as `access` would name it: `c.d.mu` for `Discoverer.mu` seen from `c.d.lastSeen`. */
function lockTextFor(access: MapAccess, lock: KeyedLock): string {
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

function verb(access: MapAccess): string {
  return access.operation === 'delete' ? 'deletes from' : access.operation === 'clear' ? 'clears' : 'writes';
}

function heldText(locks: LockSet): string {
  const held = [...locks.values()].filter((lock) => lock.node);
  if (held.length === 0) return ' without a lock';
  return ` under ${held.map((lock) => (lock.mode === 'read' ? `${lock.text}.RLock` : lockName(lock))).join(' and ')}`;
}

function lineText(node: SyntaxNode): string {
  return `line ${lineOf(node)}`;
}

function rangeMessage(range: MapAccess, write: MapAccess, writeLock: KeyedLock, callers: readonly CallSiteInBody[]): string {
  const lock = lockName(writeLock);
  const missing = lockTextFor(range, writeLock);
  const held = [...range.locks.values()].filter((candidate) => candidate.node);
  const own = held.length > 0 ? `under ${held.map(lockName).join(' and ')} but not ${missing}` : `without ${missing}`;
  const fix = callers.length > 0 ? `hold ${missing} ${fixPlace(range, callers, '')}` : `hold ${missing} around the loop or range over a copy taken under it`;
  return `${range.text} is ranged in ${functionName(range)} ${own} while ${functionName(write)} ${verb(write)} it under ${lock} (${lineText(write.node)}); ${fix}`;
}

function writeMessage(write: MapAccess, range: MapAccess, rangeLock: KeyedLock | null, callers: readonly CallSiteInBody[]): string {
  const writeName = functionName(write);
  const rangeName = functionName(range);
  const readOnly = [...write.locks.values()].find((lock) => lock.mode === 'read');
  const other = [...write.locks.values()].filter((lock) => lock.node && lock.mode === 'write');
  const expected = rangeLock ? lockTextFor(write, rangeLock) : null;
  const how = readOnly
    ? `under only ${readOnly.text}.RLock`
    : other.length > 0 && expected
      ? `under ${other.map(lockName).join(' and ')} but not ${expected}`
      : 'without a lock';
  const fix = readOnly
    ? `readers run together, so take ${readOnly.text}.Lock() for the write`
    : expected
      ? `hold ${expected} ${fixPlace(write, callers, 'here')}, as ${rangeName} does`
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
