// The Go package index: groups parsed files into packages (one directory and package clause; external
// `_test` packages apart; `//go:build ignore` files skipped unless the caller chose the files by their
// build constraints) and records what rules need to resolve names without a type checker: imports and
// their aliases, top-level funcs, methods by receiver type, struct fields (embedded ones included),
// interface method sets, and package-level vars and consts.
// It reads only top-level declarations; function bodies are left to the CFG and the analyses.
import path from 'node:path';
import type { SyntaxNode } from '../parse/parser.js';
import type { SourceFile } from '../parse/source.js';

export interface ImportSpec {
  /** The import path, such as `net/http`. */
  path: string;
  /** The name the file uses for it: the alias, or the package's default name. `_` and `.` are kept. */
  localName: string;
  node: SyntaxNode;
}

export interface Param {
  name: string | null;
  typeNode: SyntaxNode | null;
  typeText: string;
}

export interface FuncInfo {
  /** `Name` for funcs, `Type.Name` for methods. */
  key: string;
  name: string;
  receiverType: string | null;
  receiverName: string | null;
  pointerReceiver: boolean;
  params: Param[];
  results: Param[];
  node: SyntaxNode;
  file: SourceFile;
}

export interface FieldInfo {
  name: string;
  typeNode: SyntaxNode | null;
  typeText: string;
  embedded: boolean;
  node: SyntaxNode;
}

export interface TypeInfo {
  name: string;
  kind: 'struct' | 'interface' | 'other';
  fields: FieldInfo[];
  /** Method names declared by an interface type. */
  interfaceMethods: string[];
  /** Embedded interfaces of an interface type, by name. */
  interfaceEmbeds: string[];
  typeNode: SyntaxNode | null;
  node: SyntaxNode;
  file: SourceFile;
}

export interface ValueInfo {
  name: string;
  typeNode: SyntaxNode | null;
  typeText: string;
  valueNode: SyntaxNode | null;
  isConst: boolean;
  node: SyntaxNode;
  file: SourceFile;
}

export interface GoPackage {
  /** Directory with forward slashes. */
  dir: string;
  name: string;
  /** True for an external test package (`package foo_test`). */
  isExternalTest: boolean;
  files: SourceFile[];
  funcs: Map<string, FuncInfo>;
  /** Receiver type name → method name → method. */
  methods: Map<string, Map<string, FuncInfo>>;
  /** Method name → every method with that name, whatever its receiver. */
  methodsByName: Map<string, FuncInfo[]>;
  types: Map<string, TypeInfo>;
  values: Map<string, ValueInfo>;
  imports: Map<SourceFile, Map<string, ImportSpec>>;
  /** Every func and method, in file order. */
  functions: FuncInfo[];
}

const BUILD_IGNORE = /^\s*\/\/(go:build|\s*\+build)\s.*\bignore\b/m;

/** Package clause names by parsed file (the language server groups the same siblings on every edit). */
const packageNames = new WeakMap<SourceFile, string | null>();

/** The package clause's name, or null when the file has none. */
export function packageNameOf(file: SourceFile): string | null {
  const known = packageNames.get(file);
  if (known !== undefined) return known;
  let name: string | null = null;
  // Child by child: the clause comes first, and a big file's whole child list is costly to build.
  const root = file.tree.rootNode;
  const count = root.namedChildCount;
  for (let index = 0; index < count; index++) {
    const child = root.namedChild(index)!;
    if (child.type === 'package_clause') {
      name = child.namedChild(0)?.text ?? null;
      break;
    }
  }
  packageNames.set(file, name);
  return name;
}

/**
 * The package name of a file read from its text alone: the clause after leading blank space and
 * comments, as `package name` on one line. Null when the text does not open that way; then only a
 * parse can tell (packageNameOf). Where both answer, they agree, so a caller can leave unparsed the
 * files of another package than the one it lints.
 */
