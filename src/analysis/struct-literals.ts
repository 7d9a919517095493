// Where a constructed struct value goes, and what is done to it afterwards. Given a composite literal,
// a `new(T)` call or a `var v T`, `destinationOf` says where the value flows (a variable, a struct
// field, a method call on it, a call argument, a return), and `tracePaths` follows it through the
// package: the uses of that variable in its function, the uses of that field anywhere in the package
// (the constructor that stores a client and the methods that use it), the callers of a function that
// returns it, and the parameter of a same-package function it is passed to. A use is a method call, a
// field assignment (`c.Timeout = d`), a field read, an escape to code we cannot see, or a new holder.
//
// It is syntax only: names are matched by text and confirmed on the tree, shadowing inside a function
// is not modelled, and a value copied with `*p` counts as a new value, not the same one.
import type { SyntaxNode } from '../parse/parser.js';
import type { SourceFile } from '../parse/source.js';
import { enclosingFunction, expressionListItems, unparen } from '../parse/syntax.js';
import { baseTypeName, findField, type GoPackage } from '../index/package-index.js';
import type { PackageAnalyses } from './context.js';
import { resolveCall } from './calls.js';
import { namedType, scopeOf, typeOfExpression } from './types.js';

/** Something that holds a constructed value: a named variable or a struct field of any value. */
export type Holder =
  | { kind: 'variable'; name: string; node: SyntaxNode; scope: SyntaxNode | null }
  /** `owner` is the struct type holding the field when known, so same-named fields of other types are told apart. */
  | { kind: 'field'; name: string; node: SyntaxNode; owner: string | null };

/** Where an expression's value goes, one step up the tree. */
export type Destination =
  | { kind: 'method'; name: string; call: SyntaxNode; node: SyntaxNode }
  | { kind: 'set-field'; field: string; value: SyntaxNode | null; node: SyntaxNode }
  | { kind: 'read-field'; field: string; node: SyntaxNode }
  | { kind: 'argument'; call: SyntaxNode; position: number; node: SyntaxNode }
  | { kind: 'assigned'; holder: Holder; node: SyntaxNode }
  /** `position` is the result index in the return statement. */
  | { kind: 'returned'; fn: SyntaxNode | null; position: number; node: SyntaxNode }
  | { kind: 'other'; node: SyntaxNode };

/** The local names under which a file imports `importPath` (usually one; `_` and `.` are left out). */
export function importNames(pkg: GoPackage, file: SourceFile, importPath: string): string[] {
  const names: string[] = [];
  for (const spec of pkg.imports.get(file)?.values() ?? []) {
    if (spec.path === importPath && spec.localName !== '_' && spec.localName !== '.') names.push(spec.localName);
  }
  return names;
}

/** True when a type node is `name` qualified by an import of `importPath` (`http.Client`, `nethttp.Client`). */
export function isImportedType(pkg: GoPackage, file: SourceFile, typeNode: SyntaxNode | null, importPath: string, name: string): boolean {
  if (!typeNode) return false;
  let type = typeNode;
  while (type.type === 'parenthesized_type' || type.type === 'pointer_type') {
    const inner = type.namedChild(0);
    if (!inner) return false;
    type = inner;
  }
  if (type.type !== 'qualified_type') return false;
  if (type.childForFieldName('name')?.text !== name) return false;
  const qualifier = type.childForFieldName('package')?.text;
  return !!qualifier && importNames(pkg, file, importPath).includes(qualifier);
}

/** The keyed elements of a composite literal, by key name (positional elements are left out). */
export function literalFields(literal: SyntaxNode): Map<string, { key: SyntaxNode; value: SyntaxNode | null; element: SyntaxNode }> {
  const fields = new Map<string, { key: SyntaxNode; value: SyntaxNode | null; element: SyntaxNode }>();
  const body = literal.childForFieldName('body');
  for (const element of body?.namedChildren ?? []) {
    if (element.type !== 'keyed_element') continue;
    const key = element.childForFieldName('key');
    if (!key) continue;
    const valueElement = element.childForFieldName('value');
    fields.set(key.text.trim(), { key, value: valueElement?.namedChild(0) ?? null, element });
  }
  return fields;
}

/** True for the literal zero (`0`, `0.0`, `(0)`), which for a timeout means "no timeout". */
export function isZeroLiteral(node: SyntaxNode | null): boolean {
  if (!node) return false;
  const inner = unparen(node);
  return (inner.type === 'int_literal' || inner.type === 'float_literal') && /^0+(\.0*)?$/.test(inner.text.replace(/_/g, ''));
}

