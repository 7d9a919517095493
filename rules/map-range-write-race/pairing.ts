// Whether two accesses of one map can run at the same time, and what shows it. Two accesses overlap
// when a goroutine or callback on one side may be running at the other (happens-before.ts: not before
// its go statement, not after its join, not on a value still being built), or when both are entry
// points of a map meant to be shared: a write or range of it holds a lock of the map's owner (or of a
// struct holding the owner; another object's lock is no evidence), unless one of them is a finishing
// call such as Close of a value that runs nothing of its own (finishing.ts). The locks compared are
// those held along the calls from the two roots. A local map belongs to one call of the function
// declaring it; two structs embedding one type have two maps; a function working on a parameter
// leaves the locking to its caller. On a map no lock of its owner guards anywhere, only a goroutine that writes it in its
// own function while an entry point the package never calls reads it counts (one-sided), or two
// goroutines one function starts.
// The overlap is "shown" when both sides are: a goroutine or callback, code after the go statement in
// the body that starts it, or an entry point of a map its owner's lock guards elsewhere. Otherwise
// it rests on one side only, and the rule says so.
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { concurrency, type Body, type Concurrency, type Root } from './concurrency.js';
import { constructors } from './constructors.js';
import { happensBefore, type HappensBefore } from './happens-before.js';
import { finishing, type Finishing } from './finishing.js';
import { latches, type Latches } from './latches.js';
import { ASSUMED_LOCK, lockUse, type LockSet, type LockUse } from './locks.js';
import { searchEmbedded } from '../../src/index/package-index.js';
import { namedType, scopeFor, typeOfExpression } from '../../src/analysis/types.js';
import type { MapAccess } from './accesses.js';

/** What the accesses of one map show about how it is meant to be used. */
export interface MapFacts {
  /** A write or range of the map holds a lock of its owner (a package lock for a package map). */
  locked: boolean;
  /** The map is locked and not local: shared on purpose. */
  shared: boolean;
  /** Its owner holds a mutex that never guards it: the map stays on one goroutine by design. */
  confined: boolean;
}

/** Two accesses that can run at once, and how sure that is. */
export interface Overlap {
  /** The goroutine or callback on one side, when there is one. */
  spawn: Root | null;
  /** Both sides are shown to run concurrently. */
  shown: boolean;
  /** When not shown: what the finding rests on, for the message. */
  evidence: string;
}

export class Pairing {
  private factsCache: Concurrency | null = null;
  private orderCache: HappensBefore | null = null;
  private locksCache: LockUse | null = null;
  private partsCache: ((type: string) => ReadonlySet<string>) | null = null;
  private latchesCache: Latches | null = null;
  private finishingCache: Finishing | null = null;

  // The analyses are asked for only once a map is ranged and written: most packages need none.
  constructor(private readonly analyses: PackageAnalyses) {}

  get facts(): Concurrency {
    return (this.factsCache ??= this.analyses.get(concurrency));
  }

  get order(): HappensBefore {
    return (this.orderCache ??= this.analyses.get(happensBefore));
  }

  get locks(): LockUse {
    return (this.locksCache ??= this.analyses.get(lockUse));
  }

  private get parts(): (type: string) => ReadonlySet<string> {
    return (this.partsCache ??= this.analyses.get(constructors).parts);
  }

  mapFacts(list: MapAccess[]): MapFacts {
    const first = list[0]!;
    const locked = list.some((access) => access.operation !== 'read' && this.holdsOwnerLock(access));
    return {
      locked,
      shared: first.kind !== 'local' && locked,
      confined: !locked && !!first.ownerType && this.facts.mutexTypes.has(first.ownerType),
    };
  }

  /** True when the access holds a lock that can guard its map: a package or local lock, or one of the owner or of a struct holding it. */
  holdsOwnerLock(access: MapAccess): boolean {
    for (const key of access.locks.keys()) {
      if (key === ASSUMED_LOCK) continue;
      if (key.startsWith('var:') || key.startsWith('local:') || !access.ownerType) return true;
      if (this.relatedLock(access.ownerType, key)) return true;
    }
    return false;
  }