export function packageNameOfText(text: string): string | null {
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (text.startsWith('//', at)) {
      const end = text.indexOf('\n', at);
      if (end < 0) return null;
      at = end + 1;
    } else if (text.startsWith('/*', at)) {
      const end = text.indexOf('*/', at + 2);
      if (end < 0) return null;
      at = end + 2;
    } else break;
  }
  const clause = /^package[ \t]+([\p{L}_][\p{L}\p{N}_]*)[ \t]*(?:$|[\n;]|\/\/)/mu.exec(text.slice(at, at + 300));
  return clause && clause.index === 0 ? clause[1]! : null;
}

/** True when a build constraint excludes the file from every build (`//go:build ignore`). */
export function isBuildIgnored(file: SourceFile): boolean {
  const packageAt = file.text.search(/^package\s/m);
  const header = packageAt >= 0 ? file.text.slice(0, packageAt) : file.text.slice(0, 4096);
  return BUILD_IGNORE.test(header);
}

/**
 * Groups files into packages. Files without a package clause are left out, and so are files with
 * `//go:build ignore` unless `constrained` says the caller already chose the files by their build
 * constraints (src/index/build-constraints.ts), which may keep an `ignore` file the user named.
 */
export function groupPackages(files: SourceFile[], options: { constrained?: boolean } = {}): GoPackage[] {
  const byKey = new Map<string, SourceFile[]>();
  const names = new Map<string, string>();
  for (const file of files) {
    if (!options.constrained && isBuildIgnored(file)) continue;
    const name = packageNameOf(file);
    if (!name) continue;
    const dir = path.posix.dirname(file.path);
    const key = `${dir}\u0000${name}`;
    let list = byKey.get(key);
    if (!list) {
      list = [];
      byKey.set(key, list);
      names.set(key, name);
    }
    list.push(file);
  }
  const packages: GoPackage[] = [];
  for (const [key, list] of byKey) {
    const dir = key.slice(0, key.indexOf('\u0000'));
    packages.push(indexPackage(dir, names.get(key)!, list));
  }
  return packages;
}

/** Builds the index of one package from its files. */
export function indexPackage(dir: string, name: string, files: SourceFile[]): GoPackage {
  const pkg: GoPackage = {
    dir,
    name,
    isExternalTest: name.endsWith('_test'),
    files,
    funcs: new Map(),
    methods: new Map(),
    methodsByName: new Map(),
    types: new Map(),
    values: new Map(),
    imports: new Map(),
    functions: [],
  };
  for (const file of files) mergeFileIndex(pkg, file, fileIndex(file));
  return pkg;
}

/** Per-file indexes, reused while the same SourceFile object is linted again (the language server's siblings). */
const fileIndexes = new WeakMap<SourceFile, GoPackage>();

function fileIndex(file: SourceFile): GoPackage {
  let index = fileIndexes.get(file);
  if (!index) {
    index = { dir: '', name: '', isExternalTest: false, files: [file], funcs: new Map(), methods: new Map(), methodsByName: new Map(), types: new Map(), values: new Map(), imports: new Map(), functions: [] };
    indexFile(index, file);
    fileIndexes.set(file, index);
  }
  return index;
}

/** Adds one file's index to its package's, with the same last-declaration-wins order as indexing in place. */
function mergeFileIndex(pkg: GoPackage, file: SourceFile, index: GoPackage): void {
  pkg.imports.set(file, index.imports.get(file)!);
  for (const info of index.functions) {
    pkg.functions.push(info);
    if (info.receiverType) {
      let methods = pkg.methods.get(info.receiverType);
      if (!methods) {
        methods = new Map();
        pkg.methods.set(info.receiverType, methods);
      }
      methods.set(info.name, info);
      const sameName = pkg.methodsByName.get(info.name);
      if (sameName) sameName.push(info);
      else pkg.methodsByName.set(info.name, [info]);
    }
  }
  for (const [name, info] of index.funcs) pkg.funcs.set(name, info);
  for (const [name, info] of index.types) pkg.types.set(name, info);
  for (const [name, info] of index.values) pkg.values.set(name, info);
}

