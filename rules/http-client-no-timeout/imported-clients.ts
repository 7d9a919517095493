// What a package does with `http.Client` values, as seen from a package that imports it: which of its
// functions return a client built without `Timeout` (or store one in a field of what they build), which
// of its package-level variables hold one, and which functions send requests through a client handed to
// them as an argument or in a field of one of its struct types (directly, or after storing it in a
// field that a method uses). Each answer is computed on demand for the one function or
// variable asked about, with the value traces of struct-literals.ts run inside that package. It says
// nothing about the importing package, and reports nothing.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { unparen } from '../../src/parse/syntax.js';
import { findField, type FuncInfo } from '../../src/index/package-index.js';
import { defineAnalysis } from '../../src/analysis/context.js';
import { isImportedType, isZeroLiteral, literalFields, traceValue, type ValueTrace } from '../../src/analysis/struct-literals.js';

export const REQUEST_METHODS = new Set(['Do', 'Get', 'Head', 'Post', 'PostForm']);

/** A client built without `Timeout` in the package: where, and in which file. */
export interface UnboundedClient {
  construction: SyntaxNode;
  file: SourceFile;
}

/** A request the package sends through a client it was handed. */
export interface HandedRequest {
  call: SyntaxNode;
  file: SourceFile;
}

export interface ImportedClients {
  /** The client without `Timeout` that `fn` returns (as its result `position`), or null. */
  returnedBy(fn: FuncInfo, position: number): UnboundedClient | null;
  /** The client without `Timeout` that the package-level variable `name` holds, or null. */
  heldBy(name: string): UnboundedClient | null;
  /** A request without a deadline sent through the client passed as parameter `position` of `fn`, or null. */
  requestThrough(fn: FuncInfo, position: number): HandedRequest | null;
  /** A request without a deadline sent through the client stored in field `field` of struct type `typeName`, or null. */
  requestThroughField(typeName: string, field: string): HandedRequest | null;
  /** The client without `Timeout` that `fn` stores in field `field` of the value it builds, or null. */
  storedBy(fn: FuncInfo, field: string): UnboundedClient | null;
}

