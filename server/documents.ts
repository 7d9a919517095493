// The open documents: versioned text kept in sync with the client's incremental edits, plus the parsed
// tree. Edits are replayed onto the previous tree with tree.edit and the text is re-parsed lazily, when
// a lint needs it, so a burst of keystrokes costs one incremental parse. This module knows nothing of
// rules or diagnostics.
import { fileURLToPath } from 'node:url';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { makeSourceFile, type SourceFile } from '../src/parse/source.js';
import type { Tree } from '../src/parse/parser.js';
import { TextPositions, type PositionEncoding } from './positions.js';

export interface OpenDocument {
  uri: string;
  /** Absolute path with forward slashes. */
  path: string;
  document: TextDocument;
  /** The tree of an earlier version with this version's edits applied, awaiting a re-parse. */
  editedTree: Tree | null;
  /** The parsed file, for `parsedVersion`. */
  source: SourceFile | null;
  parsedVersion: number;
}

/** The absolute, forward-slash path of a file: URI, or null for other schemes and malformed URIs. */
export function pathOfUri(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri).split('\\').join('/');
  } catch {
    return null;
  }
}

export class DocumentStore {
  private readonly byUri = new Map<string, OpenDocument>();

  constructor(private readonly encoding: () => PositionEncoding) {}

  open(uri: string, version: number, text: string): OpenDocument | null {
    const path = pathOfUri(uri);
    if (!path) return null;
    const open: OpenDocument = { uri, path, document: TextDocument.create(uri, 'go', version, text), editedTree: null, source: null, parsedVersion: -1 };
    this.byUri.set(uri, open);
    return open;
  }

  /** Applies the client's changes in order; returns the document, or null when it is not open. */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | null {
    const open = this.byUri.get(uri);
    if (!open) return null;
    let tree = open.editedTree ?? open.source?.tree ?? null;
    let document = open.document;
    for (const change of changes) {
      if (!('range' in change) || !change.range) {
        tree = null;
        document = TextDocument.update(document, [{ text: change.text }], version);
        continue;
      }
      const positions = new TextPositions(document, this.encoding());
      const startIndex = positions.positionToOffset(change.range.start);
      const oldEndIndex = Math.max(startIndex, positions.positionToOffset(change.range.end));
      const start = document.positionAt(startIndex);
      const oldEnd = document.positionAt(oldEndIndex);
      document = TextDocument.update(document, [{ range: { start, end: oldEnd }, text: change.text }], version);
      if (tree) tree = editTree(tree, startIndex, oldEndIndex, start, oldEnd, change.text);
    }
    // A lone carriage return is a line break to LSP but not to tree-sitter, so rows would disagree.
    if (tree && /\r(?!\n)/.test(document.getText())) tree = null;
    open.document = document;
    open.editedTree = tree;
    return open;
  }

  close(uri: string): OpenDocument | null {
    const open = this.byUri.get(uri);
    if (!open) return null;
    this.byUri.delete(uri);
    return open;
  }

  get(uri: string): OpenDocument | undefined {
    return this.byUri.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.byUri.values()];
  }

  /** The open documents whose files sit directly in a directory. */
  inDirectory(dir: string): OpenDocument[] {
    return this.all().filter((open) => open.path.slice(0, open.path.lastIndexOf('/')) === dir);
  }
}

/** The parsed file for the document's current version, re-parsing incrementally when it changed. */
export function parsedSource(open: OpenDocument): SourceFile {
  if (open.source && open.parsedVersion === open.document.version) return open.source;
  open.source = makeSourceFile(open.path, open.document.getText(), open.editedTree ?? undefined, true);
  open.editedTree = null;
  open.parsedVersion = open.document.version;
  return open.source;
}

function editTree(
  tree: Tree,
  startIndex: number,
  oldEndIndex: number,
  start: { line: number; character: number },
  oldEnd: { line: number; character: number },
  text: string,
): Tree {
  const lastBreak = text.lastIndexOf('\n');
  const lines = lastBreak < 0 ? 0 : text.split('\n').length - 1;
  const newEndPosition = lastBreak < 0 ? { row: start.line, column: start.character + text.length } : { row: start.line + lines, column: text.length - lastBreak - 1 };
  tree.edit({
    startIndex,
    oldEndIndex,
    newEndIndex: startIndex + text.length,
    startPosition: { row: start.line, column: start.character },
    oldEndPosition: { row: oldEnd.line, column: oldEnd.character },
    newEndPosition,
  });
  return tree;
}
