// The never-returns summary. Seeds: builtin panic, os.Exit, syscall.Exit, runtime.Goexit, log.Fatal*/Panic*, klog and
// glog Fatal*/Exit*, logrus and zap Fatal*/Panic* (package functions and logger methods), and testing's
// Fatal*/FailNow/Skip* on a *testing.T/B/F or TB. A same-package function never returns when its exit
// block is unreachable once those calls (and calls of functions already known not to return) end their
// paths, or when it loops forever with no way out (`for {}` without a break or return). Wrappers of
// any depth count, since a call of a never-returning function ends its path too. Only functions whose
// text (or a callee's, by name) could stop them are examined; the facts are in testdata/summaries.
import type { SyntaxNode } from '../parse/parser.js';
import type { SourceFile } from '../parse/source.js';
import { unparen } from '../parse/syntax.js';
import type { FuncInfo } from '../index/package-index.js';
import { buildCfg } from '../cfg/cfg.js';
import { reachableBlocks } from './dataflow.js';
import { callGraph, resolveCall, type ResolvedCall } from './calls.js';
import { defineAnalysis, type PackageAnalyses } from './context.js';
import { scopeOf, typeOfExpression } from './types.js';
import { namesReachingText } from './functions.js';

const PACKAGE_FUNCTIONS: Record<string, RegExp> = {
  os: /^Exit$/,
  syscall: /^Exit$/,
  'golang.org/x/sys/unix': /^Exit$/,
  runtime: /^Goexit$/,
  log: /^(Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)$/,
  'k8s.io/klog': /^(Fatal|Fatalf|Fatalln|FatalDepth|Exit|Exitf|Exitln|ExitDepth)$/,
  'k8s.io/klog/v2': /^(Fatal|Fatalf|Fatalln|FatalDepth|Exit|Exitf|Exitln|ExitDepth|ErrorSDepth)$/,
  'github.com/golang/glog': /^(Fatal|Fatalf|Fatalln|FatalDepth|Exit|Exitf|Exitln|ExitDepth)$/,
  'github.com/sirupsen/logrus': /^(Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)$/,
};

/** Logger methods that never return, whatever the logger (logrus entries, zap loggers and sugars). */
const LOGGER_METHODS = /^(Fatal|Fatalf|Fatalln|Fatalw|Panic|Panicf|Panicln|Panicw|DPanic)$/;
const TESTING_METHODS = /^(Fatal|Fatalf|FailNow|Skip|Skipf|SkipNow)$/;
const TESTING_TYPES = /^\*?testing\.(T|B|F|TB)$/;
/** Every name a seed can have; calls with other names are never examined further. */
const SEED_NAMES = /^(panic|Exit|Exitf|Exitln|ExitDepth|Goexit|Fatal\w*|Panic\w*|DPanic|FailNow|Skip|Skipf|SkipNow|ErrorSDepth)$/;

/** True when a resolved external or unknown call is one of the seed calls that never return. */
export function isSeedNoReturn(analyses: PackageAnalyses, call: SyntaxNode, resolved: ResolvedCall, file: SourceFile, fn: SyntaxNode | null): boolean {
  if (resolved.kind === 'builtin') return resolved.name === 'panic';
  if (resolved.kind === 'external') {
    if (resolved.receiverType === null) {
      const pattern = PACKAGE_FUNCTIONS[resolved.importPath];
      if (pattern) return pattern.test(resolved.name);
      return false;
    }
    if (/^testing\.(T|B|F|TB)$/.test(resolved.receiverType)) return TESTING_METHODS.test(resolved.name);
    return LOGGER_METHODS.test(resolved.name);
  }
  if (resolved.kind === 'unknown' && resolved.name) {
    if (LOGGER_METHODS.test(resolved.name)) return isMethodCall(call);
    if (TESTING_METHODS.test(resolved.name) && isMethodCall(call)) {
      const operand = unparen(call.childForFieldName('function')!).childForFieldName('operand');
      if (!operand) return false;
      const type = typeOfExpression(analyses.pkg, fn ? scopeOf(analyses, fn) : null, operand);
      if (type) return TESTING_TYPES.test(type.text.replace(/\s+/g, ''));
      return /^(t|b|f|tb)$/.test(operand.text) && file.isTest;
    }
  }
  return false;
}

function isMethodCall(call: SyntaxNode): boolean {
  const callee = call.childForFieldName('function');
  return !!callee && unparen(callee).type === 'selector_expression';
}

export interface NeverReturns {
  /** Every same-package function that never returns (computes all of them; prefer neverReturnsFunction). */
  readonly functions: Set<FuncInfo>;
  /** True when a same-package function never returns; computed on demand and memoised. */
  neverReturnsFunction(fn: FuncInfo): boolean;
  /** True when a call (an expression statement's call) never returns. `fn` is its enclosing function. */
  isNoReturnCall(call: SyntaxNode, file: SourceFile, fn?: SyntaxNode | null): boolean;
}

