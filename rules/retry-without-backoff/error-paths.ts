// Error-path facts for retry-without-backoff: how a branch condition constrains an error value
// (`err != nil`, `errors.Is(err, X)`, `!IsConflict(err)`), which blocks of a function run only on error
// (a must-analysis over the CFG), constant durations, and work-queue recognition. It reports nothing
// itself; the rule combines these facts.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { calleePath, callArguments, expressionListItems, unparen } from '../../src/parse/syntax.js';
import { blockOf } from '../../src/cfg/loops.js';
import type { Cfg, CfgBlock, CfgEdge } from '../../src/cfg/cfg.js';
import { solveForward } from '../../src/analysis/dataflow.js';
import { defineAnalysis, type PackageAnalyses } from '../../src/analysis/context.js';
import { scopeOf, typeOfExpression } from '../../src/analysis/types.js';

/** Error-ish variable names: err, lastErr, dialErr, errFoo, retErr (not `e`, which is as often an entry). */
export function isErrorName(name: string): boolean {
  return /^(err|error)$|^err[A-Z0-9_]|[a-z0-9](Err|Error)$/.test(name);
}

/**
 * What a condition says about the tracked error: it is nil, not nil, or one of the errors worth a
 * retry with backoff (`transient`: timeouts, conflicts, unavailability) or some other specific error
 * (`specific`: EINTR, io.EOF, os.ErrExist, a package sentinel).
 */
export type ErrorFact = 'nil' | 'nonnil' | 'transient' | 'specific';

export interface ConditionEffect {
  whenTrue: ErrorFact | null;
  whenFalse: ErrorFact | null;
}

const TRANSIENT = /notexist|notfound|time[_]?out|timedout|temporar|unavailable|conflict|refused|toomany|retryable|retriable|retry|busy|throttl|transient|servererror|internalerror|overload/i;

function classify(text: string): ErrorFact {
  return TRANSIENT.test(text) ? 'transient' : 'specific';
}

/** The effect of an atomic condition on the error `isTracked` recognises, or null when it says nothing. */
export function conditionEffect(condition: SyntaxNode, isTracked: (expression: SyntaxNode) => boolean): ConditionEffect | null {
  const cond = unparen(condition);
  if (cond.type === 'unary_expression' && cond.text.startsWith('!')) {
    const operand = cond.childForFieldName('operand');
    const inner = operand ? conditionEffect(operand, isTracked) : null;
    return inner ? { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue } : null;
  }
  if (cond.type === 'binary_expression') {
    const left = cond.childForFieldName('left');
    const right = cond.childForFieldName('right');
    const operator = cond.childForFieldName('operator')?.type;
    if (!left || !right || (operator !== '==' && operator !== '!=')) return null;
    const [tracked, other] = isTracked(unparen(left)) ? [left, right] : isTracked(unparen(right)) ? [right, left] : [null, null];
    if (!tracked || !other) {
      // `err.Error() == "not ready"` names one error by its text.
      const text = isErrorText(left, isTracked) ? right : isErrorText(right, isTracked) ? left : null;
      if (!text) return null;
      const fact = classify(text.text);
      return operator === '==' ? { whenTrue: fact, whenFalse: null } : { whenTrue: null, whenFalse: fact };
    }
    const equal: ErrorFact = unparen(other).type === 'nil' ? 'nil' : classify(other.text);
    const notEqual: ErrorFact | null = equal === 'nil' ? 'nonnil' : null;
    return operator === '==' ? { whenTrue: equal, whenFalse: notEqual } : { whenTrue: notEqual, whenFalse: equal };
  }
  if (cond.type === 'call_expression') {
    const path = calleePath(cond) ?? '';
    const args = callArguments(cond);
    // `strings.Contains(err.Error(), "address already in use")` tests for one error by its text.
    if (/^strings\.(Contains|HasPrefix|HasSuffix|EqualFold)$/.test(path) && args.length === 2 && isErrorText(args[0]!, isTracked)) {
      return { whenTrue: classify(args[1]!.text), whenFalse: null };
    }
    const callee = cond.childForFieldName('function');
    const operand = callee && unparen(callee).type === 'selector_expression' ? unparen(callee).childForFieldName('operand') : null;
    const onTracked = args.some((argument) => isTracked(unparen(argument))) || (!!operand && isTracked(unparen(operand)));
    if (!onTracked) return null;
    if (/(^|\.)Is$/.test(path) && args.length === 2) return { whenTrue: classify(args[1]!.text), whenFalse: null };
    if (/(^|\.)As$/.test(path)) return { whenTrue: classify(args[1]?.text ?? ''), whenFalse: null };
    const name = path.slice(path.lastIndexOf('.') + 1);
    // Predicates on the error: `IsNotFound(err)`, `ne.Timeout()`, `DeviceIDExists(err)`.
    if (/^(Is|is|Timeout|Temporary|should|Should|can|Can)|(Exists?|NotFound|Conflict|Timeout|Temporary|Retryable|Retriable|Busy)$/.test(name)) return { whenTrue: classify(name), whenFalse: null };
    return null;
  }
  return null;
}

