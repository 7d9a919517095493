// The never-returns summary. Seeds: builtin panic, os.Exit, runtime.Goexit, log.Fatal*/Panic*, klog and
// glog Fatal*/Exit*, logrus and zap Fatal*/Panic* (package functions and logger methods), and testing's
// Fatal*/FailNow/Skip* on a *testing.T/B/F or TB. A same-package function never returns when its exit
// block is unreachable once those calls (and calls of functions already known not to return) end their
// paths. The fixpoint grows the set through wrappers of any depth. Only functions that call a seed or
// a never-returning function are examined, so one that merely loops forever is not counted.
import type { SyntaxNode } from '../parse/parser.js';
import type { SourceFile } from '../parse/source.js';
import { unparen } from '../parse/syntax.js';
import type { FuncInfo } from '../index/package-index.js';
import { buildCfg } from '../cfg/cfg.js';
import { reachableBlocks } from './dataflow.js';
import { callGraph, resolveCall, solveSummaries, type ResolvedCall } from './calls.js';
import { defineAnalysis, type PackageAnalyses } from './context.js';
import { scopeOf, typeOfExpression } from './types.js';

const PACKAGE_FUNCTIONS: Record<string, RegExp> = {
  os: /^Exit$/,
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
  /** Same-package functions that never return. */
  functions: Set<FuncInfo>;
  /** True when a call (an expression statement's call) never returns. */
  isNoReturnCall(call: SyntaxNode, file: SourceFile): boolean;
}

/** The never-returns summary of the package. */
export const neverReturns = defineAnalysis('never-returns', (analyses): NeverReturns => {
  const graph = analyses.get(callGraph);
  const seeds: FuncInfo[] = [];
  const seedCalls = new Set<number>();
  for (const [fn, sites] of graph.sitesOf) {
    let seeded = false;
    for (const site of sites) {
      if (site.literal || !site.name || !SEED_NAMES.test(site.name)) continue;
      if (isSeedNoReturn(analyses, site.call, site.resolved, fn.file, fn.node)) {
        seedCalls.add(site.call.id);
        seeded = true;
      }
    }
    if (seeded) seeds.push(fn);
  }
  const localTargets = new Map<number, FuncInfo>();
  const covered = new Set<number>();
  for (const sites of graph.sitesOf.values()) {
    for (const site of sites) {
      covered.add(site.call.id);
      if (site.local && site.local.via !== 'unique-name') localTargets.set(site.call.id, site.local.fn);
    }
  }
  const facts = solveSummaries<boolean>(analyses, {
    initial: false,
    equal: (a, b) => a === b,
    seeds,
    compute(fn, factOf) {
      if (!fn.node.childForFieldName('body')) return false;
      const cfg = buildCfg(fn.node, {
        isNoReturnCall: (call) => {
          if (seedCalls.has(call.id)) return true;
          const target = localTargets.get(call.id);
          return !!target && factOf(target);
        },
      });
      return !reachableBlocks(cfg)[cfg.exit.id];
    },
  });
  const functions = new Set<FuncInfo>();
  for (const [fn, fact] of facts) if (fact) functions.add(fn);
  const decided = new Map<number, boolean>();
  return {
    functions,
    isNoReturnCall(call, file) {
      const known = decided.get(call.id);
      if (known !== undefined) return known;
      let answer = seedCalls.has(call.id);
      if (!answer) {
        const target = localTargets.get(call.id);
        if (target) answer = functions.has(target);
        else if (!covered.has(call.id)) {
          // Calls outside any top-level function (in a package-level func literal) are resolved here.
          const fn = enclosingFunctionOf(analyses, call, file);
          const resolved = resolveCall(analyses, call, fn);
          answer = resolved.kind === 'local' ? functions.has(resolved.fn) : isSeedNoReturn(analyses, call, resolved, file, fn);
        }
      }
      decided.set(call.id, answer);
      return answer;
    },
  };
});

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
