// Function fingerprints, for reusing a function's findings when its package is linted again (the
// language server re-lints the package on every edit, and most functions did not change). A
// fingerprint covers everything a same-package rule can learn about a top-level function:
// - the function's text, file and start column (its findings are stored relative to its first line);
// - the package's declarations outside function bodies, in every file: imports, types, vars, consts and
//   function signatures (resolution, inferred types, interface implementations), blank space aside, so
//   that adding a line between functions keeps the fingerprints of the others;
// - the bodies of the same-package functions and methods it names, and of those they name, and so on
//   (summaries such as may-return-nil, never-returns and nil-safe methods reach callees by name only).
// Two lints that give a function the same fingerprint therefore give it the same findings. The reached
// bodies are hashed per strongly connected component of the name graph, once per lint, so a package
// of thousands of functions costs one pass, not one walk per function. This module only computes
// fingerprints; src/engine/finding-cache.ts keeps the findings.
import { createHash } from 'node:crypto';
import type { SourceFile } from '../../src/parse/source.js';
import type { FuncInfo } from '../../src/index/package-index.js';
import { COMMENT_OR_LITERAL_SOURCE } from '../../src/parse/syntax.js';
import { defineAnalysis } from '../../src/analysis/context.js';
import { functionsByFile, functionsByName } from '../../src/analysis/functions.js';

export interface FunctionFingerprints {
  /** The fingerprint of a top-level function or method of the package. */
  of(fn: FuncInfo): string;
}

interface FileShape {
  /** Hash of the file's text with every function body cut out. */
  declarations: string;
  /** Hash of each function's text, by the function's start offset. */
  bodies: Map<number, string>;
  /** The distinct identifiers in each function's text, by the function's start offset. */
  identifiers: Map<number, string[]>;
}

/** A parsed file's shape depends on nothing else, so it is kept for as long as the file lives. */
const shapes = new WeakMap<SourceFile, FileShape>();

function hash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

const IDENTIFIER = /[\p{L}_][\p{L}\p{N}_]*/gu;

/** A comment, string or rune literal (kept as written), or a run of blank space (which matters nowhere else). */
const STRING_OR_SPACE = new RegExp(`${COMMENT_OR_LITERAL_SOURCE}|\\s+`, 'g');

export const functionFingerprints = defineAnalysis('function-fingerprints', (analyses): FunctionFingerprints => {
  const pkg = analyses.pkg;
  const byFile = analyses.get(functionsByFile);
  const byName = analyses.get(functionsByName);

  const shapeOf = (file: SourceFile): FileShape => {
    let shape = shapes.get(file);
    if (!shape) {
      const bodies = new Map<number, string>();
      const identifiers = new Map<number, string[]>();
      let outside = '';
      let from = 0;
      for (const fn of byFile.get(file) ?? []) {
        const start = fn.node.startIndex;
        const text = fn.node.text;
        bodies.set(start, hash(text));
        identifiers.set(start, [...new Set(text.match(IDENTIFIER) ?? [])]);
        const body = fn.node.childForFieldName('body');
        if (!body) continue;
        outside += `${file.text.slice(from, body.startIndex)}{}`;
        from = body.endIndex;
      }
      outside += file.text.slice(from);
      // Blank space only separates tokens, so lines added above the package clause change nothing.
      const normalized = outside.replace(STRING_OR_SPACE, (token) => (/^\s/.test(token) ? ' ' : token)).trim();
      shape = { declarations: hash(normalized), bodies, identifiers };
      shapes.set(file, shape);
    }
    return shape;
  };

  let declarations: string | null = null;
  const packageDeclarations = (): string => {
    declarations ??= hash(pkg.files.map((file) => `${file.path}\0${shapeOf(file).declarations}`).join('\0'));
    return declarations;
  };

  let reachable: Map<FuncInfo, string> | null = null;
  const fingerprints = new Map<FuncInfo, string>();
  return {
    of(fn) {
      let fingerprint = fingerprints.get(fn);
      if (fingerprint) return fingerprint;
      reachable ??= reachableBodies(pkg.functions, byName, (callee) => {
        const shape = shapeOf(callee.file);
        const start = callee.node.startIndex;
        return { body: `${callee.file.path}\0${shape.bodies.get(start)}`, names: shape.identifiers.get(start) ?? [] };
      });
      const own = shapeOf(fn.file).bodies.get(fn.node.startIndex)!;
      fingerprint = hash([packageDeclarations(), fn.file.path, String(fn.node.startPosition.column), own, reachable.get(fn)!].join('\0'));
      fingerprints.set(fn, fingerprint);
      return fingerprint;
    },
  };
});

/**
 * For every function, a hash of the bodies of the functions it reaches by name (itself included). The
 * name graph is cut into strongly connected components (Tarjan's algorithm, without recursion), and a
 * component's hash covers its members' bodies and the hashes of the components it names, so the work
 * is linear in the package rather than in each function's reach. Equal hashes mean equal reached bodies.
 */
function reachableBodies(functions: readonly FuncInfo[], byName: ReadonlyMap<string, readonly FuncInfo[]>, shapeOf: (fn: FuncInfo) => { body: string; names: readonly string[] }): Map<FuncInfo, string> {
  const bodyOf = new Map<FuncInfo, string>();
  const callees = new Map<FuncInfo, FuncInfo[]>();
  for (const fn of functions) {
    const { body, names } = shapeOf(fn);
    bodyOf.set(fn, body);
    callees.set(fn, names.flatMap((name) => byName.get(name) ?? []));
  }
  const index = new Map<FuncInfo, number>();
  const lowLink = new Map<FuncInfo, number>();
  const onStack = new Set<FuncInfo>();
  const stack: FuncInfo[] = [];
  const componentHash = new Map<FuncInfo, string>();
  for (const root of functions) {
    if (index.has(root)) continue;
    // Each frame is a function and the position of the next callee to look at.
    const frames: Array<{ fn: FuncInfo; next: number }> = [{ fn: root, next: 0 }];
    index.set(root, index.size);
    lowLink.set(root, index.get(root)!);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const list = callees.get(frame.fn)!;
      if (frame.next < list.length) {
        const callee = list[frame.next++]!;
        if (!index.has(callee)) {
          index.set(callee, index.size);
          lowLink.set(callee, index.get(callee)!);
          stack.push(callee);
          onStack.add(callee);
          frames.push({ fn: callee, next: 0 });
        } else if (onStack.has(callee)) {
          lowLink.set(frame.fn, Math.min(lowLink.get(frame.fn)!, index.get(callee)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) lowLink.set(parent.fn, Math.min(lowLink.get(parent.fn)!, lowLink.get(frame.fn)!));
      if (lowLink.get(frame.fn) !== index.get(frame.fn)) continue;
      // frame.fn roots a component: every component it names is already hashed.
      const members: FuncInfo[] = [];
      let member: FuncInfo;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        members.push(member);
      } while (member !== frame.fn);
      const inside = new Set(members);
      const named = new Set<string>();
      for (const fn of members) for (const callee of callees.get(fn)!) if (!inside.has(callee)) named.add(componentHash.get(callee)!);
      const bodies = members.map((fn) => bodyOf.get(fn)!).sort();
      const componentText = hash([...bodies, '', ...[...named].sort()].join('\0'));
      for (const fn of members) componentHash.set(fn, componentText);
    }
  }
  return componentHash;
}
