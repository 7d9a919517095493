// Map fields of another package's types, used from this package. When an imported struct type owns a
// mutex and its own package writes one of its exported map fields only under that mutex, the type's
// author says the map is shared between goroutines; a range over that field here, or a write to it,
// that holds no lock of the same value (`s.reg.Lock()`, `s.reg.Mu.Lock()`, a `*Locked` helper's
// assumed lock) is the odd one out. The imported package is read only for such types (a struct with a
// mutex field and an exported map field), so packages that range over `r.Header` pay nothing. Only
// long-lived owners count (a field path from the receiver, a package var): a local or a parameter may
// have been handed over whole once its writers were done. Test files are left out. It decides nothing
// about this package's own types: the access table (accesses.ts) does that.
import path from 'node:path';
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { callArguments, enclosingFunction, escapeRegExp, unparen } from '../../src/parse/syntax.js';
import type { TypeInfo } from '../../src/index/package-index.js';
import { defineAnalysis, type PackageAnalyses } from '../../src/analysis/context.js';
import { namedType, scopeFor, typeOfExpression } from '../../src/analysis/types.js';
import { concurrency, type Body, type Root } from './concurrency.js';
import { lockUse, ASSUMED_LOCK, type LockSet } from './locks.js';
import { mapOperationsIn, type MapOperation } from './accesses.js';
import { normalisePath } from './paths.js';

export interface ImportedMapFinding {
  file: SourceFile;
  node: SyntaxNode;
  /** True when this side is shown to run concurrently (a goroutine, a handler or callback). */
  shown: boolean;
  message: string;
  related: Array<{ node: SyntaxNode; file?: SourceFile; message: string }>;
}

const MUTEX_TYPE = /^\*?sync\.(RW)?Mutex$/;

