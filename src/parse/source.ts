// A parsed Go source file and position helpers. Positions are 1-based lines and 1-based columns
// counted in UTF-16 code units, which is what tree-sitter's Node binding, LSP and SARIF
// (columnKind utf16CodeUnits) all use.
import { parseGo, type SyntaxNode, type Tree } from './parser.js';

export interface SourceFile {
  /** Absolute path with forward slashes (or a virtual path for stdin). */
  path: string;
  text: string;
  tree: Tree;
  /** True for files ending in _test.go. */
  isTest: boolean;
  /** True when the tree holds ERROR or MISSING nodes. */
  hasSyntaxErrors: boolean;
}

export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * Parses a file. `incremental` keeps what an editor needs to edit the tree (`tree.edit`) and hand it
 * back as `previousTree` for an incremental re-parse.
 */
export function makeSourceFile(path: string, text: string, previousTree?: Tree, incremental = false): SourceFile {
  const tree = parseGo(text, previousTree, { incremental });
  return {
    path,
    text,
    tree,
    isTest: path.endsWith('_test.go'),
    hasSyntaxErrors: tree.rootNode.hasError,
  };
}

/** The 1-based range of a node. */
export function rangeOf(node: SyntaxNode): Range {
  const start = node.startPosition;
  const end = node.endPosition;
  return { line: start.row + 1, column: start.column + 1, endLine: end.row + 1, endColumn: end.column + 1 };
}

/** The 1-based line of a node's start. */
export function lineOf(node: SyntaxNode): number {
  return node.startPosition.row + 1;
}
