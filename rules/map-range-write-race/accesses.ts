// The per-package map access table: every range over, write to, delete from or clear of a map that
// lives beyond one call (a struct field, named by type as `T.labels`; a package var, `var:registry`) or
// that a local map shares with a goroutine (`local:<function id>:results`), with the locks held at the
// access, the caller's locks included (see locks.ts entry contexts). Index reads of those maps are
// recorded too. A local that merely aliases a field (`m := s.m`) stands for the field, and a local read
// from shared state (`n := c.nodes[i]`, `for _, n := range c.nodes`, `l := c.leader()`) reaches the
// field of that type (`node.peers`). Accesses through a value built in the same function
// (`l := &T{...}`) are left out, since nobody else can see it yet, unless a go statement there gets it.
// Test files are left out. Whether two accesses can race is for the rule to decide.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { callArguments, expressionListItems, unparen } from '../../src/parse/syntax.js';
import { concurrency, type Body } from './concurrency.js';
import { defineAnalysis, type PackageAnalyses } from '../../src/analysis/context.js';
import { resolveCall } from '../../src/analysis/calls.js';
import { constructors } from './constructors.js';
import { lockUse, type LockSet } from './locks.js';
import { normalisePath } from './paths.js';
import { scopeOf, typeOfExpression, type TypeRef } from '../../src/analysis/types.js';

export type MapOperation = 'range' | 'read' | 'write' | 'delete' | 'clear';

export interface MapAccess {
  /** The normalised map: `T.labels`, `var:registry`, `local:<id>:results`. */
  map: string;
  kind: 'field' | 'var' | 'local';
  /** The struct type owning the field, for field maps. */
  ownerType: string | null;
  /** For a field promoted from an embedded struct, the embedding struct it was reached through (`Meter` for `m.m`). */
  via: string | null;
  /** For a local map, the function (declaration or literal) declaring it: each call of it has a map of its own. */
  declaredIn: SyntaxNode | null;
  /** True when the map is reached through a parameter (not the receiver) of the top-level function. */
  throughParameter: boolean;
  /** The map expression as written: `l.labels`. */
  text: string;
  operation: MapOperation;
  /** The range clause, the index expression written, or the delete/clear call. */
  node: SyntaxNode;
  file: SourceFile;
  body: Body;
  /** Locks held at the access, entry locks of the body included. */
  locks: LockSet;
}

export interface MapAccessTable {
  accesses: MapAccess[];
  byMap: Map<string, MapAccess[]>;
}

