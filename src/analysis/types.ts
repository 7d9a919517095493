// Lightweight, syntax-only type inference: enough to say that `c.httpClient` is a `*http.Client` or
// that `p.ipGetter` is the package's `NodeIPGetter` interface. Types come from receivers, parameters,
// `var` declarations, composite literals, `new(T)`, `&T{}`, same-package function results, range
// variables and `case v := <-ch` receives; a func literal sees the names of the functions around it.
// Functions, methods and fields of imported packages whose source is on disk (not the standard library)
// give their types too, rewritten with this file's name for the package (`lib.New()` is a `*lib.Client`).
// Anything else is unknown (null): callers must treat unknown as "could be anything", never as a match.
import type { SyntaxNode } from '../parse/parser.js';
import type { SourceFile } from '../parse/source.js';
import { enclosingFunction, unparen, expressionListItems, nodesInRange } from '../parse/syntax.js';
import {
  baseTypeName,
  findField,
  findMethod,
  importPathOf,
  paramsOf,
  type FuncInfo,
  type GoPackage,
} from '../index/package-index.js';
import { isStandardLibrary } from '../index/resolve.js';
import type { PackageAnalyses } from './context.js';
import { functionsByNode } from './functions.js';

/** The nodes that declare function locals. */
const DECLARATION_TYPES = ['short_var_declaration', 'var_spec', 'range_clause', 'receive_statement'];

/** A type as written in the source: `*http.Client`, `map[string]string`, `NodeIPGetter`. */
export interface TypeRef {
  text: string;
  node: SyntaxNode | null;
}

export interface LocalDeclaration {
  at: number;
  type: TypeRef | null;
  init: SyntaxNode | null;
  /** Position of the name among the left-hand names, to pick the matching result of a call. */
  position: number;
  /** How many names the declaration has. */
  count: number;
  /**
   * For a range variable, the ranged expression (its key is position 0, its value position 1); for
   * `case v := <-ch` in a select, the channel.
   */
  rangeOver?: SyntaxNode;
}

/**
 * Names a function body may declare, read from its text: every identifier before a `:=` and after a
 * `var` or `const`. It is a superset of the real locals, and cheap, so that the exact (and costly)
 * declaration scan runs only for functions that may really declare the name asked about.
 */
function possibleLocalNames(bodyText: string): Set<string> {
  const names = new Set<string>();
  for (let at = bodyText.indexOf(':='); at !== -1; at = bodyText.indexOf(':=', at + 2)) {
    // Walk back over the left-hand side: identifiers, commas and spaces.
    let start = at;
    while (start > 0 && isNameListCharacter(bodyText.charCodeAt(start - 1))) start--;
    addWords(names, bodyText.slice(start, at));
  }
  const declarations = /\b(?:var|const)\b(\s*\([^)]*\)|[^\n;=]*)/g;
  for (let match = declarations.exec(bodyText); match; match = declarations.exec(bodyText)) addWords(names, match[1]!);
  return names;
}

function isNameListCharacter(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ||
    code === 95 || code === 44 || code === 32 || code === 9 || code === 10 || code === 13 || code > 127
  );
}

function addWords(names: Set<string>, text: string): void {
  for (const word of text.split(/[^\p{L}\p{N}_]+/u)) if (word) names.add(word);
}

/** The names a function can see, with what is known of their types. Built lazily, on first question. */
export class FunctionScope {
  readonly fn: SyntaxNode;
  readonly info: FuncInfo | null;
  readonly file: SourceFile;
  /** The package's analyses, through which types of imported packages are read; null in tests that build a scope by hand. */
  readonly analyses: PackageAnalyses | null;
  private paramsCache: Map<string, TypeRef> | null = null;
  private localsCache: Map<string, LocalDeclaration[]> | null = null;
  private candidates: Set<string> | null = null;
  private signatureWords: Set<string> | null = null;

  /** The declarations (short var, var spec, range clause) inside a body, in document order. */
  private readonly declarationsIn: (body: SyntaxNode) => SyntaxNode[];

  /** For a func literal: the scope of the function around it, whose names the literal sees. */
  private readonly outerScope: (() => FunctionScope | null) | null;

