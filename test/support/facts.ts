// Function facts for the shared summaries, asserted in Go testdata as go/analysis's analysistest asserts
// exported facts. A function declaration line carries `// want name:"regexp"`, where name is the
// function's key (`die`, `checker.abort`) and the regexp must match the whole of its fact string: its
// facts in a fixed order, space-separated (`neverReturns`, `mayReturnNil(0) waits`, `constructs(Store,index)`:
// a constructor by shape and the struct types it builds). Every function
// with a fact must be annotated, and every annotation met; problems name file:line.
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { constructors } from '../../rules/map-range-write-race/constructors.js';
import { mayReturnNil } from '../../rules/nil-deref-after-check/may-return-nil.js';
import { neverReturns } from '../../src/analysis/never-returns.js';
import { nilSafeMethods } from '../../rules/nil-deref-after-check/nil-safe-methods.js';
import { waitingFunctions } from '../../src/analysis/waits.js';
import type { FuncInfo } from '../../src/index/package-index.js';

/** Each summary's fact about one function, or null when it has none. */
const FACTS: Array<(analyses: PackageAnalyses, fn: FuncInfo) => string | null> = [
  (analyses, fn) => (analyses.get(neverReturns).neverReturnsFunction(fn) ? 'neverReturns' : null),
  (analyses, fn) => {
    const bits = analyses.get(mayReturnNil).positionsOf(fn);
    const positions = fn.results.map((_, index) => index).filter((index) => bits & (1 << index));
    return positions.length > 0 ? `mayReturnNil(${positions.join(',')})` : null;
  },
  (analyses, fn) => (analyses.get(waitingFunctions).waits(fn) ? 'waits' : null),
  (analyses, fn) => (analyses.get(nilSafeMethods).has(fn) ? 'nilSafe' : null),
  (analyses, fn) => {
    if (fn.name === 'init') return null;
    const built = analyses.get(constructors).builds(fn);
    return built ? `constructs(${[...built].join(',')})` : null;
  },
];

/** The fact string of a function: its facts in FACTS order, or '' when it has none. */
export function factsOf(analyses: PackageAnalyses, fn: FuncInfo): string {
  return FACTS.map((fact) => fact(analyses, fn))
    .filter((fact): fact is string => fact !== null)
    .join(' ');
}

const FACT_WANT = /\/\/\s*want((?:\s+[\w.]+:"(?:[^"\\]|\\.)*")+)\s*$/;
const FACT_ITEM = /([\w.]+):("(?:[^"\\]|\\.)*")/g;

/** Checks every function of the package against the fact annotations; returns the problems found. */
export function checkFacts(analyses: PackageAnalyses): string[] {
  const problems: string[] = [];
  for (const fn of analyses.pkg.functions) {
    const line = fn.node.startPosition.row + 1;
    const lineText = fn.file.text.split('\n')[line - 1] ?? '';
    const where = `${fn.file.path}:${line}`;
    const wanted = new Map<string, RegExp>();
    const match = FACT_WANT.exec(lineText);
    for (const item of match?.[1]!.matchAll(FACT_ITEM) ?? []) wanted.set(item[1]!, new RegExp(`^(?:${JSON.parse(item[2]!) as string})$`));
    for (const name of wanted.keys()) {
      if (name !== fn.key) problems.push(`${where}: annotation names ${name}, but the function here is ${fn.key}`);
    }
    const facts = factsOf(analyses, fn);
    const pattern = wanted.get(fn.key);
    if (pattern && !pattern.test(facts)) problems.push(`${where}: ${fn.key} has facts "${facts}", want ${pattern.source}`);
    if (!pattern && facts !== '') problems.push(`${where}: unexpected facts "${facts}" for ${fn.key}`);
  }
  return problems;
}