/**
 * The never-returns summary, demand-driven: a call is looked at only when its name could be a seed
 * or a same-package function, and a function's fact is computed from its own CFG the first time a
 * call needs it. Recursion is cut by assuming a function still being computed returns, which can only
 * under-report. No package-wide call graph is needed, so rules that merely ask for a CFG stay cheap.
 */
export const neverReturns = defineAnalysis('never-returns', (analyses): NeverReturns => {
  const pkg = analyses.pkg;
  const facts = new Map<FuncInfo, boolean>();
  const inProgress = new Set<FuncInfo>();
  const callAnswers = new Map<number, boolean>();

  const neverReturnsFunction = (fn: FuncInfo): boolean => {
    const known = facts.get(fn);
    if (known !== undefined) return known;
    if (inProgress.has(fn)) return false;
    // No CFG is needed when neither the function's text nor any name it calls can stop it.
    if (!fn.node.childForFieldName('body') || !analyses.get(mayNeverReturnByName)(fn.name)) {
      facts.set(fn, false);
      return false;
    }
    inProgress.add(fn);
    let answer = false;
    try {
      // The package's shared CFG uses this same predicate (the engine installs it), so it is built
      // once for both; call answers are memoised, so a CFG built during recursion is no different.
      const cfg = analyses.usesNoReturnPredicate() ? analyses.cfg(fn.node) : buildCfg(fn.node, { isNoReturnCall: (call) => isNoReturnCall(call, fn.file, fn.node) });
      answer = !reachableBlocks(cfg)[cfg.exit.id];
    } finally {
      inProgress.delete(fn);
    }
    facts.set(fn, answer);
    return answer;
  };

  const isNoReturnCall = (call: SyntaxNode, file: SourceFile, fn?: SyntaxNode | null): boolean => {
    const key = call.id;
    const known = callAnswers.get(key);
    if (known !== undefined) return known;
    let answer = false;
    const name = calleeName(call);
    // Only a seed name, or a same-package name whose bodies may make their exits unreachable, is resolved.
    if (name && analyses.get(mayNeverReturnByName)(name)) {
      const enclosing = fn ?? enclosingFunctionOf(analyses, call, file);
      const resolved = (enclosing && analyses.peek(callGraph)?.knownResolution(call, enclosing)) || resolveCall(analyses, call, enclosing);
      if (resolved.kind === 'local') answer = resolved.via !== 'unique-name' && neverReturnsFunction(resolved.fn);
      else answer = SEED_NAMES.test(name) && isSeedNoReturn(analyses, call, resolved, file, enclosing);
    }
    callAnswers.set(key, answer);
    return answer;
  };

  let all: Set<FuncInfo> | null = null;
  return {
    get functions() {
      if (!all) all = new Set(pkg.functions.filter((fn) => neverReturnsFunction(fn)));
      return all;
    },
    neverReturnsFunction,
    isNoReturnCall,
  };
});

/** The called name: the identifier, or the last selector of the callee; null for anything else. */
function calleeName(call: SyntaxNode): string | null {
  const callee = call.childForFieldName('function');
  if (!callee) return null;
  // Only the tail: an end-anchored regex retries from every offset, quadratic on a long func literal callee.
  const text = callee.text;
  const match = /([\p{L}_][\p{L}\p{N}_]*)\s*$/u.exec(text.length > 1024 ? text.slice(-1024) : text);
  return match ? match[1]! : null;
}

function enclosingFunctionOf(analyses: PackageAnalyses, node: SyntaxNode, file: SourceFile): SyntaxNode | null {
  let best: SyntaxNode | null = null;
  for (const literal of analyses.nodesOfType(file, 'func_literal')) {
    if (literal.startIndex > node.startIndex) break;
    if (literal.endIndex >= node.endIndex) best = literal;
  }
  if (best) return best;
  for (const fn of analyses.pkg.functions) {
    if (fn.file === file && fn.node.startIndex <= node.startIndex && fn.node.endIndex >= node.endIndex) return fn.node;
  }
  return null;
}

/**
 * Text without which a function cannot make its exit unreachable: a loop with no condition (`for {`,
 * `for i := 0; ; i++ {`), an empty select, a goto, or a seed name. A loop with a condition always has
 * an edge out of it in the CFG.
 */
export const MAY_NOT_RETURN_TEXT = /\bfor\s*\{|\bfor\b[^;{\n]*;\s*;|\bselect\s*\{\s*\}|\b(goto|panic|Exit\w*|Goexit|Fatal\w*|Panic\w*|DPanic|FailNow|Skip\w*|ErrorSDepth)\b/;

/**
 * A text-only over-approximation of never-returns, by called name, for filters that must not build
 * CFGs: true for every seed name, and for every same-package function or method name one of which
 * has MAY_NOT_RETURN_TEXT, or calls such a name (see namesReachingText).
 */
export const mayNeverReturnByName = defineAnalysis('may-never-return-by-name', (analyses): ((name: string) => boolean) => {
  const reaches = namesReachingText(analyses, MAY_NOT_RETURN_TEXT);
  return (name) => SEED_NAMES.test(name) || reaches(name);
});