/** Climbs through parentheses and `&`, which keep a value the same value. */
function valueRoot(node: SyntaxNode): SyntaxNode {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return current;
    if (parent.type === 'parenthesized_expression') current = parent;
    else if (parent.type === 'unary_expression' && parent.childForFieldName('operator')?.text === '&') current = parent;
    else return current;
  }
}

/** The holder named by an assignment target: a variable or a field; null for `_`, index expressions and the like. */
function holderOfTarget(target: SyntaxNode): Holder | null {
  const bare = unparen(target);
  if (bare.type === 'identifier') {
    if (bare.text === '_') return null;
    return { kind: 'variable', name: bare.text, node: bare, scope: outermostFunction(bare) };
  }
  if (bare.type === 'selector_expression') {
    const field = bare.childForFieldName('field');
    return field ? { kind: 'field', name: field.text, node: bare, owner: null } : null;
  }
  return null;
}

/** The top-level function or method around a node (func literals included in it), or null at package level. */
export function outermostFunction(node: SyntaxNode): SyntaxNode | null {
  let found: SyntaxNode | null = null;
  let current: SyntaxNode | null = enclosingFunction(node);
  while (current) {
    found = current;
    current = enclosingFunction(current);
  }
  return found;
}

/**
 * Where the value of an expression goes, one step up the tree. For a call, `result` picks which of its
 * results is followed, so `c, err := newClient()` sends result 0 to `c`.
 */
export function destinationOf(expression: SyntaxNode, result = 0): Destination {
  const node = valueRoot(expression);
  const parent = node.parent;
  if (!parent) return { kind: 'other', node };
  switch (parent.type) {
    case 'selector_expression': {
      if (parent.childForFieldName('operand')?.id !== node.id) return { kind: 'other', node };
      const field = parent.childForFieldName('field')?.text ?? '';
      const above = parent.parent;
      if (above?.type === 'call_expression' && above.childForFieldName('function')?.id === parent.id) {
        return { kind: 'method', name: field, call: above, node };
      }
      const assignment = above?.type === 'expression_list' ? above.parent : null;
      if (assignment?.type === 'assignment_statement' && assignment.childForFieldName('left')?.id === above!.id) {
        const position = expressionListItems(above).findIndex((item) => item.id === parent.id);
        const values = expressionListItems(assignment.childForFieldName('right'));
        return { kind: 'set-field', field, value: values[position] ?? null, node };
      }
      return { kind: 'read-field', field, node: parent };
    }
    case 'argument_list': {
      const position = parent.namedChildren.findIndex((child) => child.id === node.id);
      return { kind: 'argument', call: parent.parent!, position, node };
    }
    case 'expression_list': {
      const statement = parent.parent;
      if (!statement) return { kind: 'other', node };
      const items = expressionListItems(parent);
      const position = items.findIndex((item) => item.id === node.id);
      if (statement.type === 'return_statement') return { kind: 'returned', fn: enclosingFunction(node), position, node };
      if (statement.type === 'short_var_declaration' || statement.type === 'assignment_statement') {
        const right = statement.childForFieldName('right');
        if (right?.id !== parent.id) return { kind: 'other', node };
        const targets = expressionListItems(statement.childForFieldName('left'));
        const index = targets.length === items.length ? position : items.length === 1 && node.type === 'call_expression' ? result : -1;
        if (index < 0 || index >= targets.length) return { kind: 'other', node };
        const holder = holderOfTarget(targets[index]!);
        return holder ? { kind: 'assigned', holder, node } : { kind: 'other', node };
      }
      if (statement.type === 'var_spec') {
        const names = statement.childrenForFieldName('name');
        const index = names.length === items.length ? position : items.length === 1 && node.type === 'call_expression' ? result : -1;
        const name = names[index];
        if (!name || name.text === '_') return { kind: 'other', node };
        return { kind: 'assigned', holder: { kind: 'variable', name: name.text, node: name, scope: outermostFunction(name) }, node };
      }
      return { kind: 'other', node };
    }
    case 'literal_element': {
      const keyed = parent.parent;
      if (keyed?.type !== 'keyed_element' || keyed.childForFieldName('value')?.id !== parent.id) return { kind: 'other', node };
      const key = keyed.childForFieldName('key')?.text.trim() ?? '';
      if (!/^[A-Za-z_]\w*$/.test(key)) return { kind: 'other', node };
      const outer = keyed.parent?.parent;
      const outerType = outer?.type === 'composite_literal' ? outer.childForFieldName('type') : null;
      const owner = outerType ? baseTypeName(outerType) : null;
      return { kind: 'assigned', holder: { kind: 'field', name: key, node: keyed, owner }, node };
    }
    default:
      return { kind: 'other', node };
  }
}

