// Call resolution and the package call graph. A call resolves to a same-package function or method
// (through receivers, field types, single-implementation interfaces, and, as a last resort, a method
// name unique in the package), to an imported package's function, or to nothing known. The call graph
// lists every call site of every top-level function, including those inside its func literals.
import type { SyntaxNode } from '../parse/parser.js';
import type { SourceFile } from '../parse/source.js';
import { unparen } from '../parse/syntax.js';
import { findMethod, importPathOf, type FuncInfo, type GoPackage } from '../index/package-index.js';
import { defineAnalysis, type PackageAnalyses } from './context.js';
import { namedType, scopeOf, typeOfExpression } from './types.js';

export type ResolvedCall =
  | { kind: 'local'; fn: FuncInfo; via: 'func' | 'method' | 'interface' | 'unique-name' }
  /** `pkg.Name(...)` where pkg is an import, or a method on a value of an imported type. */
  | { kind: 'external'; importPath: string; name: string; receiverType: string | null }
  | { kind: 'builtin'; name: string }
  /** A method on a value whose type is unknown, or a call of a function value. */
  | { kind: 'unknown'; name: string | null };

const BUILTINS = new Set([
  'append', 'cap', 'clear', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'max', 'min',
  'new', 'panic', 'print', 'println', 'real', 'recover',
]);

export interface CallSite {
  call: SyntaxNode;
  caller: FuncInfo;
  /** The func literal the call sits in, if any (null when it is in the function's own body). */
  literal: SyntaxNode | null;
  resolved: ResolvedCall;
}

export interface CallGraph {
  sitesOf: Map<FuncInfo, CallSite[]>;
  callersOf: Map<FuncInfo, Set<FuncInfo>>;
}

/** Interfaces of this package mapped to their single non-test implementation, when there is one. */
export const singleImplementations = defineAnalysis('single-implementations', (analyses) => {
  const pkg = analyses.pkg;
  const result = new Map<string, string>();
  for (const type of pkg.types.values()) {
    if (type.kind !== 'interface') continue;
    const required = interfaceMethodSet(pkg, type.name);
    if (required.size === 0) continue;
    const implementers: string[] = [];
    for (const [typeName, methods] of pkg.methods) {
      let all = true;
      for (const name of required) {
        const method = methods.get(name);
        if (!method || method.file.isTest) {
          all = false;
          break;
        }
      }
      if (all) implementers.push(typeName);
    }
    if (implementers.length === 1) result.set(type.name, implementers[0]!);
  }
  return result;
});

function interfaceMethodSet(pkg: GoPackage, name: string, seen = new Set<string>()): Set<string> {
  const methods = new Set<string>();
  if (seen.has(name)) return methods;
  seen.add(name);
  const type = pkg.types.get(name);
  if (!type || type.kind !== 'interface') return methods;
  for (const method of type.interfaceMethods) methods.add(method);
  for (const embedded of type.interfaceEmbeds) for (const method of interfaceMethodSet(pkg, embedded, seen)) methods.add(method);
  return methods;
}

/** Resolves one call. `fn` is the innermost enclosing function node (declaration or literal). */
export function resolveCall(analyses: PackageAnalyses, call: SyntaxNode, fn: SyntaxNode | null): ResolvedCall {
  const pkg = analyses.pkg;
  const callee = call.childForFieldName('function');
  if (!callee) return { kind: 'unknown', name: null };
  const target = unparen(callee);
  const scope = fn ? scopeOf(analyses, fn) : null;
  if (target.type === 'identifier') {
    const name = target.text;
    if (scope?.declares(name)) return { kind: 'unknown', name };
    const local = pkg.funcs.get(name);
    if (local) return { kind: 'local', fn: local, via: 'func' };
    if (BUILTINS.has(name)) return { kind: 'builtin', name };
    return { kind: 'unknown', name };
  }
  if (target.type !== 'selector_expression') return { kind: 'unknown', name: null };
  const operand = target.childForFieldName('operand');
  const name = target.childForFieldName('field')?.text ?? null;
  if (!operand || !name) return { kind: 'unknown', name };
  const file = analyses.fileOf(call);
  const bareOperand = unparen(operand);
  if (bareOperand.type === 'identifier' && file && !scope?.declares(bareOperand.text) && !pkg.values.has(bareOperand.text)) {
    const importPath = importPathOf(pkg, file, bareOperand.text);
    if (importPath) return { kind: 'external', importPath, name, receiverType: null };
  }
  const operandType = typeOfExpression(pkg, scope, operand);
  const typeName = operandType ? namedType(operandType) : null;
  if (typeName) return resolveMethod(analyses, file, typeName, name);
  const sameName = pkg.methodsByName.get(name)?.filter((method) => !method.file.isTest) ?? [];
  if (sameName.length === 1) return { kind: 'local', fn: sameName[0]!, via: 'unique-name' };
  return { kind: 'unknown', name };
}