export const importedClients = defineAnalysis('http-imported-clients', (analyses): ImportedClients => {
  const pkg = analyses.pkg;
  const returned = new Map<string, UnboundedClient | null>();
  const held = new Map<string, UnboundedClient | null>();
  const handed = new Map<string, HandedRequest | null>();

  /** A client literal or `new(http.Client)` that sets no timeout, here or anywhere its trace goes. */
  const unbounded = (construction: SyntaxNode, file: SourceFile): ValueTrace | null => {
    const value = unparen(construction);
    let literal = value.type === 'unary_expression' ? value.childForFieldName('operand') : value;
    if (literal?.type === 'composite_literal') {
      if (!isImportedType(pkg, file, literal.childForFieldName('type'), 'net/http', 'Client')) return null;
      const fields = literalFields(literal);
      const timeout = fields.get('Timeout')?.value;
      if (timeout && !isZeroLiteral(timeout)) return null;
      // A transport is judged by the package that builds it; any transport counts as a bound here.
      if (fields.has('Transport')) return null;
    } else if (value.type === 'call_expression' && /^new\s*\(/.test(value.text)) {
      const argument = value.childForFieldName('arguments')?.namedChild(0) ?? null;
      if (!isImportedType(pkg, file, argument, 'net/http', 'Client')) return null;
      literal = value;
    } else return null;
    const trace = traceValue(analyses, { construction: literal! });
    return trace.fieldSets.some((set) => set.field === 'Timeout' || set.field === 'Transport') ? null : trace;
  };

  const returnedBy = (fn: FuncInfo, position: number): UnboundedClient | null => {
    const key = `${fn.node.id}:${position}`;
    if (returned.has(key)) return returned.get(key)!;
    let found: UnboundedClient | null = null;
    if (!fn.file.isTest && fn.results[position] && /\bhttp\.Client$/.test(fn.results[position]!.typeText)) {
      for (const construction of clientConstructions(fn.node)) {
        const trace = unbounded(construction, fn.file);
        if (trace?.returnedBy.some((returning) => returning.id === fn.node.id)) {
          found = { construction, file: fn.file };
          break;
        }
      }
    }
    returned.set(key, found);
    return found;
  };

  const heldBy = (name: string): UnboundedClient | null => {
    if (held.has(name)) return held.get(name)!;
    const value = pkg.values.get(name);
    let found: UnboundedClient | null = null;
    if (value?.valueNode && !value.isConst) {
      const file = analyses.fileOf(value.valueNode);
      if (file && !file.isTest && unbounded(value.valueNode, file)) found = { construction: value.valueNode, file };
    }
    held.set(name, found);
    return found;
  };

  /** The first request without a deadline in a trace that sets no timeout. */
  const firstRequest = (trace: ValueTrace): HandedRequest | null => {
    if (trace.fieldSets.some((set) => set.field === 'Timeout')) return null;
    for (const request of trace.methodCalls) {
      if (!REQUEST_METHODS.has(request.name)) continue;
      const file = analyses.fileOf(request.call);
      if (file && !file.isTest && !carriesContext(request.call, request.name)) return { call: request.call, file };
    }
    return null;
  };

  const requestThrough = (fn: FuncInfo, position: number): HandedRequest | null => {
    const key = `${fn.node.id}:${position}`;
    if (handed.has(key)) return handed.get(key)!;
    handed.set(key, null);
    const param = fn.params[position];
    let found: HandedRequest | null = null;
    if (param?.name && !fn.file.isTest && /\bhttp\.Client$/.test(param.typeText)) {
      const nameNode = fn.node.childForFieldName('parameters')?.descendantsOfType('identifier').find((identifier) => identifier.text === param.name);
      if (nameNode) found = firstRequest(traceValue(analyses, { holder: { kind: 'variable', name: param.name, node: nameNode, scope: fn.node } }));
    }
    handed.set(key, found);
    return found;
  };

  const requestThroughField = (typeName: string, field: string): HandedRequest | null => {
    const key = `field:${typeName}.${field}`;
    if (handed.has(key)) return handed.get(key)!;
    handed.set(key, null);
    const info = findField(pkg, typeName, field);
    let found: HandedRequest | null = null;
    if (info && /\bhttp\.Client$/.test(info.typeText) && !analyses.fileOf(info.node)?.isTest) {
      found = firstRequest(traceValue(analyses, { holder: { kind: 'field', name: field, node: info.node, owner: typeName } }));
    }
    handed.set(key, found);
    return found;
  };

  const stored = new Map<string, UnboundedClient | null>();
  const storedBy = (fn: FuncInfo, field: string): UnboundedClient | null => {
    const key = `${fn.node.id}:${field}`;
    if (stored.has(key)) return stored.get(key)!;
    let found: UnboundedClient | null = null;
    if (!fn.file.isTest) {
      for (const construction of clientConstructions(fn.node)) {
        const trace = unbounded(construction, fn.file);
        if (trace?.holders.some((holder) => holder.kind === 'field' && holder.name === field)) {
          found = { construction, file: fn.file };
          break;
        }
      }
    }
    stored.set(key, found);
    return found;
  };

  return { returnedBy, heldBy, requestThrough, requestThroughField, storedBy };
});

/** The client literals and `new(http.Client)` calls in a function, by text first. */
function clientConstructions(fn: SyntaxNode): SyntaxNode[] {
  if (!/Client\s*\{|new\s*\(/.test(fn.text)) return [];
  return fn.descendantsOfType(['composite_literal', 'call_expression']).filter((node) => (node.type === 'composite_literal' ? /Client\s*\{/.test(node.text.slice(0, 40)) : /^new\s*\(/.test(node.text)));
}

/**
 * True when a `Do` sends a request that may carry a deadline: one built with a context in the same
 * function, or handed in (the other package cannot be read for its callers' contexts, so a request
 * from outside counts as bounded). `Get`, `Head`, `Post` and `PostForm` never carry one.
 */
function carriesContext(call: SyntaxNode, method: string): boolean {
  if (method !== 'Do') return false;
  let fn: SyntaxNode | null = call.parent;
  while (fn && fn.type !== 'function_declaration' && fn.type !== 'method_declaration' && fn.type !== 'func_literal') fn = fn.parent;
  const text = fn?.text ?? '';
  return !/\bhttp\.NewRequest\s*\(/.test(text) || /WithContext|WithTimeout|WithDeadline/.test(text);
}