  private relatedLock(owner: string, key: string): boolean {
    const lockOwner = key.split('.')[0]!;
    if (lockOwner === owner || this.parts(lockOwner).has(owner)) return true;
    // The owner's own mutex, embedded in a struct it embeds.
    return searchEmbedded(this.analyses.pkg, owner, (name) => (name === lockOwner ? true : null)) === true;
  }

  /**
   * Whether two accesses of one map can run at once; null when they cannot. Per pair of roots, the
   * locks are those held along the calls from those roots.
   */
  overlap(a: MapAccess, b: MapAccess, map: MapFacts): Overlap | null {
    if (a.kind === 'local' && this.sameInstance(a, b)) return null;
    // Two declarations of one function are for alternative builds; they never run in one program.
    if (a.body.fn !== b.body.fn && a.body.fn.key === b.body.fn.key) return null;
    if (!this.sameEmbedder(a, b)) return null;
    const phase = new Map<MapAccess, boolean>();
    const inConstruction = (access: MapAccess): boolean => {
      let known = phase.get(access);
      if (known === undefined) {
        known = access.kind !== 'local' && !!access.ownerType && this.order.inConstruction(access.body, access.ownerType, access.throughParameter);
        phase.set(access, known);
      }
      return known;
    };
    for (const rootA of this.facts.rootsOf(a.body)) {
      for (const rootB of this.facts.rootsOf(b.body)) {
        const found = this.overlapFrom(a, rootA, b, rootB, map, inConstruction);
        if (found && !guarded(this.locks.heldFrom(b.body, b.node, rootB), this.locks.heldFrom(a.body, a.node, rootA))) return found;
      }
    }
    return null;
  }

  /** Whether the two accesses can run at once when `a` runs for `rootA` and `b` for `rootB`. */
  private overlapFrom(a: MapAccess, rootA: Root, b: MapAccess, rootB: Root, map: MapFacts, inConstruction: (access: MapAccess) => boolean): Overlap | null {
    const local = a.kind === 'local';
    if (a.body === b.body && !(rootA === rootB && rootA.multi)) return null;
    if (local && rootA.kind !== 'spawn' && rootB.kind !== 'spawn') return null;
    if (map.confined) return null;
    if (!local && (rootA.kind === 'constructor' || rootB.kind === 'constructor')) {
      // Construction meets only a goroutine that already runs on the value being built.
      const [built, other, otherAccess] = rootA.kind === 'constructor' ? [a, rootB, b] : [b, rootA, a];
      if (other.kind !== 'spawn' || !inConstruction(built) || !this.runs(other, built)) return null;
      const shown = this.shownRunning(other, built) || map.shared;
      if (!map.locked && !(shown && otherAccess.operation !== 'range')) return null;
      return { spawn: other, shown, evidence: shown ? '' : this.oneSided(other, otherAccess, built) };
    }
    if ((rootB.kind !== 'spawn' && inConstruction(a)) || (rootA.kind !== 'spawn' && inConstruction(b))) return null;
    // Set-up before serving (`if s.serve { panic(…) }` first) meets neither the goroutines started
    // once the latch is set nor, by the contract the check states, the package's other entry points.
    if (this.beforeServing(a, rootB) || this.beforeServing(b, rootA)) return null;
    // A function working on a value its caller passes in leaves the locking to the caller.
    if ((a.throughParameter && rootB.kind !== 'spawn') || (b.throughParameter && rootA.kind !== 'spawn')) return null;
    if (rootA.kind === 'spawn' && rootB.kind === 'spawn') {
      // Many instances of one handler or closure share a field map only when it is meant to be shared.
      if (rootA === rootB && !(rootA.multi && (map.shared || a.kind !== 'field'))) return null;
      if (!map.locked && !local) {
        // Two goroutines on a map nothing locks: only when one function starts both, each writing or
        // ranging in its own function, one of them on the map's owner.
        if (rootA !== rootB && !startedTogether(rootA, rootB)) return null;
        if (!this.direct(rootA, a) || !this.direct(rootB, b)) return null;
        if (a.kind === 'field' && !boundTo(rootA, a.ownerType) && !boundTo(rootB, a.ownerType)) return null;
      }
      if (!this.runs(rootA, b) || !this.runs(rootB, a)) return null;
      return { spawn: rootA, shown: true, evidence: '' };
    }
    // Without any lock on a field map, only a goroutine working on that struct's own value counts:
    // an unrelated goroutine more likely holds a different instance.
    if (a.kind === 'field' && !map.shared && !boundTo(rootA, a.ownerType) && !boundTo(rootB, a.ownerType)) return null;
    if (rootA.kind === 'spawn' || rootB.kind === 'spawn') {
      const [spawn, spawnSide, other] = rootA.kind === 'spawn' ? [rootA, a, b] : [rootB, b, a];
      if (!this.runs(spawn, other)) return null;
      const shownHere = this.shownRunning(spawn, other);
      if (!map.locked && !local && !shownHere) {
        // Nothing locks the map, so the only evidence is the goroutine itself: it must write in its
        // own function (an entry point that writes while callbacks read is set-up before serving),
        // and the reader be an entry point the package never calls (its calls show how it is used).
        if (spawnSide.operation === 'range' || !this.direct(spawn, spawnSide)) return null;
        if (this.facts.callSitesOf(this.order.topOf(other.body).fn).length > 0) return null;
      }
      const shown = shownHere || map.shared;
      return { spawn, shown, evidence: shown ? '' : this.oneSided(spawn, spawnSide, other) };
    }
    // Two entry points: the map is guarded somewhere, and one of the two sides takes a lock.
    if (!map.shared || rootA === rootB || a.body.fn === b.body.fn || !(holdsRealLock(a.locks) || holdsRealLock(b.locks))) return null;
    // After Close has joined the value's goroutines, no other method runs (the lifecycle contract).
    if (this.tornDown(a) || this.tornDown(b)) return null;
    // A finishing call (Close, Commit) of a value running nothing of its own comes after the client's other calls.
    if (this.finishes(a, rootA) || this.finishes(b, rootB)) return null;
    return { spawn: null, shown: true, evidence: '' };
  }