/** True for `X.Error()` on a tracked error X. */
function isErrorText(expression: SyntaxNode, isTracked: (expression: SyntaxNode) => boolean): boolean {
  const call = unparen(expression);
  if (call.type !== 'call_expression' || callArguments(call).length !== 0) return false;
  const callee = call.childForFieldName('function');
  const target = callee ? unparen(callee) : null;
  if (target?.type !== 'selector_expression' || target.childForFieldName('field')?.text !== 'Error') return false;
  const operand = target.childForFieldName('operand');
  return !!operand && isTracked(unparen(operand));
}

/**
 * The effect of taking a `case` edge of a switch. Earlier cases of a tagless switch that test the
 * error for nil make later cases (and the default) error cases. `edge.cond` is the case's value list.
 */
export function caseEffect(values: SyntaxNode | undefined, switchNode: SyntaxNode, isTracked: (expression: SyntaxNode) => boolean): ErrorFact | null {
  const tag = switchNode.childForFieldName('value');
  if (switchNode.type === 'type_switch_statement') {
    // `switch e := err.(type)`: a listed type means a specific error, `case nil:` means none.
    if (!tag || !isTracked(unparen(tag)) || !values) return null;
    return values.text === 'nil' ? 'nil' : 'specific';
  }
  if (values) {
    const items = expressionListItems(values);
    if (tag && isTracked(unparen(tag))) {
      if (items.length === 1 && unparen(items[0]!).type === 'nil') return 'nil';
      if (items.some((item) => unparen(item).type === 'nil')) return null;
      return classify(values.text);
    }
    if (!tag && items.length === 1) {
      const effect = conditionEffect(items[0]!, isTracked);
      if (effect?.whenTrue) return effect.whenTrue;
    }
  }
  // A case after (or the default beside) a tagless `case err == nil:` is taken only on error.
  for (const clause of switchNode.namedChildren) {
    if (clause.type !== 'expression_case') continue;
    const value = clause.childForFieldName('value');
    if (!value || value === values || (values && value.startIndex >= values.startIndex)) break;
    const items = expressionListItems(value);
    if (tag && isTracked(unparen(tag)) && items.length === 1 && unparen(items[0]!).type === 'nil') return 'nonnil';
    if (!tag && items.length === 1 && conditionEffect(items[0]!, isTracked)?.whenTrue === 'nil') return 'nonnil';
  }
  return null;
}

/**
 * True when `node` makes a call whose own error ends the loop or the function: the header of `if err :=
 * create(); err != nil { return err }`, or `tok, rerr := refresh()` followed by `if rerr != nil { return
 * rerr }`. A loop that makes such a repair before it tries again does not retry blindly.
 */