/** Findings on this package's accesses of guarded map fields of imported types. */
export function importedMapFindings(analyses: PackageAnalyses): ImportedMapFinding[] {
  const findings: ImportedMapFinding[] = [];
  for (const file of analyses.pkg.files) {
    if (file.isTest) continue;
    for (const access of candidateAccesses(analyses, file)) {
      const finding = check(analyses, file, access);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

interface Candidate {
  /** The map expression: `s.reg.Items`. */
  map: SyntaxNode;
  /** Its operand: `s.reg`. */
  owner: SyntaxNode;
  field: string;
  operation: MapOperation;
  node: SyntaxNode;
}

/** Ranges, writes and deletes whose map is an exported field selected from a value (`x.Items`). */
function candidateAccesses(analyses: PackageAnalyses, file: SourceFile): Candidate[] {
  const candidates: Candidate[] = [];
  for (const { expression, operation, node } of mapOperationsIn(analyses, file)) {
    const map = unparen(expression);
    if (operation === 'clear' || map.type !== 'selector_expression') continue;
    const field = map.childForFieldName('field')?.text ?? '';
    const owner = map.childForFieldName('operand');
    if (owner && /^[A-Z]/.test(field)) candidates.push({ map, owner: unparen(owner), field, operation, node });
  }
  return candidates;
}

function check(analyses: PackageAnalyses, file: SourceFile, candidate: Candidate): ImportedMapFinding | null {
  const fn = enclosingFunction(candidate.node);
  if (!fn) return null;
  const ownerType = typeOfExpression(analyses.pkg, scopeFor(analyses, fn, candidate.owner), candidate.owner);
  const named = ownerType ? namedType(ownerType) : null;
  const dot = named ? named.indexOf('.') : -1;
  if (!named || dot < 0) return null;
  // Decided here first, so that the imported package is read only for a long-lived owner.
  if (!longLived(analyses, fn, candidate.owner)) return null;
  const imported = analyses.imported(file, named.slice(0, dot));
  const typeName = named.slice(dot + 1);
  const info = imported?.pkg.types.get(typeName);
  if (!imported || !info || !ownsMutex(info) || !holdsMapField(info, candidate.field)) return null;

  const guard = guardOf(imported, typeName, candidate.field);
  if (!guard) return null;

  const facts = analyses.get(concurrency);
  const body = facts.bodyAt(candidate.node);
  if (!body) return null;
  const roots = [...facts.rootsOf(body)];
  if (roots.length > 0 && roots.every((root) => root.kind === 'constructor')) return null;
  const locks = analyses.get(lockUse).heldAt(body, candidate.node);
  if (holdsOwnerLock(locks, candidate.owner.text, candidate.operation)) return null;

  const qualified = `${named.slice(0, dot)}.${typeName}`;
  const lockMethod = imported.pkg.methods.get(typeName)?.has('Lock') ? `${candidate.owner.text}.Lock()` : null;
  const spawned = spawnRootOf(body, roots);
  const how = spawned ? ` (${spawned.how})` : '';
  const verb = candidate.operation === 'range' ? 'ranged' : candidate.operation === 'delete' ? 'deleted from' : 'written';
  const theirs = guard.write.operation === 'delete' ? 'delete from' : 'write';
  const fix =
    candidate.operation === 'range'
      ? lockMethod
        ? `hold ${lockMethod} around the loop`
        : `range over a copy that a method of ${qualified} makes under its lock`
      : lockMethod
        ? `hold ${lockMethod} around the write`
        : `write it through a method of ${qualified} that takes its lock`;
  const message =
    `${candidate.map.text} is ${verb} in ${body.fn.name}${how} without the lock of ${qualified}, whose own methods ${theirs} ${candidate.field} only under ` +
    `${guard.lockText} (${guard.write.fn} in ${path.posix.basename(guard.write.file.path)}); a write during a range kills the process, so ${fix}` +
    (spawned ? '' : ` (evidence: the lock ${qualified} takes for it)`);
  return {
    file,
    node: candidate.node,
    shown: !!spawned,
    message,
    related: [
      { node: guard.write.node, file: guard.write.file, message: `${guard.write.fn} ${guard.write.operation === 'delete' ? 'deletes from' : 'writes'} ${guard.write.text} here under ${guard.lockText}` },
      ...(guard.lockNode ? [{ node: guard.lockNode, file: guard.write.file, message: `${guard.lockText} is locked here` }] : []),
    ],
  };
}

/** A struct with a sync.Mutex or sync.RWMutex field of its own (named or embedded). */
function ownsMutex(info: TypeInfo): boolean {
  return info.kind === 'struct' && info.fields.some((field) => MUTEX_TYPE.test(field.typeText.replace(/\s+/g, '')));
}

function holdsMapField(info: TypeInfo, name: string): boolean {
  return info.fields.some((field) => field.name === name && /^map\s*\[/.test(field.typeText));
}

interface Guard {
  write: { node: SyntaxNode; file: SourceFile; text: string; fn: string; operation: MapOperation };
  lockText: string;
  lockNode: SyntaxNode | null;
}

/** Per package (the imported one), the guard of each `Type.field` asked about so far. */
const guards = defineAnalysis('imported-map-guards', () => new Map<string, Guard | null>());

/**
 * The lock that every write of `T.field` in its own package holds for writing, with one write to show;
 * null when the package writes the field nowhere or some write holds no common lock.
 */
function guardOf(imported: PackageAnalyses, typeName: string, field: string): Guard | null {
  const key = `${typeName}.${field}`;
  const memo = imported.get(guards);
  if (memo.has(key)) return memo.get(key)!;
  const facts = imported.get(concurrency);
  const writes: Array<{ write: Guard['write']; locks: LockSet }> = [];
  for (const file of imported.pkg.files) {
    if (file.isTest || !file.text.includes(field)) continue;
    for (const candidate of candidateAccesses(imported, file)) {
      if (candidate.operation === 'range' || candidate.field !== field) continue;
      const body = facts.bodyAt(candidate.node);
      if (!body || normalisePath(imported, body.node, candidate.map)?.key !== key) continue;
      const locks = imported.get(lockUse).heldAt(body, candidate.node);
      writes.push({ write: { node: candidate.node, file, text: candidate.map.text, fn: body.fn.name, operation: candidate.operation }, locks });
    }
  }
  let common: string[] | null = null;
  for (const { locks } of writes) {
    const keys = [...locks].filter(([lock, held]) => lock !== ASSUMED_LOCK && held.mode === 'write').map(([lock]) => lock);
    common = common === null ? keys : common.filter((lock) => keys.includes(lock));
    if (common.length === 0) break;
  }
  let guard: Guard | null = null;
  if (common && common.length > 0) {
    const lock = common[0]!;
    const shown = writes.find((entry) => entry.locks.get(lock)?.node) ?? writes[0]!;
    const held = shown.locks.get(lock)!;
    guard = { write: shown.write, lockText: held.embedded ? `${held.text}.Lock()` : held.text, lockNode: held.node };
  }
  memo.set(key, guard);
  return guard;
}

/** True when a lock of the same value is held in the right mode: `s.reg.Lock()` or `s.reg.Mu.Lock()` for `s.reg.Items`. */
function holdsOwnerLock(locks: LockSet, ownerText: string, operation: MapOperation): boolean {
  if (locks.has(ASSUMED_LOCK)) return true;
  for (const held of locks.values()) {
    if (operation !== 'range' && held.mode !== 'write') continue;
    if (held.text === ownerText || held.text.startsWith(`${ownerText}.`)) return true;
  }
  return false;
}

/**
 * True when the owner is state that outlives the call: a field path from the method's receiver
 * (`s.reg`) or a package var. A local or parameter (`res` returned by a build function, a registry
 * just made) may be handed over whole, after its writers are done, so it is no evidence of sharing.
 */
function longLived(analyses: PackageAnalyses, fn: SyntaxNode, owner: SyntaxNode): boolean {
  let root = owner;
  while (root.type === 'selector_expression') root = unparen(root.childForFieldName('operand') ?? root);
  if (root.type !== 'identifier') return false;
  if (scopeFor(analyses, fn, root).localAt(root.text, root.startIndex)) return false;
  let top: SyntaxNode | null = fn;
  while (top && top.type === 'func_literal') top = enclosingFunction(top);
  const receiver = top?.type === 'method_declaration' ? top.childForFieldName('receiver')?.namedChildren[0]?.childForFieldName('name')?.text : undefined;
  if (receiver === root.text) return owner.type === 'selector_expression';
  const params = top?.childForFieldName('parameters')?.text ?? '';
  return analyses.pkg.values.has(root.text) && !new RegExp(`\\b${escapeRegExp(root.text)}\\b`).test(params);
}

/** The goroutine or callback root the body runs on, if it runs on one. */
function spawnRootOf(body: Body, roots: Root[]): Root | null {
  for (let current: Body | null = body; current; current = current.parent) if (current.spawned) return current.spawned;
  return roots.find((root) => root.kind === 'spawn') ?? null;
}
