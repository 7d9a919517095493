// Same-package methods that can be called on a nil pointer receiver without panicking: those whose
// body compares the receiver with nil (`if r == nil { return }` first, or `if r != nil { ... }` around
// the fields it reads; a method written with a nil receiver in mind), and those that never mention the
// receiver at all (unnamed, `_`, or simply unused). Methods with a value
// receiver are never nil-safe when called through a pointer, so they are not listed. Decided from the
// body text alone; no CFG is built.
import { escapeRegExp } from '../../src/parse/syntax.js';
import type { FuncInfo } from '../../src/index/package-index.js';
import { defineAnalysis } from '../../src/analysis/context.js';

/** The package's pointer-receiver methods that tolerate a nil receiver. */
export const nilSafeMethods = defineAnalysis('nil-safe-methods', (analyses): Set<FuncInfo> => {
  const safe = new Set<FuncInfo>();
  for (const fn of analyses.pkg.functions) {
    if (!fn.receiverType || !fn.pointerReceiver) continue;
    const body = fn.node.childForFieldName('body');
    if (!body) continue;
    if (isNilSafeBody(fn.receiverName, body.text)) safe.add(fn);
  }
  return safe;
});

/** True when a method body (with its braces) guards or ignores the receiver named `receiver`. */
export function isNilSafeBody(receiver: string | null, bodyText: string): boolean {
  if (!receiver || receiver === '_') return true;
  const name = escapeRegExp(receiver);
  if (!new RegExp(`\\b${name}\\b`).test(bodyText.slice(1))) return true;
  // A method that compares its receiver with nil anywhere was written with a nil receiver in mind.
  return new RegExp(`(^|[^\\w.])(${name}\\s*[!=]=\\s*nil\\b|nil\\s*[!=]=\\s*${name}\\b)`).test(bodyText);
}