export function leavesOnOwnError(node: SyntaxNode): boolean {
  if (node.type !== 'short_var_declaration' && node.type !== 'assignment_statement') return false;
  const left = expressionListItems(node.childForFieldName('left'));
  const right = expressionListItems(node.childForFieldName('right'));
  const last = left[left.length - 1];
  if (!last || last.type !== 'identifier' || !isErrorName(last.text) || right.length !== 1 || unparen(right[0]!).type !== 'call_expression') return false;
  const parent = node.parent;
  const check = parent?.type === 'if_statement' && parent.childForFieldName('initializer')?.id === node.id ? parent : node.nextNamedSibling;
  if (check?.type !== 'if_statement') return false;
  const condition = check.childForFieldName('condition');
  const isOwn = (expression: SyntaxNode) => expression.type === 'identifier' && expression.text === last.text;
  if (!condition || conditionEffect(condition, isOwn)?.whenTrue !== 'nonnil') return false;
  const consequence = check.childForFieldName('consequence');
  const list = consequence?.namedChildren.find((child) => child.type === 'statement_list');
  const statements = list?.namedChildren.filter((child) => child.type !== 'comment') ?? [];
  const final = statements[statements.length - 1];
  if (!final) return false;
  return /^(return_statement|break_statement|goto_statement)$/.test(final.type) || (final.type === 'expression_statement' && /^\s*(panic|\w+\.(Fatal|Fatalf|Exit))\s*\(/.test(final.text));
}

// Error paths and loops in the CFG.

const errorPathCache = new WeakMap<Cfg, { onError: boolean[]; checks: Array<SyntaxNode | null> }>();

/**
 * When `node` runs only on error in `fn` (every path to it took an edge that implies an error value is
 * not nil), the condition that established it; else null. Error values are error-named identifiers.
 */
export function errorPathCheck(analyses: PackageAnalyses, fn: SyntaxNode, node: SyntaxNode): SyntaxNode | null {
  let cfg: Cfg;
  try {
    cfg = analyses.cfg(fn);
  } catch {
    return null;
  }
  let solved = errorPathCache.get(cfg);
  if (!solved) {
    const isTracked = (expression: SyntaxNode) => expression.type === 'identifier' && isErrorName(expression.text);
    const checks: Array<SyntaxNode | null> = new Array(cfg.blocks.length).fill(null);
    const result = solveForward<boolean>(cfg, {
      entry: () => false,
      bottom: () => true,
      join: (a, b) => a && b,
      equal: (a, b) => a === b,
      transfer: (state) => state,
      edge(state, edge) {
        const fact = edgeFact(edge, isTracked);
        if (fact === null) return state;
        if (fact === 'nil') return false;
        if (!checks[edge.to.id] && edge.cond) checks[edge.to.id] = edge.cond;
        return true;
      },
    });
    solved = { onError: result.blockIn.map((value, id) => value && result.reachable[id]!), checks };
    errorPathCache.set(cfg, solved);
  }
  const block = blockOf(cfg, node);
  if (!block || !solved.onError[block.id]) return null;
  return nearestCheck(cfg, block, solved.checks) ?? node;
}

function nearestCheck(cfg: Cfg, block: CfgBlock, checks: Array<SyntaxNode | null>): SyntaxNode | null {
  const seen = new Set<number>();
  const stack = [block];
  for (let current = stack.pop(); current; current = stack.pop()) {
    if (checks[current.id]) return checks[current.id]!;
    for (const edge of current.preds) {
      if (seen.has(edge.from.id) || edge.from.id === cfg.entry.id) continue;
      seen.add(edge.from.id);
      stack.push(edge.from);
    }
  }
  return null;
}

/** The fact an edge establishes about the tracked error, or null. */
export function edgeFact(edge: CfgEdge, isTracked: (expression: SyntaxNode) => boolean): ErrorFact | null {
  if ((edge.kind === 'true' || edge.kind === 'false') && edge.cond) {
    const effect = conditionEffect(edge.cond, isTracked);
    return effect ? (edge.kind === 'true' ? effect.whenTrue : effect.whenFalse) : null;
  }
  if (edge.kind === 'case' || edge.kind === 'default') {
    const switchNode = switchOf(edge);
    return switchNode ? caseEffect(edge.kind === 'case' ? edge.cond : undefined, switchNode, isTracked) : null;
  }
  return null;
}

/** The expression switch an edge leaves from: found from a case value, or from the head block's nodes. */
function switchOf(edge: CfgEdge): SyntaxNode | null {
  const anchor = edge.cond ?? edge.from.succs.find((other) => other.cond)?.cond ?? edge.from.nodes[edge.from.nodes.length - 1];
  for (let current = anchor?.parent ?? null, depth = 0; current && depth < 3; current = current.parent, depth++) {
    if (current.type === 'expression_switch_statement' || current.type === 'type_switch_statement') return current;
  }
  return null;
}

const QUEUE_IMPORT = /(^|\/)workqueue$/;
const QUEUE_USES = /^(AddRateLimited|Forget|NumRequeues|ShutDown|ShutDownWithDrain|ShuttingDown)$/;

/**
 * True when the operand of a queue call is a work queue: its name or declared type says "queue", the
 * file imports client-go's workqueue, or the package calls rate-limited queue methods on that name.
 */
export function isWorkQueue(analyses: PackageAnalyses, file: SourceFile, operand: SyntaxNode, fn: SyntaxNode | null): boolean {
  const text = operand.text;
  if (/queue/i.test(text)) return true;
  const imports = analyses.pkg.imports.get(file);
  if (imports) for (const spec of imports.values()) if (QUEUE_IMPORT.test(spec.path)) return true;
  const type = typeOfExpression(analyses.pkg, fn ? scopeOf(analyses, fn) : null, operand);
  if (type && /queue/i.test(type.text)) return true;
  const last = text.slice(text.lastIndexOf('.') + 1);
  return analyses.get(queueUses).has(last);
}

/** Names (last path segments) on which the package calls rate-limited work-queue methods. */
const queueUses = defineAnalysis('work-queue-uses', (analyses) => {
  const names = new Set<string>();
  for (const file of analyses.pkg.files) {
    if (!/\.(AddRateLimited|Forget|NumRequeues|ShutDown)\(/.test(file.text)) continue;
    for (const call of analyses.nodesOfType(file, 'call_expression')) {
      const path = calleePath(call);
      if (!path || !path.includes('.')) continue;
      const parts = path.split('.');
      if (QUEUE_USES.test(parts[parts.length - 1]!)) names.add(parts[parts.length - 2]!);
    }
  }
  return names;
});
