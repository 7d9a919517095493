// Constructors by shape: a function without receiver that returns a value of a same-package struct
// type T (`T` or `*T` among its results) and builds it itself (`T{...}`, `&T{...}`, `new(T)`) or gets
// it from another constructor of T, whatever the function is called (`Open`, `newKeyring`, `Create`).
// init is a constructor of everything. For each constructor it also tells which struct types it
// builds: T and the struct types T holds through its fields, directly or as pointer, slice, array,
// map or channel elements, three levels deep. What that means for concurrency (nothing else can see
// the value yet) is for happens-before.ts to decide.
import type { FuncInfo, GoPackage } from '../../src/index/package-index.js';
import { escapeRegExp } from '../../src/parse/syntax.js';
import { callGraph } from '../../src/analysis/calls.js';
import { defineAnalysis } from '../../src/analysis/context.js';

export interface Constructors {
  /** The struct types a constructor builds, or undefined for a function that is not one. */
  builds(fn: FuncInfo): ReadonlySet<string> | undefined;
  /** A struct type and the struct types it holds through its fields (what building it builds). */
  parts(type: string): ReadonlySet<string>;
  /** True when a function or method builds the struct value it returns (a method such as `t.New(name)` included). */
  returnsFresh(fn: FuncInfo): boolean;
  /** The struct type a function or method builds and returns, if any. */
  freshType(fn: FuncInfo): string | null;
}

/** Nesting of field types followed to find the parts a constructor builds. */
const PART_DEPTH = 3;

export const constructors = defineAnalysis('constructors', (analyses): Constructors => {
  const pkg = analyses.pkg;
  // Each function is looked at when first asked about: the struct type it builds and returns, if any.
  const made = new Map<FuncInfo, string | null>();
  const madeType = (fn: FuncInfo): string | null => {
    let type = made.get(fn);
    if (type !== undefined) return type;
    type = null;
    made.set(fn, null);
    if (!fn.file.isTest && fn.results.length > 0) {
      const types = fn.results.map((result) => structResult(pkg, result.typeText)).filter((name): name is string => !!name);
      const text = types.length > 0 ? (fn.node.childForFieldName('body')?.text ?? '') : '';
      type = types.find((name) => text.includes(name) && new RegExp(`(^|[^\\w.])${escapeRegExp(name)}\\s*\\{|\\bnew\\(\\s*${escapeRegExp(name)}\\s*\\)`).test(text)) ?? null;
      // Or it takes the value from another constructor of the type (`Open` calling `open`).
      if (!type && types.length > 0 && !fn.receiverType) {
        for (const site of analyses.get(callGraph).sitesOf(fn)) {
          const callee = site.local?.fn;
          if (callee && callee !== fn && !callee.receiverType && site.local!.via !== 'unique-name') {
            const calleeType = madeType(callee);
            if (calleeType && types.includes(calleeType)) {
              type = calleeType;
              break;
            }
          }
        }
      }
    }
    made.set(fn, type);
    return type;
  };
  let allTypes: ReadonlySet<string> | null = null;
  const partsCache = new Map<string, ReadonlySet<string>>();
  const partsOf = (type: string): ReadonlySet<string> => {
    let parts = partsCache.get(type);
    if (!parts) {
      parts = structParts(pkg, type);
      partsCache.set(type, parts);
    }
    return parts;
  };
  return {
    builds(fn) {
      if (fn.receiverType) return undefined;
      if (fn.name === 'init' && fn.params.length === 0) {
        allTypes ??= new Set([...pkg.types.values()].filter((type) => type.kind === 'struct').map((type) => type.name));
        return allTypes;
      }
      const type = madeType(fn);
      return type ? partsOf(type) : undefined;
    },
    parts: partsOf,
    returnsFresh: (fn) => madeType(fn) !== null,
    freshType: madeType,
  };
});

/** `T` for a result of type `T` or `*T` where T is a struct of the package. */
function structResult(pkg: GoPackage, typeText: string): string | null {
  const match = /^\*?([A-Za-z_]\w*)$/.exec(typeText.replace(/\s+/g, ''));
  return match && pkg.types.get(match[1]!)?.kind === 'struct' ? match[1]! : null;
}

/** T and the same-package struct types reachable through its fields. */
function structParts(pkg: GoPackage, root: string): ReadonlySet<string> {
  const parts = new Set<string>([root]);
  let level = [root];
  for (let depth = 0; depth < PART_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const name of level) {
      for (const field of pkg.types.get(name)?.fields ?? []) {
        if (/\bfunc\b/.test(field.typeText)) continue;
        for (const word of field.typeText.matchAll(/[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?/g)) {
          const type = word[0];
          if (parts.has(type) || pkg.types.get(type)?.kind !== 'struct') continue;
          parts.add(type);
          next.push(type);
        }
      }
    }
    level = next;
  }
  return parts;
}
