// Flow-sensitive nil facts for one function, over its CFG with the forward dataflow solver. A fact says
// that a tracked path (an identifier or a field path of depth 3 or less, such as `e.RHS`) is nil because
// the code itself compared it with nil: the fact is born on the nil edge of `x == nil` / `x != nil`
// (through `!`, `&&`, `||` and tagless `case x == nil:`), is certain while every path agrees and
// "maybe" once paths merge, and dies on the non-nil edge or on any assignment to the path or a prefix
// of it, a redeclaration (`:=`, `var`, range), `&x`, or a call that could reach the path (field paths
// and package-level variables). The error contract adds pending facts: `v, err := f()` leaves v nil on
// the edge where err is not nil (`err != nil`, the else of `err == nil`, a type switch case other than
// nil, `errors.Is`/`errors.As`, a copy `e := err`), when f may return nil there for this call's arguments
// (the may-return-nil summary and its guards, or a function or method of another package whose receiver
// is known); `v, ok := x.(*T)` leaves v nil where ok is false. A `for` condition's `n != nil && ...` leaves
// n maybe nil after the loop. A check earlier in the same expression (`x == nil && x.f`) is read without
// the CFG (operands.ts).
//
// To stay precise, a "maybe" fact survives a merge only when it comes from a branch written for the nil
// case (`if x == nil { log(...) }` falling through), not from a skipped body (`if x != nil { ... }`); it is
// dropped when it flows into code guarded by a condition about something else (often correlated with the
// nil case); a fact from a compound condition (`x == nil || x.Bad`) is used only inside its branch; and a
// dereference ends a maybe fact or an error contract (past it the path is not nil, or the program has
// stopped). Whether the error contract really applies (does f return nil there?) is decided only when a
// fact reaches a use. Local variables that hold `new(T)`, `&x`, `make(...)` or a literal on every path,
// or that a check found not nil, are followed too: their nil branches never run.
//
// Nothing is assumed about values that were never compared with nil: zero values, nil maps and slices,
// and unknown results are not facts. Func literals are separate functions and get no facts from the
// enclosing one; variables they assign, and variables whose address is taken, are not tracked at all.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { CfgEdge } from '../../src/cfg/cfg.js';
import { callStatementNeverReturns } from '../../src/cfg/build.js';
import { callArguments, escapeRegExp, expressionListItems, selectorPath, unparen } from '../../src/parse/syntax.js';
import { findMethod, importPathOf, type FuncInfo } from '../../src/index/package-index.js';
import { resolveCall } from '../../src/analysis/calls.js';
import { importedFunction } from '../../src/analysis/imported.js';
import type { PackageAnalyses, Question } from '../../src/analysis/context.js';
import { forEachNodeState, solveForward, type ForwardAnalysis } from '../../src/analysis/dataflow.js';
import { mayReturnNil, returnsValueAndError, type NilGuard } from './may-return-nil.js';
import { nilSafeMethods } from './nil-safe-methods.js';
import { mayNeverReturnByName } from '../../src/analysis/never-returns.js';
import { namedType, scopeOf, type FunctionScope, typeOfExpression } from '../../src/analysis/types.js';
import { LOGGING_METHOD, NON_WRITING_PACKAGES, PURE_BUILTINS } from '../../src/analysis/purity.js';
import { nilGuardedOperands, type NilOperand } from './operands.js';
import { mayAssertWithOk, MAX_PATH_DEPTH, anyDereferenced, checkedText, depthOf, mayReachCheckedDereference, nilComparison, type NilComparison, type PathEnds } from './filter.js';



/** Why a path is nil at some point. */
export interface NilFact {
  /** Nil on every path reaching this point (true), or on some of them (false). */
  certain: boolean;
  /** The comparison whose outcome made the path nil (for the error contract, the err comparison). */
  check: SyntaxNode;
  /** For the error contract: the assignment `v, err := f()` that leaves v nil when err is set. */
  assign: SyntaxNode | null;
  /** For the error contract: the error variable's path. */
  errPath: string | null;
  /** For the error contract: the variables known not to be nil at the assignment. */
  nonNilAtAssign?: ReadonlySet<string>;
  /** For `v, ok := x.(*T)`: the fact comes from ok (in `errPath`) being false. */
  commaOk?: true;
  /** The path the fact is about. */
  path: string;
  /**
   * True when the nil path runs through a branch written for it (`if x == nil { ... }`), as opposed to
   * skipping a body (`if x != nil { ... }`). Only such facts survive a merge with a path that has none.
   */
  explicit: boolean;
  /**
   * For a fact born in a compound condition (`x == nil || x.Bad`): the end of the branch it leads into.
   * The fact holds on one path into that branch only, so it is not used past it.
   */
  until?: number;
  /**
   * For a check earlier in the same expression (`x == nil && x.f`), found without the CFG: the `&&` or
   * `||` expression whose right operand runs only when the path is nil.
   */
  joined?: SyntaxNode;
}

interface Pending {
  target: string;
  errPath: string;
  assign: SyntaxNode;
  /** The variables known not to be nil at the assignment, for the callee's guards. */
  nonNil?: ReadonlySet<string>;
  /** `v, ok := x.(*T)`: v is nil where ok (the `errPath`) is false. */
  commaOk?: true;
}

interface NilState {
  /** Set on paths that end in a call which, by its name, never returns (`base.Fatalf`, `throw`). */
  dead?: true;
  facts: ReadonlyMap<string, NilFact>;
  /** Error-contract facts waiting for their err check, keyed by `errPath \0 target`. */
  pending: ReadonlyMap<string, Pending>;
  /**
   * Local variables compared with nil somewhere that hold a value which cannot be nil here (`new(T)`,
   * `&x`, a composite literal, `make`) on every path: their nil branches never run.
   */
  nonNil?: ReadonlySet<string>;
}

/** A dereference of a path at a point where a nil fact holds for it. */
export interface NilDereference {
  path: string;
  /** The dereferencing expression: the selector, `*v`, the index, or the call. */
  node: SyntaxNode;
  /** How the dereference reads in a message: `node.Name`, `*p`, `err.Error()`. */
  text: string;
  /** The dereferenced path's expression. */
  pathNode: SyntaxNode;
  fact: NilFact;
}

const EMPTY: NilState = { facts: new Map(), pending: new Map() };
const DEAD: NilState = { dead: true, facts: new Map(), pending: new Map() };

/**
 * Calls that, by their name, end the program or the goroutine although the never-returns summary cannot
 * see it (helpers in other packages: `base.Fatalf`, `s.Fatalf`, runtime's `throw`).
 */
const FATAL_NAME = /^(throw|[Ff]atal\w*|[Pp]anic[A-Z]?\w*|Exit|Exitf|exit|[Dd]ie|FailNow|SkipNow|Skip|Skipf|Goexit|[Uu]nreachable|[Cc]rash)$/;

/** Builtins beyond the pure ones that touch no variable: they build, print or stop, or write only a map. */
const HARMLESS_BUILTINS = new Set(['append', 'make', 'new', 'delete', 'panic', 'print', 'println']);