  /** The access runs before a latch of its owner is set, and `other` cannot run until then (or is an entry point). */
  private beforeServing(access: MapAccess, other: Root): boolean {
    const owner = access.ownerType;
    if (!owner || access.kind !== 'field') return false;
    const latched = (this.latchesCache ??= this.analyses.get(latches));
    return latched.beforeLatch(access.body, access.node, owner) && (other.kind !== 'spawn' || latched.startsAfterLatch(other, owner));
  }

  /** Whether `spawn` may be running at the access. */
  private runs(spawn: Root, access: MapAccess): boolean {
    return this.order.mayRun(spawn, access.body, access.node, access.ownerType, access.throughParameter);
  }

  /** The access runs after the go statement, in the body that starts the goroutine, while it may run. */
  private shownRunning(spawn: Root, access: MapAccess): boolean {
    const running = this.order.runningAt(access.body, access.node);
    return !!running && running.has(spawn);
  }

  /** The access is in the goroutine's or callback's own function, not somewhere down its calls. */
  private direct(spawn: Root, access: MapAccess): boolean {
    const top = this.order.topOf(access.body);
    return !spawn.target || top === spawn.target || top.spawned === spawn;
  }

  /** What a finding shown on one side only rests on. */
  private oneSided(spawn: Root, spawnSide: MapAccess, other: MapAccess): string {
    const runner = spawnSide.body.spawned || !spawn.target || spawn.target.parent ? 'that code' : topName(spawnSide);
    return (
      `only one side is shown to run concurrently: ${runner} runs ${spawn.how || spawn.label}, and ${topName(other)} can be ` +
      `called from outside the package meanwhile; no lock of ${ownerText(other)} guards the map anywhere`
    );
  }

