// Tests the parser module, in particular the fast `id` and `startIndex` accessors and the light node
// constructors, which depend on the Node binding's internals: if a tree-sitter upgrade changes them,
// these fail.
import Parser from 'tree-sitter';
import { describe, expect, it } from 'vitest';
import { parseGo } from '../src/parse/parser.js';
import { callStartsWith } from '../src/parse/syntax.js';

describe('parser', () => {
  it('fast id and startIndex agree with the native getters, with non-ASCII text', () => {
    const tree = parseGo('package x\n// é😀 ü\nfunc f() { a.b(c); x := "ü😀"; y(x) }\nvar z = "\\u00e9"\n');
    const nodes = tree.rootNode.descendantsOfType(['identifier', 'call_expression', 'interpreted_string_literal', 'function_declaration']);
    expect(nodes.length).toBeGreaterThan(8);
    for (const node of nodes) {
      const native = node as unknown as { nativeId: number; nativeStartIndex: number };
      expect(node.id).toBe(native.nativeId);
      expect(node.startIndex).toBe(native.nativeStartIndex);
    }
  });

  it('hands out a fresh object per read, so nodes must be compared by id, never with ===', () => {
    const tree = parseGo('package x\nfunc f() { g(1) }\n');
    const call = tree.rootNode.descendantsOfType('call_expression')[0]!;
    const again = call.childForFieldName('function')!.parent!;
    expect(again.id).toBe(call.id);
    expect(again.startIndex).toBe(call.startIndex);
    // The binding's identity cache is off (see disableNodeIdentityCache): same node, another object.
    expect(again).not.toBe(call);
  });

  it('builds nodes with light constructors that keep each node type its class, type and fields', () => {
    const tree = parseGo('package x\nfunc f() { a := b == nil }\n');
    const fn = tree.rootNode.namedChildren.find((node) => node.type === 'function_declaration')!;
    const comparison = fn.descendantsOfType('binary_expression')[0]!;
    const Base = (Parser as unknown as { SyntaxNode: new () => object }).SyntaxNode;
    for (const node of [tree.rootNode, fn, comparison, comparison.child(1)!]) {
      expect(node).toBeInstanceOf(Base);
      expect(node.tree).toBe(tree);
    }
    expect(fn.constructor.name).toBe('FunctionDeclarationNode');
    expect(fn.constructor).toBe(tree.rootNode.namedChildren.find((node) => node.type === 'function_declaration')!.constructor);
    expect(fn.childForFieldName('body')!.type).toBe('block');
    expect(comparison.type).toBe('binary_expression');
    expect(comparison.child(1)!.type).toBe('==');
  });

  it('parses a file with syntax errors into a tree that marks them', () => {
    const tree = parseGo('package x\nfunc f( {\n');
    expect(tree.rootNode.hasError).toBe(true);
  });

  it('tests a call by how it starts, letting calls with comments in their head through', () => {
    const calls = parseGo('package x\nfunc f() { http.Get(u); (http.Get)(u); h.Do(r); http. /* c */ Get(u); new(T) }\n').rootNode.descendantsOfType('call_expression');
    const head = /^(?:new\s*\(|[\p{L}_][\p{L}\p{N}_]*\s*\.\s*Get[\s)]*\()/u;
    expect(calls.map((call) => callStartsWith(call, head))).toEqual([true, true, false, true, true]);
  });
});
