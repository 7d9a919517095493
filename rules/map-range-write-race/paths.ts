// Access paths reduced to comparable keys, by type: `s.cache.mu` in one method and `c.cache.mu` in
// another both become `Cache.mu` (the longest prefix with a same-package struct type names the
// place), a field promoted from an embedded struct is named after the struct declaring it, package
// vars become `var:name` and locals `local:<declaring function id>:name`. A local that only takes
// the address of a path (`mu := &t.mu`) stands for that path, and a call result of a same-package
// struct type starts a path too (`c.leader().peers` is `node.peers`). It knows nothing of locks or
// maps; locks.ts and the analyses of map accesses build on it.
import type { SyntaxNode } from '../../src/parse/parser.js';
import { unparen } from '../../src/parse/syntax.js';
import { findField, searchEmbedded, type GoPackage } from '../../src/index/package-index.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { declaringFunction, namedType, scopeFor, scopeOf, typeOfExpression } from '../../src/analysis/types.js';

/** A path reduced to a comparable key, with its source text. */
export interface NormalisedPath {
  key: string;
  text: string;
  /** The same-package struct type the path starts from (`T` in `T.mu`), when there is one. */
  ownerType: string | null;
  /** The root identifier of the path is a local or parameter of the function declaring it. */
  rootDeclaredIn: SyntaxNode | null;
  /** The struct type of the prefix the key starts from, when a promoted field made the owner differ (`Meter` for `m.m` keyed `counters.m`). */
  via: string | null;
}

/**
 * Normalises an identifier or selector chain (its root may be a call: `c.leader().peers`). Returns
 * null for anything else (index expressions, literals) and for chains deeper than eight fields.
 */
export function normalisePath(analyses: PackageAnalyses, fnNode: SyntaxNode, expression: SyntaxNode, depth = 0): NormalisedPath | null {
  const chain: SyntaxNode[] = [];
  let current: SyntaxNode | null = unparen(expression);
  while (current && current.type === 'selector_expression') {
    chain.push(current);
    const operand = current.childForFieldName('operand');
    current = operand ? unparen(operand) : null;
    if (chain.length > 8) return null;
  }
  if (!current) return null;
  if (current.type === 'call_expression') return callRootedPath(analyses, fnNode, current, chain.reverse());
  if (current.type !== 'identifier') return null;
  const root = current;
  chain.reverse();
  const fields = chain.map((node) => node.childForFieldName('field')?.text ?? '?');
  const text = [root.text, ...fields].join('.');
  const declaring = declaringFunction(analyses, fnNode, root.text);
  const pkg = analyses.pkg;
  const scope = declaring ? scopeOf(analyses, declaring) : null;
  if (declaring && depth < 2 && fields.length === 0) {
    // `mu := &t.mu`: the local names the place it points to.
    const local = scope!.localAt(root.text, root.startIndex);
    const target = local && !local.type && local.count === 1 ? addressOf(local.init) : null;
    const aliased = target && !assignedAgain(declaring, root.text) ? normalisePath(analyses, declaring, target, depth + 1) : null;
    if (aliased) return { ...aliased, text };
  }
  // Longest typed prefix first: chain[i] is the prefix ending with fields[i].
  const prefixes = [root, ...chain];
  for (let index = prefixes.length - 2; index >= 0; index--) {
    const prefix = prefixes[index]!;
    if (index === 0 && !declaring && !pkg.values.has(root.text)) continue;
    const type = typeOfExpression(pkg, scope, prefix);
    const typeName = type ? namedType(type) : null;
    if (typeName && pkg.types.get(typeName)?.kind === 'struct') {
      const rest = fields.slice(index);
      // Deeper fields must exist on the way down, or the prefix type is a guess.
      if (index + 1 < fields.length && !findField(pkg, typeName, rest[0]!)) continue;
      return keyed(pkg, typeName, rest, text, declaring);
    }
  }
  if (!declaring) return pkg.values.has(root.text) ? { key: `var:${text}`, text, ownerType: null, rootDeclaredIn: null, via: null } : null;
  return { key: `local:${declaring.id}:${text}`, text, ownerType: null, rootDeclaredIn: declaring, via: null };
}

/** The key of `rest` reached from a value of struct type `typeName`. */
function keyed(pkg: GoPackage, typeName: string, rest: string[], text: string, declaring: SyntaxNode | null): NormalisedPath {
  // A field promoted from an embedded struct is named after the struct that declares it, so
  // `s.labels` in T's methods and `b.labels` in Base's methods meet as `Base.labels`.
  const owner = rest.length > 0 ? declaringStruct(pkg, typeName, rest[0]!) : typeName;
  return { key: [owner, ...rest].join('.'), text, ownerType: owner, rootDeclaredIn: declaring, via: owner === typeName ? null : typeName };
}

/** `c.leader().peers`: a path from a call whose result is a same-package struct. */
function callRootedPath(analyses: PackageAnalyses, fnNode: SyntaxNode, call: SyntaxNode, chain: SyntaxNode[]): NormalisedPath | null {
  if (chain.length === 0) return null;
  const pkg = analyses.pkg;
  const type = typeOfExpression(pkg, scopeFor(analyses, fnNode, call), call);
  const typeName = type ? namedType(type) : null;
  if (!typeName || pkg.types.get(typeName)?.kind !== 'struct') return null;
  const fields = chain.map((node) => node.childForFieldName('field')?.text ?? '?');
  if (fields.length > 1 && !findField(pkg, typeName, fields[0]!)) return null;
  let root = call;
  while (root.type === 'call_expression' || root.type === 'selector_expression') {
    const next = root.childForFieldName(root.type === 'call_expression' ? 'function' : 'operand');
    if (!next) break;
    root = unparen(next);
  }
  const declaring = root.type === 'identifier' ? declaringFunction(analyses, fnNode, root.text) : null;
  return keyed(pkg, typeName, fields, [call.text, ...fields].join('.'), declaring);
}

/** The same-package struct that declares a field (embedded ones included), searching embedded structs breadth-first. */
export function declaringStruct(pkg: GoPackage, typeName: string, fieldName: string): string {
  // An embedded `sync.Mutex` is the field `Mutex`.
  const owner = searchEmbedded(pkg, typeName, (name, info) =>
    info?.fields.some((field) => field.name === fieldName || (field.embedded && field.name.endsWith(`.${fieldName}`))) ? name : null,
  );
  return owner ?? typeName;
}

/** `&x.y` → `x.y`. */
function addressOf(init: SyntaxNode | null): SyntaxNode | null {
  if (!init) return null;
  const value = unparen(init);
  if (value.type !== 'unary_expression' || value.childForFieldName('operator')?.text !== '&') return null;
  const operand = value.childForFieldName('operand');
  return operand && (operand.type === 'selector_expression' || operand.type === 'identifier') ? operand : null;
}

/** True when the function assigns `name` again after declaring it. */
function assignedAgain(fnNode: SyntaxNode, name: string): boolean {
  const body = fnNode.childForFieldName('body');
  return !!body && new RegExp(`(^|[^\\w.])${name}\\s*=[^=]`).test(body.text);
}