  /** Both accesses of a local map run in one call of the function declaring it. */
  private sameInstance(a: MapAccess, b: MapAccess): boolean {
    const declaring = a.declaredIn ? this.facts.bodyAt(a.declaredIn) : null;
    return !!declaring && inside(a.body, declaring) && inside(b.body, declaring);
  }

  /** Accesses of a field promoted from an embedded struct meet only through the same embedding struct. */
  private sameEmbedder(a: MapAccess, b: MapAccess): boolean {
    if (a.via === b.via) return true;
    if (a.via && b.via) return false;
    const [base, embedder] = a.via ? [b, a.via] : [a, b.via!];
    return this.reachedThrough(base, embedder);
  }

  /** True when an access in a method of the declaring struct may run on a value embedded in `embedder`. */
  private reachedThrough(access: MapAccess, embedder: string): boolean {
    const owner = access.ownerType;
    let level = [this.order.topOf(access.body).fn];
    const seen = new Set(level);
    for (let depth = 0; depth < 3 && level.length > 0; depth++) {
      const next: typeof level = [];
      for (const fn of level) {
        if (fn.receiverType !== owner) return true;
        const sites = this.facts.callSitesOf(fn);
        if (sites.length === 0) return true;
        for (const site of sites) {
          const callee = site.call.childForFieldName('function');
          const operand = callee?.type === 'selector_expression' ? callee.childForFieldName('operand') : null;
          const type = operand ? typeOfExpression(this.analyses.pkg, scopeFor(this.analyses, site.body.node, operand), operand) : null;
          const name = type ? namedType(type) : null;
          if (name === embedder || !name) return true;
          if (name !== owner) continue;
          const caller = this.order.topOf(site.body).fn;
          if (!seen.has(caller)) {
            seen.add(caller);
            next.push(caller);
          }
        }
      }
      level = next;
    }
    return level.length > 0;
  }

  /** The access runs for a finishing method (finishing.ts) of its map's owner. */
  private finishes(access: MapAccess, root: Root): boolean {
    if (!access.ownerType || access.kind !== 'field') return false;
    return (this.finishingCache ??= this.analyses.get(finishing)).endsLifetime(root, access.ownerType);
  }

  /** The access runs after the goroutines of its value were joined: a shutdown path. */
  private tornDown(access: MapAccess): boolean {
    const owner = access.ownerType;
    if (!owner) return false;
    for (const spawn of this.order.joinedAt(access.body, access.node)) {
      for (const type of spawn.boundTo) if (type === owner || this.parts(type).has(owner)) return true;
    }
    return false;
  }
}

/** True when both sides hold a common lock and at least one holds it for writing, so they exclude each other. */
export function guarded(writeLocks: LockSet, rangeLocks: LockSet): boolean {
  if (writeLocks.has(ASSUMED_LOCK) || rangeLocks.has(ASSUMED_LOCK)) return true;
  for (const [key, held] of writeLocks) {
    const other = rangeLocks.get(key);
    if (other && (held.mode === 'write' || other.mode === 'write')) return true;
  }
  return false;
}

export function holdsRealLock(locks: LockSet): boolean {
  for (const key of locks.keys()) if (key !== ASSUMED_LOCK) return true;
  return false;
}

/** Two goroutines (or callbacks) started by one function: nothing orders them. */
function startedTogether(a: Root, b: Root): boolean {
  return a.sites.some((site) => b.sites.some((other) => other.body.fn === site.body.fn));
}

function boundTo(root: Root, ownerType: string | null): boolean {
  return root.kind === 'spawn' && !!ownerType && root.boundTo.has(ownerType);
}

/** True when `body` runs in the same call as `outer`: it is `outer` or a synchronous literal inside it. */
function inside(body: Body, outer: Body): boolean {
  for (let current: Body | null = body; current; current = current.spawned ? null : current.parent) {
    if (current === outer) return true;
  }
  return false;
}

/** The top-level function an access is in. */
function topName(access: MapAccess): string {
  return access.body.fn.name;
}

function ownerText(access: MapAccess): string {
  return access.ownerType ?? 'its owner';
}
