// What changes from one pass of a loop to the next, so that its call is not a retry of the same thing:
// names that take a new value every pass (counters, cursors, random or next candidates, values read from
// a stream, fields rewritten from their old value), calls that read the next item of a stream, and
// same-package functions that move a cursor in their receiver or argument. A value that records an
// error (`lastErr = err`) or bumps a counter is no new input. It reports nothing; loop-view.ts asks it
// whether an attempt makes progress.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { callArguments, calleePath, expressionListItems, nodesWithin, selectorPath, unparen } from '../../src/parse/syntax.js';
import { importPathOf, type FuncInfo } from '../../src/index/package-index.js';
import { resolveCall } from '../../src/analysis/calls.js';
import { defineAnalysis, type PackageAnalyses } from '../../src/analysis/context.js';
import { isErrorName } from './error-paths.js';

/** Calls whose result is a new candidate each time: random, unique, temporary, next, picked, the clock. */
const FRESH_VALUE = /[Rr]and|[Uu]nique|[Uu]uid|UUID|[Nn]once|[Tt]emp|^[Nn]ext|Next[A-Z]|[Pp]ick|[Cc]hoose|[Rr]otate|[Ss]huffle|^Now$|^[Rr]ead|^Recv|^Receive|^Pop|^Scan|^Token|^Accept|^Dequeue|^Shift/;

/** Methods that consume the next item of a stream, reader, iterator or decoder. */
const STREAM_METHOD = /^([Rr]ead(?!File|Dir|[Ll]ink)\w*|[Rr]ecv\w*|Receive\w*|Next\w*|Scan|Token|RawToken|Peek|Skip\w*|Discard|Decode\w*)$/;

/** Package functions that read from the reader they are given. */
const STREAM_FUNCTIONS: ReadonlyMap<string, RegExp> = new Map([
  ['io', /^(ReadFull|ReadAtLeast|ReadAll|Copy\w*)$/],
  ['io/ioutil', /^ReadAll$/],
  ['encoding/binary', /^(Read|ReadUvarint|ReadVarint)$/],
  ['syscall', /^(Read|Recv\w*|Pread)$/],
  ['golang.org/x/sys/unix', /^(Read|Recv\w*|Pread)$/],
]);

/** True when a call reads the next item of a stream: `r.Read(buf)`, `s.Recv()`, `io.ReadFull(r, buf)`. */
export function isStreamRead(analyses: PackageAnalyses, file: SourceFile, call: SyntaxNode): boolean {
  const callee = call.childForFieldName('function');
  const target = callee ? unparen(callee) : null;
  if (target?.type !== 'selector_expression') return false;
  const operand = target.childForFieldName('operand');
  const name = target.childForFieldName('field')?.text ?? '';
  if (!operand) return false;
  const importPath = unparen(operand).type === 'identifier' ? importPathOf(analyses.pkg, file, unparen(operand).text) : null;
  if (importPath !== null && !analyses.pkg.values.has(unparen(operand).text)) return STREAM_FUNCTIONS.get(importPath)?.test(name) ?? false;
  return STREAM_METHOD.test(name);
}

/** What changes from pass to pass in a loop. */
export interface Changes {
  /** Names and field paths that take a new value each pass. */
  varying: Set<string>;
  /** Varying field paths given new content, not a bumped counter or a recorded error (`r.Items = r.Items[:n]`). */
  rewritten: Set<string>;
}

/** Names and field paths an expression reads, with every prefix: `d.dec.Buffered()` gives d, d.dec, d.dec.Buffered. */
export function referencesIn(node: SyntaxNode): string[] {
  return pathsIn(node).flatMap(prefixesOf);
}

/** A path and its prefixes: `a.b.c` gives a, a.b, a.b.c. */
function prefixesOf(path: string): string[] {
  const pieces = path.split('.');
  const prefixes: string[] = [];
  for (let count = 1; count <= pieces.length; count++) prefixes.push(pieces.slice(0, count).join('.'));
  return prefixes;
}