/** The map access table of the package. */
export const mapAccesses = defineAnalysis('map-accesses', (analyses): MapAccessTable => {
  const accesses: MapAccess[] = [];
  const byMap = new Map<string, MapAccess[]>();

  // First pass, by syntax alone: ranges and writes over paths, keyed by the path's last name.
  const candidates: Array<{ expression: SyntaxNode; operation: MapOperation; node: SyntaxNode; name: string }> = [];
  const add = (expression: SyntaxNode, operation: MapOperation, node: SyntaxNode): void => {
    const name = lastName(expression);
    if (name) candidates.push({ expression, operation, node, name });
  };
  const aliasRanges: Array<{ name: string; node: SyntaxNode }> = [];
  for (const file of analyses.pkg.files) {
    if (file.isTest) continue;
    const aliases = aliasedFieldsOf(file);
    for (const { expression, operation, node } of mapOperationsIn(analyses, file)) {
      add(expression, operation, node);
      // `m := s.labels` then `range m`: the range may be over the field's map.
      const field = operation === 'range' && expression.type === 'identifier' ? aliases.get(expression.text) : undefined;
      if (field) for (const name of field) aliasRanges.push({ name, node });
    }
  }
  const ranged = new Set(candidates.filter((candidate) => candidate.operation === 'range').map((candidate) => candidate.name));
  const aliasRanged = new Set<number>();
  for (const alias of aliasRanges) {
    ranged.add(alias.name);
    aliasRanged.add(alias.node.id);
  }
  const written = new Set(candidates.filter((candidate) => candidate.operation !== 'range' && ranged.has(candidate.name)).map((candidate) => candidate.name));
  if (written.size === 0) return { accesses, byMap };

  const facts = analyses.get(concurrency);
  const record = (expression: SyntaxNode, operation: MapOperation, node: SyntaxNode, knownOnly = false): void => {
    const body = facts.bodyAt(node);
    if (!body) return;
    const identity = mapIdentity(analyses, body.node, expression, 0);
    if (!identity) return;
    let held: LockSet | null = null;
    const list = byMap.get(identity.map);
    if (knownOnly && !list) return;
    const access: MapAccess = {
      ...identity,
      text: unparen(expression).text,
      operation,
      node,
      file: body.file,
      body,
      // Lock use (and the call graph under it) is computed only when the rule first reads an access' locks.
      get locks(): LockSet {
        held ??= analyses.get(lockUse).heldAt(body, node);
        return held;
      },
    };
    accesses.push(access);
    if (list) list.push(access);
    else byMap.set(access.map, [access]);
  };
  for (const candidate of candidates) {
    if (written.has(candidate.name) || aliasRanged.has(candidate.node.id)) {
      record(candidate.expression, candidate.operation, candidate.node);
    }
  }
  const fieldNames = written;

  // Index reads, only of maps the table already knows, found by the field or var name first.
  if (fieldNames.size > 0) {
    const writtenNodes = new Set(accesses.filter((access) => access.operation === 'write').map((access) => access.node.id));
    for (const file of analyses.pkg.files) {
      if (file.isTest) continue;
      for (const index of analyses.nodesOfType(file, 'index_expression')) {
        if (writtenNodes.has(index.id)) continue;
        const operand = index.childForFieldName('operand');
        if (!operand || !isPath(operand)) continue;
        const name = operand.type === 'identifier' ? operand.text : operand.childForFieldName('field')?.text;
        if (!name || !fieldNames.has(name)) continue;
        record(operand, 'read', index, true);
      }
    }
  }

  return { accesses, byMap };
});

/** A range over, write to (`m[k] = v`, `m[k]++`), delete from or clear of a map expression, by syntax alone. */
export interface MapOperationSite {
  /** The map expression: `s.labels`. */
  expression: SyntaxNode;
  operation: MapOperation;
  /** The range clause, the index expression written, or the delete/clear call. */
  node: SyntaxNode;
}

/** mapOperationsIn by file: syntax alone, so it lives as long as the parsed file (the language server's siblings). */
const operationsByFile = new WeakMap<SourceFile, MapOperationSite[]>();

/** The map operations of one file, by syntax alone: ranges, then assignments, increments and decrements, then deletes and clears. */
export function mapOperationsIn(analyses: PackageAnalyses, file: SourceFile): readonly MapOperationSite[] {
  let found = operationsByFile.get(file);
  if (!found) {
    found = findMapOperations(analyses, file);
    operationsByFile.set(file, found);
  }
  return found;
}

