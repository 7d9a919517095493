// Finishing methods: the calls that end a value's life (Close, Commit, Destroy, …), which a client
// makes once its other calls on the value have returned. io.Closer and transactions work that way:
// calling Close while a Put is still running is the caller's bug, unless the type says otherwise. So
// an entry point that is a finishing method of a value does not overlap the value's other entry
// points, when the value has nothing else that runs on its behalf:
//  - its type (the receiver's, or the map owner's) starts no goroutine or callback of its own (a
//    server's Close is meant to run while its Serve loop and connection goroutines do);
//  - the method takes no lock in its own body (one that does expects company);
//  - its doc comment does not say it may run concurrently, at any time, or from another goroutine;
//  - Release, Free, Close and the like take no argument apart from a context (`Release(conn)` ends
//    one item of a live pool, not the pool); Commit and Rollback may (they say what is committed).
// Stop, Shutdown, Cancel, Abort and Cleanup are not finishing: they are how one goroutine interrupts
// or trims work another is still doing. It reports nothing by itself.
import type { FuncInfo } from '../../src/index/package-index.js';
import { defineAnalysis } from '../../src/analysis/context.js';
import { concurrency, type Root } from './concurrency.js';
import { constructors } from './constructors.js';
import { happensBefore } from './happens-before.js';
import { docComment } from './locks.js';

export interface Finishing {
  /** True when `root` is a call of a finishing method of a value holding a struct of type `owner`. */
  endsLifetime(root: Root, owner: string): boolean;
}

/** Names that end a value's life whatever their arguments. */
const ENDS_WITH_ARGUMENTS = new Set(['Commit', 'Rollback']);
/** Names that end a value's life when called without an argument (a context aside). */
const ENDS_WITHOUT_ARGUMENTS = new Set(['Close', 'Destroy', 'Dispose', 'Release', 'Free', 'Finalize', 'Finish', 'Discard']);
const LOCK_TEXT = /\.R?Lock\s*\(\s*\)/;
const CONCURRENT_DOC = /\bconcurrent(ly)?\b|\bsimultaneous(ly)?\b|\bany\s+time\b|\bgoroutines?\b|\bwhile\b|\bunblock|\bsafe\s+to\s+call\b/i;

export const finishing = defineAnalysis('finishing-methods', (analyses): Finishing => {
  const facts = analyses.get(concurrency);
  const { parts } = analyses.get(constructors);
  const methodCache = new Map<FuncInfo, boolean>();
  const typeCache = new Map<string, boolean>();

  const finishingMethod = (fn: FuncInfo): boolean => {
    let known = methodCache.get(fn);
    if (known !== undefined) return known;
    const body = fn.node.childForFieldName('body');
    const argumentsAllowed = ENDS_WITH_ARGUMENTS.has(fn.name);
    known =
      (argumentsAllowed || (ENDS_WITHOUT_ARGUMENTS.has(fn.name) && fn.params.every((param) => /^context\.Context$/.test(param.typeText.replace(/\s+/g, ''))))) &&
      !!body &&
      !LOCK_TEXT.test(body.text) &&
      !CONCURRENT_DOC.test(docComment(fn.node));
    methodCache.set(fn, known);
    return known;
  };

  // A type runs work of its own when a goroutine or callback is bound to it, or one of its methods
  // starts one (itself or through its callees).
  const runsOwnWork = (type: string): boolean => {
    let known = typeCache.get(type);
    if (known !== undefined) return known;
    known = facts.spawnRoots.some((root) => root.boundTo.has(type));
    if (!known) {
      const order = analyses.get(happensBefore);
      for (const method of analyses.pkg.methods.get(type)?.values() ?? []) {
        if (!method.file.isTest && order.startedBy(method).length > 0) {
          known = true;
          break;
        }
      }
    }
    typeCache.set(type, known);
    return known;
  };

  return {
    endsLifetime(root, owner) {
      const fn = root.kind === 'entry' ? root.fn : undefined;
      const receiver = fn?.receiverType;
      if (!fn || !receiver || !finishingMethod(fn)) return false;
      if (receiver !== owner && !parts(receiver).has(owner)) return false;
      return !runsOwnWork(receiver) && !runsOwnWork(owner);
    },
  };
});