  constructor(
    fn: SyntaxNode,
    info: FuncInfo | null,
    file: SourceFile,
    declarationsIn?: (body: SyntaxNode) => SyntaxNode[],
    outer: (() => FunctionScope | null) | null = null,
    analyses: PackageAnalyses | null = null,
  ) {
    this.analyses = analyses;
    this.fn = fn;
    this.info = info;
    this.file = file;
    this.declarationsIn = declarationsIn ?? ((body) => body.descendantsOfType([...DECLARATION_TYPES]));
    this.outerScope = outer;
  }

  /**
   * Takes what another scope of the same function node (the previous lint's, for a file both lints
   * share) has found out: its parameters and locals are syntax of that node alone.
   */
  adopt(other: FunctionScope): void {
    this.paramsCache ??= other.paramsCache;
    this.localsCache ??= other.localsCache;
    this.candidates ??= other.candidates;
    this.signatureWords ??= other.signatureWords;
  }

  /** The enclosing function's scope, for a func literal; null for a declaration. */
  outer(): FunctionScope | null {
    return this.outerScope ? this.outerScope() : null;
  }

  private get params(): Map<string, TypeRef> {
    if (this.paramsCache) return this.paramsCache;
    const params = new Map<string, TypeRef>();
    const fn = this.fn;
    const lists = [fn.childForFieldName('parameters'), fn.childForFieldName('result')];
    if (fn.type === 'method_declaration') lists.unshift(fn.childForFieldName('receiver'));
    for (const list of lists) {
      if (list?.type !== 'parameter_list') continue;
      for (const param of paramsOf(list)) {
        if (param.name) params.set(param.name, { text: param.typeText, node: param.typeNode });
      }
    }
    return (this.paramsCache = params);
  }

  /** True when the body may declare `name`; a cheap text test that never misses a real local. */
  private mayDeclare(name: string): boolean {
    if (!this.candidates) {
      const body = this.fn.childForFieldName('body');
      this.candidates = body ? possibleLocalNames(body.text) : new Set();
    }
    return this.candidates.has(name);
  }

  /** True when the signature (receiver, parameters, results) mentions `name`; never misses a parameter. */
  private mayBeParameter(name: string): boolean {
    if (!this.signatureWords) {
      this.signatureWords = new Set();
      const body = this.fn.childForFieldName('body');
      addWords(this.signatureWords, this.file.text.slice(this.fn.startIndex, body ? body.startIndex : this.fn.endIndex));
    }
    return this.signatureWords.has(name);
  }

  private get locals(): Map<string, LocalDeclaration[]> {
    if (this.localsCache) return this.localsCache;
    this.localsCache = new Map();
    const body = this.fn.childForFieldName('body');
    if (body) {
      for (const decl of this.declarationsIn(body)) this.addDeclaration(decl);
    }
    return this.localsCache;
  }

  private addDeclaration(decl: SyntaxNode): void {
    if (decl.type === 'var_spec') {
      const typeNode = decl.childForFieldName('type');
      const values = expressionListItems(decl.childForFieldName('value'));
      const names = decl.childrenForFieldName('name');
      names.forEach((name, position) => {
        this.pushLocal(name.text, {
          at: name.startIndex,
          type: typeNode ? { text: typeNode.text, node: typeNode } : null,
          init: values.length === names.length ? values[position]! : (values[0] ?? null),
          position,
          count: names.length,
        });
      });
      return;
    }
    if (decl.type === 'receive_statement') {
      // `case v, ok := <-ch:`; a receive without `:=` declares nothing.
      const value = decl.childForFieldName('right');
      const channel = value?.type === 'unary_expression' ? value.childForFieldName('operand') : null;
      if (!channel || !/^[^=]*:=/.test(decl.text)) return;
      expressionListItems(decl.childForFieldName('left')).forEach((name, position) => {
        if (name.type === 'identifier') this.pushLocal(name.text, { at: name.startIndex, type: null, init: null, position, count: 1, rangeOver: channel });
      });
      return;
    }
    if (decl.type === 'range_clause') {
      const over = decl.childForFieldName('right') ?? undefined;
      expressionListItems(decl.childForFieldName('left')).forEach((name, position) => {
        if (name.type === 'identifier') this.pushLocal(name.text, { at: name.startIndex, type: null, init: null, position, count: 1, rangeOver: over });
      });
      return;
    }
    const names = expressionListItems(decl.childForFieldName('left'));
    const values = expressionListItems(decl.childForFieldName('right'));
    names.forEach((name, position) => {
      if (name.type !== 'identifier') return;
      this.pushLocal(name.text, {
        at: name.startIndex,
        type: null,
        init: values.length === names.length ? values[position]! : (values[0] ?? null),
        position: values.length === names.length ? 0 : position,
        count: values.length === names.length ? 1 : names.length,
      });
    });
  }

