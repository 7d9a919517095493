// Parses Go source text into flat trees. tree-sitter runs as WebAssembly (web-tree-sitter with the
// grammar's own tree-sitter-go.wasm); each tree is read once into typed arrays (flat-tree.ts) and then
// deleted, so rules read nodes without calling into tree-sitter at all. Loading the WebAssembly is
// asynchronous, so this module awaits it when first imported. One parser is kept per thread; parsing
// is not reentrant. It does not read files.
import { createRequire } from 'node:module';
import { Language, Parser, type Tree as WebTree } from 'web-tree-sitter';
import { flattenTree, readLanguageTables, type FlatTree, type LanguageTables } from './flat-tree.js';

export type { SyntaxNode } from './syntax-node.js';
export type Tree = FlatTree;

interface WasmModule {
  HEAPU8: Uint8Array;
}

interface WasmTree {
  0: number;
  edit(edit: unknown): void;
  delete(): void;
}

/**
 * Emscripten fills in the object handed to init: it becomes the module, with its memory views. Only
 * the first init in a process creates the module, so this must be the first module to start
 * web-tree-sitter.
 */
const wasmModule = {} as WasmModule;
await Parser.init(wasmModule as unknown as Parameters<typeof Parser.init>[0]);
if (!wasmModule.HEAPU8) throw new Error('web-tree-sitter was started before gocop\'s parser, so gocop cannot read its memory');
const require = createRequire(import.meta.url);
const goLanguage = await Language.load(require.resolve('tree-sitter-go/tree-sitter-go.wasm'));
const tables: LanguageTables = readLanguageTables(wasmModule.HEAPU8.buffer as ArrayBuffer, (goLanguage as unknown as { 0: number })[0], goLanguage.types, goLanguage.fields);

let sharedParser: Parser | undefined;

function goParser(): Parser {
  if (!sharedParser) {
    sharedParser = new Parser();
    sharedParser.setLanguage(goLanguage);
  }
  return sharedParser;
}

/** Frees tree-sitter trees kept for incremental parsing whose flat tree was dropped without a re-parse. */
const retainedTrees = new FinalizationRegistry<WasmTree>((tree) => tree.delete());

export interface ParseOptions {
  /** Keep tree-sitter's tree, so the result can be edited (`tree.edit`) and re-parsed incrementally. */
  incremental?: boolean;
}

/**
 * Parses Go source text; `previous` (edited with tree.edit, and parsed with `incremental`) makes the
 * parse incremental and is used up by it.
 */
export function parseGo(text: string, previous?: Tree, options: ParseOptions = {}): Tree {
  const old = previous?.retained as WasmTree | null | undefined;
  const parsed = goParser().parse(text, (old ?? null) as WebTree | null) as unknown as WasmTree | null;
  if (old) {
    retainedTrees.unregister(previous!);
    previous!.retained = null;
    old.delete();
  }
  if (!parsed) throw new Error('tree-sitter returned no tree');
  // Memory may have grown during the parse, so the buffer is fetched afterwards.
  const tree = flattenTree(wasmModule.HEAPU8.buffer as ArrayBuffer, parsed[0], text, tables);
  if (options.incremental) {
    tree.retained = parsed;
    retainedTrees.register(tree, parsed, tree);
  } else {
    parsed.delete();
  }
  return tree;
}