/**
 * The names and field paths an expression reads, each as written in full (`d.dec.Buffered`, not its
 * prefixes), from the syntax tree: identifiers in string literals and comments are not read.
 */
export function pathsIn(node: SyntaxNode): string[] {
  const paths: string[] = [];
  const bare = unparen(node);
  if (bare.type === 'identifier') return [bare.text];
  const selectors = bare.type === 'selector_expression' ? [bare, ...bare.descendantsOfType('selector_expression')] : bare.descendantsOfType('selector_expression');
  const covered = new Set<number>();
  for (const selector of selectors) {
    if (covered.has(selector.id)) continue;
    const path = selectorPath(selector);
    if (!path) continue;
    paths.push(path);
    // The operand chain of a named path is covered by it.
    for (let inner = selector.childForFieldName('operand'); inner; inner = inner.type === 'selector_expression' ? inner.childForFieldName('operand') : null) covered.add(inner.id);
  }
  for (const identifier of bare.descendantsOfType('identifier')) {
    if (covered.has(identifier.id)) continue;
    const parent = identifier.parent;
    // A selector's field or a keyed literal's key is no read of a local.
    if (parent?.type === 'selector_expression' && parent.childForFieldName('field')?.id === identifier.id) continue;
    if (parent?.type === 'literal_element' && parent.parent?.type === 'keyed_element' && parent.parent.firstNamedChild?.id === parent.id) continue;
    paths.push(identifier.text);
  }
  return paths;
}

/** True when some call inside `node` returns a fresh candidate (`rand.Intn`, `p.Next()`, `time.Now()`). */
export function readsFreshValue(node: SyntaxNode, clock = true): boolean {
  const calls = unparen(node).type === 'call_expression' ? [unparen(node), ...node.descendantsOfType('call_expression')] : node.descendantsOfType('call_expression');
  for (const call of calls) {
    const path = calleePath(call);
    if (!path) continue;
    const name = path.slice(path.lastIndexOf('.') + 1);
    if (!clock && name === 'Now') continue;
    if (FRESH_VALUE.test(name) || (path.includes('.') && /[Rr]and/.test(path.slice(0, path.lastIndexOf('.'))))) return true;
  }
  return false;
}

interface Assignment {
  left: string;
  reads: string[];
  /** A step of a counter: `++`, `--`, or `+= constant`. */
  counter: boolean;
  /** The value carries an error: `append(d.errs, err)`, `lastErr = err`. */
  recordsError: boolean;
  seeds: boolean;
}

/**
 * The loop's names and field paths whose value changes from one pass to the next: the range and clause
 * variables, and every name assigned in the loop whose new value depends, through the loop's own
 * assignments, on its own old value, on another such name, or on a fresh-value call; so do the
 * attempt's out-parameters (`&size`). Variables of loops nested in it start over on each of its passes,
 * so they vary only as their range expression does. `attempt` is the call whose progress is asked about.
 */