/** The holder declared by the name of a `var name T` spec. */
export function holderOfName(name: SyntaxNode): Holder {
  return { kind: 'variable', name: name.text, node: name, scope: outermostFunction(name) };
}

const IDENTIFIER_CHAR = /[A-Za-z0-9_]/;

function wordOccurrences(text: string, word: string, prefix: string): number[] {
  const found: number[] = [];
  const needle = prefix + word;
  let index = text.indexOf(needle);
  while (index >= 0) {
    const before = index > 0 ? text[index - 1]! : '';
    const after = text[index + needle.length] ?? '';
    if ((prefix || !IDENTIFIER_CHAR.test(before)) && !IDENTIFIER_CHAR.test(after)) found.push(index + prefix.length);
    index = text.indexOf(needle, index + 1);
  }
  return found;
}

/**
 * The places where a holder's value is used: for a variable, each mention of its name in its function
 * (or, at package level, in any file of the package); for a field, each `x.name` selector in the package.
 * Each mention is returned as the expression that reads the holder (`c`, `s.client`).
 */
export function mentionsOf(analyses: PackageAnalyses, holder: Holder, includeTests = false): SyntaxNode[] {
  const mentions: SyntaxNode[] = [];
  const files = analyses.pkg.files.filter((file) => includeTests || !file.isTest);
  if (holder.kind === 'variable') {
    const scopes = holder.scope ? [holder.scope] : files.map((file) => file.tree.rootNode);
    for (const scope of scopes) {
      const text = scope.text;
      for (const offset of wordOccurrences(text, holder.name, '')) {
        const start = scope.startIndex + offset;
        const node = scope.descendantForIndex(start, start + holder.name.length);
        if (node.type !== 'identifier' || node.id === holder.node.id) continue;
        mentions.push(node);
      }
    }
    return mentions;
  }
  const owner = holder.owner ?? (holder.node.type === 'selector_expression' ? operandTypeName(analyses, holder.node) : null);
  for (const file of files) {
    const root = file.tree.rootNode;
    for (const offset of wordOccurrences(file.text, holder.name, '.')) {
      const node = root.descendantForIndex(offset, offset + holder.name.length);
      if (node.type !== 'field_identifier') continue;
      const selector = node.parent;
      if (selector?.type !== 'selector_expression' || selector.childForFieldName('field')?.id !== node.id) continue;
      if (owner && !sameField(analyses, owner, holder.name, selector)) continue;
      mentions.push(selector);
    }
  }
  return mentions;
}

/** The same-package type name of a selector's operand (`s` in `s.client`), or null when unknown. */
function operandTypeName(analyses: PackageAnalyses, selector: SyntaxNode): string | null {
  const operand = selector.childForFieldName('operand');
  if (!operand) return null;
  const fn = enclosingFunction(selector);
  const type = typeOfExpression(analyses.pkg, fn ? scopeOf(analyses, fn) : null, operand);
  const typeName = type ? namedType(type) : null;
  return typeName && !typeName.includes('.') ? typeName : null;
}

/** False when the selector's operand is known to be a type whose field `name` is not the owner's. */
function sameField(analyses: PackageAnalyses, owner: string, name: string, selector: SyntaxNode): boolean {
  const ownerField = findField(analyses.pkg, owner, name);
  if (!ownerField) return true;
  const typeName = operandTypeName(analyses, selector);
  return !typeName || findField(analyses.pkg, typeName, name) === ownerField;
}

/** What `tracePaths` found about a value. */
export interface ValueTrace {
  /** Method calls on the value, wherever it was held. */
  methodCalls: Array<{ name: string; call: SyntaxNode }>;
  /** Field assignments on the value (`c.Timeout = d`), wherever it was held. */
  fieldSets: Array<{ field: string; value: SyntaxNode | null; node: SyntaxNode }>;
  /** Field reads and method values on the value (`d.DialContext` handed on as a func). */
  fieldReads: Array<{ field: string; node: SyntaxNode }>;
  /** Calls outside the package (or unresolved) that the value was passed to. */
  escapes: SyntaxNode[];
  /** Every holder the value went through. */
  holders: Holder[];
  /** Functions that return the value. */
  returnedBy: SyntaxNode[];
}

