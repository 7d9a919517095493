// syntax-error: reports, once per file, the first place where the Go source does not parse. The rest of
// the file is still analysed by the other rules wherever its tree is sound.
import type { SyntaxNode } from '../../src/parse/parser.js';
import { defineRule } from '../../src/engine/rule.js';

/** The first ERROR or MISSING node, found by following only the subtrees that hold an error. */
export function firstSyntaxError(root: SyntaxNode): SyntaxNode | null {
  let current: SyntaxNode = root;
  for (let depth = 0; depth < 100_000; depth++) {
    let next: SyntaxNode | null = null;
    for (let index = 0; index < current.childCount; index++) {
      const child = current.child(index)!;
      if (child.type === 'ERROR' || child.isMissing) return child;
      if (child.hasError) {
        next = child;
        break;
      }
    }
    if (!next) return current === root ? null : current;
    current = next;
  }
  return current;
}

export const syntaxError = defineRule({
  id: 'syntax-error',
  severity: 'error',
  category: 'correctness',
  docs: {
    summary: 'Reports Go source that does not parse, once per file, at the first error.',
    why:
      'A file that does not parse cannot be compiled, and gocop can only analyse the parts of it whose syntax ' +
      'is sound. The finding says where the parser first gave up, so the other findings of the file can be trusted.',
    bad: 'package p\n\nfunc f() {\n\treturn 1 +\n}\n',
    good: 'package p\n\nfunc f() int {\n\treturn 1\n}\n',
  },
  defaultOptions: {},
  create(context) {
    return {
      fileEnd() {
        if (!context.file.hasSyntaxErrors) return;
        const node = firstSyntaxError(context.file.tree.rootNode);
        if (!node) return;
        const what = node.isMissing ? `missing ${node.type}` : `unexpected ${describe(node)}`;
        context.report({
          node,
          message: `syntax error: ${what}; gocop analyses the rest of the file where it can, fix the syntax to be sure`,
        });
      },
    };
  },
});

function describe(node: SyntaxNode): string {
  const text = node.text.trim().split('\n')[0] ?? '';
  if (!text) return 'end of input';
  return `'${text.length > 30 ? `${text.slice(0, 30)}…` : text}'`;
}