export function loopChanges(analyses: PackageAnalyses, file: SourceFile, loop: SyntaxNode, attempt: SyntaxNode): Changes {
  const varying = new Set<string>();
  const assignments: Assignment[] = [];
  const restarting = new Set<string>();
  for (const nested of nodesWithin(analyses.nodesOfType(file, 'for_statement'), loop)) {
    const clause = nested.namedChildren.find((child) => child.type === 'for_clause' || child.type === 'range_clause');
    if (!clause) continue;
    if (nested.id === loop.id) {
      const declared = clause.type === 'for_clause' ? clause.childForFieldName('initializer')?.childForFieldName('left') : clause.childForFieldName('left');
      for (const item of expressionListItems(declared ?? null)) varying.add(item.text);
      continue;
    }
    if (clause.type === 'range_clause') {
      const right = clause.childForFieldName('right');
      for (const item of expressionListItems(clause.childForFieldName('left'))) {
        restarting.add(item.text);
        assignments.push({ left: item.text, reads: right ? pathsIn(right) : [], counter: false, recordsError: false, seeds: false });
      }
    } else {
      for (const item of expressionListItems(clause.childForFieldName('initializer')?.childForFieldName('left') ?? null)) restarting.add(item.text);
    }
  }
  for (const node of nodesWithin(analyses.nodesOfTypes(file, ['inc_statement', 'dec_statement']).get('inc_statement')!, loop)) {
    const name = node.namedChild(0)?.text ?? '';
    if (!restarting.has(name)) assignments.push({ left: name, reads: [name], counter: true, recordsError: false, seeds: true });
  }
  for (const node of nodesWithin(analyses.nodesOfType(file, 'dec_statement'), loop)) {
    const name = node.namedChild(0)?.text ?? '';
    if (!restarting.has(name)) assignments.push({ left: name, reads: [name], counter: true, recordsError: false, seeds: true });
  }
  for (const argument of callArguments(attempt)) {
    const value = unparen(argument);
    if (value.type === 'unary_expression' && value.text.startsWith('&')) varying.add(value.text.slice(1).trim());
  }
  const buckets = analyses.nodesOfTypes(file, ['assignment_statement', 'short_var_declaration', 'var_spec']);
  for (const type of ['assignment_statement', 'short_var_declaration', 'var_spec']) {
    for (const node of nodesWithin(buckets.get(type)!, loop)) {
      const right = node.childForFieldName(type === 'var_spec' ? 'value' : 'right');
      const left = type === 'var_spec' ? node.childrenForFieldName('name') : expressionListItems(node.childForFieldName('left'));
      const operator = type === 'assignment_statement' ? (node.childForFieldName('operator')?.text ?? '=') : '=';
      const compound = operator !== '=' && operator !== ':=';
      const reads = right ? pathsIn(right) : [];
      const counter = compound && !!right && /^(\+=|-=)$/.test(operator) && /^(int_literal|float_literal)$/.test(unparen(right).type);
      const recordsError = reads.some((name) => !name.includes('.') && isErrorName(name));
      const seeds = compound || (!!right && readsFreshValue(right));
      for (const item of left) {
        if (item.text === '_') continue;
        assignments.push({ left: item.text, reads: compound ? [...reads, item.text] : reads, counter, recordsError, seeds });
      }
    }
  }
  const rewritten = new Set<string>();
  const dependsOn = new Map<string, Set<string>>();
  const plain = new Map<string, boolean>();
  for (const assignment of assignments) {
    if (assignment.seeds) varying.add(assignment.left);
    let set = dependsOn.get(assignment.left);
    if (!set) dependsOn.set(assignment.left, (set = new Set()));
    for (const name of assignment.reads) set.add(name);
    plain.set(assignment.left, (plain.get(assignment.left) ?? true) && !assignment.counter && !assignment.recordsError);
  }
  // A path read changes when one of its prefixes is reassigned each pass (`i` for `i.addr`), or a field
  // under it gets new content (`resp.Keys` for `resp`); an unrelated field of a prefix does not count.
  const pathChanges = (path: string) => prefixesOf(path).some((prefix) => varying.has(prefix)) || hasRewrittenField(rewritten, path);
  // A name varies when it reaches itself or a varying name through the dependencies; rewritten fields
  // make the paths above them vary, which can make more names vary, so this runs to a fixed point.
  for (let changed = true, rounds = 0; changed && rounds < 8; rounds++) {
    changed = false;
    for (const name of dependsOn.keys()) {
      if (!varying.has(name)) {
        const seen = new Set<string>();
        const stack = [...(dependsOn.get(name) ?? [])];
        for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
          if (current === name || pathChanges(current)) {
            varying.add(name);
            changed = true;
            break;
          }
          if (seen.has(current)) continue;
          seen.add(current);
          for (const prefix of prefixesOf(current)) for (const next of dependsOn.get(prefix) ?? []) stack.push(next);
        }
      }
      if (varying.has(name) && name.includes('.') && plain.get(name) && !rewritten.has(name)) {
        rewritten.add(name);
        changed = true;
      }
    }
  }
  varying.delete('');
  varying.delete('_');
  return { varying, rewritten };
}

