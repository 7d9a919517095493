// What a package does with `http.Server` values, as seen from a package that imports it: which of its
// functions set a read timeout on a server handed to them (directly, or after storing it in a field a
// method sets), and which return a server built with no read timeout. Each answer is computed on demand
// for the one function asked about, with the value traces of struct-literals.ts run inside that
// package. It reports nothing.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import type { FuncInfo } from '../../src/index/package-index.js';
import { defineAnalysis } from '../../src/analysis/context.js';
import { isImportedType, isZeroLiteral, literalFields, traceValue } from '../../src/analysis/struct-literals.js';

export const READ_TIMEOUTS = ['ReadHeaderTimeout', 'ReadTimeout'];

export interface ImportedServers {
  /** True when `fn` sets a read timeout on the server passed as its parameter `position`. */
  boundsParameter(fn: FuncInfo, position: number): boolean;
  /** The server literal with no read timeout that `fn` returns, with its file, or null. */
  returnedBy(fn: FuncInfo): { literal: SyntaxNode; file: SourceFile } | null;
}

export const importedServers = defineAnalysis('http-imported-servers', (analyses): ImportedServers => {
  const bounds = new Map<string, boolean>();
  const returned = new Map<number, { literal: SyntaxNode; file: SourceFile } | null>();
  const setsTimeout = (sets: Array<{ field: string; value: SyntaxNode | null }>) => sets.some((set) => READ_TIMEOUTS.includes(set.field) && !isZeroLiteral(set.value));

  const boundsParameter = (fn: FuncInfo, position: number): boolean => {
    const key = `${fn.node.id}:${position}`;
    if (bounds.has(key)) return bounds.get(key)!;
    bounds.set(key, false);
    const param = fn.params[position];
    let result = false;
    if (param?.name && /\bhttp\.Server$/.test(param.typeText)) {
      const nameNode = fn.node.childForFieldName('parameters')?.descendantsOfType('identifier').find((identifier) => identifier.text === param.name);
      if (nameNode) result = setsTimeout(traceValue(analyses, { holder: { kind: 'variable', name: param.name, node: nameNode, scope: fn.node } }).fieldSets);
    }
    bounds.set(key, result);
    return result;
  };

  const returnedBy = (fn: FuncInfo): { literal: SyntaxNode; file: SourceFile } | null => {
    if (returned.has(fn.node.id)) return returned.get(fn.node.id)!;
    let found: { literal: SyntaxNode; file: SourceFile } | null = null;
    if (!fn.file.isTest && /\bhttp\.Server$/.test(fn.results[0]?.typeText ?? '') && /Server\s*\{/.test(fn.node.text)) {
      for (const literal of fn.node.descendantsOfType('composite_literal')) {
        if (!isImportedType(analyses.pkg, fn.file, literal.childForFieldName('type'), 'net/http', 'Server')) continue;
        const fields = literalFields(literal);
        if (READ_TIMEOUTS.some((name) => fields.has(name) && !isZeroLiteral(fields.get(name)!.value))) continue;
        const trace = traceValue(analyses, { construction: literal });
        if (setsTimeout(trace.fieldSets) || !trace.returnedBy.some((returning) => returning.id === fn.node.id)) continue;
        found = { literal, file: fn.file };
        break;
      }
    }
    returned.set(fn.node.id, found);
    return found;
  };

  return { boundsParameter, returnedBy };
});
