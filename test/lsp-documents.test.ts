// Unit tests of the server's document store: incremental edits (UTF-16 and UTF-8 positions) keep the
// text right, and the incrementally re-parsed tree equals a fresh parse of the same text.
import { describe, expect, it } from 'vitest';
import { DocumentStore, parsedSource } from '../server/documents.js';
import { TextPositions, negotiateEncoding } from '../server/positions.js';
import { parseGo } from '../src/parse/parser.js';

const SOURCE = 'package shop\n\n// Total adds up prices; «héllo» 😀 keeps it honest.\nfunc Total(prices []int) int {\n\tsum := 0\n\tfor _, p := range prices {\n\t\tsum += p\n\t}\n\treturn sum\n}\n';

/** A small deterministic pseudo-random sequence. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('server documents', () => {
  it('re-parses incrementally to the same tree as a fresh parse', () => {
    const store = new DocumentStore(() => 'utf-16');
    const open = store.open('file:///tmp/shop/shop.go', 1, SOURCE)!;
    parsedSource(open);
    const next = random(7);
    const snippets = ['x', '\n', '}', ' + 1', 'if p > 0 {\n', '"é😀"', '', '\t// note\n'];
    for (let version = 2; version < 300; version++) {
      const text = open.document.getText();
      const start = Math.floor(next() * text.length);
      const end = Math.min(text.length, start + Math.floor(next() * 6));
      const snippet = snippets[Math.floor(next() * snippets.length)]!;
      store.change(open.uri, version, [{ range: { start: open.document.positionAt(start), end: open.document.positionAt(end) }, text: snippet }]);
      expect(open.document.getText()).toBe(text.slice(0, start) + snippet + text.slice(end));
      if (version % 3 === 0) {
        const source = parsedSource(open);
        expect(source.tree.rootNode.toString(), `version ${version}`).toBe(parseGo(source.text).rootNode.toString());
      }
    }
  });

  it('applies edits given in UTF-8 columns', () => {
    const store = new DocumentStore(() => 'utf-8');
    const open = store.open('file:///tmp/shop/shop.go', 1, SOURCE)!;
    const line = SOURCE.split('\n')[2]!;
    const afterEmoji = Buffer.byteLength(line.slice(0, line.indexOf('😀') + 2), 'utf8');
    store.change(open.uri, 2, [{ range: { start: { line: 2, character: afterEmoji }, end: { line: 2, character: afterEmoji } }, text: '!' }]);
    expect(open.document.getText().split('\n')[2]).toBe(line.replace('😀', '😀!'));
  });

  it('negotiates the position encoding and converts columns', () => {
    expect(negotiateEncoding(undefined)).toBe('utf-16');
    expect(negotiateEncoding(['utf-32', 'utf-8'])).toBe('utf-8');
    expect(negotiateEncoding(['utf-16', 'utf-8'])).toBe('utf-16');
    const positions = new TextPositions('a«b😀c\n', 'utf-8');
    expect(positions.encode({ line: 0, character: 5 })).toEqual({ line: 0, character: 8 });
    expect(positions.decode({ line: 0, character: 8 })).toEqual({ line: 0, character: 5 });
    expect(positions.rangeToLsp({ line: 1, column: 6, endLine: 1, endColumn: 7 })).toEqual({ start: { line: 0, character: 8 }, end: { line: 0, character: 9 } });
  });

  it('ignores documents that are not files', () => {
    const store = new DocumentStore(() => 'utf-16');
    expect(store.open('untitled:Untitled-1', 1, 'package x')).toBeNull();
    expect(store.change('file:///never/opened.go', 2, [{ text: 'package y' }])).toBeNull();
  });
});