  private pushLocal(name: string, declaration: LocalDeclaration): void {
    if (name === '_') return;
    const locals = this.localsCache!;
    const list = locals.get(name);
    if (list) list.push(declaration);
    else locals.set(name, [declaration]);
  }

  /** True when `name` is a parameter, receiver or local of this function (so it shadows imports). */
  declares(name: string): boolean {
    return (this.mayBeParameter(name) && this.params.has(name)) || (this.mayDeclare(name) && this.locals.has(name));
  }

  /** The declaration of a local in force at `index` (the closest one before it). */
  localAt(name: string, index: number): LocalDeclaration | null {
    if (!this.mayDeclare(name)) return null;
    const list = this.locals.get(name);
    if (!list) return null;
    let best: LocalDeclaration | null = null;
    for (const declaration of list) if (declaration.at <= index) best = declaration;
    return best ?? null;
  }

  /** Every declaration of a local named `name`, in source order (shadowing ones included). */
  localsNamed(name: string): readonly LocalDeclaration[] {
    if (!this.mayDeclare(name)) return [];
    return this.locals.get(name) ?? [];
  }

  paramType(name: string): TypeRef | null {
    return this.params.get(name) ?? null;
  }
}

/** Scopes per function node, cached for the package. */
export function scopeOf(analyses: PackageAnalyses, fn: SyntaxNode): FunctionScope {
  const cache = analyses.get(scopeCache);
  const key = fn.id;
  let scope = cache.get(key);
  if (!scope) {
    const file = analyses.fileOf(fn);
    if (!file) throw new Error('scopeOf: function is not in this package');
    const info = analyses.get(functionsByNode).get(key) ?? null;
    // The file's declarations are gathered once, in the engine's pass over the file, and each
    // function takes its range of them instead of walking its own body again.
    const outer =
      fn.type === 'func_literal'
        ? () => {
            const enclosing = enclosingFunction(fn);
            return enclosing ? scopeOf(analyses, enclosing) : null;
          }
        : null;
    scope = new FunctionScope(
      fn,
      info,
      file,
      (body) => {
        const buckets = analyses.nodesOfTypes(file, DECLARATION_TYPES);
        const found = DECLARATION_TYPES.flatMap((type) => nodesInRange(buckets.get(type)!, body.startIndex, body.endIndex));
        return found.sort((a, b) => a.startIndex - b.startIndex);
      },
      outer,
      analyses,
    );
    const carry = analyses.carried();
    const previous = carry?.correspondence.sharesFile(file) ? carry.previous.peek(scopeCache)?.get(key) : undefined;
    if (previous) scope.adopt(previous);
    cache.set(key, scope);
  }
  return scope;
}

const scopeCache = { name: 'function-scopes', compute: () => new Map<number, FunctionScope>() };

function ref(node: SyntaxNode): TypeRef {
  return { text: node.text, node };
}

/**
 * The type of an expression as far as syntax shows it, or null. `scope` is the innermost enclosing
 * function's scope; package-level vars, struct fields and same-package results are looked up in `pkg`.
 */
