// Error-path facts for retry-without-backoff: how a branch condition constrains an error value
// (`err != nil`, `errors.Is(err, X)`, `!IsConflict(err)`, `len(errs) > 0`, `!ok` after a sync), which
// values of a function carry a failure (error-named or error-typed variables, aggregates, lists of
// errors, success flags), and which blocks of a function run only on error (a must-analysis over the
// CFG). It reports nothing itself; the rule combines these facts.
import type { SyntaxNode } from '../../src/parse/parser.js';
import { calleePath, callArguments, expressionListItems, nodesWithin, unparen } from '../../src/parse/syntax.js';
import { blockOf } from '../../src/cfg/loops.js';
import type { Cfg, CfgBlock, CfgEdge } from '../../src/cfg/cfg.js';
import { solveForward } from '../../src/analysis/dataflow.js';
import { resolveCall } from '../../src/analysis/calls.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { scopeOf, typeOfExpression } from '../../src/analysis/types.js';
import { importPathOf } from '../../src/index/package-index.js';

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

/** Recognises the values that carry a failure besides the tracked error itself. */
export interface FailureSignals {
  /** A list of errors: `len(errs) != 0` means failure. */
  isCollection?(expression: SyntaxNode): boolean;
  /** A success flag: `!ok` means failure. */
  isSuccessFlag?(expression: SyntaxNode): boolean;
}

