// Constructors by shape: a function without receiver that returns a value of a same-package struct
// type T (`T` or `*T` among its results) and builds it itself (`T{...}`, `&T{...}`, `new(T)`) or gets
// it from another constructor of T, whatever the function is called (`Open`, `newKeyring`, `Create`).
// init is a constructor of everything. For each constructor it also tells which struct types it
// builds: T and the struct types T holds through its fields, directly or as pointer, slice, array,
// map or channel elements, three levels deep. What that means for concurrency (nothing else can see
// the value yet) is for happens-before.ts to decide.
import type { FuncInfo, GoPackage } from '../index/package-index.js';
import { escapeRegExp } from '../parse/syntax.js';
import { defineAnalysis } from './context.js';

export interface Constructors {
  /** The struct types a constructor builds, or undefined for a function that is not one. */
  builds(fn: FuncInfo): ReadonlySet<string> | undefined;
  /** A struct type and the struct types it holds through its fields (what building it builds). */
  parts(type: string): ReadonlySet<string>;
  /** True when a function or method builds the struct value it returns (a method such as `t.New(name)` included). */
  returnsFresh(fn: FuncInfo): boolean;
}

/** Nesting of field types followed to find the parts a constructor builds. */
const PART_DEPTH = 3;

export const constructors = defineAnalysis('constructors', (analyses): Constructors => {
  const pkg = analyses.pkg;
  const built = new Map<FuncInfo, string>();
  const freshMethods = new Set<FuncInfo>();
  const candidates: Array<{ fn: FuncInfo; types: string[]; text: string }> = [];
  for (const fn of pkg.functions) {
    if (fn.file.isTest) continue;
    const types = fn.results.map((result) => structResult(pkg, result.typeText)).filter((type): type is string => !!type);
    if (types.length === 0) continue;
    const text = fn.node.childForFieldName('body')?.text ?? '';
    const made = types.find((type) => new RegExp(`(^|[^\\w.])${escapeRegExp(type)}\\s*\\{|\\bnew\\(\\s*${escapeRegExp(type)}\\s*\\)`).test(text));
    if (fn.receiverType) {
      if (made) freshMethods.add(fn);
    } else if (made) built.set(fn, made);
    else candidates.push({ fn, types, text });
  }
  // Constructors that take the value from another constructor of the same type.
  for (let grew = candidates.length > 0; grew; ) {
    grew = false;
    for (const candidate of candidates) {
      if (built.has(candidate.fn)) continue;
      for (const type of candidate.types) {
        const names = [...built].filter(([, builtType]) => builtType === type).map(([fn]) => escapeRegExp(fn.name));
        if (names.length === 0 || !new RegExp(`(^|[^\\w.])(${names.join('|')})\\s*\\(`).test(candidate.text)) continue;
        built.set(candidate.fn, type);
        grew = true;
        break;
      }
    }
  }
  const allTypes = new Set([...pkg.types.values()].filter((type) => type.kind === 'struct').map((type) => type.name));
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
      if (fn.name === 'init' && !fn.receiverType && fn.params.length === 0) return allTypes;
      const type = built.get(fn);
      return type ? partsOf(type) : undefined;
    },
    parts: partsOf,
    returnsFresh: (fn) => built.has(fn) || freshMethods.has(fn),
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