function hasRewrittenField(rewritten: Set<string>, root: string): boolean {
  const prefix = `${root}.`;
  for (const path of rewritten) if (path.startsWith(prefix)) return true;
  return false;
}

/**
 * True when the attempt tries something new on each pass: it reads a stream, asks for a fresh
 * candidate in its arguments, calls a same-package function that moves a cursor in its receiver or
 * argument, or takes an argument or receiver that varies (for a same-package method, only fields it
 * reads count).
 */
export function changesEachIteration(analyses: PackageAnalyses, file: SourceFile, call: SyntaxNode, fn: SyntaxNode | null, changes: Changes): boolean {
  if (isStreamRead(analyses, file, call)) return true;
  const args = callArguments(call);
  // A timestamp in the arguments does not make the call try something else.
  if (args.some((argument) => argument.type !== 'func_literal' && readsFreshValue(argument, false))) return true;
  const resolved = resolveCall(analyses, call, fn, true);
  const local = resolved.kind === 'local' ? resolved.fn : null;
  const advanced = local ? analyses.get(advancingFunctions).advanced(local) : null;
  const callee = call.childForFieldName('function');
  const receiver = callee && unparen(callee).type === 'selector_expression' ? unparen(callee).childForFieldName('operand') : null;
  if (advanced) {
    if (receiver && advanced.has(-1)) return true;
    if (args.some((_, index) => advanced.has(index))) return true;
  }
  const { varying, rewritten } = changes;
  const pieces: Array<{ node: SyntaxNode; isReceiver: boolean }> = args.map((node) => ({ node, isReceiver: false }));
  if (receiver) pieces.push({ node: receiver, isReceiver: true });
  for (const { node, isReceiver } of pieces) {
    if (node.type === 'func_literal') continue;
    const value = unparen(node);
    // An out-parameter is written by the call: only fields set before the call are inputs that change.
    const outParameter = value.type === 'unary_expression' && value.text.startsWith('&') && unparen(value.namedChild(0) ?? value).type === 'identifier';
    for (const name of pathsIn(value)) {
      if (!outParameter && prefixesOf(name).some((prefix) => varying.has(prefix))) return true;
      const fields = [...rewritten].filter((path) => path.startsWith(`${name}.`));
      if (fields.length === 0) continue;
      if (!(isReceiver && local?.receiverName)) return true;
      // A method's receiver changes for it only through the fields it (or its receiver's methods) reads.
      if (fields.some((path) => methodReadsField(analyses, local, path.slice(name.length + 1).split('.')[0]!))) return true;
    }
  }
  return false;
}

/** True when a method, or a method it calls on the same receiver, mentions `receiver.field`. */
function methodReadsField(analyses: PackageAnalyses, method: FuncInfo, field: string, depth = 0): boolean {
  const receiver = method.receiverName;
  if (!receiver) return true;
  const text = method.node.text;
  if (new RegExp(`\\b${receiver}\\s*\\.\\s*${field}\\b`).test(text)) return true;
  if (depth >= 2 || !method.receiverType) return false;
  for (const match of text.matchAll(new RegExp(`\\b${receiver}\\s*\\.\\s*(\\w+)\\s*\\(`, 'g'))) {
    const callee = analyses.pkg.methods.get(method.receiverType)?.get(match[1]!);
    if (callee && callee !== method && methodReadsField(analyses, callee, field, depth + 1)) return true;
  }
  return false;
}

export interface AdvancingFunctions {
  /** The positions a same-package function advances: -1 for its receiver, else a parameter index. */
  advanced(fn: FuncInfo): ReadonlySet<number>;
}

/**
 * Same-package functions that move a cursor in their receiver or a parameter on every call, so calling
 * them again works on the next item: they step a field that selects their input (`o.args = o.args[1:]`
 * after reading `o.args[0]`; `c.current = (c.current + 1) % n` with `c.addrs[c.current]`), read a stream
 * held there (`io.ReadFull(rd, buf)`), or call such a function on it. A counter that is only compared or
 * logged moves nothing.
 */