function resolveMethod(analyses: PackageAnalyses, file: SourceFile | undefined, typeName: string, name: string): ResolvedCall {
  const pkg = analyses.pkg;
  const dot = typeName.indexOf('.');
  if (dot >= 0) {
    const importPath = file ? importPathOf(pkg, file, typeName.slice(0, dot)) : null;
    return importPath
      ? { kind: 'external', importPath, name, receiverType: `${importPath}.${typeName.slice(dot + 1)}` }
      : { kind: 'unknown', name };
  }
  const type = pkg.types.get(typeName);
  if (type?.kind === 'interface') {
    const implementation = analyses.get(singleImplementations).get(typeName);
    const method = implementation ? pkg.methods.get(implementation)?.get(name) : undefined;
    return method ? { kind: 'local', fn: method, via: 'interface' } : { kind: 'unknown', name };
  }
  const method = findMethod(pkg, typeName, name);
  return method ? { kind: 'local', fn: method, via: 'method' } : { kind: 'unknown', name };
}

/** Finds, by byte ranges alone, the innermost of `ranges` (sorted by start) that contains `index`. */
function innermost(ranges: SyntaxNode[], start: number, end: number): SyntaxNode | null {
  let best: SyntaxNode | null = null;
  for (const range of ranges) {
    if (range.startIndex > start) break;
    if (range.endIndex >= end) best = range;
  }
  return best;
}

/** The call graph of the package's functions and methods. */
export const callGraph = defineAnalysis('call-graph', (analyses): CallGraph => {
  const pkg = analyses.pkg;
  const sitesOf = new Map<FuncInfo, CallSite[]>();
  const callersOf = new Map<FuncInfo, Set<FuncInfo>>();
  for (const fn of pkg.functions) sitesOf.set(fn, []);
  for (const file of pkg.files) {
    const functions = pkg.functions.filter((fn) => fn.file === file);
    if (functions.length === 0) continue;
    const buckets = analyses.nodesOfTypes(file, ['call_expression', 'func_literal']);
    const literals = buckets.get('func_literal')!;
    let functionIndex = 0;
    for (const call of buckets.get('call_expression')!) {
      while (functionIndex < functions.length && functions[functionIndex]!.node.endIndex < call.endIndex) functionIndex++;
      const caller = functions[functionIndex];
      if (!caller || caller.node.startIndex > call.startIndex) continue;
      const literal = innermost(literals, call.startIndex, call.endIndex);
      const literalInCaller = literal && literal.startIndex >= caller.node.startIndex ? literal : null;
      const resolved = resolveCall(analyses, call, literalInCaller ?? caller.node);
      sitesOf.get(caller)!.push({ call, caller, literal: literalInCaller, resolved });
      if (resolved.kind === 'local') {
        let callers = callersOf.get(resolved.fn);
        if (!callers) {
          callers = new Set();
          callersOf.set(resolved.fn, callers);
        }
        callers.add(caller);
      }
    }
  }
  return { sitesOf, callersOf };
});

export interface SummarySpec<Fact> {
  /** The starting fact of every function (the lattice's bottom). */
  initial: Fact;
  /** Recomputes a function's fact from its body and its callees' current facts. */
  compute(fn: FuncInfo, factOf: (callee: FuncInfo) => Fact): Fact;
  equal(a: Fact, b: Fact): boolean;
  /** Functions to compute first; by default all. Others are computed only when a callee's fact changes. */
  seeds?: Iterable<FuncInfo>;
}

/**
 * Solves per-function facts by a fixpoint over the package call graph: whenever a function's fact
 * changes, its callers are recomputed. Facts must only grow, so the loop ends; a cap guards it anyway.
 */
export function solveSummaries<Fact>(analyses: PackageAnalyses, spec: SummarySpec<Fact>): Map<FuncInfo, Fact> {
  const graph = analyses.get(callGraph);
  const facts = new Map<FuncInfo, Fact>();
  const factOf = (fn: FuncInfo): Fact => (facts.has(fn) ? facts.get(fn)! : spec.initial);
  const queue: FuncInfo[] = [...(spec.seeds ?? analyses.pkg.functions)];
  const queued = new Set(queue);
  let budget = 20 * (analyses.pkg.functions.length + 10);
  while (queue.length > 0 && budget-- > 0) {
    const fn = queue.shift()!;
    queued.delete(fn);
    const next = spec.compute(fn, factOf);
    if (spec.equal(next, factOf(fn))) continue;
    facts.set(fn, next);
    for (const caller of graph.callersOf.get(fn) ?? []) {
      if (!queued.has(caller)) {
        queued.add(caller);
        queue.push(caller);
      }
    }
  }
  return facts;
}
