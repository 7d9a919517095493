// Tests the parser module: the flat trees read out of tree-sitter's WebAssembly memory must describe
// exactly the tree that tree-sitter's own node API (the Node binding, the same C library) describes,
// since the walk depends on tree-sitter's memory layout; if a web-tree-sitter upgrade changes it,
// these fail. Also: node ids, incremental re-parsing and the syntax helpers.
import fs from 'node:fs';
import path from 'node:path';
import NativeParser from 'tree-sitter';
import Go from 'tree-sitter-go';
import { describe, expect, it } from 'vitest';
import { parseGo, type SyntaxNode } from '../src/parse/parser.js';
import { callStartsWith } from '../src/parse/syntax.js';

const native = new NativeParser();
native.setLanguage(Go as unknown as NativeParser.Language);

const FIELDS = ['name', 'type', 'body', 'parameters', 'result', 'receiver', 'function', 'arguments', 'operand', 'field', 'left', 'right', 'operator', 'condition', 'consequence', 'alternative', 'initializer', 'update', 'value', 'key', 'index', 'element', 'label', 'tag', 'path', 'package', 'type_parameters', 'type_arguments'];

type AnyNode = NativeParser.SyntaxNode | SyntaxNode;

function describeNode(node: AnyNode | null): string {
  if (!node) return 'null';
  const { startPosition: start, endPosition: end } = node;
  return `${node.type} ${node.startIndex}-${node.endIndex} ${start.row}:${start.column}-${end.row}:${end.column} named=${node.isNamed} missing=${node.isMissing} error=${node.hasError}`;
}

/** Every difference between the two trees, node by node, including fields and index lookups. */
function differences(text: string): string[] {
  const found: string[] = [];
  const stack: [AnyNode, AnyNode][] = [[native.parse(text).rootNode, parseGo(text).rootNode]];
  while (stack.length > 0 && found.length < 10) {
    const [expected, actual] = stack.pop()!;
    const check = (what: string, left: unknown, right: unknown) => {
      if (left !== right) found.push(`${describeNode(expected)}: ${what}: ${String(left)} != ${String(right)}`);
    };
    check('node', describeNode(expected), describeNode(actual));
    check('text', expected.text, actual.text);
    check('parent', describeNode(expected.parent), describeNode(actual.parent));
    check('counts', `${expected.childCount}/${expected.namedChildCount}`, `${actual.childCount}/${actual.namedChildCount}`);
    check('siblings', [expected.nextSibling, expected.nextNamedSibling, expected.previousNamedSibling].map(describeNode).join(), [actual.nextSibling, actual.nextNamedSibling, actual.previousNamedSibling].map(describeNode).join());
    for (const field of expected.childCount > 0 ? FIELDS : []) {
      check(`field ${field}`, describeNode(expected.childForFieldName(field)), describeNode(actual.childForFieldName(field)));
      check(`fields ${field}`, expected.childrenForFieldName(field).map(describeNode).join(), actual.childrenForFieldName(field).map(describeNode).join());
    }
    for (const offset of [expected.startIndex, (expected.startIndex + expected.endIndex) >> 1, expected.endIndex]) {
      check(`descendant at ${offset}`, describeNode(expected.descendantForIndex(offset, offset + 1)), describeNode(actual.descendantForIndex(offset, offset + 1)));
      check(`named descendant at ${offset}`, describeNode(expected.namedDescendantForIndex(offset)), describeNode(actual.namedDescendantForIndex(offset)));
    }
    const expectedChildren = expected.children;
    const actualChildren = actual.children;
    check('children', expectedChildren.length, actualChildren.length);
    for (let index = Math.min(expectedChildren.length, actualChildren.length) - 1; index >= 0; index--) stack.push([expectedChildren[index]!, actualChildren[index]!]);
  }
  return found;
}