export const advancingFunctions = defineAnalysis('retry-advancing-functions', (analyses): AdvancingFunctions => {
  const answers = new Map<FuncInfo, Set<number>>();
  const compute = (fn: FuncInfo, depth: number): Set<number> => {
    const known = answers.get(fn);
    if (known) return known;
    const result = new Set<number>();
    answers.set(fn, result);
    const roots: Array<[string, number]> = [];
    if (fn.receiverName) roots.push([fn.receiverName, -1]);
    fn.params.forEach((param, index) => {
      if (param.name && param.name !== '_') roots.push([param.name, index]);
    });
    if (roots.length === 0 || !fn.node.childForFieldName('body')) return result;
    for (const [root, position] of roots) {
      if (advancesRoot(analyses, fn, root, depth, compute)) result.add(position);
    }
    return result;
  };
  return { advanced: (fn) => compute(fn, 0) };
});

function advancesRoot(analyses: PackageAnalyses, fn: FuncInfo, root: string, depth: number, compute: (fn: FuncInfo, depth: number) => Set<number>): boolean {
  const text = fn.node.text;
  if (!new RegExp(`\\b${root}\\b`).test(text)) return false;
  const file = fn.file;
  const steps = nodesWithin(analyses.nodesOfType(file, 'assignment_statement'), fn.node);
  const increments = [...nodesWithin(analyses.nodesOfType(file, 'inc_statement'), fn.node), ...nodesWithin(analyses.nodesOfType(file, 'dec_statement'), fn.node)];
  const isRootField = (path: string | null): path is string => !!path && path.startsWith(`${root}.`);
  const stepped = new Set<string>();
  for (const increment of increments) {
    const path = selectorPath(increment.namedChild(0) ?? increment);
    if (isRootField(path)) stepped.add(path);
  }
  for (const assignment of steps) {
    const left = expressionListItems(assignment.childForFieldName('left'));
    const right = expressionListItems(assignment.childForFieldName('right'));
    const operator = assignment.childForFieldName('operator')?.text ?? '=';
    left.forEach((item, index) => {
      const path = selectorPath(item);
      if (!isRootField(path)) return;
      const value = right.length === left.length ? right[index] : right[0];
      if (operator !== '=' || (value && referencesIn(value).includes(path))) stepped.add(path);
    });
  }
  if (stepped.size > 0) {
    // The stepped field selects the input: it indexes or slices something, or is itself the cursor.
    for (const node of fn.node.descendantsOfType(['index_expression', 'slice_expression'])) {
      const index = node.type === 'index_expression' ? node.childForFieldName('index') : null;
      const operand = node.childForFieldName('operand');
      const operandPath = operand ? selectorPath(operand) : null;
      if ((operandPath && stepped.has(operandPath)) || (index && referencesIn(index).some((name) => stepped.has(name)))) return true;
    }
  }
  for (const call of nodesWithin(analyses.nodesOfType(file, 'call_expression'), fn.node)) {
    const callee = call.childForFieldName('function');
    const target = callee ? unparen(callee) : null;
    const args = callArguments(call);
    const onRoot = target?.type === 'selector_expression' && referencesIn(target.childForFieldName('operand')!).includes(root);
    const rootArgument = args.findIndex((argument) => unparen(argument).text === root);
    if (onRoot && isStreamRead(analyses, file, call)) return true;
    if (rootArgument === 0 && isStreamRead(analyses, file, call)) return true;
    if (depth >= 3 || (!onRoot && rootArgument < 0)) continue;
    const resolved = resolveCall(analyses, call, fn.node, true);
    if (resolved.kind !== 'local' || resolved.fn === fn) continue;
    const advanced = compute(resolved.fn, depth + 1);
    if (onRoot && unparen(target!.childForFieldName('operand')!).text === root && advanced.has(-1)) return true;
    if (rootArgument >= 0 && advanced.has(rootArgument)) return true;
  }
  return false;
}
