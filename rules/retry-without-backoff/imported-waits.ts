// Whether a function of another package paces its caller, for the loop check: it sleeps or waits on a
// timer of the `time` package, itself or through functions of its own package a few calls deep, not
// in a goroutine it starts. Nothing else counts: a call is never taken to wait because of its name
// (`ce.After(...)` in a logger is no timer), and blocking on a result (`<-errc` after an RPC, a dial)
// is not a pause between attempts. A guess here would hide a retry loop in the caller or turn a loop
// that dials over and over into a poll. It reports nothing.
import type { SyntaxNode } from '../../src/parse/parser.js';
import { callArguments, calleePath, nodesWithin, unparen } from '../../src/parse/syntax.js';
import { importPathOf, type FuncInfo } from '../../src/index/package-index.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { callGraph } from '../../src/analysis/calls.js';

const MAX_DEPTH = 3;
const TIMERS = new Set(['Sleep', 'After', 'Tick', 'NewTimer', 'NewTicker']);
const answers = new WeakMap<FuncInfo, boolean>();

/** True when `fn`, declared in the package of `analyses`, sleeps or waits on a timer (see the header). */
export function pacesCaller(analyses: PackageAnalyses, fn: FuncInfo, depth = 0): boolean {
  const known = answers.get(fn);
  if (known !== undefined) return known;
  answers.set(fn, false);
  let waits = false;
  if (/\b(Sleep|After|Tick|NewTimer|NewTicker)\(/.test(fn.node.text)) {
    waits = nodesWithin(analyses.nodesOfType(fn.file, 'call_expression'), fn.node).some((call) => isTimer(analyses, fn, call) && !inGoroutine(call, fn.node));
  }
  if (!waits && depth < MAX_DEPTH) {
    for (const site of analyses.get(callGraph).sitesOf(fn)) {
      const callee = site.local;
      if (callee && !site.spawned && callee.via !== 'unique-name' && callee.fn !== fn && pacesCaller(analyses, callee.fn, depth + 1)) {
        waits = true;
        break;
      }
    }
  }
  answers.set(fn, waits);
  return waits;
}

/** `time.Sleep(d)`, `time.After(d)` and the like, with a delay that is not a literal zero. */
function isTimer(analyses: PackageAnalyses, fn: FuncInfo, call: SyntaxNode): boolean {
  const path = calleePath(call) ?? '';
  const dot = path.indexOf('.');
  if (dot <= 0 || path.indexOf('.', dot + 1) >= 0 || !TIMERS.has(path.slice(dot + 1))) return false;
  if (importPathOf(analyses.pkg, fn.file, path.slice(0, dot)) !== 'time') return false;
  const delay = callArguments(call)[0];
  return !delay || unparen(delay).text !== '0';
}

function inGoroutine(node: SyntaxNode, fn: SyntaxNode): boolean {
  for (let current = node.parent; current && current.id !== fn.id; current = current.parent) if (current.type === 'go_statement') return true;
  return false;
}
