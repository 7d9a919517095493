// Loads tree-sitter with the Go grammar and parses source text into trees. One parser is kept per
// thread; tree-sitter parsers are not reentrant, so callers must not parse from two places at once.
import Parser from 'tree-sitter';
import Go from 'tree-sitter-go';

export type SyntaxNode = Parser.SyntaxNode;
export type Tree = Parser.Tree;

let sharedParser: Parser | undefined;

/** Returns the thread's Go parser, creating it on first use. */
export function goParser(): Parser {
  if (!sharedParser) {
    sharedParser = new Parser();
    sharedParser.setLanguage(Go as unknown as Parser.Language);
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
