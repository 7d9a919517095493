// The delay of an `AddAfter` re-queue when it does not grow with failures: a constant, a local or
// package variable set once to a constant, a field the package only ever sets to constants, or a delay
// scaled by `NumRequeues` on a queue that is never rate-limited (whose count stays 0). A delay from a
// backoff, or from the caller's own failure count, is not fixed. It reports nothing.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { enclosingFunction, expressionListItems, nodesWithin, unparen } from '../../src/parse/syntax.js';
import { defineAnalysis, type PackageAnalyses } from '../../src/analysis/context.js';
import { constantDuration } from '../../src/analysis/durations.js';
import { scopeOf } from '../../src/analysis/types.js';
import { uncountedRequeues } from './queues.js';

export interface FixedDelay {
  nanoseconds: number;
  /** Where the value comes from, when it is not written at the call: `c.requeueDelay is only ever set to 200ms, in New`. */
  origin: string | null;
  /** The delay is scaled by a NumRequeues that never counts. */
  requeues: boolean;
}

/** Names assigned (or whose address is taken) anywhere in the package: package vars among them may change. */
const assignedNames = defineAnalysis('retry-assigned-names', (analyses) => {
  const names = new Set<string>();
  for (const file of analyses.pkg.files) {
    const buckets = analyses.nodesOfTypes(file, ['assignment_statement', 'inc_statement', 'dec_statement', 'unary_expression']);
    for (const node of buckets.get('assignment_statement')!) for (const item of expressionListItems(node.childForFieldName('left'))) if (item.type === 'identifier') names.add(item.text);
    for (const type of ['inc_statement', 'dec_statement']) for (const node of buckets.get(type)!) if (node.namedChild(0)?.type === 'identifier') names.add(node.namedChild(0)!.text);
    for (const node of buckets.get('unary_expression')!) {
      const operand = node.childForFieldName('operand');
      if (node.text.startsWith('&') && operand?.type === 'identifier') names.add(operand.text);
    }
  }
  return names;
});

/** Every value the package stores in a field of this name: `x.field = e` and `field: e` in literals. */
const fieldWrites = defineAnalysis('retry-field-writes', (analyses) => {
  const writes = new Map<string, Array<{ value: SyntaxNode; file: SourceFile }>>();
  const add = (field: string, value: SyntaxNode, file: SourceFile) => {
    const list = writes.get(field);
    if (list) list.push({ value, file });
    else writes.set(field, [{ value, file }]);
  };
  for (const file of analyses.pkg.files) {
    const buckets = analyses.nodesOfTypes(file, ['assignment_statement', 'keyed_element']);
    for (const node of buckets.get('assignment_statement')!) {
      const left = expressionListItems(node.childForFieldName('left'));
      const right = expressionListItems(node.childForFieldName('right'));
      left.forEach((item, index) => {
        const field = item.type === 'selector_expression' ? item.childForFieldName('field')?.text : undefined;
        // `x.f, err = g()` stores a value no constant describes.
        if (field) add(field, left.length === right.length ? right[index]! : node, file);
      });
    }
    for (const element of buckets.get('keyed_element')!) {
      const key = element.namedChild(0);
      const name = key?.type === 'literal_element' ? key.namedChild(0) : key;
      const value = element.namedChild(1);
      const inner = value?.type === 'literal_element' ? value.namedChild(0) : value;
      if (name && inner && (name.type === 'identifier' || name.type === 'field_identifier')) add(name.text, inner, file);
    }
  }
  return writes;
});

/** The fixed delay of an AddAfter argument, or null when it may grow or is unknown. */
export function fixedDelay(analyses: PackageAnalyses, file: SourceFile, expression: SyntaxNode): FixedDelay | null {
  const fn = enclosingFunction(expression);
  const origins: string[] = [];
  let requeues = false;
  let depth = 0;
  const resolve = (node: SyntaxNode, nodeFile: SourceFile): number | null => {
    if (depth++ > 12) return null;
    const bare = unparen(node);
    if (uncountedRequeues(analyses, bare)) {
      requeues = true;
      return 0;
    }
    if (bare.type === 'identifier') {
      const name = bare.text;
      const local = fn && nodeFile === file ? scopeOf(analyses, fn).localsNamed(name) : [];
      if (local.length > 0) {
        if (local.length !== 1 || !local[0]!.init || local[0]!.count !== 1 || isReassigned(analyses, file, fn!, name)) return null;
        return constantDuration(analyses.pkg, file, local[0]!.init, resolve);
      }
      if (fn && scopeOf(analyses, fn).paramType(name)) return null;
      const value = analyses.pkg.values.get(name);
      if (!value || value.isConst || !value.valueNode || analyses.get(assignedNames).has(name)) return null;
      const result = constantDuration(analyses.pkg, value.file, value.valueNode, resolve);
      if (result !== null) origins.push(`${name} is never changed`);
      return result;
    }
    if (bare.type === 'selector_expression') {
      const field = bare.childForFieldName('field')?.text ?? '';
      const writes = analyses.get(fieldWrites).get(field) ?? [];
      if (writes.length === 0) return null;
      let largest = -Infinity;
      for (const write of writes) {
        const value = constantDuration(analyses.pkg, write.file, write.value, resolve);
        if (value === null) return null;
        largest = Math.max(largest, value);
      }
      const where = enclosingFunction(writes[0]!.value);
      const name = where?.childForFieldName('name')?.text;
      origins.push(`${bare.text} is only ever set to ${formatDuration(largest)}${name ? `, in ${name}` : ''}`);
      return largest;
    }
    return null;
  };
  const nanoseconds = constantDuration(analyses.pkg, file, expression, resolve);
  if (nanoseconds === null) return null;
  return { nanoseconds, origin: origins.length > 0 ? origins.join('; ') : null, requeues };
}

/** True when the local `name` is assigned, stepped or has its address taken in `fn` (its declaration aside). */
export function isReassigned(analyses: PackageAnalyses, file: SourceFile, fn: SyntaxNode, name: string): boolean {
  const buckets = analyses.nodesOfTypes(file, ['assignment_statement', 'inc_statement', 'dec_statement', 'unary_expression']);
  for (const node of nodesWithin(buckets.get('assignment_statement')!, fn)) {
    if (expressionListItems(node.childForFieldName('left')).some((item) => item.type === 'identifier' && item.text === name)) return true;
  }
  for (const type of ['inc_statement', 'dec_statement']) {
    for (const node of nodesWithin(buckets.get(type)!, fn)) if (node.namedChild(0)?.text === name) return true;
  }
  for (const node of nodesWithin(buckets.get('unary_expression')!, fn)) {
    if (node.text.startsWith('&') && unparen(node.childForFieldName('operand') ?? node).text === name) return true;
  }
  return false;
}

export function formatDuration(nanoseconds: number): string {
  if (nanoseconds >= 1e9 && nanoseconds % 1e9 === 0) return `${nanoseconds / 1e9}s`;
  if (nanoseconds >= 1e6) return `${+(nanoseconds / 1e6).toFixed(3)}ms`;
  if (nanoseconds >= 1e3) return `${+(nanoseconds / 1e3).toFixed(3)}µs`;
  return `${nanoseconds}ns`;
}