/** `a, err := f(...)` and `s.v, err = f(...)`, judged by text before any node is materialized. */
const PENDING_SHAPE = /^[\w.\s,]*,\s*(?:\w+\s*\.\s*)*\w*[Ee]rr\w*\s*:?=[^=][\s\S]*\)\s*$/;
/** What an assignment of a never-nil value contains: `&x`, a literal's brace, `new(` or `make(`. */
const NEVER_NIL_TEXT = /[&{]|\b(?:new|make)\s*\(/;
/** `v, ok := x.(T)`, judged by text. */
const COMMA_OK_SHAPE = /^[\w.\s]*,\s*\w+\s*:?=[^=][\s\S]*\.\s*\([^)]/;
/** `e := err` and `s.err = lastErr`: a copy of an error, judged by text. */
const ERROR_COPY_SHAPE = /^[\w.\s]*:?=\s*\w*[Ee]rr\w*\s*$/;

const ASSIGNING_TYPES = new Set(['assignment_statement', 'short_var_declaration', 'range_clause', 'var_declaration', 'receive_statement']);

/** The `.(type)` that follows a type switch's value. */
const TYPE_SWITCH_GUARD = /^\s*\.\s*\(\s*type\s*\)/;
/** The dereferences in `fn` (a declaration, method or func literal) of paths that may be nil there. */
/**
 * Whether a question the check noted about another function (see reuse.ts) gets the same answer in
 * this lint: a name that may not return, a callee's may-return-nil summary, a nil-safe method.
 */
export function answersAlike(analyses: PackageAnalyses, question: Question): boolean {
  switch (question.kind) {
    case 'may-not-return':
      return (FATAL_NAME.test(question.name!) || analyses.get(mayNeverReturnByName)(question.name!)) === question.answer;
    case 'may-return-nil':
      return analyses.get(mayReturnNil).summaryKey(question.fn!) === question.answer;
    case 'nil-safe':
      return analyses.get(nilSafeMethods).has(question.fn!) === question.answer;
    default:
      return false;
  }
}

export function nilDereferences(analyses: PackageAnalyses, fn: SyntaxNode): NilDereference[] {
  const body = fn.childForFieldName('body');
  if (!body) return [];
  const text = body.text;
  if (!text.includes('nil') && !mayAssertWithOk(text)) return [];
  const checked = checkedText(text);
  if (!anyDereferenced(checked, text)) return [];
  let context: FunctionContext | null = null;
  const found: NilDereference[] = [];
  const seen = new Set<number>();
  if (text.includes('&&') || text.includes('||')) {
    for (const operand of nilGuardedOperands(body, text, checked.comparisons)) {
      context ??= new FunctionContext(analyses, fn, body, checked.compared, checked.targets.size > 0);
      for (const dereference of context.operandDereferences(operand)) {
        if (seen.has(dereference.node.id)) continue;
        seen.add(dereference.node.id);
        found.push(dereference);
      }
    }
  }
  const mayNeverReturn = analyses.get(mayNeverReturnByName);
  const ends: PathEnds = {
    mayNotReturn: (name) => {
      const answer = FATAL_NAME.test(name) || mayNeverReturn(name);
      analyses.noteQuestion(() => ({ kind: 'may-not-return', name, answer }));
      return answer;
    },
    // The analysis ends a path at a call named like `t.Fatal` or `log.Fatalf`; its CFG, at `panic(...)`
    // and at calls the never-returns summary knows (`error_(err)` wrapping a panic).
    stops: (statement) => endsProgramByName(statement) || callStatementNeverReturns(statement, (call) => analyses.isNoReturnCall(call, fn)),
  };
  if (!mayReachCheckedDereference(fn, body, text, ends, checked)) return found;
  const flowContext = (context ??= new FunctionContext(analyses, fn, body, checked.compared, checked.targets.size > 0));
  const cfg = analyses.cfg(fn);
  const analysis: ForwardAnalysis<NilState> = {
    entry: () => EMPTY,
    bottom: () => EMPTY,
    join: joinStates,
    equal: equalStates,
    transfer: (state, node) => flowContext.transfer(state, node),
    edge: (state, edge) => flowContext.refine(state, edge),
  };
  const result = solveForward(cfg, analysis);
  forEachNodeState(cfg, analysis, result, (node, state) => {
    if (state.dead || state.facts.size === 0) return;
    for (const dereference of flowContext.dereferencesIn(node, state.facts)) {
      if (seen.has(dereference.node.id)) continue;
      seen.add(dereference.node.id);
      if (flowContext.sameVariable(dereference) && flowContext.errorContractHolds(dereference.fact)) found.push(dereference);
    }
  });
  return found.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

function joinStates(a: NilState, b: NilState): NilState {
  if (a === b || b.dead) return a;
  if (a.dead) return b;
  const nonNil = a.nonNil && b.nonNil ? intersection(a.nonNil, b.nonNil) : undefined;
  return { facts: joinFacts(a.facts, b.facts), pending: joinPending(a.pending, b.pending), ...(nonNil ? { nonNil } : {}) };
}

function intersection(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> | undefined {
  if (a === b) return a;
  const both = new Set<string>();
  for (const name of a) if (b.has(name)) both.add(name);
  return both.size > 0 ? both : undefined;
}

function joinFacts(a: ReadonlyMap<string, NilFact>, b: ReadonlyMap<string, NilFact>): ReadonlyMap<string, NilFact> {
  if (a === b) return a;
  if (a.size === 0 && b.size === 0) return a;
  const joined = new Map<string, NilFact>();
  for (const [path, fact] of a) {
    const other = b.get(path);
    if (!other) {
      if (fact.explicit || fact.until !== undefined) joined.set(path, fact.certain ? { ...fact, certain: false } : fact);
    } else if (other === fact || (other.certain === fact.certain && other.check.id === fact.check.id)) joined.set(path, fact);
    else {
      const first = other.check.startIndex < fact.check.startIndex ? other : fact;
      const until = fact.until !== undefined && other.until !== undefined ? Math.max(fact.until, other.until) : undefined;
      joined.set(path, { ...first, certain: fact.certain && other.certain, explicit: fact.explicit || other.explicit, until });
    }
  }
  for (const [path, fact] of b) {
    if (!a.has(path) && (fact.explicit || fact.until !== undefined)) joined.set(path, fact.certain ? { ...fact, certain: false } : fact);
  }
  return joined;
}

function joinPending(a: ReadonlyMap<string, Pending>, b: ReadonlyMap<string, Pending>): ReadonlyMap<string, Pending> {
  if (a === b || b.size === 0) return a;
  if (a.size === 0) return b;
  const joined = new Map(a);
  for (const [key, pending] of b) if (!joined.has(key)) joined.set(key, pending);
  return joined;
}

function equalStates(a: NilState, b: NilState): boolean {
  if (a === b) return true;
  if (a.dead || b.dead) return !!a.dead === !!b.dead;
  if (a.facts.size !== b.facts.size || a.pending.size !== b.pending.size) return false;
  for (const [path, fact] of a.facts) {
    const other = b.facts.get(path);
    if (!other || other.certain !== fact.certain || other.check.id !== fact.check.id || (other.assign?.id ?? -1) !== (fact.assign?.id ?? -1) || other.explicit !== fact.explicit || other.until !== fact.until) return false;
  }
  for (const key of a.pending.keys()) if (!b.pending.has(key)) return false;
  if ((a.nonNil?.size ?? 0) !== (b.nonNil?.size ?? 0)) return false;
  for (const name of a.nonNil ?? []) if (!b.nonNil!.has(name)) return false;
  return true;
}

function rootOf(path: string): string {
  const dot = path.indexOf('.');
  return dot < 0 ? path : path.slice(0, dot);
}

/** The per-function knowledge the transfer functions need: scope, untracked names, resolution. */
class FunctionContext {
  private scopeCache: FunctionScope | null = null;
  private readonly untracked: Set<string>;
  private readonly pathPatterns = new Map<string, RegExp>();
  private readonly reachable = new Map<string, boolean>();
  private readonly siteCache = new Map<string, Array<Omit<NilDereference, 'fact'>>>();
  /** The text of the function's file, to look just past a node without asking the tree. */
  private readonly fileText: string | null;

  constructor(
    private readonly analyses: PackageAnalyses,
    private readonly fn: SyntaxNode,
    body: SyntaxNode,
    /** Identifiers the function compares with nil: only these are followed for never-nil values. */
    private readonly nonNilCandidates: ReadonlySet<string> = new Set(),
    /** True when a check's non-nil edge should mark its variable: only error contracts ask (callee guards). */
    private readonly followsChecks = false,
  ) {
    const file = analyses.fileOf(body);
    this.fileText = file?.text ?? null;
    this.untracked = untrackedNames(body, file ? analyses.nodesOfType(file, 'func_literal') : body.descendantsOfType('func_literal'));
  }

  /** True unless the text right after `node` (whose text is `text`) is surely not `.(type)`. */
  private mayBeTypeSwitchValue(node: SyntaxNode, text: string): boolean {
    if (this.fileText === null) return true;
    const end = node.startIndex + text.length;
    const after = this.fileText.slice(end, end + 64);
    return after.includes('/') || TYPE_SWITCH_GUARD.test(after);
  }

  /** The function's scope, built on first use (most functions never need it). */
  private get scope(): FunctionScope {
    this.scopeCache ??= scopeOf(this.analyses, this.fn);
    return this.scopeCache;
  }

  /**
   * True when the call of an error-contract fact may really leave the path nil with an error. Decided
   * only for facts that reach a dereference, so most calls are never resolved.
   */
  errorContractHolds(fact: NilFact): boolean {
    if (!fact.assign || fact.commaOk) return true;
    const left = expressionListItems(fact.assign.childForFieldName('left'));
    const right = expressionListItems(fact.assign.childForFieldName('right'));
    const call = right.length === 1 ? unparen(right[0]!) : null;
    if (!call || call.type !== 'call_expression') return false;
    const position = left.findIndex((item) => selectorPath(item) === fact.path);
    return position >= 0 && (this.nilPositionsOnError(call, left.length, fact.nonNilAtAssign) & (1 << position)) !== 0;
  }

  /** True when facts about `path` can be trusted: its root is not captured by a literal or aliased. */
  private trackable(path: string): boolean {
    return !this.untracked.has(rootOf(path));
  }

  /** True for paths a call could change: field paths, and identifiers not local to the function. */
  private reachableByCalls(path: string): boolean {
    if (path.includes('.')) return true;
    let reachable = this.reachable.get(path);
    if (reachable === undefined) {
      reachable = !this.scope.declares(path);
      this.reachable.set(path, reachable);
    }
    return reachable;
  }

  transfer(state: NilState, node: SyntaxNode): NilState {
    if (state.dead) return state;
    if (node.type === 'expression_statement' && endsProgramByName(node)) return DEAD;
    const assigns = ASSIGNING_TYPES.has(node.type);
    if (state.facts.size === 0 && state.pending.size === 0 && !assigns) return state;
    let next = assigns && this.nonNilCandidates.size > 0 ? this.trackNonNil(state, node) : state;
    if (state.facts.size > 0 || state.pending.size > 0) {
      const killed: string[] = assigns ? assignedPaths(node) : [];
      const text = node.text;
      if (text.includes('&')) killed.push(...addressedPaths(node));
      // A type switch's value (`x` in `switch v := x.(type)`) redeclares its alias. Only a node followed
      // by `.(type)` can be one, which the file's text tells without building the parent node.
      if (this.mayBeTypeSwitchValue(node, text)) {
        const parent = node.parent;
        if (parent?.type === 'type_switch_statement' && parent.childForFieldName('value')?.id === node.id) {
          for (const alias of expressionListItems(parent.childForFieldName('alias'))) killed.push(alias.text);
        }
      }
      if (killed.length > 0) next = killPaths(next, killed);
      // `e, ok := err.(*exec.ExitError)`: code that asks which error it has knows more about the
      // results that came with it than the contract says.
      if (assigns && text.includes('.(')) next = forgetAssertedErrors(next, node);
      if (text.includes('(')) next = this.killByCalls(next, node);
      // Past a dereference of a path that may be nil, it is not nil any more (or the program has
      // stopped). One that is surely nil stays so for the statements that follow, but is no longer a
      // fact written for the nil case: it does not outlive the branch.
      if (next.facts.size > 0) {
        const dereferenced = this.dereferencesIn(node, next.facts).map((dereference) => dereference.path);
        if (dereferenced.length > 0) next = pastDereferences(next, dereferenced);
      }
    }
    if (node.type === 'assignment_statement' || node.type === 'short_var_declaration') next = this.addPending(next, node);
    return next;
  }

  /** Records which compared local variables a statement makes never nil, and which it makes unknown. */
  private trackNonNil(state: NilState, node: SyntaxNode): NilState {
    const text = node.text;
    if (!state.nonNil && !NEVER_NIL_TEXT.test(text)) return state;
    // Only a statement whose targets (the text before its `=`, or all of it) name a candidate matters.
    const equals = text.indexOf('=');
    const targets = equals > 0 ? text.slice(0, equals) : text;
    let named = false;
    for (const candidate of this.nonNilCandidates) {
      if (targets.includes(candidate)) {
        named = true;
        break;
      }
    }
    if (!named) return state;
    const assigned = assignedPaths(node).filter((path) => this.nonNilCandidates.has(path));
    if (assigned.length === 0) return state;
    const left = node.type === 'assignment_statement' || node.type === 'short_var_declaration' ? expressionListItems(node.childForFieldName('left')) : [];
    const right = left.length > 0 ? expressionListItems(node.childForFieldName('right')) : [];
    const nonNil = new Set(state.nonNil ?? []);
    let changed = false;
    for (const path of assigned) {
      const index = left.length === right.length ? left.findIndex((item) => item.text === path) : -1;
      const never = index >= 0 && this.trackable(path) && !this.analyses.pkg.values.has(path) && this.neverNil(right[index]!);
      if (never === nonNil.has(path)) continue;
      changed = true;
      if (never) nonNil.add(path);
      else nonNil.delete(path);
    }
    return changed ? { ...state, nonNil: nonNil.size > 0 ? nonNil : undefined } : state;
  }

  /** True for an expression that cannot be nil: `&x`, `new(T)`, `make(...)`, a composite or func literal. */
  private neverNil(expression: SyntaxNode): boolean {
    const value = unparen(expression);
    switch (value.type) {
      case 'composite_literal':
      case 'func_literal':
        return true;
      case 'unary_expression':
        return value.child(0)?.type === '&';
      case 'call_expression': {
        const callee = value.childForFieldName('function');
        return callee?.type === 'identifier' && (callee.text === 'new' || callee.text === 'make') && !this.scope.declares(callee.text);
      }
      default:
        return false;
    }
  }

  /** Calls may write to field paths and package variables they can reach. */
  private killByCalls(state: NilState, node: SyntaxNode): NilState {
    const exposed = [...state.facts.keys(), ...[...state.pending.values()].map((pending) => pending.target)].filter((path) => this.reachableByCalls(path));
    if (exposed.length === 0) return state;
    const killed = new Set<string>();
    for (const call of callsOutsideLiterals(node)) {
      const reach = this.callReach(call);
      if (reach === 'none') continue;
      const callText = call.text;
      for (const path of exposed) {
        if (reach === 'all' || new RegExp(`\\b${escapeRegExp(rootOf(path))}\\b`).test(callText)) killed.add(path);
      }
    }
    return killed.size > 0 ? killPaths(state, [...killed], false) : state;
  }

  /** What a call may write: nothing, what its arguments reach, or anything reachable. */
  private callReach(call: SyntaxNode): 'none' | 'arguments' | 'all' {
    const callee = call.childForFieldName('function');
    if (!callee) return 'all';
    const target = unparen(callee);
    if (target.type === 'identifier' && (PURE_BUILTINS.has(target.text) || HARMLESS_BUILTINS.has(target.text)) && !this.scope.declares(target.text)) return 'none';
    if (target.type === 'parenthesized_expression' || target.type === 'array_type' || target.type === 'pointer_type') return 'none';
    if (target.type !== 'selector_expression') return 'all';
    const name = target.childForFieldName('field')?.text ?? '';
    const operand = target.childForFieldName('operand');
    if (operand && unparen(operand).type === 'identifier' && !this.scope.declares(operand.text)) {
      const file = this.analyses.fileOf(call);
      const importPath = file ? importPathOf(this.analyses.pkg, file, unparen(operand).text) : null;
      if (importPath) return NON_WRITING_PACKAGES.has(importPath) ? 'none' : 'arguments';
    }
    if (LOGGING_METHOD.test(name)) return 'none';
    return 'all';
  }

  /** Records `v, err := f()` as pending: v becomes nil on the edge where err is not nil. */
  private addPending(state: NilState, node: SyntaxNode): NilState {
    const text = node.text;
    if (state.pending.size > 0 && ERROR_COPY_SHAPE.test(text)) return this.copyPending(state, node);
    if (COMMA_OK_SHAPE.test(text)) return this.addCommaOk(state, node);
    if (!PENDING_SHAPE.test(text)) return state;
    const left = expressionListItems(node.childForFieldName('left'));
    const right = expressionListItems(node.childForFieldName('right'));
    if (left.length < 2 || right.length !== 1) return state;
    const call = unparen(right[0]!);
    if (call.type !== 'call_expression') return state;
    const errNode = left[left.length - 1]!;
    const errPath = selectorPath(errNode);
    if (!errPath || !/err\w*$/i.test(errPath) || depthOf(errPath) > MAX_PATH_DEPTH || !this.trackable(errPath)) return state;
    let pending: Map<string, Pending> | null = null;
    left.forEach((item, index) => {
      if (index === left.length - 1) return;
      const target = selectorPath(item);
      if (!target || target === '_' || depthOf(target) > MAX_PATH_DEPTH || !this.trackable(target)) return;
      pending ??= new Map(state.pending);
      pending.set(`${errPath}\u0000${target}`, { target, errPath, assign: node, nonNil: state.nonNil });
    });
    return pending ? { ...state, pending } : state;
  }

  /** `v, ok := x.(*T)`: v waits on ok, and is nil where ok is false. */
  private addCommaOk(state: NilState, node: SyntaxNode): NilState {
    const left = expressionListItems(node.childForFieldName('left'));
    const right = expressionListItems(node.childForFieldName('right'));
    const assertion = right.length === 1 ? unparen(right[0]!) : null;
    if (left.length !== 2 || assertion?.type !== 'type_assertion_expression') return state;
    const target = selectorPath(left[0]!);
    const ok = left[1]!.type === 'identifier' ? left[1]!.text : null;
    if (!target || !ok || target === '_' || ok === '_' || depthOf(target) > MAX_PATH_DEPTH || !this.trackable(target) || !this.trackable(ok)) return state;
    if (!this.mayBeNilType(assertion.childForFieldName('type'))) return state;
    return { ...state, pending: new Map(state.pending).set(`${ok}\u0000${target}`, { target, errPath: ok, assign: node, commaOk: true }) };
  }

  /** True for a type whose zero value is nil: a pointer, a func, or an interface this package declares (or `error`, `any`). */
  private mayBeNilType(type: SyntaxNode | null): boolean {
    if (!type) return false;
    if (type.type === 'pointer_type' || type.type === 'interface_type' || type.type === 'function_type') return true;
    if (type.type !== 'type_identifier') return false;
    if (type.text === 'error' || type.text === 'any') return true;
    return this.analyses.pkg.types.get(type.text)?.kind === 'interface';
  }

  /** `e := err`: the values waiting on err wait on its copy too. */
  private copyPending(state: NilState, node: SyntaxNode): NilState {
    const left = expressionListItems(node.childForFieldName('left'));
    const right = expressionListItems(node.childForFieldName('right'));
    if (left.length !== 1 || right.length !== 1) return state;
    const copy = selectorPath(left[0]!);
    const original = selectorPath(unparen(right[0]!));
    if (!copy || !original || copy === '_' || depthOf(copy) > MAX_PATH_DEPTH || !this.trackable(copy)) return state;
    let pending: Map<string, Pending> | null = null;
    for (const entry of state.pending.values()) {
      if (entry.errPath !== original) continue;
      pending ??= new Map(state.pending);
      pending.set(`${copy}\u0000${entry.target}`, { ...entry, errPath: copy });
    }
    return pending ? { ...state, pending } : state;
  }

  /** Result positions of a call that may be nil when it returns an error (a bit per position). */
  private nilPositionsOnError(call: SyntaxNode, count: number, nonNil?: ReadonlySet<string>): number {
    const all = (1 << (count - 1)) - 1;
    const resolved = resolveCall(this.analyses, call, this.fn);
    const summary = () => this.analyses.get(mayReturnNil);
    const args = callArguments(call);
    const spread = call.childForFieldName('arguments')?.text.includes('...') ?? true;
    // A guard `if p == nil { return nil, err }` is ruled out by an argument that cannot be nil (or empty).
    const ruledOut = (guard: NilGuard) => !spread && !!args[guard.param] && argumentRulesOut(args[guard.param]!, guard.kind, nonNil);
    const fromLocal = (fn: FuncInfo) => {
      if (!returnsValueAndError(fn) || fn.results.length !== count) return 0;
      this.analyses.noteQuestion(() => ({ kind: 'may-return-nil', fn, answer: summary().summaryKey(fn) }));
      return summary().positionsWhen(fn, ruledOut);
    };
    switch (resolved.kind) {
      case 'local':
        if (resolved.via === 'unique-name' && this.rootsInImport(call)) return 0;
        return fromLocal(resolved.fn);
      case 'external': {
        // The callee's own source, when it is on disk, says which results it leaves nil with an error;
        // without it, the convention holds: nothing but the error is worth using.
        const imported = importedFunction(this.analyses, resolved);
        if (!imported || !imported.fn.node.childForFieldName('body') || !returnsValueAndError(imported.fn) || imported.fn.results.length !== count) return all;
        return imported.analyses.get(mayReturnNil).positionsWhen(imported.fn, ruledOut);
      }
      case 'builtin':
        return 0;
      case 'unknown': {
        const sameName = resolved.name ? (this.analyses.pkg.methodsByName.get(resolved.name) ?? []) : [];
        // A method of a value whose type is unknown may well return a struct, not a pointer; one named
        // like a method of this package is judged by that method, unless the value comes from an import.
        if (sameName.length === 0 || this.rootsInImport(call)) return 0;
        return sameName.reduce((positions, fn) => positions | fromLocal(fn), 0);
      }
    }
  }

  /** True when a call's receiver chain starts at an imported package (`template.New("t").Parse`). */
  private rootsInImport(call: SyntaxNode): boolean {
    let current: SyntaxNode | null = call.childForFieldName('function');
    for (let steps = 0; current && steps < 16; steps++) {
      current = unparen(current);
      if (current.type === 'identifier') {
        const file = this.analyses.fileOf(call);
        return !this.scope.declares(current.text) && !!file && !!importPathOf(this.analyses.pkg, file, current.text);
      }
      if (current.type === 'selector_expression') current = current.childForFieldName('operand');
      else if (current.type === 'call_expression') current = current.childForFieldName('function');
      else if (current.type === 'index_expression') current = current.childForFieldName('operand');
      else return false;
    }
    return false;
  }

  /** Refines the state along a branch edge. */
  refine(state: NilState, edge: CfgEdge): NilState {
    if (state.dead) return state;
    // A nil branch that ends in continue, break or goto did stop on purpose.
    if (edge.kind === 'continue' || edge.kind === 'break' || edge.kind === 'goto') return withoutExplicit(state);
    if ((edge.kind === 'case' || edge.kind === 'default') && state.pending.size + state.facts.size > 0) {
      const typeCase = typeSwitchCase(edge);
      if (typeCase) return this.narrow(state, typeCase.path, typeCase.nilHere, typeCase.check, true, true);
    }
    let outcome: boolean;
    let atom = edge.cond;
    let whole: SyntaxNode | undefined = atom;
    if (edge.kind === 'true' || edge.kind === 'false') {
      outcome = edge.kind === 'true';
      whole = atom ? (edge.whole ?? wholeCondition(atom)) : undefined;
    } else if (edge.kind === 'case' && atom && isTaglessCase(atom)) {
      const values = expressionListItems(atom);
      if (values.length !== 1) return state;
      atom = whole = values[0]!;
      outcome = true;
    } else return state;
    if (!atom || !whole) return state;
    if (state.facts.size === 0 && state.pending.size === 0 && !atom.text.includes('nil')) return state;
    // In `a && b` only the true exits need every atom true, in `a || b` only the false exits need
    // every atom false; facts born in the condition do not hold for the code the other exits lead to.
    state = dropUnrelatedMaybes(state, whole);
    const chain = atom.id === whole.id ? null : edge.whole && edge.chain !== undefined ? edge.chain : chainOperator(atom, whole);
    const keeps = chain === null || (chain === '&&' && outcome) || (chain === '||' && !outcome);
    if (!keeps) state = dropFactsBornIn(state, whole);
    let expr = unparen(atom);
    while (expr.type === 'unary_expression' && expr.text.startsWith('!')) {
      const operand = expr.childForFieldName('operand');
      if (!operand) return state;
      outcome = !outcome;
      expr = unparen(operand);
    }
    const explicit = BRANCH_LABELS.has(edge.to.label);
    if (expr.type === 'identifier' && state.pending.size > 0) {
      const tested = this.commaOkTested(state, expr.text, outcome, atom, keeps);
      if (tested) return tested;
    }
    const comparison = nilComparison(expr);
    if (!comparison) {
      // `errors.Is(err, target)` and `errors.As(err, &target)` hold only for a non-nil err.
      const tested = outcome ? this.errorTested(expr) : null;
      return tested ? this.narrow(state, tested, false, atom, keeps, explicit) : forgetErrorsMentioned(state, atom);
    }
    const nilHere = comparison.equal === outcome;
    // `for n = head; n != nil && n.key != key; n = n.next {}` ends with n nil on one of its exits.
    if (!keeps && nilHere && edge.to.label === 'for.done' && this.trackable(comparison.path)) {
      const fact: NilFact = { certain: true, check: atom, assign: null, errPath: null, path: comparison.path, explicit: true };
      return { ...state, facts: new Map(state.facts).set(comparison.path, fact) };
    }
    const until = keeps ? undefined : branchEnd(whole, edge.to.label);
    return this.narrow(state, comparison.path, nilHere, atom, keeps, explicit, until);
  }

  /**
   * The state on an edge where `path` is known nil (`nilHere`) or not nil, because of `check`. `keeps`
   * is false for an edge that leaves a compound condition early: its facts hold only until `until`.
   */
  private narrow(state: NilState, path: string, nilHere: boolean, check: SyntaxNode, keeps: boolean, explicit: boolean, until?: number): NilState {
    // The nil branch of a variable that holds `&T{}` or `new(T)` never runs.
    if (nilHere && state.nonNil?.has(path)) return DEAD;
    const atom = check;
    // Copied on the first change, so that an edge that changes nothing keeps the state as it is.
    let facts: Map<string, NilFact> | null = null;
    const setFact = (key: string, fact: NilFact) => (facts ??= new Map(state.facts)).set(key, fact);
    const deleteFact = (key: string) => {
      if ((facts ?? state.facts).has(key)) (facts ??= new Map(state.facts)).delete(key);
    };
    let pending: Map<string, Pending> | null = null;
    let nonNil = state.nonNil;
    if (nilHere) {
      if (keeps && this.trackable(path)) setFact(path, { certain: true, check: atom, assign: null, errPath: null, path, explicit });
      else if (!keeps && this.trackable(path)) {
        // `if x == nil || x.Bad { ... }`: inside the body x may be nil, straight from the check.
        if (until !== undefined) setFact(path, { certain: true, check: atom, assign: null, errPath: null, path, explicit: false, until });
      }
      // err == nil: the results that came with err are fine.
      for (const [other, fact] of state.facts) if (fact.errPath === path) deleteFact(other);
      for (const [key, entry] of state.pending) {
        if (entry.errPath !== path) continue;
        pending ??= new Map(state.pending);
        pending.delete(key);
      }
    } else {
      deleteFact(path);
      for (const [key, entry] of state.pending) {
        if (entry.errPath !== path) continue;
        pending ??= new Map(state.pending);
        pending.delete(key);
        // `if err == nil { ... }` with no else was still written about the error: its skipped body
        // does not excuse a use of the result after it.
        if (keeps) setFact(entry.target, { certain: true, check: atom, assign: entry.assign, errPath: path, path: entry.target, explicit: true, nonNilAtAssign: entry.nonNil });
      }
      // A local variable just found not nil is an argument that rules out a callee's `if p == nil` guard.
      if (this.followsChecks && this.nonNilCandidates.has(path) && !nonNil?.has(path) && this.trackable(path) && !this.analyses.pkg.values.has(path)) {
        nonNil = new Set(nonNil ?? []).add(path);
      }
    }
    if (!facts && !pending && nonNil === state.nonNil) return state;
    return { facts: facts ?? state.facts, pending: pending ?? state.pending, ...(nonNil ? { nonNil } : {}) };
  }

  /** The state on an edge of `if ok` for `v, ok := x.(*T)`: v is fine where ok holds, nil where it does not. */
  private commaOkTested(state: NilState, ok: string, outcome: boolean, check: SyntaxNode, keeps: boolean): NilState | null {
    let pending: Map<string, Pending> | null = null;
    let facts: Map<string, NilFact> | null = null;
    for (const [key, entry] of state.pending) {
      if (!entry.commaOk || entry.errPath !== ok) continue;
      pending ??= new Map(state.pending);
      pending.delete(key);
      if (outcome || !keeps) continue;
      facts ??= new Map(state.facts);
      facts.set(entry.target, { certain: true, check, assign: entry.assign, errPath: ok, path: entry.target, explicit: true, commaOk: true });
    }
    return pending ? { ...state, facts: facts ?? state.facts, pending } : null;
  }

  /** The error that `errors.Is(err, ...)` or `errors.As(err, ...)` tests, when `expr` is such a call. */
  private errorTested(expr: SyntaxNode): string | null {
    if (expr.type !== 'call_expression' || !/^errors\s*\.\s*(Is|As)\b/.test(expr.text)) return null;
    const callee = expr.childForFieldName('function');
    const operand = callee?.childForFieldName('operand');
    const file = this.analyses.fileOf(expr);
    if (!operand || this.scope.declares(operand.text) || !file || !importPathOf(this.analyses.pkg, file, operand.text)?.endsWith('errors')) return null;
    const first = expr.childForFieldName('arguments')?.namedChildren[0];
    return first ? selectorPath(unparen(first)) : null;
  }

  /** False when the check and the dereference name different variables (one shadows the other). */
  sameVariable(dereference: NilDereference): boolean {
    const root = rootOf(dereference.path);
    const { fact } = dereference;
    let checkAt = -1;
    if (fact.assign) {
      const target = expressionListItems(fact.assign.childForFieldName('left')).find((item) => selectorPath(item) === dereference.path);
      checkAt = target ? fact.assign.endIndex : fact.assign.startIndex;
    } else {
      checkAt = nilComparisonIn(fact.check)?.pathNode.startIndex ?? fact.check.startIndex;
    }
    return visibleDeclaration(this.scope, root, checkAt) === visibleDeclaration(this.scope, root, dereference.pathNode.startIndex);
  }

  /**
   * The dereferences of a path in an operand that runs only when the path is nil. None when the operand
   * compares the path again or takes its address, nor, for a path a call could change, after a call.
   */
  operandDereferences({ path, check, operand, joined }: NilOperand): NilDereference[] {
    if (!operand.text.includes(path) || !this.trackable(path)) return [];
    // What runs between the check and the operand's end: it must not check or reach the path again.
    const between = joined.text.slice(check.endIndex - joined.startIndex);
    if (this.comparedIn(path, between) || new RegExp(`(?<!&)&(?!&)\\s*${escapeRegExp(path)}(?![\\w])`).test(between)) return [];
    const fact: NilFact = { certain: true, check, assign: null, errPath: null, path, explicit: true, joined };
    const calls = this.reachableByCalls(path) ? callsOutsideLiterals(joined).filter((call) => call.startIndex >= check.endIndex && this.callReach(call) !== 'none') : [];
    return this.dereferenceSites(operand, new Set([path]))
      .filter((site) => !calls.some((call) => call.endIndex <= site.node.startIndex))
      .map((site) => ({ ...site, fact }));
  }

  /** The dereferences of nil paths within one CFG node (never inside its func literals). */
  dereferencesIn(node: SyntaxNode, facts: ReadonlyMap<string, NilFact>): NilDereference[] {
    const text = node.text;
    const candidates: string[] = [];
    for (const path of facts.keys()) {
      if (!text.includes(path)) continue;
      // `x == nil || x.f` inside a value expression: the comparison guards this node's uses of x.
      if (this.comparedIn(path, text)) continue;
      candidates.push(path);
    }
    if (candidates.length === 0) return [];
    const key = `${node.id}\u0000${candidates.join('\u0000')}`;
    let sites = this.siteCache.get(key);
    if (!sites) {
      sites = this.dereferenceSites(node, new Set(candidates));
      this.siteCache.set(key, sites);
    }
    const found: NilDereference[] = [];
    for (const site of sites) {
      const fact = facts.get(site.path)!;
      if (fact.until === undefined || site.node.startIndex < fact.until) found.push({ ...site, fact });
    }
    return found;
  }

  private dereferenceSites(node: SyntaxNode, paths: Set<string>): Array<Omit<NilDereference, 'fact'>> {
    const found: Array<Omit<NilDereference, 'fact'>> = [];
    let literalEnd = -1;
    // `for i, v := range p` reads the array p points to; `for i := range p` does not.
    if (node.type === 'range_clause') {
      const operand = node.childForFieldName('right');
      const path = operand ? selectorPath(operand) : null;
      const targets = expressionListItems(node.childForFieldName('left'));
      if (path && paths.has(path) && targets.length === 2 && targets[1]!.text !== '_' && this.pointsToArray(operand!)) {
        found.push({ path, node: operand!, text: `range ${compact(operand!.text)}`, pathNode: operand! });
      }
    }
    for (const candidate of node.descendantsOfType(['func_literal', 'selector_expression', 'unary_expression', 'index_expression', 'slice_expression', 'type_assertion_expression', 'call_expression'])) {
      if (candidate.startIndex < literalEnd) continue;
      switch (candidate.type) {
        case 'func_literal':
          literalEnd = candidate.endIndex;
          break;
        case 'selector_expression': {
          const operand = candidate.childForFieldName('operand');
          const path = operand ? selectorPath(operand) : null;
          if (!path || !paths.has(path)) break;
          const parent = candidate.parent;
          const isCall = parent?.type === 'call_expression' && parent.childForFieldName('function')?.id === candidate.id;
          if (isCall) {
            if (!this.methodCallDereferences(operand!, path, candidate.childForFieldName('field')?.text ?? '')) break;
            found.push({ path, node: parent!, text: `${compact(candidate.text)}()`, pathNode: operand! });
          } else {
            found.push({ path, node: candidate, text: compact(candidate.text), pathNode: operand! });
          }
          break;
        }
        case 'unary_expression': {
          if (!candidate.text.startsWith('*')) break;
          const operand = candidate.childForFieldName('operand');
          const path = operand ? selectorPath(operand) : null;
          if (path && paths.has(path)) found.push({ path, node: candidate, text: compact(candidate.text), pathNode: operand! });
          break;
        }
        case 'index_expression': {
          const operand = candidate.childForFieldName('operand');
          const path = operand ? selectorPath(operand) : null;
          if (!path || !paths.has(path)) break;
          // A write to an index of a nil map or slice panics; a read only when the operand points to an array.
          if (this.pointsToArray(operand!) || isWritten(candidate)) found.push({ path, node: candidate, text: compact(candidate.text), pathNode: operand! });
          break;
        }
        case 'slice_expression': {
          const operand = candidate.childForFieldName('operand');
          const path = operand ? selectorPath(operand) : null;
          if (path && paths.has(path) && this.pointsToArray(operand!)) found.push({ path, node: candidate, text: compact(candidate.text), pathNode: operand! });
          break;
        }
        case 'type_assertion_expression': {
          // `v := x.(T)` panics on a nil interface; `v, ok := x.(T)` does not.
          const operand = candidate.childForFieldName('operand');
          const path = operand ? selectorPath(operand) : null;
          if (path && paths.has(path) && !isCommaOk(candidate)) found.push({ path, node: candidate, text: compact(candidate.text), pathNode: operand! });
          break;
        }
        case 'call_expression': {
          const callee = candidate.childForFieldName('function');
          // unsafe.Sizeof(*p) and friends do not evaluate their operand.
          if (callee && /^unsafe\.(Sizeof|Alignof|Offsetof)$/.test(callee.text)) {
            literalEnd = Math.max(literalEnd, candidate.endIndex);
            break;
          }
          const path = callee ? selectorPath(callee) : null;
          if (path && paths.has(path)) found.push({ path, node: candidate, text: `${path}()`, pathNode: callee! });
          break;
        }
      }
    }
    return found;
  }

  /** True when an expression's type is a pointer to an array (`*[4]int`). */
  private pointsToArray(operand: SyntaxNode): boolean {
    const type = typeOfExpression(this.analyses.pkg, this.scope, operand);
    return !!type && /^\*\s*\[[^\]]/.test(type.text.trim());
  }

  private comparedIn(path: string, text: string): boolean {
    let pattern = this.pathPatterns.get(path);
    if (!pattern) {
      const escaped = escapeRegExp(path);
      pattern = new RegExp(`(^|[^\\w.])${escaped}\\s*[!=]=\\s*nil\\b|\\bnil\\s*[!=]=\\s*${escaped}(?![\\w.])`);
      this.pathPatterns.set(path, pattern);
    }
    return pattern.test(text);
  }

  /** True when calling method `name` on `operand` (nil here) panics. */
  private methodCallDereferences(operand: SyntaxNode, path: string, name: string): boolean {
    const pkg = this.analyses.pkg;
    const type = typeOfExpression(pkg, this.scope, operand);
    if (!type) return /err(or)?$/i.test(path.slice(path.lastIndexOf('.') + 1));
    const typeText = type.text.trim();
    if (typeText === 'error' || /^interface\s*\{/.test(typeText)) return true;
    const typeName = namedType(type);
    if (!typeName || typeName.includes('.')) return false;
    const info = pkg.types.get(typeName);
    if (!info) return false;
    if (info.kind === 'interface') return true;
    const method = findMethod(pkg, typeName, name);
    if (!method) return false;
    if (method.pointerReceiver) {
      const safe = this.analyses.get(nilSafeMethods).has(method);
      this.analyses.noteQuestion(() => ({ kind: 'nil-safe', fn: method, answer: safe }));
      return !safe;
    }
    return info.kind === 'struct';
  }
}

/** True when an argument cannot be what a callee's guard tests for: nil, or (for `empty`) an empty string or list. */
function argumentRulesOut(argument: SyntaxNode, kind: NilGuard['kind'], nonNil: ReadonlySet<string> | undefined): boolean {
  const value = unparen(argument);
  if (kind === 'empty') {
    if (value.type === 'interpreted_string_literal' || value.type === 'raw_string_literal') return value.text.length > 2;
    return value.type === 'composite_literal' && (value.childForFieldName('body')?.namedChildCount ?? 0) > 0;
  }
  switch (value.type) {
    case 'composite_literal':
    case 'func_literal':
    case 'interpreted_string_literal':
    case 'raw_string_literal':
      return true;
    case 'unary_expression':
      return value.child(0)?.type === '&';
    case 'identifier':
      return !!nonNil?.has(value.text);
    case 'call_expression':
      return /^(new|make)\s*\(/.test(value.text);
    default:
      return false;
  }
}

/** True for an assignment's target or the operand of `++` / `--`. */
function isWritten(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (parent?.type === 'inc_statement' || parent?.type === 'dec_statement') return true;
  if (parent?.type !== 'expression_list') return false;
  const statement = parent.parent;
  return statement?.type === 'assignment_statement' && statement.childForFieldName('left')?.id === parent.id;
}

/** True for the value of a two-value assignment or declaration (`v, ok := x.(T)`, `v, ok = m[k]`). */
function isCommaOk(value: SyntaxNode): boolean {
  let list = value.parent;
  while (list?.type === 'parenthesized_expression') list = list.parent;
  if (list?.type !== 'expression_list' || list.namedChildCount !== 1) return false;
  const statement = list.parent;
  if (!statement) return false;
  if (statement.type === 'var_spec') return statement.childrenForFieldName('name').length === 2;
  if (statement.type !== 'assignment_statement' && statement.type !== 'short_var_declaration') return false;
  return expressionListItems(statement.childForFieldName('left')).length === 2;
}

/** One-line text of an expression for messages. */
function compact(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

/** Blocks that hold code written for one outcome of a condition (or the next part of the condition). */
const BRANCH_LABELS = new Set(['if.then', 'if.else', 'switch.case', 'cond']);

/** The whole condition an atomic test belongs to (`a == nil && b` for `a == nil`). */
function wholeCondition(cond: SyntaxNode): SyntaxNode {
  let current = cond;
  for (let parent = current.parent; parent; parent = current.parent) {
    const type = parent.type;
    if (type !== 'binary_expression' && type !== 'parenthesized_expression' && type !== 'unary_expression') break;
    current = parent;
  }
  return current;
}

/**
 * A fact that holds on some paths only, carried into code guarded by a condition about something
 * else, is dropped: such conditions are often correlated with the nil case (`if reused { p.f }` where
 * reused is set only when p is not nil), and syntax cannot tell.
 */
function dropUnrelatedMaybes(state: NilState, whole: SyntaxNode): NilState {
  if (state.facts.size === 0) return state;
  let facts: Map<string, NilFact> | null = null;
  let text: string | null = null;
  for (const [path, fact] of state.facts) {
    if (fact.certain) continue;
    text ??= whole.text;
    if (mentions(text, path) || (fact.errPath && mentions(text, fact.errPath))) continue;
    facts ??= new Map(state.facts);
    facts.delete(path);
  }
  return facts ? { ...state, facts } : state;
}

/** The end of the then or else block an edge out of an if statement's condition enters. */
function branchEnd(whole: SyntaxNode, label: string): number | undefined {
  const statement = whole.parent;
  if (statement?.type !== 'if_statement') return undefined;
  if (label === 'if.then') return statement.childForFieldName('consequence')?.endIndex;
  if (label === 'if.else') return statement.childForFieldName('alternative')?.endIndex;
  return undefined;
}

/** The operator joining an atom to the rest of its condition: `&&`, `||`, or `mixed`. */
function chainOperator(atom: SyntaxNode, whole: SyntaxNode): '&&' | '||' | 'mixed' {
  let operator: '&&' | '||' | null = null;
  for (let current: SyntaxNode | null = atom.parent; current && current.startIndex >= whole.startIndex && current.endIndex <= whole.endIndex; current = current.parent) {
    if (current.type === 'unary_expression') return 'mixed';
    if (current.type !== 'binary_expression') continue;
    const text = current.text;
    const left = current.childForFieldName('left');
    const right = current.childForFieldName('right');
    if (!left || !right) return 'mixed';
    const found = text.slice(left.endIndex - current.startIndex, right.startIndex - current.startIndex).trim();
    if (found !== '&&' && found !== '||') return 'mixed';
    if (operator && operator !== found) return 'mixed';
    operator = found;
    if (current.id === whole.id) break;
  }
  return operator ?? 'mixed';
}

/** Removes the facts born in one condition (their checks lie inside it). */
function dropFactsBornIn(state: NilState, whole: SyntaxNode): NilState {
  let facts: Map<string, NilFact> | null = null;
  for (const [path, fact] of state.facts) {
    if (fact.check.startIndex < whole.startIndex || fact.check.endIndex > whole.endIndex) continue;
    facts ??= new Map(state.facts);
    facts.delete(path);
  }
  return facts ? { ...state, facts } : state;
}

/** The state with every fact marked as not coming from a nil branch that falls through. */
function withoutExplicit(state: NilState): NilState {
  let facts: Map<string, NilFact> | null = null;
  for (const [path, fact] of state.facts) {
    if (!fact.explicit) continue;
    facts ??= new Map(state.facts);
    facts.set(path, { ...fact, explicit: false });
  }
  return facts ? { ...state, facts } : state;
}

/** True for an expression statement calling something whose name says it never returns. */
function endsProgramByName(statement: SyntaxNode): boolean {
  const text = statement.text;
  const paren = text.indexOf('(');
  if (paren < 0) return false;
  const callee = text.slice(0, paren).trim();
  const name = callee.slice(callee.lastIndexOf('.') + 1);
  // Ginkgo's Fail panics; testing's t.Fail only marks the test, so only a bare or ginkgo `Fail` counts.
  if (callee === 'Fail' || /^ginkgo\w*\.Fail$/.test(callee)) return true;
  return FATAL_NAME.test(name) && /^[\w.]+$/.test(callee);
}

/** The nil comparison inside a condition, through `!` and parentheses. */
function nilComparisonIn(cond: SyntaxNode): NilComparison | null {
  let expr = unparen(cond);
  while (expr.type === 'unary_expression' && expr.text.startsWith('!')) {
    const operand = expr.childForFieldName('operand');
    if (!operand) return null;
    expr = unparen(operand);
  }
  return nilComparison(expr);
}

function isTaglessCase(values: SyntaxNode): boolean {
  const clause = values.parent;
  const statement = clause?.parent;
  return clause?.type === 'expression_case' && statement?.type === 'expression_switch_statement' && !statement.childForFieldName('value');
}

/**
 * What a type switch case says about the switched path (`switch err.(type)`): `case nil:` that it is
 * nil; a case of one other type that it is not; `default:`, when a `case nil:` exists, that it is not.
 */
function typeSwitchCase(edge: CfgEdge): { path: string; nilHere: boolean; check: SyntaxNode } | null {
  const head = edge.from;
  if (head.label !== 'switch.head') return null;
  const value = head.nodes[head.nodes.length - 1];
  const statement = value?.parent;
  if (!value || statement?.type !== 'type_switch_statement' || statement.childForFieldName('value')?.id !== value.id) return null;
  const path = selectorPath(unparen(value));
  if (!path) return null;
  if (edge.kind === 'case') {
    if (!edge.cond) return null;
    return { path, nilHere: edge.cond.text === 'nil', check: edge.cond };
  }
  const nilCase = statement.namedChildren.find((clause) => clause.type === 'type_case' && clause.childrenForFieldName('type').some((type) => type.text === 'nil'));
  const alone = nilCase?.childrenForFieldName('type').length === 1 ? nilCase.childrenForFieldName('type')[0] : undefined;
  return alone ? { path, nilHere: false, check: alone } : null;
}

/** Drops error-contract facts and pending entries whose error a statement type-asserts (`err.(*T)`). */
function forgetAssertedErrors(state: NilState, node: SyntaxNode): NilState {
  let next = state;
  for (const assertion of node.descendantsOfType('type_assertion_expression')) {
    const operand = assertion.childForFieldName('operand');
    if (operand) next = forgetErrorsMentioned(next, operand);
  }
  return next;
}

/** Drops error-contract facts whose err variable a non-nil test examines (`errors.Is(err, ...)`). */
function forgetErrorsMentioned(state: NilState, cond: SyntaxNode): NilState {
  if (state.facts.size === 0 && state.pending.size === 0) return state;
  const text = cond.text;
  let facts: Map<string, NilFact> | null = null;
  for (const [path, fact] of state.facts) {
    if (!fact.errPath || !mentions(text, fact.errPath)) continue;
    facts ??= new Map(state.facts);
    facts.delete(path);
  }
  let pending: Map<string, Pending> | null = null;
  for (const [key, entry] of state.pending) {
    if (!mentions(text, entry.errPath)) continue;
    pending ??= new Map(state.pending);
    pending.delete(key);
  }
  return facts || pending ? { ...state, facts: facts ?? state.facts, pending: pending ?? state.pending } : state;
}

function mentions(text: string, path: string): boolean {
  return text.includes(path) && new RegExp(`(^|[^\\w.])${escapeRegExp(path)}(?![\\w])`).test(text);
}

/**
 * The state past dereferences of `paths`: facts of the code's own nil checks that hold on every path
 * stay, no longer explicit; the others go (an error contract is reported once).
 */
function pastDereferences(state: NilState, paths: string[]): NilState {
  let facts: Map<string, NilFact> | null = null;
  for (const path of paths) {
    const fact = state.facts.get(path);
    if (!fact) continue;
    const stays = fact.certain && fact.until === undefined && !fact.assign;
    if (stays && !fact.explicit) continue;
    facts ??= new Map(state.facts);
    if (stays) facts.set(path, { ...fact, explicit: false });
    else facts.delete(path);
  }
  return facts ? { ...state, facts } : state;
}

/** Removes facts and pending entries about `paths` and, with `withExtensions`, about paths below them. */
function killPaths(state: NilState, paths: string[], withExtensions = true): NilState {
  let facts: Map<string, NilFact> | null = null;
  const hit = (candidate: string) => paths.some((path) => candidate === path || (withExtensions && candidate.startsWith(`${path}.`)));
  for (const path of state.facts.keys()) {
    if (!hit(path)) continue;
    facts ??= new Map(state.facts);
    facts.delete(path);
  }
  let pending: Map<string, Pending> | null = null;
  for (const [key, entry] of state.pending) {
    if (!hit(entry.target) && !hit(entry.errPath)) continue;
    pending ??= new Map(state.pending);
    pending.delete(key);
  }
  return facts || pending ? { ...state, facts: facts ?? state.facts, pending: pending ?? state.pending } : state;
}

/** The paths a statement assigns or declares. */
function assignedPaths(node: SyntaxNode): string[] {
  const paths: string[] = [];
  const add = (target: SyntaxNode) => {
    const path = selectorPath(target);
    if (path && path !== '_') paths.push(path);
  };
  switch (node.type) {
    case 'assignment_statement':
    case 'short_var_declaration':
    case 'range_clause':
    case 'receive_statement':
      for (const item of expressionListItems(node.childForFieldName('left'))) add(item);
      break;
    case 'var_declaration':
      for (const spec of node.descendantsOfType('var_spec')) for (const name of spec.childrenForFieldName('name')) add(name);
      break;
  }
  return paths;
}

/** Paths whose address a node takes (`&x`, `&s.f`): writes through the pointer are not followed. */
function addressedPaths(node: SyntaxNode): string[] {
  const paths: string[] = [];
  for (const unary of node.descendantsOfType('unary_expression')) {
    if (!unary.text.startsWith('&')) continue;
    const operand = unary.childForFieldName('operand');
    const path = operand ? selectorPath(operand) : null;
    if (path) paths.push(path);
  }
  return paths;
}

/** The calls in a node, those inside func literals left out. */
function callsOutsideLiterals(node: SyntaxNode): SyntaxNode[] {
  const calls: SyntaxNode[] = [];
  let literalEnd = -1;
  for (const candidate of node.descendantsOfType(['func_literal', 'call_expression'])) {
    if (candidate.startIndex < literalEnd) continue;
    if (candidate.type === 'func_literal') literalEnd = candidate.endIndex;
    else calls.push(candidate);
  }
  return calls;
}

/**
 * Names the function's facts cannot follow: variables assigned inside its func literals (the literal
 * may run between a check and a use) and variables whose address is taken (`&x`, not `&x.f`).
 * Found by scanning text, so it costs no tree walk.
 */
function untrackedNames(body: SyntaxNode, fileLiterals: SyntaxNode[]): Set<string> {
  const names = new Set<string>();
  const text = body.text;
  for (const match of text.matchAll(/(?<!&)&(?!&)\s*([A-Za-z_]\w*)\b(?!\s*[.{[(])/g)) names.add(match[1]!);
  if (!text.includes('func(') && !/func\s*\(/.test(text.slice(1))) return names;
  // Only the outermost literals inside the body, found by binary search in the file's cached list: a
  // nested literal's text lies inside its parent's, and rescanning (or re-walking) it is quadratic.
  const end = body.endIndex;
  for (let index = firstAtOrAfter(fileLiterals, body.startIndex); index < fileLiterals.length; ) {
    const literal = fileLiterals[index]!;
    if (literal.startIndex >= end) break;
    for (const match of literal.text.matchAll(/([A-Za-z_]\w*)(\s*,\s*[A-Za-z_]\w*)*\s*(=|\+=|-=|\*=|\/=|\|=|&=)(?!=)/g)) {
      names.add(match[1]!);
      for (const extra of match[0].split(',').slice(1)) names.add(extra.replace(/[^\w]/g, '').trim());
    }
    index = firstAtOrAfter(fileLiterals, literal.endIndex, index + 1);
  }
  return names;
}

/** The index of the first node (in document order) starting at or after `offset`, searching from `low`. */
function firstAtOrAfter(nodes: SyntaxNode[], offset: number, low = 0): number {
  let high = nodes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (nodes[middle]!.startIndex < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Where `name` as used at `index` was declared: the declaration's name offset, or -1 (parameter, global). */
export function visibleDeclaration(scope: FunctionScope, name: string, index: number): number {
  const declarations = scope.localsNamed(name);
  for (let position = declarations.length - 1; position >= 0; position--) {
    const declaration = declarations[position]!;
    if (declaration.at > index) continue;
    const identifier = scope.file.tree.rootNode.descendantForIndex(declaration.at);
    let statement: SyntaxNode | null = identifier;
    while (statement && !['short_var_declaration', 'var_spec', 'range_clause', 'parameter_declaration'].includes(statement.type)) {
      statement = statement.parent;
    }
    if (statement && statement.type !== 'range_clause' && index < statement.endIndex) continue;
    let region: SyntaxNode | null = statement?.parent ?? null;
    while (region && !SCOPE_TYPES.has(region.type)) region = region.parent;
    if (!region || (region.startIndex <= index && index < region.endIndex)) return declaration.at;
  }
  return -1;
}

const SCOPE_TYPES = new Set([
  'block', 'if_statement', 'for_statement', 'expression_switch_statement', 'type_switch_statement',
  'expression_case', 'type_case', 'default_case', 'communication_case', 'func_literal', 'source_file',
]);
