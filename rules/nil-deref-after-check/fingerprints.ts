// Function fingerprints, for reusing a function's findings when its package is linted again (the
// language server re-lints the package on every edit, and most functions did not change). A
// fingerprint covers everything a same-package rule can learn about a top-level function:
// - the function's text, file and start column (its findings are stored relative to its first line);
// - the package's declarations outside function bodies, in every file: imports, types, vars, consts and
//   function signatures (resolution, inferred types, interface implementations), blank space aside, so
//   that adding a line between functions keeps the fingerprints of the others;
// - the bodies of the same-package functions and methods it names, and of those they name, and so on
//   (summaries such as may-return-nil, never-returns and nil-safe methods reach callees by name only).
// Two lints that give a function the same fingerprint therefore give it the same findings. This module
// only computes fingerprints; src/engine/finding-cache.ts keeps the findings.
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
      let outside = '';
      let from = 0;
      for (const fn of byFile.get(file) ?? []) {
        const start = fn.node.startIndex;
        const text = fn.node.text;
        bodies.set(start, hash(text));
        const body = fn.node.childForFieldName('body');
        if (!body) continue;
        outside += `${file.text.slice(from, body.startIndex)}{}`;
        from = body.endIndex;
      }
      outside += file.text.slice(from);
      shape = { declarations: hash(outside.replace(STRING_OR_SPACE, (token) => (/^\s/.test(token) ? ' ' : token))), bodies };
      shapes.set(file, shape);
    }
    return shape;
  };

  let declarations: string | null = null;
  const packageDeclarations = (): string => {
    declarations ??= hash(pkg.files.map((file) => `${file.path}\0${shapeOf(file).declarations}`).join('\0'));
    return declarations;
  };

  const namesIn = new Map<FuncInfo, string[]>();
  const calleeNames = (fn: FuncInfo): string[] => {
    let names = namesIn.get(fn);
    if (!names) {
      const found = new Set<string>();
      for (const match of fn.node.text.matchAll(IDENTIFIER)) if (byName.has(match[0])) found.add(match[0]);
      names = [...found];
      namesIn.set(fn, names);
    }
    return names;
  };

  const fingerprints = new Map<FuncInfo, string>();
  return {
    of(fn) {
      let fingerprint = fingerprints.get(fn);
      if (fingerprint) return fingerprint;
      // The bodies of every function reachable by name, in a stable order.
      const reached = new Set<FuncInfo>([fn]);
      const queue = [fn];
      while (queue.length > 0) {
        for (const name of calleeNames(queue.pop()!)) {
          for (const callee of byName.get(name)!) {
            if (reached.has(callee)) continue;
            reached.add(callee);
            queue.push(callee);
          }
        }
      }
      const bodies = [...reached].map((callee) => `${callee.file.path}\0${shapeOf(callee.file).bodies.get(callee.node.startIndex)}`).sort();
      // The function's own body first: two functions that name each other reach the same set.
      const own = shapeOf(fn.file).bodies.get(fn.node.startIndex)!;
      fingerprint = hash([packageDeclarations(), fn.file.path, String(fn.node.startPosition.column), own, ...bodies].join('\0'));
      fingerprints.set(fn, fingerprint);
      return fingerprint;
    },
  };
});