export function typeOfExpression(pkg: GoPackage, scope: FunctionScope | null, expression: SyntaxNode, depth = 0): TypeRef | null {
  if (depth > 8) return null;
  const expr = unparen(expression);
  switch (expr.type) {
    case 'identifier': {
      const name = expr.text;
      // A func literal sees the names of the functions around it.
      for (let current = scope; current; current = current.outer()) {
        const local = current.localAt(name, expr.startIndex);
        if (local) {
          if (local.type) return local.type;
          if (local.init) return typeOfInitializer(pkg, current, local.init, local.position, depth + 1);
          if (local.rangeOver) return rangeElementType(pkg, typeOfExpression(pkg, current, local.rangeOver, depth + 1), local.position);
          return null;
        }
        const param = current.paramType(name);
        if (param) return param;
      }
      const value = pkg.values.get(name);
      if (value) {
        if (value.typeNode) return ref(value.typeNode);
        if (value.valueNode) return typeOfExpression(pkg, null, value.valueNode, depth + 1);
      }
      return null;
    }
    case 'selector_expression': {
      const operand = expr.childForFieldName('operand');
      const field = expr.childForFieldName('field');
      if (!operand || !field) return null;
      const operandType = typeOfExpression(pkg, scope, operand, depth + 1);
      const typeName = operandType ? namedType(operandType) : null;
      if (!typeName) return null;
      if (typeName.includes('.')) return scope ? importedMemberType(scope, typeName, field.text, 'field', 0) : null;
      const info = findField(pkg, typeName, field.text);
      return info?.typeNode ? ref(info.typeNode) : null;
    }
    case 'composite_literal': {
      const typeNode = expr.childForFieldName('type');
      return typeNode ? ref(typeNode) : null;
    }
    case 'unary_expression': {
      const operator = expr.childForFieldName('operator')?.text;
      const operand = expr.childForFieldName('operand');
      if (operator === '&' && operand) {
        const inner = typeOfExpression(pkg, scope, operand, depth + 1);
        return inner ? { text: `*${inner.text}`, node: inner.node } : null;
      }
      return null;
    }
    case 'call_expression':
      return typeOfInitializer(pkg, scope, expr, 0, depth + 1);
    case 'index_expression': {
      // m[k] and s[i]: the element type of a map, slice or array written out in the source.
      const operand = expr.childForFieldName('operand');
      const container = operand ? typeOfExpression(pkg, scope, operand, depth + 1) : null;
      const node = container ? underlyingTypeNode(pkg, container) : null;
      if (!node) return null;
      const element = node.type === 'map_type' ? node.childForFieldName('value') : node.type === 'slice_type' || node.type === 'array_type' ? node.childForFieldName('element') : null;
      return element ? ref(element) : null;
    }
    default:
      return null;
  }
}

function typeOfInitializer(pkg: GoPackage, scope: FunctionScope | null, init: SyntaxNode, position: number, depth: number): TypeRef | null {
  const expr = unparen(init);
  if (expr.type !== 'call_expression') return position === 0 ? typeOfExpression(pkg, scope, expr, depth) : null;
  const fn = expr.childForFieldName('function');
  if (!fn) return null;
  if (fn.type === 'identifier' && fn.text === 'new' && !(scope?.declares('new'))) {
    const argument = expr.childForFieldName('arguments')?.namedChild(0);
    return argument ? { text: `*${argument.text}`, node: argument } : null;
  }
  if (fn.type === 'identifier') {
    const callee = pkg.funcs.get(fn.text);
    const result = callee?.results[position];
    if (result?.typeNode) return ref(result.typeNode);
  }
  if (fn.type === 'selector_expression') {
    const operand = fn.childForFieldName('operand');
    const method = fn.childForFieldName('field')?.text;
    // `lib.New(...)`: the result type written in lib, as this file names it.
    if (operand?.type === 'identifier' && method && scope?.analyses && !scope.declares(operand.text) && !pkg.values.has(operand.text)) {
      const imported = importedMemberType(scope, `${operand.text}.`, method, 'func', position);
      if (imported) return imported;
    }
    const operandType = operand ? typeOfExpression(pkg, scope, operand, depth + 1) : null;
    const typeName = operandType ? namedType(operandType) : null;
    if (typeName?.includes('.') && method) return scope ? importedMemberType(scope, typeName, method, 'method', position) : null;
    const callee = typeName && method ? pkg.methods.get(typeName)?.get(method) : undefined;
    const result = callee?.results[position];
    if (result?.typeNode) return ref(result.typeNode);
  }
  return null;
}

/**
 * The type of a member of an imported package, read in that package's source (not the standard
 * library's: nothing here needs it) and written as this file would write it. `qualified` is `lib.T`
 * (or `lib.` for a package-level function); `kind` says whether `name` is a field of T, a method of T
 * (result `position`) or a function. `*Client` in lib reads `*lib.Client` here; `*http.Client` in lib
 * reads `*http.Client` when this file imports net/http under that name. Anything else is null.
 */