/**
 * Follows a constructed value from its construction (or from a declared holder) through variables,
 * fields, returns and same-package calls, up to a small depth, and collects what is done to it. Uses in
 * `_test.go` files are not followed unless the value is built in one: tests are not production flow.
 */
export function traceValue(analyses: PackageAnalyses, start: { construction: SyntaxNode } | { holder: Holder }, maxDepth = 4): ValueTrace {
  const trace: ValueTrace = { methodCalls: [], fieldSets: [], fieldReads: [], escapes: [], holders: [], returnedBy: [] };
  const seenHolders = new Set<string>();
  const seenFunctions = new Set<number>();
  const startNode = 'holder' in start ? start.holder.node : start.construction;
  const includeTests = analyses.fileOf(startNode)?.isTest ?? false;

  const followHolder = (holder: Holder, depth: number): void => {
    const key = holder.kind === 'variable' ? `v:${holder.scope?.id ?? 'pkg'}:${holder.name}` : `f:${holder.owner ?? ''}:${holder.name}`;
    if (seenHolders.has(key) || depth > maxDepth) return;
    seenHolders.add(key);
    trace.holders.push(holder);
    for (const mention of mentionsOf(analyses, holder, includeTests)) follow(destinationOf(mention), depth);
  };

  const follow = (destination: Destination, depth: number): void => {
    switch (destination.kind) {
      case 'method':
        trace.methodCalls.push({ name: destination.name, call: destination.call });
        return;
      case 'set-field':
        trace.fieldSets.push({ field: destination.field, value: destination.value, node: destination.node });
        return;
      case 'read-field':
        trace.fieldReads.push({ field: destination.field, node: destination.node });
        return;
      case 'assigned':
        followHolder(destination.holder, depth + 1);
        return;
      case 'returned': {
        const fn = destination.fn;
        if (!fn || fn.type === 'func_literal' || seenFunctions.has(fn.id)) {
          if (fn) trace.returnedBy.push(fn);
          return;
        }
        seenFunctions.add(fn.id);
        trace.returnedBy.push(fn);
        if (depth < maxDepth) for (const call of callersOf(analyses, fn, includeTests)) follow(destinationOf(call, destination.position), depth + 1);
        return;
      }
      case 'argument': {
        const parameter = depth < maxDepth ? parameterHolder(analyses, destination.call, destination.position) : null;
        if (parameter) followHolder(parameter, depth + 1);
        else trace.escapes.push(destination.call);
        return;
      }
      default:
        return;
    }
  };

  if ('holder' in start) followHolder(start.holder, 0);
  else follow(destinationOf(start.construction), 0);
  return trace;
}

/** Calls in the package of a top-level function or method, found by name and confirmed by resolution. */
export function callersOf(analyses: PackageAnalyses, fn: SyntaxNode, includeTests = false): SyntaxNode[] {
  const name = fn.childForFieldName('name')?.text;
  if (!name) return [];
  const calls: SyntaxNode[] = [];
  for (const file of analyses.pkg.files) {
    if (file.isTest && !includeTests) continue;
    const root = file.tree.rootNode;
    for (const offset of wordOccurrences(file.text, name, '')) {
      if (file.text[offset + name.length] !== '(') continue;
      const node = root.descendantForIndex(offset, offset + name.length);
      const callee = node.parent?.type === 'selector_expression' ? node.parent : node;
      const call = callee.parent;
      if (call?.type !== 'call_expression' || call.childForFieldName('function')?.id !== callee.id) continue;
      const resolved = resolveCall(analyses, call, enclosingFunction(call));
      if (resolved.kind === 'local' && resolved.fn.node.id === fn.id) calls.push(call);
    }
  }
  return calls;
}

/** The parameter of a same-package function that receives argument `position` of `call`, or null. */
function parameterHolder(analyses: PackageAnalyses, call: SyntaxNode, position: number): Holder | null {
  const resolved = resolveCall(analyses, call, enclosingFunction(call));
  if (resolved.kind !== 'local') return null;
  const params = resolved.fn.params;
  const param = params[position] ?? (params.at(-1)?.typeText.startsWith('...') ? params.at(-1) : undefined);
  if (!param?.name || param.typeText.startsWith('...')) return null;
  const declaration = resolved.fn.node.childForFieldName('parameters');
  const nameNode = declaration?.descendantsOfType('identifier').find((identifier) => identifier.text === param.name) ?? null;
  if (!nameNode) return null;
  return { kind: 'variable', name: param.name, node: nameNode, scope: resolved.fn.node };
}
