// Position conversion between gocop and LSP. gocop ranges are 1-based with columns in UTF-16 code units;
// LSP positions are 0-based, with columns in the encoding negotiated at initialize (UTF-16 by default,
// UTF-8 when the client prefers it). Offsets into a text are always UTF-16 code units, as in JavaScript.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver';
import type { Range as GocopRange } from '../src/parse/source.js';

export type PositionEncoding = 'utf-8' | 'utf-16';

/** Picks the client's most preferred encoding among those gocop speaks; UTF-16 when it names none. */
export function negotiateEncoding(offered: readonly string[] | undefined): PositionEncoding {
  for (const encoding of offered ?? []) {
    if (encoding === 'utf-8' || encoding === 'utf-16') return encoding;
  }
  return 'utf-16';
}

/** Converts positions within one text, in the negotiated encoding. */
export class TextPositions {
  private readonly document: TextDocument;

  constructor(
    text: string | TextDocument,
    readonly encoding: PositionEncoding,
  ) {
    this.document = typeof text === 'string' ? TextDocument.create('file:///', 'go', 0, text) : text;
  }

  /** An LSP position for a UTF-16 offset into the text. */
  offsetToPosition(offset: number): Position {
    return this.encode(this.document.positionAt(offset));
  }

  /** The UTF-16 offset of an LSP position (clamped to the text). */
  positionToOffset(position: Position): number {
    return this.document.offsetAt(this.decode(position));
  }

  /** The LSP range of a gocop range (1-based lines, 1-based UTF-16 columns). */
  rangeToLsp(range: GocopRange): Range {
    return {
      start: this.encode({ line: range.line - 1, character: range.column - 1 }),
      end: this.encode({ line: range.endLine - 1, character: range.endColumn - 1 }),
    };
  }

  /** A position with a UTF-16 column, re-expressed in the negotiated encoding. */
  encode(position: Position): Position {
    if (this.encoding === 'utf-16') return position;
    const prefix = this.lineText(position.line).slice(0, position.character);
    return { line: position.line, character: Buffer.byteLength(prefix, 'utf8') };
  }

  /** A position in the negotiated encoding, re-expressed with a UTF-16 column. */
  decode(position: Position): Position {
    if (this.encoding === 'utf-16') return position;
    const line = this.lineText(position.line);
    let bytes = 0;
    let index = 0;
    while (index < line.length && bytes < position.character) {
      const code = line.codePointAt(index)!;
      bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      index += code >= 0x10000 ? 2 : 1;
    }
    return { line: position.line, character: index };
  }

  /** The text of a 0-based line, without its line break. */
  lineText(line: number): string {
    const text = this.document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    return text.replace(/\r?\n$|\r$/, '');
  }
}