function indexFile(pkg: GoPackage, file: SourceFile): void {
  const imports = new Map<string, ImportSpec>();
  pkg.imports.set(file, imports);
  for (const decl of file.tree.rootNode.namedChildren) {
    switch (decl.type) {
      case 'import_declaration':
        for (const spec of specsOf(decl, 'import_spec')) addImport(imports, spec);
        break;
      case 'function_declaration':
      case 'method_declaration':
        addFunction(pkg, file, decl);
        break;
      case 'type_declaration':
        for (const spec of decl.namedChildren) {
          if (spec.type === 'type_spec' || spec.type === 'type_alias') addType(pkg, file, spec);
        }
        break;
      case 'var_declaration':
      case 'const_declaration':
        for (const spec of specsOf(decl, decl.type === 'var_declaration' ? 'var_spec' : 'const_spec')) {
          addValues(pkg, file, spec, decl.type === 'const_declaration');
        }
        break;
      default:
        break;
    }
  }
}

/** The specs of a declaration, whether written singly or in a parenthesised list. */
function specsOf(decl: SyntaxNode, specType: string): SyntaxNode[] {
  const specs: SyntaxNode[] = [];
  for (const child of decl.namedChildren) {
    if (child.type === specType) specs.push(child);
    else if (child.type.endsWith('_spec_list')) {
      for (const inner of child.namedChildren) if (inner.type === specType) specs.push(inner);
    }
  }
  return specs;
}

