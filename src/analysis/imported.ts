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

/** An imported package's function or method named by an external call, with that package's analyses. */
export interface ImportedFunction {
  analyses: PackageAnalyses;
  fn: FuncInfo;
}

/**
 * The function or method an external call reaches in the imported package's source, so that its
 * summaries can be asked there: `util.Fetch(...)`, or `c.client.List()` with `client *lib.Client`
 * (methods promoted from embedded structs of that package included; an interface with a single
 * implementation there resolves to it). Null when the source is not on disk, the name is not there, or
 * the package is the standard library and `standardLibrary` is not set: the rules' catalogs describe the
 * standard library, and reading it for every call would cost more than it tells.
 */
export function importedFunction(analyses: PackageAnalyses, resolved: ResolvedCall, standardLibrary = false): ImportedFunction | null {
  if (resolved.kind !== 'external') return null;
  const dot = resolved.receiverType ? resolved.receiverType.lastIndexOf('.') : -1;
  const importPath = resolved.receiverType ? resolved.receiverType.slice(0, dot) : resolved.importPath;
  if (!standardLibrary && (isStandardLibrary(importPath) || !analyses.readsImportedSources())) return null;
  const imported = analyses.importedByPath(importPath);
  if (!imported) return null;
  const pkg = imported.pkg;
  let fn: FuncInfo | null | undefined;
  if (!resolved.receiverType) fn = pkg.funcs.get(resolved.name);
  else {
    const typeName = resolved.receiverType.slice(dot + 1);
    if (pkg.types.get(typeName)?.kind === 'interface') {
      const implementation = imported.get(singleImplementations).get(typeName);
      fn = implementation ? findMethod(pkg, implementation, resolved.name) : null;
    } else fn = findMethod(pkg, typeName, resolved.name);
  }
  return fn && !fn.file.isTest ? { analyses: imported, fn } : null;
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