function findMapOperations(analyses: PackageAnalyses, file: SourceFile): MapOperationSite[] {
  const found: MapOperationSite[] = [];
  const writeTarget = (target: SyntaxNode): void => {
    const inner = unparen(target);
    if (inner.type !== 'index_expression') return;
    const operand = inner.childForFieldName('operand');
    if (operand) found.push({ expression: operand, operation: 'write', node: inner });
  };
  const types = ['range_clause', 'assignment_statement', 'inc_statement', 'dec_statement'];
  const deletes = /\b(delete|clear)\s*\(/.test(file.text);
  const buckets = analyses.nodesOfTypes(file, deletes ? [...types, 'call_expression'] : types);
  for (const clause of buckets.get('range_clause')!) {
    const right = clause.childForFieldName('right');
    if (right) found.push({ expression: right, operation: 'range', node: clause });
  }
  for (const statement of buckets.get('assignment_statement')!) {
    for (const target of expressionListItems(statement.childForFieldName('left'))) writeTarget(target);
  }
  for (const type of ['inc_statement', 'dec_statement']) {
    for (const statement of buckets.get(type)!) {
      const target = statement.namedChild(0);
      if (target) writeTarget(target);
    }
  }
  if (!deletes) return found;
  for (const call of buckets.get('call_expression')!) {
    const callee = call.childForFieldName('function');
    if (!callee || callee.type !== 'identifier' || (callee.text !== 'delete' && callee.text !== 'clear')) continue;
    const target = callArguments(call)[0];
    if (target) found.push({ expression: target, operation: callee.text === 'delete' ? 'delete' : 'clear', node: call });
  }
  return found;
}

const SPAWNS = /\bgo\s+func\b|\.Go\s*\(\s*func\b|AfterFunc\s*\(|HandleFunc\s*\(/;

/** aliasedFields by file: it reads the text alone, so it outlives one lint (the language server's siblings). */
const aliasesByFile = new WeakMap<SourceFile, Map<string, Set<string>>>();

function aliasedFieldsOf(file: SourceFile): Map<string, Set<string>> {
  let aliases = aliasesByFile.get(file);
  if (!aliases) {
    aliases = aliasedFields(file.text);
    aliasesByFile.set(file, aliases);
  }
  return aliases;
}

/** Locals assigned a selector path (`m := s.cache.items`), by local name, with the path's last names. */
function aliasedFields(text: string): Map<string, Set<string>> {
  const aliases = new Map<string, Set<string>>();
  // Driven by the `:=`s: a pattern starting with the local's name would be tried at every word.
  for (let at = text.indexOf(':='); at >= 0; at = text.indexOf(':=', at + 2)) {
    let end = at;
    while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    let start = end;
    while (start > 0 && isAsciiWordCode(text.charCodeAt(start - 1))) start--;
    if (start === end) continue;
    SELECTED_PATH_TO_LINE_END.lastIndex = at + 2;
    const match = SELECTED_PATH_TO_LINE_END.exec(text);
    if (!match) continue;
    const local = text.slice(start, end);
    const set = aliases.get(local);
    if (set) set.add(match[1]!);
    else aliases.set(local, new Set([match[1]!]));
  }
  return aliases;
}

/** After `:=`, a selector path (`s.cache.items`) that ends its line; the group is the last name. */
const SELECTED_PATH_TO_LINE_END = /\s*[A-Za-z_]\w*(?:\.\w+)*\.(\w+)\s*$/my;

/** `[A-Za-z0-9_]`, the characters of `\w`. */
function isAsciiWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/** The last name of an identifier or selector path (`labels` in `s.labels`), or null for other expressions. */
function lastName(node: SyntaxNode): string | null {
  const inner = unparen(node);
  if (inner.type === 'identifier') return inner.text;
  if (inner.type === 'selector_expression') return inner.childForFieldName('field')?.text ?? null;
  return null;
}

function isPath(node: SyntaxNode): boolean {
  const inner = unparen(node);
  return inner.type === 'identifier' || inner.type === 'selector_expression';
}

type Identity = Pick<MapAccess, 'map' | 'kind' | 'ownerType' | 'via' | 'declaredIn' | 'throughParameter'>;

/** What map an expression names, or null when it is not a map that can be shared. */
function mapIdentity(analyses: PackageAnalyses, fnNode: SyntaxNode, expression: SyntaxNode, depth: number): Identity | null {
  if (depth > 3) return null;
  const path = normalisePath(analyses, fnNode, expression);
  if (!path) return null;
  const inner = unparen(expression);
  const scope = path.rootDeclaredIn ? scopeOf(analyses, path.rootDeclaredIn) : null;
  const root = rootOf(inner);
  const local = scope && root.type === 'identifier' ? scope.localAt(root.text, root.startIndex) : null;
  if (inner.type === 'identifier') {
    if (local?.init && isPath(local.init) && !reassignedLater(path.rootDeclaredIn!, local.init)) {
      // `m := s.labels`: the local is the field's map, unless the field gets a new map afterwards.
      const aliased = mapIdentity(analyses, path.rootDeclaredIn!, local.init, depth + 1);
      if (aliased) return aliased;
    }
    if (!isMapExpression(analyses, fnNode, inner)) return null;
    if (path.key.startsWith('var:')) return { map: path.key, kind: 'var', ownerType: null, via: null, declaredIn: null, throughParameter: false };
    // A local map matters only when a goroutine or callback of the declaring function can see it.
    if (!SPAWNS.test(path.rootDeclaredIn?.text ?? '')) return null;
    return { map: path.key, kind: 'local', ownerType: null, via: null, declaredIn: path.rootDeclaredIn, throughParameter: false };
  }
  if (!path.ownerType && !path.key.startsWith('var:')) return null;
  let throughParameter = false;
  if (root.type !== 'identifier') {
    // `c.leader().peers`: a value fetched from the receiver or shared state.
    if (!sharedSource(analyses, path.rootDeclaredIn ?? fnNode, inner)) return null;
  } else if (path.rootDeclaredIn && !isReceiver(path.rootDeclaredIn, root.text)) {
    // Through a local or a parameter: another instance, unless it is fetched from shared state
    // (a field, an element or a range variable over one, a call on the receiver) or its type is
    // built to be shared (it holds a mutex).
    const source = local ? (local.init ?? local.rangeOver ?? null) : null;
    if (local) {
      if (!source) return null;
      // A value built here is seen by nobody else, until a goroutine started here gets it.
      if (isFreshValue(source)) {
        if (!startsGoroutineWith(analyses, path.rootDeclaredIn, root.text)) return null;
      } else if (!sharedSource(analyses, path.rootDeclaredIn, source)) return null;
    } else if (!path.ownerType || !analyses.get(concurrency).mutexTypes.has(path.ownerType)) return null;
    else throughParameter = path.rootDeclaredIn.type === 'function_declaration';
  }
  if (!isMapExpression(analyses, fnNode, inner)) return null;
  return { map: path.key, kind: path.ownerType ? 'field' : 'var', ownerType: path.ownerType, via: path.via, declaredIn: null, throughParameter };
}

/** The identifier (or other expression) a selector, index or call chain starts from. */
function rootOf(expression: SyntaxNode): SyntaxNode {
  let current = unparen(expression);
  for (;;) {
    const next =
      current.type === 'selector_expression' || current.type === 'index_expression'
        ? current.childForFieldName('operand')
        : current.type === 'call_expression'
          ? current.childForFieldName('function')
          : null;
    if (!next) return current;
    current = unparen(next);
  }
}

/** True when a go statement of the function mentions the local `name` (`go t.report()`, `go func() { t... }()`). */
function startsGoroutineWith(analyses: PackageAnalyses, fnNode: SyntaxNode, name: string): boolean {
  const file = analyses.fileOf(fnNode);
  if (!file || !/\bgo\b/.test(fnNode.text)) return false;
  const word = new RegExp(`\\b${name}\\b`);
  return analyses.nodesOfType(file, 'go_statement').some((statement) => statement.startIndex >= fnNode.startIndex && statement.endIndex <= fnNode.endIndex && word.test(statement.text));
}

function isReceiver(fnNode: SyntaxNode, name: string): boolean {
  if (fnNode.type !== 'method_declaration') return false;
  const receiver = fnNode.childForFieldName('receiver');
  const param = receiver?.namedChildren.find((child) => child.type === 'parameter_declaration');
  return param?.childForFieldName('name')?.text === name;
}

/**
 * An initializer reading the receiver's or a package var's state: `s.items[k]`, `s.current`,
 * `registry[k]`, `s.leader()` (a call on the receiver).
 */
function sharedSource(analyses: PackageAnalyses, fnNode: SyntaxNode, init: SyntaxNode): boolean {
  const value = unparen(init);
  if (value.type === 'call_expression') {
    // A call of a plain function (`newNode()`, `append(...)`), or of a method that builds what it
    // returns (`t.New(name)`), hands out a value of its own.
    if (unparen(value.childForFieldName('function') ?? value).type !== 'selector_expression') return false;
    const resolved = resolveCall(analyses, value, fnNode, true);
    if (resolved.kind === 'local' && analyses.get(constructors).returnsFresh(resolved.fn)) return false;
  }
  const current = rootOf(value);
  if (current.type !== 'identifier') return false;
  if (isReceiver(fnNode, current.text)) return true;
  return !scopeOf(analyses, fnNode).declares(current.text) && analyses.pkg.values.has(current.text);
}

/** True when the function also gives the aliased path a new map (the swap idiom: take the map, leave a fresh one). */
function reassignedLater(fnNode: SyntaxNode, aliased: SyntaxNode): boolean {
  const text = unparen(aliased).text.replace(/\s+/g, '');
  const body = fnNode.childForFieldName('body');
  if (!body) return false;
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(^|[^\\w.])${escaped}\\s*=[^=]`, 'g');
  return pattern.test(body.text);
}

/** `&T{...}`, `T{...}`, `new(T)`, `make(...)`: a value nobody else holds yet. */
function isFreshValue(init: SyntaxNode): boolean {
  const value = unparen(init);
  if (value.type === 'composite_literal') return true;
  if (value.type === 'unary_expression') return unparen(value.childForFieldName('operand') ?? value).type === 'composite_literal';
  if (value.type === 'call_expression') {
    const callee = value.childForFieldName('function');
    return callee?.type === 'identifier' && (callee.text === 'new' || callee.text === 'make');
  }
  return false;
}

function isMapExpression(analyses: PackageAnalyses, fnNode: SyntaxNode, expression: SyntaxNode): boolean {
  const pkg = analyses.pkg;
  const inner = unparen(expression);
  let declaring = fnNode;
  if (inner.type === 'identifier' || inner.type === 'selector_expression') {
    let root = inner;
    while (root.type === 'selector_expression') root = unparen(root.childForFieldName('operand')!);
    for (let current: SyntaxNode | null = fnNode; current; current = current.type === 'func_literal' ? current.parent : null) {
      while (current && current.type !== 'func_literal' && current.type !== 'function_declaration' && current.type !== 'method_declaration') current = current.parent;
      if (!current) break;
      if (scopeOf(analyses, current).declares(root.text)) {
        declaring = current;
        break;
      }
    }
  }
  const scope = scopeOf(analyses, declaring);
  if (inner.type === 'identifier') {
    const local = scope.localAt(inner.text, inner.startIndex);
    if (local && !local.type && local.init && isMakeMap(local.init)) return true;
    if (!scope.declares(inner.text)) {
      const value = pkg.values.get(inner.text);
      if (value && !value.isConst && !value.typeNode && value.valueNode && isMakeMap(value.valueNode)) return true;
    }
  }
  const type = typeOfExpression(pkg, scope, inner);
  return !!type && isMapType(analyses, type);
}

function isMakeMap(node: SyntaxNode): boolean {
  const value = unparen(node);
  if (value.type === 'composite_literal') return value.childForFieldName('type')?.type === 'map_type';
  if (value.type !== 'call_expression') return false;
  const callee = value.childForFieldName('function');
  if (callee?.type !== 'identifier' || callee.text !== 'make') return false;
  const args = value.childForFieldName('arguments');
  return args?.namedChild(0)?.type === 'map_type';
}

function isMapType(analyses: PackageAnalyses, type: TypeRef, depth = 0): boolean {
  if (type.node?.type === 'map_type' || /^map\s*\[/.test(type.text)) return true;
  if (depth > 3 || !type.node || type.node.type !== 'type_identifier') return false;
  const named = analyses.pkg.types.get(type.node.text);
  return !!named?.typeNode && isMapType(analyses, { text: named.typeNode.text, node: named.typeNode }, depth + 1);
}
