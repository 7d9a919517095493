// Functions, methods and types of imported packages, found through the run's imported packages
// (PackageAnalyses.imported): the callee of `util.Requeue(q, key)` or of a method on a value of an
// imported type, with the analyses of the package that declares it, so a rule asks that package's
// summaries about it. Null whenever the package is not on disk or no importer is installed: callers
// then keep what they assumed before. It reads nothing else and reports nothing.
import type { SyntaxNode } from '../parse/parser.js';
import { findMethod, type FuncInfo, type TypeInfo } from '../index/package-index.js';
import { isStandardLibrary } from '../index/resolve.js';
import type { PackageAnalyses } from './context.js';
import { resolveCall, singleImplementations, type ResolvedCall } from './calls.js';

/** A function or method declared in another package, with that package's analyses. */
export interface ImportedFunction {
  analyses: PackageAnalyses;
  fn: FuncInfo;
}

/** The declaration an external resolution names (`util.Requeue`, or `Requeue` on `util.Queue`), or null. */
export function importedFunction(analyses: PackageAnalyses, resolved: ResolvedCall): ImportedFunction | null {
  if (resolved.kind !== 'external') return null;
  const other = analyses.importedByPath(resolved.importPath);
  if (!other) return null;
  if (resolved.receiverType === null) {
    const fn = other.pkg.funcs.get(resolved.name);
    return fn ? { analyses: other, fn } : null;
  }
  const typeName = resolved.receiverType.slice(resolved.importPath.length + 1);
  const fn = methodOf(other, typeName, resolved.name);
  return fn ? { analyses: other, fn } : null;
}

/**
 * The function a call runs when it is declared in an imported package: `pkg.F(...)`, or a method on a
 * value whose type an import declares. Same-package and unknown calls give null.
 */
export function importedCallee(analyses: PackageAnalyses, call: SyntaxNode, fn: SyntaxNode | null): ImportedFunction | null {
  const resolved = resolveCall(analyses, call, fn);
  return resolved.kind === 'external' ? importedFunction(analyses, resolved) : null;
}

/** A type declared in an imported package outside the standard library, named as written (`util.Queue`), with that package's analyses. */
export function importedType(analyses: PackageAnalyses, qualifiedName: string, importPath: string | null): { analyses: PackageAnalyses; type: TypeInfo } | null {
  const dot = qualifiedName.indexOf('.');
  if (dot < 0 || !importPath || isStandardLibrary(importPath)) return null;
  const other = analyses.importedByPath(importPath);
  const type = other?.pkg.types.get(qualifiedName.slice(dot + 1));
  return other && type ? { analyses: other, type } : null;
}

/** A method of a type of `analyses`' package, promoted ones included; an interface answers with its single implementation's. */
function methodOf(analyses: PackageAnalyses, typeName: string, name: string): FuncInfo | null {
  const pkg = analyses.pkg;
  if (pkg.types.get(typeName)?.kind === 'interface') {
    const implementation = analyses.get(singleImplementations).get(typeName);
    return implementation ? (pkg.methods.get(implementation)?.get(name) ?? null) : null;
  }
  return findMethod(pkg, typeName, name);
}
