// The two prefilters of nil-deref-after-check, which run before any CFG is built and only ever keep a
// function that may have a finding: a text test (is a path compared with nil, or assigned next to an
// error, then written in a dereferencing form?) and a tree test (can a check's facts flow to one of those
// dereferences, following the dataflow's own rules for branches, stops and loops?). Both over-approximate
// the dataflow in flow.ts; by themselves they report nothing. Also here: reading a nil comparison.
import type { SyntaxNode } from '../../src/parse/parser.js';
import { CALLED_NAME, escapeRegExp, expressionListItems, isNil, selectorPath, unparen } from '../../src/parse/syntax.js';
import { MAY_NOT_RETURN_TEXT } from '../../src/analysis/never-returns.js';

/** The deepest field path tracked: `s.cfg.tls` has depth 3. */
export const MAX_PATH_DEPTH = 3;

/** `== nil` and `!= nil`, written after the compared path. */
const NIL_AFTER = /[!=]=\s*nil\b/g;
/** `nil ==` and `nil !=`, written before the compared path, which the group captures. */
const NIL_BEFORE = /\bnil\s*[!=]=[\s(]*([\p{L}_][\p{L}\p{N}_]*(?:[\s()]*\.[\s()]*[\p{L}_][\p{L}\p{N}_]*)*)/gu;
/** `, err :=` and `, lastErr =`: the error of the error contract, written after its targets. */
const ERROR_AFTER = /,\s*((?:\w+\s*\.\s*)*\w*[Ee]rr\w*)\s*:?=(?!=)/g;
/** `, ok := x.(*T)`: the target before the comma is nil when ok (the group) is false. */
const COMMA_OK = /,\s*([\p{L}_][\p{L}\p{N}_]*)\s*:?=(?!=)[^\n;=]*?\.\s*\(\s*(?!type\b)[*\p{L}_]/gu;
/** `e := err`: a copy of an error, checked in its place (the groups are the copy and the error). */
const ERROR_COPY = /(?<![=!<>+\-*/%&|^])=\s*(\w*[Ee]rr\w*)[ \t]*(?:\n|;|$)/g;
/** `errors.Is(err, ...)`, `errors.As(err, ...)` and `switch err.(type)`: tests that an error is not nil. */
const ERROR_TEST = /\berrors\s*\.\s*(?:Is|As)\s*\(\s*([\w.]+)|\bswitch\s+(?:\w+\s*:=\s*)?([\w.]+)\s*\.\s*\(\s*type\s*\)/g;
/** Characters of a path as written on one line: `(s).cfg`, `s . cfg`. */
const PATH_CHARACTER = /[\p{L}\p{N}_.() \t]/u;
/** Characters of assignment targets as PENDING_SHAPE reads them: word characters, dots, blanks, commas. */
const TARGETS_CHARACTER = /[\w.\s,]/;
/** How far back from an anchor a path or a list of assignment targets is looked for. */
const WINDOW = 256;
/** Dereferencing uses of a path, by path: see dereferenceScanner. */
const dereferenceScanners = new Map<string, RegExp>();

/** The run of `allowed` characters that ends at `index` (after trailing blanks and `)`), at most WINDOW long. */
function writtenBefore(text: string, index: number, allowed: RegExp): string {
  let end = index;
  while (end > 0 && /[ \t)]/.test(text[end - 1]!)) end--;
  let start = end;
  const limit = Math.max(0, end - WINDOW);
  while (start > limit && allowed.test(text[start - 1]!)) start--;
  return text.slice(start, end);
}

/**
 * The dereferencing uses of a path as written (`p.f`, `p[i]`, `p()`, `*p`, `range p`, with blanks and parentheses
 * between names), global and without a lookbehind, so that V8 scans for the path's first characters.
 * forEachDereference checks what the pattern cannot say cheaply: that the use is not the tail of a longer
 * name (`e` in `the.x`, `*p` in `*pp`).
 */
function dereferenceScanner(path: string): RegExp {
  let scanner = dereferenceScanners.get(path);
  if (!scanner) {
    const written = path.split('.').map(escapeRegExp).join('[\\s()]*\\.[\\s()]*');
    scanner = new RegExp(`(?:${written})[\\s)]*[.[(]|\\*[\\s(]*(?:${written})`, 'g');
    if (dereferenceScanners.size > 10_000) dereferenceScanners.clear();
    dereferenceScanners.set(path, scanner);
  }
  return scanner;
}

/** `range p` and `range s.items`: the ranged path, which a pointer to an array makes a dereference. */
const RANGED = /\brange\s+([\p{L}_][\p{L}\p{N}_]*(?:\s*\.\s*[\p{L}_][\p{L}\p{N}_]*)*)(?![\p{L}\p{N}_(])/gu;

/** True for a letter, digit or underscore at `index` (lone surrogates count as neither). */
function isNameCharacter(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
  return /[\p{L}\p{N}]/u.test(text[index]!);
}

/**
 * Calls `visit` with the offset of each dereference of `path` in `text`, until it returns true. A
 * preceding `.` is allowed: a path cut to its last names (`cfg` of `s.\n\tcfg`) must still match
 * `s.cfg.tls`. After a rejected match the scan resumes one character on, as a lookbehind would.
 */
function forEachDereference(text: string, path: string, visit: (at: number) => boolean | void): void {
  const scanner = dereferenceScanner(path);
  scanner.lastIndex = 0;
  for (let match = scanner.exec(text); match; match = scanner.exec(text)) {
    const at = match.index;
    const written = match[0];
    const inLongerName = written.charCodeAt(0) === 42 /* * */ ? isNameCharacter(text, at + written.length) : at > 0 && isNameCharacter(text, at - 1);
    if (inLongerName) {
      scanner.lastIndex = at + 1;
      continue;
    }
    if (visit(at)) {
      scanner.lastIndex = 0;
      return;
    }
  }
  scanner.lastIndex = 0;
  for (const at of rangedIn(text).get(path) ?? []) if (visit(at)) return;
}

/** The last text asked about and what it ranges over: the filters ask about one function at a time. */
let lastRanged: { text: string; ranged: Map<string, number[]> } | null = null;

/** The paths a text ranges over (`range p`, `range s.items`), with where each `range` is written. */
function rangedIn(text: string): Map<string, number[]> {
  if (lastRanged?.text === text) return lastRanged.ranged;
  const ranged = new Map<string, number[]>();
  if (text.includes('range')) {
    for (const match of text.matchAll(RANGED)) {
      const path = match[1]!.replace(/\s+/g, '');
      const positions = ranged.get(path);
      if (positions) positions.push(match.index!);
      else ranged.set(path, [match.index!]);
    }
  }
  lastRanged = { text, ranged };
  return ranged;
}


/** What the tree filter needs to know about calls that end paths. */
export interface PathEnds {
  /** True when a call of this name may never return (an over-approximation, by name). */
  mayNotReturn(name: string): boolean;
  /** True when an expression statement surely ends its path, as the analysis and its CFG see it. */
  stops(statement: SyntaxNode): boolean;
}

/** What the text of a function says about its nil checks, read before any node is asked for. */
export interface CheckedText {
  /** Spans of `== nil`, `!= nil`, `nil ==` and `nil !=`, relative to the text. */
  comparisons: Array<{ start: number; end: number }>;
  /** Paths compared with nil, as written (possibly cut to a prefix or a suffix of the real path). */
  compared: Set<string>;
  /** Error-contract targets as written (`v` in `v, err := f()`), with the names of their errors. */
  targets: Map<string, Set<string>>;
  /** Spans of `errors.Is(err`, `errors.As(err` and `switch err.(type)`, with the error, when there are targets. */
  errorTests: Array<{ start: number; end: number; error: string }>;
  /** Where each path is written in a dereferencing form (offsets in the text), filled on demand. */
  positions: Map<string, number[]>;
  /** Where `v, ok := x.(T)` is written, with v and ok. */
  commaOks: Array<{ at: number; target: string; ok: string }>;
}

/** Reads a function's text for its nil checks; linear, since every pattern is anchored on an operator. */
export function checkedText(text: string): CheckedText {
  const found: CheckedText = { comparisons: [], compared: new Set(), targets: new Map(), errorTests: [], commaOks: [], positions: new Map() };
  // A capture may be cut to a prefix or suffix of the real path (its uses still match), but must not
  // take in foreign text: a capture keeps only one line of what it read (`// comment.\n\tv` is `v`).
  const pathIn = (written: string, keep: 'last' | 'first'): string | null => {
    const lines = written.split('\n');
    const line = keep === 'last' ? lines[lines.length - 1]! : lines[0]!;
    const path = line.replace(/[()]/g, ' ').replace(/\s*\.\s*/g, '.').trim().split(/\s+/).pop()!.replace(/^\.+|\.+$/g, '');
    return path && path !== '_' && path !== 'nil' && /^[\p{L}_]/u.test(path) ? path : null;
  };
  const addCompared = (path: string | null) => {
    if (path) found.compared.add(path);
  };
  for (const match of text.matchAll(NIL_AFTER)) {
    found.comparisons.push({ start: match.index!, end: match.index! + match[0].length });
    addCompared(pathIn(writtenBefore(text, match.index!, PATH_CHARACTER), 'last'));
  }
  for (const match of text.matchAll(NIL_BEFORE)) {
    found.comparisons.push({ start: match.index!, end: match.index! + match[0].length });
    addCompared(pathIn(match[1]!, 'first'));
  }
  for (const match of text.includes('.(') ? text.matchAll(COMMA_OK) : []) {
    const target = pathIn(writtenBefore(text, match.index!, TARGETS_CHARACTER).split(',').pop()!, 'last');
    if (!target) continue;
    let names = found.targets.get(target);
    if (!names) found.targets.set(target, (names = new Set()));
    names.add(match[1]!);
    found.commaOks.push({ at: match.index!, target, ok: match[1]! });
  }
  for (const match of text.matchAll(ERROR_AFTER)) {
    const errName = match[1]!.replace(/\s+/g, '');
    for (const item of writtenBefore(text, match.index!, TARGETS_CHARACTER).split(',')) {
      const target = pathIn(item, 'last');
      if (!target) continue;
      let names = found.targets.get(target);
      if (!names) found.targets.set(target, (names = new Set()));
      names.add(errName);
    }
  }
  if (found.targets.size === 0) return found;
  for (const match of text.matchAll(ERROR_COPY)) {
    const at = text[match.index! - 1] === ':' ? match.index! - 1 : match.index!;
    const copy = pathIn(writtenBefore(text, at, PATH_CHARACTER), 'last');
    if (!copy) continue;
    for (const names of found.targets.values()) if (names.has(match[1]!)) names.add(copy);
  }
  for (const match of text.includes('errors') || text.includes('.(') ? text.matchAll(ERROR_TEST) : []) {
    found.errorTests.push({ start: match.index!, end: match.index! + match[0].length, error: (match[1] ?? match[2])! });
  }
  return found;
}

/** True when a text may hold `v, ok := x.(T)`, the one shape the rule follows without a `nil` in sight. */
export function mayAssertWithOk(text: string): boolean {
  if (!text.includes('.(')) return false;
  COMMA_OK.lastIndex = 0;
  const found = COMMA_OK.test(text);
  COMMA_OK.lastIndex = 0;
  return found;
}

/**
 * A text-only test that runs before any CFG is built. A finding needs a path that the function
 * compares with nil, or assigns next to an error or an ok, and that it then dereferences (`p.f`, `p[i]`,
 * `p()`, `*p`, `range p`). When no such path is written in a dereferencing form anywhere in the text, there is nothing
 * to find. The test over-approximates: it may pass functions without findings, never the reverse.
 * Patterns are anchored on operators and look back a bounded window, so the test is linear.
 */
export function mayDereferenceCheckedPath(text: string): boolean {
  return anyDereferenced(checkedText(text), text);
}

export function anyDereferenced(checked: CheckedText, text: string): boolean {
  for (const path of checked.compared) if (positionsIn(checked, text, path).length > 0) return true;
  for (const path of checked.targets.keys()) if (positionsIn(checked, text, path).length > 0) return true;
  return false;
}

/** Where a path is written in a dereferencing form in the text, found once and kept for the tree filter. */
function positionsIn(checked: CheckedText, text: string, path: string): number[] {
  let positions = checked.positions.get(path);
  if (!positions) {
    const found: number[] = [];
    forEachDereference(text, path, (at) => {
      found.push(at);
    });
    checked.positions.set(path, (positions = found));
  }
  return positions;
}

/**
 * The second filter, for functions that pass the text test: it asks the tree where each nil check's
 * facts can flow, following the analysis' own rules, and keeps the function only when some dereference
 * of the checked path is written there. A check that is the whole condition of an `if` sends its facts
 * into one branch. They die in a branch block that ends in `return` or a never-returning call, or that
 * assigns the path, with no jump out; one that ends in `continue` sends them only to the loop headers,
 * where they meet the loop's entry and die. With no nil branch (`if p != nil { ... }`), they die where
 * they meet the end of a body that surely falls through. A check in an `&&` / `||` chain whose nil edge
 * leaves the condition at once makes facts for its branch only. In every other case the facts may reach
 * anything after the `if` (or the check), and anything in a loop around it. Error-contract targets are
 * nil where their error is not (after `err == nil` with no else as well), where `errors.Is(err, ...)`
 * holds, and anywhere after a type switch on the error; `v` of `v, ok := x.(T)` is nil where a test of ok
 * finds it false. Over-approximates like the text test: it never drops a function with a finding
 * (checked on the standard library and /usr/share/gocode/src, and in test/nilness.test.ts).
 */
export function mayReachCheckedDereference(
  fn: SyntaxNode,
  body: SyntaxNode,
  text: string,
  ends: PathEnds,
  checked: CheckedText = checkedText(text),
): boolean {
  if (/\bgoto\b/.test(text)) return true;
  const base = body.startIndex;
  const end = fn.endIndex;
  const targetsByError = new Map<string, string[]>();
  for (const [target, names] of checked.targets) {
    for (const name of names) {
      const targets = targetsByError.get(name);
      if (targets) targets.push(target);
      else targetsByError.set(name, [target]);
    }
  }
  /** Where each path is written in a dereferencing form, as offsets in the file. */
  const dereferences = new Map<string, number[]>();
  const dereferencesOf = (path: string): number[] => {
    let known = dereferences.get(path);
    if (!known) dereferences.set(path, (known = positionsIn(checked, text, path).map((at) => base + at)));
    return known;
  };
  const reaches = (paths: string[], check: SyntaxNode, nilOnTrue: boolean, path: string | null): boolean => {
    const positions = paths.flatMap(dereferencesOf);
    if (positions.length === 0) return false;
    const flow = regionsAfterCheck(check, nilOnTrue, end, ends, path);
    const outside = positions.filter((at) => !within(at, flow.ranges));
    if (outside.length < positions.length) return true;
    // Only now, with dereferences left that nothing else explains, look for loops around the check.
    const loop = flow.aroundLoopsOf ? enclosingLoops(flow.aroundLoopsOf).pop() : undefined;
    return !!loop && outside.some((at) => at >= loop.startIndex && at < loop.endIndex);
  };
  for (const anchor of checked.comparisons) {
    const node = body.namedDescendantForIndex(base + anchor.start, base + anchor.end - 1);
    if (node.type !== 'binary_expression') continue;
    const comparison = nilComparison(node);
    if (!comparison) continue;
    if (reaches([comparison.path], node, comparison.equal, comparison.path)) return true;
    const targets = targetsByError.get(comparison.path);
    if (targets && reaches(targets, node, !comparison.equal, null)) return true;
  }
  // `v, ok := x.(*T)`: v is nil where a test of ok finds it false.
  for (const { at, target, ok } of checked.commaOks) {
    if (dereferencesOf(target).length === 0) continue;
    const uses = new RegExp(`(?<![\\w.])${escapeRegExp(ok)}(?!\\w)`, 'g');
    uses.lastIndex = at + 1;
    for (let use = uses.exec(text); use; use = uses.exec(text)) {
      const node = body.namedDescendantForIndex(base + use.index, base + use.index + ok.length - 1);
      if (node.type === 'identifier' && reaches([target], node, false, null)) return true;
    }
  }
  for (const test of checked.errorTests) {
    const targets = targetsByError.get(test.error);
    if (!targets) continue;
    const node = body.namedDescendantForIndex(base + test.start, base + test.end - 1);
    // errors.Is makes facts like `err != nil` on its true edge; a type switch's cases may reach
    // anything after the switch.
    const call = node.type === 'call_expression' ? node : node.closest('call_expression');
    if (call && /^errors\b/.test(call.text) && reaches(targets, call, true, null)) return true;
    const statement = node.type === 'type_switch_statement' ? node : node.closest('type_switch_statement');
    if (statement && targets.flatMap(dereferencesOf).some((at) => at >= statement.startIndex)) return true;
  }
  return false;
}

function within(at: number, ranges: number[]): boolean {
  for (let index = 0; index < ranges.length; index += 2) if (at >= ranges[index]! && at < ranges[index + 1]!) return true;
  return false;
}

/** The loops around a node within its function, innermost first. */
export function enclosingLoops(node: SyntaxNode): SyntaxNode[] {
  const loops: SyntaxNode[] = [];
  for (let loop = node.closest(LOOP_OR_FUNCTION); loop?.type === 'for_statement'; loop = loop.closest(LOOP_OR_FUNCTION)) loops.push(loop);
  return loops;
}

/** Loops and function boundaries, for finding the loops around a check. */
const LOOP_OR_FUNCTION = ['for_statement', 'func_literal', 'function_declaration', 'method_declaration'];

/**
 * Where facts born on one edge of a nil check can be, as [start, end) pairs (`nilOnTrue` says which
 * edge), and the node whose enclosing loops they may go around, if any: the caller looks for those
 * loops only when a dereference is left that the ranges do not explain. See mayReachCheckedDereference.
 */
function regionsAfterCheck(
  check: SyntaxNode,
  checkNilOnTrue: boolean,
  functionEnd: number,
  ends: PathEnds,
  path: string | null,
): { ranges: number[]; aroundLoopsOf: SyntaxNode | null } {
  let nilOnTrue = checkNilOnTrue;
  // Climb to the whole condition the way the CFG splits it: the atom is the check under parentheses
  // and `!`; the condition is atoms joined by `&&` / `||` under parentheses. Note the operator.
  let condition = check;
  let parent = check.parent;
  let operator: string | null = null;
  let mixed = false;
  for (; parent; parent = parent.parent) {
    const type = parent.type;
    if (type === 'parenthesized_expression') {
      condition = parent;
      continue;
    }
    if (type === 'unary_expression' && operator === null && parent.child(0)?.type === '!') {
      // `!(p == nil)`: the nil edge is the other one.
      nilOnTrue = !nilOnTrue;
      condition = parent;
      continue;
    }
    const joins = type === 'binary_expression' ? parent.child(1)?.type : undefined;
    if (joins !== '&&' && joins !== '||') break;
    if (operator !== null && operator !== joins) mixed = true;
    operator = joins;
    condition = parent;
  }
  const ranges: number[] = [];
  // Facts are born only on the edges of branch conditions: `if` and `for` conditions and the values of
  // tagless switch cases. A check anywhere else (`return p != nil && p.ok`, `ok := p == nil`, under a
  // `!` that covers an `&&`) makes none.
  const parentType = parent?.type;
  const branches =
    parentType === 'if_statement' ||
    parentType === 'for_statement' ||
    parentType === 'for_clause' ||
    (parentType === 'expression_list' && parent!.parent?.type === 'expression_case');
  if (!branches) return { ranges, aroundLoopsOf: null };
  const statement = parentType === 'if_statement' && parent!.childForFieldName('condition')?.id === condition.id ? parent : null;
  let from = check;
  if (statement && operator === null) {
    const branch = statement.childForFieldName(nilOnTrue ? 'consequence' : 'alternative');
    if (branch) {
      ranges.push(branch.startIndex, branch.endIndex);
      if (branch.type === 'block') {
        const how = howBranchEnds(branch, ends);
        if (how === 'stops' || (path !== null && assignsOnEveryPath(branch, path))) return { ranges, aroundLoopsOf: null };
        if (how === 'continues') {
          ranges.push(...loopHeaders(statement));
          return { ranges, aroundLoopsOf: null };
        }
      }
    } else {
      // The nil edge goes straight past the `if` (`if p != nil { ... }`), where it meets the end of the
      // body it skipped. A fact that did not come through a branch written for it dies at that join.
      // An error contract's facts survive it (`if err == nil { ... }` is about the error).
      const consequence = statement.childForFieldName('consequence');
      if (path !== null && consequence?.type === 'block' && reachesItsEnd(consequence, ends.mayNotReturn)) return { ranges, aroundLoopsOf: null };
    }
    ranges.push(statement.endIndex, functionEnd);
    from = statement;
  } else if (statement && !mixed && (operator === '&&') !== nilOnTrue) {
    // `p != nil && ...` and `p == nil || ...`: the nil edge leaves the whole condition at once. A nil fact
    // is then used only inside the branch it leads into (`p == nil || p.Bad`), and none is made when that
    // edge skips the `if`; an error contract makes no fact at all.
    if (path === null) return { ranges, aroundLoopsOf: null };
    const branch = statement.childForFieldName(nilOnTrue ? 'consequence' : 'alternative');
    if (!branch) return { ranges, aroundLoopsOf: null };
    ranges.push(branch.startIndex, branch.endIndex);
    from = statement;
  } else {
    ranges.push(check.startIndex, functionEnd);
  }
  // Around a loop, what comes after the check runs again before it.
  return { ranges, aroundLoopsOf: from };
}

/** Jumps, after which the end of a block may not be reached (or may be reached from elsewhere). */
const JUMP = /\b(return|goto|break|continue|fallthrough)\b/;

/**
 * True when every path through a block reaches its end: it holds no jump, no loop without a condition,
 * no empty select, and calls nothing that, by its name, may never return.
 */
function reachesItsEnd(block: SyntaxNode, mayNotReturn: (name: string) => boolean): boolean {
  const text = block.text;
  if (JUMP.test(text) || MAY_NOT_RETURN_TEXT.test(text)) return false;
  for (const match of text.matchAll(CALLED_NAME)) if (mayNotReturn(match[1]!)) return false;
  return true;
}

/**
 * True when every path out of a block's end runs through a statement of its own that assigns `path`
 * or a prefix of it, which ends any fact about the path: it has no jump that could leave it early.
 */
function assignsOnEveryPath(block: SyntaxNode, path: string): boolean {
  if (/\b(break|continue|goto|fallthrough)\b/.test(block.text)) return false;
  const list = block.firstNamedChild;
  if (!list || list.type !== 'statement_list') return false;
  for (const statement of list.namedChildren) {
    if (statement.type !== 'assignment_statement' && statement.type !== 'short_var_declaration') continue;
    for (const target of expressionListItems(statement.childForFieldName('left'))) {
      const assigned = selectorPath(target);
      if (assigned && (assigned === path || path.startsWith(`${assigned}.`))) return true;
    }
  }
  return false;
}

/**
 * How the paths through a nil branch end: all at its last statement, a `return` or a call that never
 * returns ('stops'); some at a `continue` and the others there ('continues'); or otherwise (null).
 */
function howBranchEnds(block: SyntaxNode, ends: PathEnds): 'stops' | 'continues' | null {
  const text = block.text;
  if (/\b(break|goto|fallthrough)\b/.test(text)) return null;
  const list = block.firstNamedChild;
  if (!list || list.type !== 'statement_list') return null;
  const last = list.lastNamedChild;
  if (!last) return null;
  const continues = /\bcontinue\b/.test(text);
  if (last.type === 'continue_statement') return 'continues';
  const stops = last.type === 'return_statement' || (last.type === 'expression_statement' && ends.stops(last));
  if (!stops) return null;
  return continues ? 'continues' : 'stops';
}

/**
 * The headers (`for init; cond; post` and `for k := range x`) of the loops around a node: a `continue`
 * runs them next. A fact carried by a `continue` is no longer one written for the nil case, so it
 * dies where the header meets the loop's entry, which never holds it.
 */
function loopHeaders(node: SyntaxNode): number[] {
  return enclosingLoops(node).flatMap((loop) => [loop.startIndex, loop.childForFieldName('body')?.startIndex ?? loop.endIndex]);
}

/** A nil comparison `p == nil` / `p != nil` (either side), with the compared path. */
export interface NilComparison {
  path: string;
  pathNode: SyntaxNode;
  /** True for `==`. */
  equal: boolean;
}

/** Reads `x == nil`, `nil != x.f` and the like; null for anything else. */
export function nilComparison(expression: SyntaxNode): NilComparison | null {
  const expr = unparen(expression);
  if (expr.type !== 'binary_expression') return null;
  const text = expr.text;
  if (!text.includes('nil')) return null;
  const left = expr.childForFieldName('left');
  const right = expr.childForFieldName('right');
  if (!left || !right) return null;
  const operator = text.slice(left.endIndex - expr.startIndex, right.startIndex - expr.startIndex).trim();
  if (operator !== '==' && operator !== '!=') return null;
  const pathNode = isNil(right) ? left : isNil(left) ? right : null;
  if (!pathNode) return null;
  const path = selectorPath(pathNode);
  if (!path || depthOf(path) > MAX_PATH_DEPTH) return null;
  return { path, pathNode: unparen(pathNode), equal: operator === '==' };
}

export function depthOf(path: string): number {
  let depth = 1;
  for (let index = path.indexOf('.'); index >= 0; index = path.indexOf('.', index + 1)) depth++;
  return depth;
}

