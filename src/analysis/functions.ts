// Lookups of the package's top-level functions and methods (the index's `functions`) by node id, by
// file and by name, built once per package for every analysis and rule that needs them.
import type { SourceFile } from '../parse/source.js';
import type { FuncInfo } from '../index/package-index.js';
import { defineAnalysis } from './context.js';

/** Functions by the id of their declaration node. */
export const functionsByNode = defineAnalysis('functions-by-node', (analyses) => new Map(analyses.pkg.functions.map((fn) => [fn.node.id, fn])));

/** Functions by file, each list in document order. */
export const functionsByFile = defineAnalysis('functions-by-file', (analyses) => groupBy(analyses.pkg.functions, (fn) => fn.file));

/** Functions and methods by name: every function called `name`, whatever its receiver or file. */
export const functionsByName = defineAnalysis('functions-by-name', (analyses) => groupBy(analyses.pkg.functions, (fn) => fn.name));

function groupBy<K extends SourceFile | string>(functions: FuncInfo[], keyOf: (fn: FuncInfo) => K): Map<K, FuncInfo[]> {
  const groups = new Map<K, FuncInfo[]>();
  for (const fn of functions) {
    const key = keyOf(fn);
    const list = groups.get(key);
    if (list) list.push(fn);
    else groups.set(key, [fn]);
  }
  return groups;
}
