// Reusing a function's nil dereferences in the next lint of its package (the language server lints the
// package again on every edit). What a check finds in a top-level function (and its func literals)
// rests on the function's own text, on the package's declarations, and on the answers it got about the
// rest of the package: the CFGs and never-returns calls it asked for, the may-return-nil summaries and
// nil-safe methods of the functions it calls, and which names may not return. When the next lint
// corresponds to this one and the function is unchanged (src/analysis/carry-over.ts), the text and the
// declarations are the same; the answers are asked again, in the order the check asked them, and when
// every one is the same, the dereferences are moved to the new nodes instead of being found again.
// It finds nothing itself and knows nothing of messages.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { FuncInfo } from '../../src/index/package-index.js';
import { moveQuestion, type PackageAnalyses, type Question } from '../../src/analysis/context.js';
import type { PackageCorrespondence } from '../../src/analysis/carry-over.js';
import type { NilDereference } from './flow.js';

/** A checked function: the dereferences of each of its bodies (the declaration, then its literals), and what the check asked. */
interface FunctionCheck {
  bodies: NilDereference[][];
  questions: Question[];
}

const checksByLint = new WeakMap<PackageAnalyses, Map<FuncInfo, FunctionCheck>>();

/** How many checks were reused and how many were run, since the process started (for tests). */
export const reuseCounts = { reused: 0, checked: 0 };

/**
 * The dereferences of each body of `fn`, from the previous lint when its check can be reused, else
 * from `check` (null when a body could not be analysed; then nothing is kept). `answer` answers the
 * questions the rule notes itself; the package analyses answer theirs.
 */
export function checkReusing(
  analyses: PackageAnalyses,
  fn: FuncInfo,
  answer: (question: Question) => boolean,
  check: () => NilDereference[][] | null,
): NilDereference[][] | null {
  let checks = checksByLint.get(analyses);
  if (!checks) {
    checks = new Map();
    checksByLint.set(analyses, checks);
  }
  const carry = analyses.carried();
  const old = carry?.correspondence.unchangedPrevious(fn);
  const previous = old ? checksByLint.get(carry!.previous)?.get(old) : undefined;
  if (previous) {
    const questions = askAgain(analyses, previous.questions, carry!.correspondence, answer);
    const shift = fn.node.startIndex - old!.node.startIndex;
    const bodies = questions ? previous.bodies.map((found) => found.map((dereference) => moveDereference(dereference, carry!.correspondence, shift))) : null;
    if (questions && bodies && bodies.every((found) => found.every((dereference) => dereference !== null))) {
      reuseCounts.reused++;
      const moved = bodies as NilDereference[][];
      checks.set(fn, { bodies: moved, questions });
      return moved;
    }
  }
  reuseCounts.checked++;
  const { value: bodies, questions } = analyses.recordQuestions(check);
  if (bodies) checks.set(fn, { bodies, questions });
  return bodies;
}

/** The questions moved to this lint when each still gets its answer, asked in order; null at the first that does not. */
function askAgain(analyses: PackageAnalyses, questions: readonly Question[], correspondence: PackageCorrespondence, answer: (question: Question) => boolean): Question[] | null {
  const moved: Question[] = [];
  for (const question of questions) {
    const here = moveQuestion(question, correspondence);
    if (!here) return null;
    const same = here.kind === 'cfg' || here.kind === 'no-return' ? analyses.askAgain(here) : answer(here);
    if (!same) return null;
    moved.push(here);
  }
  return moved;
}

/** A dereference moved to this lint's nodes, or null when one of its nodes lies outside the unchanged function. */
function moveDereference(dereference: NilDereference, correspondence: PackageCorrespondence, shift: number): NilDereference | null {
  let complete = true;
  const move = (node: SyntaxNode): SyntaxNode => {
    const moved = correspondence.nodeOf(node);
    if (!moved) complete = false;
    return moved ?? node;
  };
  const fact = dereference.fact;
  const moved: NilDereference = {
    ...dereference,
    node: move(dereference.node),
    pathNode: move(dereference.pathNode),
    fact: {
      ...fact,
      check: move(fact.check),
      assign: fact.assign ? move(fact.assign) : null,
      ...(fact.joined ? { joined: move(fact.joined) } : {}),
      ...(fact.until !== undefined ? { until: fact.until + shift } : {}),
    },
  };
  return complete ? moved : null;
}
