// Lookups of the package's top-level functions and methods (the index's `functions`) by node id, by
// file and by name, built once per package for every analysis and rule that needs them.
import type { SourceFile } from '../parse/source.js';
import { CALLED_NAME } from '../parse/syntax.js';
import type { FuncInfo } from '../index/package-index.js';
import { defineAnalysis, type PackageAnalyses } from './context.js';
import { functionFact } from './carry-over.js';

/** Functions by the id of their declaration node. */
export const functionsByNode = defineAnalysis('functions-by-node', (analyses) => new Map(analyses.pkg.functions.map((fn) => [fn.node.id, fn])));

/** Functions by file, each list in document order. */
export const functionsByFile = defineAnalysis('functions-by-file', (analyses) => groupBy(analyses.pkg.functions, (fn) => fn.file));

/** Functions and methods by name: every function called `name`, whatever its receiver or file. */
export const functionsByName = defineAnalysis('functions-by-name', (analyses) => groupBy(analyses.pkg.functions, (fn) => fn.name));

function groupBy<K extends SourceFile | string>(functions: FuncInfo[], keyOf: (fn: FuncInfo) => K): Map<K, FuncInfo[]> {
  const groups = new Map<K, FuncInfo[]>();
  for (const fn of functions) {
    const key = keyOf(fn);
    const list = groups.get(key);
    if (list) list.push(fn);
    else groups.set(key, [fn]);
  }
  return groups;
}

/**
 * A text-only, transitive over-approximation by name, for summaries that would otherwise resolve
 * calls: true when some same-package function or method called `name` has `pattern` in its text, or
 * calls by name (`name(`, `x.name(`) one for which this is true. A call that resolves to a function
 * of the package is always written with that function's name, so false is a sound answer. Answers are
 * kept; a name still being computed counts as true, so no false answer rests on an assumption.
 */
export function namesReachingText(analyses: PackageAnalyses, pattern: RegExp): (name: string) => boolean {
  const byName = analyses.get(functionsByName);
  const answers = new Map<string, boolean>();
  const reach = (name: string): boolean => {
    const known = answers.get(name);
    if (known !== undefined) return known;
    const functions = byName.get(name);
    if (!functions) return false;
    answers.set(name, true);
    let answer = false;
    for (const fn of functions) {
      if (functionTextMatches(analyses, fn, pattern)) answer = true;
      // A function naming itself (its declaration, a recursive call) adds nothing.
      else for (const called of calledNamesOf(analyses, fn)) if (called !== name && reach(called)) {
        answer = true;
        break;
      }
      if (answer) break;
    }
    answers.set(name, answer);
    return answer;
  };
  return reach;
}

/** Per function, the answers of functionTextMatches by pattern number. */
const textMatches = new WeakMap<FuncInfo, Map<number, boolean>>();
/** A number per pattern source and flags, so that a long pattern is compared once per RegExp, not once per function. */
const patternNumbers = new Map<string, number>();
const numberOfPattern = new WeakMap<RegExp, number>();
let lastPatternNumber = 0;

/**
 * Whether a top-level function's text matches a (non-global) pattern. The answer rests on the text
 * alone, so it is kept for as long as the function lives and carried to its next parse while its text
 * stays the same: filters that test every function of a package each lint cost only the edited ones.
 */
export function functionTextMatches(analyses: PackageAnalyses, fn: FuncInfo, pattern: RegExp): boolean {
  let number = numberOfPattern.get(pattern);
  if (number === undefined) {
    const key = `${pattern.flags}/${pattern.source}`;
    number = patternNumbers.get(key);
    if (number === undefined) {
      // Bounded: patterns built from names change as a package is edited. Numbers are never reused.
      if (patternNumbers.size > 10_000) patternNumbers.clear();
      number = ++lastPatternNumber;
      patternNumbers.set(key, number);
    }
    numberOfPattern.set(pattern, number);
  }
  const answers = functionFact(analyses, textMatches, fn, () => new Map<number, boolean>());
  let answer = answers.get(number);
  if (answer === undefined) {
    answer = pattern.test(fn.node.text);
    answers.set(number, answer);
  }
  return answer;
}

/** Per function, the names its text calls (CALLED_NAME), in order. */
const calledNames = new WeakMap<FuncInfo, string[]>();

/** The names a top-level function's text calls, in order, repeats included; kept like functionTextMatches. */
function calledNamesOf(analyses: PackageAnalyses, fn: FuncInfo): string[] {
  return functionFact(analyses, calledNames, fn, () => [...fn.node.text.matchAll(CALLED_NAME)].map((match) => match[1]!));
}