const TRICKY = [
  'package x\n// é😀 ü\nfunc f() { a.b(c); x := "ü😀"; y(x) }\nvar z = "\\u00e9"\n',
  'package p\n\ntype T[K comparable, V any] struct {\n\tm map[K]V // c\n\t*E\n}\n\nfunc (t *T[K, V]) Get(k K) (v V, ok bool) {\n\tv, ok = t.m[k]\n\tswitch x := any(v).(type) {\n\tcase int, string:\n\t\t_ = x\n\t}\n\tselect {\n\tcase c <- 1:\n\tdefault:\n\t}\n\treturn\n}\n',
  'package x\nfunc f( {\n\nfunc g(x *T) { if x == nil && { println(x\n',
  'package x\r\nimport (\r\n\t"a"\r\n\tb "c"\r\n)\r\nconst (\r\n\tA = iota\r\n\tB\r\n)\r\nfunc h() { for i := range xs { goto L }\nL:\n\tdefer func() {}()\n}\n',
  '',
];

describe('parser', () => {
  it.each(TRICKY.map((text, index) => [index, text]))('reads tricky text %i exactly as tree-sitter describes it', (_index, text) => {
    expect(differences(text)).toEqual([]);
    expect(parseGo(text).rootNode.toString()).toBe(native.parse(text).rootNode.toString());
  });

  it('reads every testdata file exactly as tree-sitter describes it', () => {
    const root = path.join(import.meta.dirname, '../testdata');
    const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith('.go')).sort();
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) expect([file, differences(fs.readFileSync(path.join(root, file), 'utf8'))]).toEqual([file, []]);
  });

  it('hands out a fresh object per read, with ids unique across trees', () => {
    const tree = parseGo('package x\nfunc f() { g(1) }\n');
    const call = tree.rootNode.descendantsOfType('call_expression')[0]!;
    const again = call.childForFieldName('function')!.parent!;
    expect(again.id).toBe(call.id);
    expect(again).not.toBe(call);
    const other = parseGo('package x\nfunc f() { g(1) }\n');
    const ids = new Set([tree, other].flatMap((each) => each.rootNode.descendantsOfType(['identifier', 'call_expression', 'source_file']).map((node) => node.id)));
    expect(ids.size).toBe(8);
  });

  it('re-parses an edited tree incrementally into the tree a fresh parse gives', () => {
    const before = 'package x\nfunc f() { g(1) }\n';
    const after = 'package x\nfunc f() { h(22); g(1) }\n';
    const tree = parseGo(before, undefined, { incremental: true });
    expect(tree.retained).not.toBeNull();
    tree.edit({ startIndex: 20, oldEndIndex: 20, newEndIndex: 27, startPosition: { row: 1, column: 10 }, oldEndPosition: { row: 1, column: 10 }, newEndPosition: { row: 1, column: 17 } });
    const reparsed = parseGo(after, tree, { incremental: true });
    // The old tree-sitter tree is used up; the old arrays still describe the old text.
    expect(tree.retained).toBeNull();
    expect(tree.rootNode.text).toBe(before);
    const fresh = parseGo(after);
    const shape = (node: SyntaxNode) => node.descendantsOfType(['call_expression', 'identifier', 'int_literal']).map(describeNode);
    expect(shape(reparsed.rootNode)).toEqual(shape(fresh.rootNode));
    expect(shape(reparsed.rootNode)).toContain('call_expression 21-26 1:11-1:16 named=true missing=false error=false');
  });

  it('marks syntax errors and missing nodes', () => {
    const root = parseGo('package x\nfunc f(a int {\n}\n').rootNode;
    expect(root.hasError).toBe(true);
    expect(root.descendantsOfType(['ERROR', ')']).some((node) => node.isMissing || node.isError)).toBe(true);
    expect(parseGo('package x\n').rootNode.hasError).toBe(false);
  });

  it('tests a call by how it starts, letting calls with comments in their head through', () => {
    const calls = parseGo('package x\nfunc f() { http.Get(u); (http.Get)(u); h.Do(r); http. /* c */ Get(u); new(T) }\n').rootNode.descendantsOfType('call_expression');
    const head = /^(?:new\s*\(|[\p{L}_][\p{L}\p{N}_]*\s*\.\s*Get[\s)]*\()/u;
    expect(calls.map((call) => callStartsWith(call, head))).toEqual([true, true, false, true, true]);
  });
});