function addImport(imports: Map<string, ImportSpec>, spec: SyntaxNode): void {
  const pathNode = spec.childForFieldName('path');
  if (!pathNode) return;
  const importPath = pathNode.text.replace(/^["`]|["`]$/g, '');
  const nameNode = spec.childForFieldName('name');
  const localName = nameNode ? nameNode.text : defaultPackageName(importPath);
  imports.set(localName, { path: importPath, localName, node: spec });
}

/** The name a package is usually imported as: the last path element, without a major-version suffix. */
export function defaultPackageName(importPath: string): string {
  const parts = importPath.split('/');
  let last = parts[parts.length - 1] ?? importPath;
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2]!;
  last = last.replace(/\.v\d+$/, '');
  if (last.startsWith('go-')) last = last.slice(3);
  return last.replace(/[-.]/g, '_');
}

function addFunction(pkg: GoPackage, file: SourceFile, decl: SyntaxNode): void {
  const nameNode = decl.childForFieldName('name');
  if (!nameNode) return;
  const name = nameNode.text;
  let receiverType: string | null = null;
  let receiverName: string | null = null;
  let pointerReceiver = false;
  if (decl.type === 'method_declaration') {
    const receiver = decl.childForFieldName('receiver');
    const param = receiver?.namedChildren.find((child) => child.type === 'parameter_declaration');
    const typeNode = param?.childForFieldName('type') ?? null;
    receiverType = typeNode ? baseTypeName(typeNode) : null;
    pointerReceiver = typeNode?.type === 'pointer_type';
    receiverName = param?.childForFieldName('name')?.text ?? null;
    if (!receiverType) return;
  }
  const info: FuncInfo = new LazyFuncInfo(receiverType ? `${receiverType}.${name}` : name, name, receiverType, receiverName, pointerReceiver, decl, file);
  pkg.functions.push(info);
  if (receiverType) {
    let methods = pkg.methods.get(receiverType);
    if (!methods) {
      methods = new Map();
      pkg.methods.set(receiverType, methods);
    }
    methods.set(name, info);
    const sameName = pkg.methodsByName.get(name);
    if (sameName) sameName.push(info);
    else pkg.methodsByName.set(name, [info]);
  } else if (name !== 'init' && name !== '_') {
    pkg.funcs.set(name, info);
  }
}

/** A function's index entry; parameters and results are read from the tree when first asked for. */
class LazyFuncInfo implements FuncInfo {
  private paramList: Param[] | null = null;
  private resultList: Param[] | null = null;

  constructor(
    readonly key: string,
    readonly name: string,
    readonly receiverType: string | null,
    readonly receiverName: string | null,
    readonly pointerReceiver: boolean,
    readonly node: SyntaxNode,
    readonly file: SourceFile,
  ) {}

  get params(): Param[] {
    this.paramList ??= paramsOf(this.node.childForFieldName('parameters'));
    return this.paramList;
  }

  get results(): Param[] {
    this.resultList ??= resultsOf(this.node.childForFieldName('result'));
    return this.resultList;
  }
}

/** Parameters of a parameter_list, one entry per name (or one unnamed entry per type). */
export function paramsOf(list: SyntaxNode | null): Param[] {
  if (!list) return [];
  const params: Param[] = [];
  for (const decl of list.namedChildren) {
    if (decl.type !== 'parameter_declaration' && decl.type !== 'variadic_parameter_declaration') continue;
    const typeNode = decl.childForFieldName('type');
    const typeText = (decl.type === 'variadic_parameter_declaration' ? '...' : '') + (typeNode?.text ?? '');
    const names = decl.childrenForFieldName('name');
    if (names.length === 0) params.push({ name: null, typeNode, typeText });
    for (const nameNode of names) params.push({ name: nameNode.text, typeNode, typeText });
  }
  return params;
}

function resultsOf(result: SyntaxNode | null): Param[] {
  if (!result) return [];
  if (result.type === 'parameter_list') return paramsOf(result);
  return [{ name: null, typeNode: result, typeText: result.text }];
}

function addType(pkg: GoPackage, file: SourceFile, spec: SyntaxNode): void {
  const nameNode = spec.childForFieldName('name');
  if (!nameNode) return;
  const info = new LazyTypeInfo(nameNode.text, spec.childForFieldName('type'), spec, file);
  pkg.types.set(info.name, info);
}

/** A type's index entry; struct fields and interface methods are read from the tree when first asked for. */
class LazyTypeInfo implements TypeInfo {
  readonly kind: TypeInfo['kind'];
  private fieldList: FieldInfo[] | null = null;
  private methodNames: string[] | null = null;
  private embeddedNames: string[] | null = null;

  constructor(
    readonly name: string,
    readonly typeNode: SyntaxNode | null,
    readonly node: SyntaxNode,
    readonly file: SourceFile,
  ) {
    const type = typeNode?.type;
    this.kind = type === 'struct_type' ? 'struct' : type === 'interface_type' ? 'interface' : 'other';
  }

  get fields(): FieldInfo[] {
    this.fieldList ??= this.kind === 'struct' ? structFields(this.typeNode!) : [];
    return this.fieldList;
  }

  get interfaceMethods(): string[] {
    if (!this.methodNames) this.readInterface();
    return this.methodNames!;
  }

  get interfaceEmbeds(): string[] {
    if (!this.embeddedNames) this.readInterface();
    return this.embeddedNames!;
  }

  private readInterface(): void {
    const methods: string[] = [];
    const embeds: string[] = [];
    if (this.kind === 'interface') {
      for (const element of this.typeNode!.namedChildren) {
        if (element.type === 'method_elem') {
          const methodName = element.childForFieldName('name');
          if (methodName) methods.push(methodName.text);
        } else if (element.type === 'type_elem') {
          const embedded = element.namedChild(0);
          const embeddedName = embedded ? baseTypeName(embedded) : null;
          if (embeddedName) embeds.push(embeddedName);
        }
      }
    }
    this.methodNames = methods;
    this.embeddedNames = embeds;
  }
}

/** The fields of a struct type; an embedded field is named after its type. */
export function structFields(structType: SyntaxNode): FieldInfo[] {
  const fields: FieldInfo[] = [];
  const list = structType.namedChildren.find((child) => child.type === 'field_declaration_list');
  if (!list) return fields;
  for (const decl of list.namedChildren) {
    if (decl.type !== 'field_declaration') continue;
    const typeNode = decl.childForFieldName('type');
    const typeText = typeNode?.text ?? '';
    const names = decl.childrenForFieldName('name');
    if (names.length === 0) {
      // The grammar leaves the `*` of an embedded pointer outside the type field.
      const embeddedName = typeNode ? baseTypeName(typeNode) : null;
      const embeddedText = typeNode ? decl.text.slice(0, typeNode.endIndex - decl.startIndex).replace(/\s+/g, '') : typeText;
      if (embeddedName) fields.push({ name: embeddedName, typeNode, typeText: embeddedText, embedded: true, node: decl });
      continue;
    }
    for (const nameNode of names) fields.push({ name: nameNode.text, typeNode, typeText, embedded: false, node: decl });
  }
  return fields;
}

function addValues(pkg: GoPackage, file: SourceFile, spec: SyntaxNode, isConst: boolean): void {
  const shared = new ValueSpec(spec);
  spec.childrenForFieldName('name').forEach((nameNode, position) => {
    const name = nameNode.text;
    if (name !== '_') pkg.values.set(name, new LazyValueInfo(name, position, isConst, shared, file));
  });
}

/** The type and values of one var or const spec, read from the tree when first asked for. */
class ValueSpec {
  private typeRead = false;
  private type: SyntaxNode | null = null;
  private values: SyntaxNode[] | null = null;

  constructor(readonly node: SyntaxNode) {}

  get typeNode(): SyntaxNode | null {
    if (!this.typeRead) {
      this.type = this.node.childForFieldName('type');
      this.typeRead = true;
    }
    return this.type;
  }

  valueAt(position: number): SyntaxNode | null {
    if (!this.values) {
      const list = this.node.childForFieldName('value');
      this.values = list ? (list.type === 'expression_list' ? [...list.namedChildren] : [list]) : [];
    }
    // `a, b = f()`: one value for several names belongs to the first name only.
    return this.values.length === 1 && position > 0 ? null : (this.values[position] ?? null);
  }
}

class LazyValueInfo implements ValueInfo {
  constructor(
    readonly name: string,
    private readonly position: number,
    readonly isConst: boolean,
    private readonly spec: ValueSpec,
    readonly file: SourceFile,
  ) {}

  get node(): SyntaxNode {
    return this.spec.node;
  }

  get typeNode(): SyntaxNode | null {
    return this.spec.typeNode;
  }

  get typeText(): string {
    return this.spec.typeNode?.text ?? '';
  }

  get valueNode(): SyntaxNode | null {
    return this.spec.valueAt(this.position);
  }
}

/**
 * The named type at the core of a type expression: `T`, `*T`, `T[int]` and `pkg.T` give `T` (qualified
 * types give `pkg.T`). Returns null for maps, slices, funcs and other unnamed types.
 */
export function baseTypeName(typeNode: SyntaxNode): string | null {
  let current: SyntaxNode | null = typeNode;
  while (current) {
    switch (current.type) {
      case 'type_identifier':
      case 'identifier':
        return current.text;
      case 'qualified_type':
        return current.text.replace(/\s+/g, '');
      case 'pointer_type':
      case 'parenthesized_type':
        current = current.namedChild(0);
        break;
      case 'generic_type':
        current = current.childForFieldName('type');
        break;
      default:
        return null;
    }
  }
  return null;
}

/**
 * Visits a named type and then the same-package types it embeds, breadth-first (the order in which Go
 * promotes fields and methods), until `visit` returns a value.
 */
export function searchEmbedded<T>(pkg: GoPackage, typeName: string, visit: (name: string, info: TypeInfo | undefined) => T | null): T | null {
  const seen = new Set<string>();
  let level = [typeName];
  while (level.length > 0) {
    const next: string[] = [];
    for (const name of level) {
      if (seen.has(name)) continue;
      seen.add(name);
      const info = pkg.types.get(name);
      const found = visit(name, info);
      if (found !== null) return found;
      for (const field of info?.fields ?? []) if (field.embedded) next.push(field.name);
    }
    level = next;
  }
  return null;
}

/** Looks up a field of a struct type, searching embedded structs of the same package breadth-first. */
export function findField(pkg: GoPackage, typeName: string, fieldName: string): FieldInfo | null {
  return searchEmbedded(pkg, typeName, (_name, info) => info?.fields.find((field) => field.name === fieldName) ?? null);
}

/** Looks up a method of a named type, including methods promoted from embedded same-package structs. */
export function findMethod(pkg: GoPackage, typeName: string, methodName: string): FuncInfo | null {
  return searchEmbedded(pkg, typeName, (name) => pkg.methods.get(name)?.get(methodName) ?? null);
}

/** The import path that a local package name stands for in a file, or null when it is not an import. */
export function importPathOf(pkg: GoPackage, file: SourceFile, localName: string): string | null {
  return pkg.imports.get(file)?.get(localName)?.path ?? null;
}