/** The effect of an atomic condition on the error `isTracked` recognises, or null when it says nothing. */
export function conditionEffect(condition: SyntaxNode, isTracked: (expression: SyntaxNode) => boolean, signals?: FailureSignals): ConditionEffect | null {
  const cond = unparen(condition);
  if (cond.type === 'unary_expression' && cond.text.startsWith('!')) {
    const operand = cond.childForFieldName('operand');
    const inner = operand ? conditionEffect(operand, isTracked, signals) : null;
    return inner ? { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue } : null;
  }
  if (cond.type === 'identifier' && signals?.isSuccessFlag?.(cond)) return { whenTrue: 'nil', whenFalse: 'nonnil' };
  if (cond.type === 'binary_expression') {
    const left = cond.childForFieldName('left');
    const right = cond.childForFieldName('right');
    const operator = cond.childForFieldName('operator')?.type;
    if (!left || !right) return null;
    if (signals?.isCollection) {
      const nonEmpty = collectionTest(left, operator ?? '', right, signals.isCollection);
      if (nonEmpty !== null) return nonEmpty ? { whenTrue: 'nonnil', whenFalse: 'nil' } : { whenTrue: 'nil', whenFalse: 'nonnil' };
    }
    if (operator !== '==' && operator !== '!=') return null;
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

/**
 * For `len(errs) > 0`, `len(errs) != 0`, `len(errs) >= 1` (and mirrored): true when the condition holds
 * for a non-empty list, false when it holds for an empty one, null when it is no such test.
 */
function collectionTest(left: SyntaxNode, operator: string, right: SyntaxNode, isCollection: (expression: SyntaxNode) => boolean): boolean | null {
  const lengthOf = (node: SyntaxNode) => {
    const call = unparen(node);
    if (call.type !== 'call_expression' || call.childForFieldName('function')?.text !== 'len') return null;
    const argument = callArguments(call)[0];
    return argument && isCollection(unparen(argument)) ? argument : null;
  };
  const number = (node: SyntaxNode) => (unparen(node).type === 'int_literal' ? Number(unparen(node).text) : null);
  let op = operator;
  let count: number | null;
  if (lengthOf(left)) count = number(right);
  else if (lengthOf(right)) {
    count = number(left);
    op = ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as Record<string, string>)[operator] ?? operator;
  } else return null;
  if (count === null) return null;
  if ((op === '!=' && count === 0) || (op === '>' && count === 0) || (op === '>=' && count === 1)) return true;
  if ((op === '==' && count === 0) || (op === '<' && count === 1) || (op === '<=' && count === 0)) return false;
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
export function caseEffect(values: SyntaxNode | undefined, switchNode: SyntaxNode, isTracked: (expression: SyntaxNode) => boolean, signals?: FailureSignals): ErrorFact | null {
  const tag = switchNode.childForFieldName('value');
  if (switchNode.type === 'type_switch_statement') {
    // `switch e := err.(type)`: a listed type means a specific error, `case nil:` means none, and the
    // default beside a `case nil:` is any other error.
    if (!tag || !isTracked(unparen(tag))) return null;
    if (!values) {
      const nilCase = switchNode.namedChildren.some((clause) => clause.type === 'type_case' && clause.childrenForFieldName('type').some((type) => type.text === 'nil'));
      return nilCase ? 'nonnil' : null;
    }
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
      const effect = conditionEffect(items[0]!, isTracked, signals);
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
    if (!tag && items.length === 1 && conditionEffect(items[0]!, isTracked, signals)?.whenTrue === 'nil') return 'nonnil';
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

/** The failure signals of one function, and a key naming them for caches. */
export interface ErrorSignals extends FailureSignals {
  key: string;
  isTracked(expression: SyntaxNode): boolean;
}

/** Error-named identifiers only: the signals of a function nothing more is known about. */
export const ERROR_NAMES: ErrorSignals = {
  key: 'names',
  isTracked: (expression) => expression.type === 'identifier' && isErrorName(expression.text),
};

const ERRORS_PACKAGE = /(^|\/)(errors|multierror|errwrap|go-multierror)$/;
const ERROR_LIST_NAME = /^(errs|errors|errList|errorList|\w+(Errs|Errors))$/;
/** Names of booleans that say the work succeeded (`ok`, `synced`), not that more is to do (`requeue`, `changed`). */
const SUCCESS_NAME = /^(ok|done|synced|success|successful|succeeded|finished|complete|completed|ready|handled|processed|applied)$|(Ok|OK|Done|Synced|Success|Succeeded|Finished|Complete|Completed|Ready|Handled|Processed|Applied)$/;
/** Calls that ask whether something exists rather than report whether work succeeded. */
const EXISTENCE_CALL = /^(Get|get|Lookup|lookup|Exists?|exists?|Has|has|Contains|contains|Is|is|Should|should|Can|can|Load|Match)/;

/**
 * What carries a failure in `fn`, besides error-named identifiers: variables declared `error`,
 * bound from an error result (a same-package function's, a func-valued field's) or from an errors
 * package (`utilerrors.NewAggregate(errs)`), and such calls compared with nil; lists of errors
 * (`errs`, `[]error` results); and success flags, the boolean first result of a call that takes one
 * of `keys` and is named for success (`ok, err := c.syncOK(key)`; `synced := c.trySync(key)`), never a
 * map lookup's `ok` nor a `requeue` flag.
 */
export function errorSignals(analyses: PackageAnalyses, fn: SyntaxNode, keys: ReadonlySet<string>): ErrorSignals {
  const file = analyses.fileOf(fn);
  const valued = new Set<string>();
  const lists = new Set<string>();
  const flags = new Map<string, boolean>();
  if (file) {
    const scope = scopeOf(analyses, fn);
    const buckets = analyses.nodesOfTypes(file, ['short_var_declaration', 'assignment_statement', 'var_spec']);
    for (const spec of nodesWithin(buckets.get('var_spec')!, fn)) {
      const type = spec.childForFieldName('type')?.text.replace(/\s+/g, '');
      for (const name of spec.childrenForFieldName('name')) {
        if (type === 'error') valued.add(name.text);
        if (type === '[]error') lists.add(name.text);
      }
    }
    for (const type of ['short_var_declaration', 'assignment_statement']) {
      for (const declaration of nodesWithin(buckets.get(type)!, fn)) {
        const left = expressionListItems(declaration.childForFieldName('left'));
        const right = expressionListItems(declaration.childForFieldName('right'));
        const value = right.length === 1 ? unparen(right[0]!) : null;
        const call = value?.type === 'call_expression' ? value : null;
        const results = call ? resultTypes(analyses, scope, call) : [];
        left.forEach((item, position) => {
          if (item.type !== 'identifier' || item.text === '_') return;
          const result = left.length === right.length ? (position === 0 ? results[0] : undefined) : results[position];
          if (result === 'error' || (call && position === 0 && isErrorsPackageCall(analyses, call))) valued.add(item.text);
          if (result === '[]error') lists.add(item.text);
          // A flag must come from a success-reporting call on every declaration of its name.
          const flag = !!call && position === 0 && result === 'bool' && SUCCESS_NAME.test(item.text) && takesKey(call, keys) && !EXISTENCE_CALL.test(calledName(call));
          flags.set(item.text, (flags.get(item.text) ?? true) && flag);
        });
      }
    }
  }
  return {
    key: `${[...valued].sort().join(',')}|${[...lists].sort().join(',')}|${[...flags].filter(([, flag]) => flag).map(([name]) => name).sort().join(',')}`,
    isTracked: (expression) => {
      if (expression.type === 'identifier') return isErrorName(expression.text) || valued.has(expression.text);
      return expression.type === 'call_expression' && isErrorsPackageCall(analyses, expression);
    },
    isCollection: (expression) => expression.type === 'identifier' && (ERROR_LIST_NAME.test(expression.text) || lists.has(expression.text)),
    isSuccessFlag: (expression) => expression.type === 'identifier' && flags.get(expression.text) === true,
  };
}

function calledName(call: SyntaxNode): string {
  const path = calleePath(call) ?? '';
  return path.slice(path.lastIndexOf('.') + 1);
}

function takesKey(call: SyntaxNode, keys: ReadonlySet<string>): boolean {
  return callArguments(call).some((argument) => keys.has(unparen(argument).text));
}

/** `utilerrors.NewAggregate(errs)`, `multierror.Append(...)`: calls into an errors package that build an error. */
function isErrorsPackageCall(analyses: PackageAnalyses, call: SyntaxNode): boolean {
  const path = calleePath(call);
  const dot = path?.indexOf('.') ?? -1;
  if (!path || dot <= 0) return false;
  const file = analyses.fileOf(call);
  const importPath = file ? importPathOf(analyses.pkg, file, path.slice(0, dot)) : null;
  return !!importPath && ERRORS_PACKAGE.test(importPath) && !/^(Is|As|Unwrap)$/.test(path.slice(dot + 1));
}

/** The result types of a call, as written: a same-package function's, or a func-valued field's. */
function resultTypes(analyses: PackageAnalyses, scope: ReturnType<typeof scopeOf>, call: SyntaxNode): string[] {
  const resolved = resolveCall(analyses, call, scope.fn, true);
  if (resolved.kind === 'local') return resolved.fn.results.map((result) => result.typeText.replace(/\s+/g, ''));
  const callee = call.childForFieldName('function');
  if (!callee || unparen(callee).type !== 'selector_expression') return [];
  const type = typeOfExpression(analyses.pkg, scope, callee);
  if (type?.node?.type !== 'function_type') return [];
  const result = type.node.childForFieldName('result');
  if (!result) return [];
  if (result.type !== 'parameter_list') return [result.text.replace(/\s+/g, '')];
  return result.namedChildren.filter((child) => child.type === 'parameter_declaration').flatMap((declaration) => {
    const typeText = declaration.childForFieldName('type')?.text.replace(/\s+/g, '') ?? '';
    const names = declaration.childrenForFieldName('name').length;
    return new Array(Math.max(1, names)).fill(typeText);
  });
}

const errorPathCache = new WeakMap<Cfg, Map<string, { onError: boolean[]; checks: Array<SyntaxNode | null> }>>();

/**
 * When `node` runs only on error in `fn` (every path to it took an edge that implies a failure), the
 * condition that established it; else null. `signals` says what carries a failure (by default,
 * error-named identifiers).
 */
export function errorPathCheck(analyses: PackageAnalyses, fn: SyntaxNode, node: SyntaxNode, signals: ErrorSignals = ERROR_NAMES): SyntaxNode | null {
  let cfg: Cfg;
  try {
    cfg = analyses.cfg(fn);
  } catch {
    return null;
  }
  let bySignals = errorPathCache.get(cfg);
  if (!bySignals) errorPathCache.set(cfg, (bySignals = new Map()));
  let solved = bySignals.get(signals.key);
  if (!solved) {
    const checks: Array<SyntaxNode | null> = new Array(cfg.blocks.length).fill(null);
    const result = solveForward<boolean>(cfg, {
      entry: () => false,
      bottom: () => true,
      join: (a, b) => a && b,
      equal: (a, b) => a === b,
      transfer: (state) => state,
      edge(state, edge) {
        const fact = edgeFact(edge, signals.isTracked, signals);
        if (fact === null) return state;
        if (fact === 'nil') return false;
        if (!checks[edge.to.id] && edge.cond) checks[edge.to.id] = edge.cond;
        return true;
      },
    });
    solved = { onError: result.blockIn.map((value, id) => value && result.reachable[id]!), checks };
    bySignals.set(signals.key, solved);
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
export function edgeFact(edge: CfgEdge, isTracked: (expression: SyntaxNode) => boolean, signals?: FailureSignals): ErrorFact | null {
  if ((edge.kind === 'true' || edge.kind === 'false') && edge.cond) {
    const effect = conditionEffect(edge.cond, isTracked, signals);
    return effect ? (edge.kind === 'true' ? effect.whenTrue : effect.whenFalse) : null;
  }
  if (edge.kind === 'case' || edge.kind === 'default') {
    const switchNode = switchOf(edge);
    return switchNode ? caseEffect(edge.kind === 'case' ? edge.cond : undefined, switchNode, isTracked, signals) : null;
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