function importedMemberType(scope: FunctionScope, qualified: string, name: string, kind: 'field' | 'method' | 'func', position: number): TypeRef | null {
  const analyses = scope.analyses;
  if (!analyses) return null;
  const dot = qualified.indexOf('.');
  const localName = qualified.slice(0, dot);
  const typeName = qualified.slice(dot + 1);
  const importPath = importPathOf(analyses.pkg, scope.file, localName);
  if (!importPath || isStandardLibrary(importPath) || !analyses.readsImportedSources()) return null;
  const imported = analyses.imported(scope.file, localName);
  if (!imported) return null;
  let typeNode: SyntaxNode | null = null;
  if (kind === 'field') typeNode = findField(imported.pkg, typeName, name)?.typeNode ?? null;
  else {
    const callee = kind === 'func' ? imported.pkg.funcs.get(name) : findMethod(imported.pkg, typeName, name);
    typeNode = callee?.results[position]?.typeNode ?? null;
  }
  if (!typeNode) return null;
  const stars = /^\**/.exec(typeNode.text)![0];
  const base = typeNode.text.slice(stars.length);
  if (/^[A-Z]\w*$/.test(base) && imported.pkg.types.has(base)) return { text: `${stars}${localName}.${base}`, node: null };
  const qualifiedBase = /^(\w+)\.([A-Z]\w*)$/.exec(base);
  const theirFile = imported.fileOf(typeNode);
  if (!qualifiedBase || !theirFile) return null;
  const path = importPathOf(imported.pkg, theirFile, qualifiedBase[1]!);
  for (const [ourName, spec] of analyses.pkg.imports.get(scope.file) ?? []) {
    if (spec.path === path && ourName !== '_' && ourName !== '.') return { text: `${stars}${ourName}.${qualifiedBase[2]}`, node: null };
  }
  return null;
}

/**
 * The type of a range variable: the key (position 0) or value (position 1) of a map, the element
 * (position 1) of a slice or array, the element (position 0) of a channel. Null for anything else.
 */
function rangeElementType(pkg: GoPackage, container: TypeRef | null, position: number): TypeRef | null {
  // A variadic parameter `ns ...*Inode` is a slice of its written type.
  if (container?.text.startsWith('...')) return position === 1 && container.node ? ref(container.node) : null;
  const node = container ? underlyingTypeNode(pkg, container) : null;
  if (!node) return null;
  let element: SyntaxNode | null = null;
  if (node.type === 'map_type') element = node.childForFieldName(position === 0 ? 'key' : 'value');
  else if (node.type === 'slice_type' || node.type === 'array_type') element = position === 1 ? node.childForFieldName('element') : null;
  else if (node.type === 'channel_type') element = position === 0 ? node.childForFieldName('value') : null;
  return element ? ref(element) : null;
}

/** The type's node, with a same-package named type replaced by its definition (`type Pools map[string]*Pool`). */
function underlyingTypeNode(pkg: GoPackage, type: TypeRef): SyntaxNode | null {
  let node = type.node;
  for (let hops = 0; node && node.type === 'type_identifier' && hops < 3; hops++) node = pkg.types.get(node.text)?.typeNode ?? null;
  return node;
}

/** The function (declaration or literal, innermost first) that declares `name`, or null for package scope. */
export function declaringFunction(analyses: PackageAnalyses, fnNode: SyntaxNode, name: string): SyntaxNode | null {
  for (let current: SyntaxNode | null = fnNode; current; current = current.type === 'func_literal' ? enclosingFunction(current) : null) {
    if (scopeOf(analyses, current).declares(name)) return current;
  }
  return null;
}

/**
 * The scope to type `expression` in, written inside `fnNode`: a func literal's own scope, or that of
 * the enclosing function that declares the expression's root name (`r` in `r.bump()` inside a closure).
 */
export function scopeFor(analyses: PackageAnalyses, fnNode: SyntaxNode, expression: SyntaxNode): FunctionScope {
  const own = scopeOf(analyses, fnNode);
  if (fnNode.type !== 'func_literal') return own;
  let root = unparen(expression);
  while (root.type === 'selector_expression' || root.type === 'call_expression' || root.type === 'index_expression') {
    const next = root.childForFieldName(root.type === 'call_expression' ? 'function' : 'operand');
    if (!next) break;
    root = unparen(next);
  }
  if (root.type !== 'identifier' || own.declares(root.text)) return own;
  for (let current = enclosingFunction(fnNode); current; current = current.type === 'func_literal' ? enclosingFunction(current) : null) {
    const scope = scopeOf(analyses, current);
    if (scope.declares(root.text)) return scope;
  }
  return own;
}

/** The named type behind a TypeRef, pointers stripped: `*T` → `T`, `*http.Client` → `http.Client`. */
export function namedType(type: TypeRef): string | null {
  if (type.node) return baseTypeName(type.node);
  const match = /^\**([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)?)$/.exec(type.text.trim());
  return match ? match[1]! : null;
}
