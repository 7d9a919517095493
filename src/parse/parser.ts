// Loads tree-sitter with the Go grammar and parses source text into trees. One parser is kept per
// thread; tree-sitter parsers are not reentrant, so callers must not parse from two places at once.
import Parser from 'tree-sitter';
import Go from 'tree-sitter-go';

export type SyntaxNode = Parser.SyntaxNode;
export type Tree = Parser.Tree;

let sharedParser: Parser | undefined;

/**
 * The Node binding keeps, in each node object, the node's id (two 32-bit halves) and its start offset
 * in bytes of the UTF-16 input (slots 0, 1 and 2), yet its `id` and `startIndex` getters copy the node
 * into a native buffer and call into C++ each time. Rules and analyses read these two constantly, so
 * they are replaced here with plain reads of those slots. The layout belongs to tree-sitter 0.25.1,
 * which package.json pins exactly; test/parser.test.ts checks both getters against the native ones.
 */
function installFastAccessors(): void {
  const prototype = (Parser as unknown as { SyntaxNode: { prototype: object } }).SyntaxNode.prototype;
  const nativeId = Object.getOwnPropertyDescriptor(prototype, 'id');
  const nativeStart = Object.getOwnPropertyDescriptor(prototype, 'startIndex');
  if (!nativeId?.get || !nativeStart?.get) return;
  Object.defineProperty(prototype, 'nativeId', nativeId);
  Object.defineProperty(prototype, 'nativeStartIndex', nativeStart);
  Object.defineProperty(prototype, 'id', {
    configurable: true,
    get(this: Record<number, number>) {
      return this[1]! * 4294967296 + this[0]!;
    },
  });
  Object.defineProperty(prototype, 'startIndex', {
    configurable: true,
    get(this: Record<number, number>) {
      return this[2]! >>> 1;
    },
  });
}

installFastAccessors();

/**
 * The binding registers every node object it hands out in a per-tree cache, with a weak reference and
 * a finalizer, so that asking twice for the same node gives the same object. That registration is a
 * native call per node, every weak reference slows each garbage collection, and `tree.edit` walks the
 * whole cache. On the standard library it cost a quarter of the lint time and 40% of the peak memory.
 * gocop never relies on node object identity: nodes are compared and keyed by `id` (or offsets), so
 * the registration is switched off. The price is only that two reads of the same node may give two
 * objects; test/parser.test.ts pins that down so that nobody starts comparing nodes with `===`.
 */
function disableNodeIdentityCache(): void {
  const prototype = (Parser as unknown as { Tree: { prototype: Record<string, unknown> } }).Tree.prototype;
  if (typeof prototype._cacheNode !== 'function' || typeof prototype._cacheNodes !== 'function') return;
  prototype._cacheNode = () => undefined;
  prototype._cacheNodes = () => undefined;
}

disableNodeIdentityCache();

/**
 * The binding builds a node object with its class per node type, whose constructor defines the `tree`
 * property with Object.defineProperty: about as costly as the rest of handing a node over. Each class
 * in the language's table is replaced by a constructor that assigns `tree` and shares the class'
 * prototype, so nodes keep their class (`constructor`, `instanceof`, the `type` and field getters).
 */
function lightenNodeConstructors(language: unknown): void {
  const classes = (language as { nodeSubclasses?: unknown }).nodeSubclasses;
  if (!Array.isArray(classes)) return;
  classes.forEach((NodeClass: { prototype: object; light?: boolean }, index) => {
    if (NodeClass.light) return;
    function LightNode(this: { tree: unknown }, tree: unknown): void {
      this.tree = tree;
    }
    LightNode.prototype = NodeClass.prototype;
    (LightNode as unknown as { light: boolean }).light = true;
    classes[index] = LightNode;
  });
}

/** Returns the thread's Go parser, creating it on first use. */
export function goParser(): Parser {
  if (!sharedParser) {
    sharedParser = new Parser();
    sharedParser.setLanguage(Go as unknown as Parser.Language);
    lightenNodeConstructors(Go);
  }
  return sharedParser;
}

/** Parses Go source text; `previous` (already edited with tree.edit) enables incremental parsing. */
export function parseGo(text: string, previous?: Tree): Tree {
  // The binding's default buffer is small; a larger one avoids re-reading big files in chunks.
  const bufferSize = Math.max(64 * 1024, text.length * 2 + 1024);
  return goParser().parse(text, previous, { bufferSize });
}

/** The Go grammar, for building tree-sitter queries. */
export function goLanguage(): Parser.Language {
  return Go as unknown as Parser.Language;
}
