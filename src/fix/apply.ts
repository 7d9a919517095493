// Which suggested fixes to apply together, and applying them to a file's text: what `gocop --fix` and
// the language server's `source.fixAll.gocop` share. The first fix of each finding is taken, in the
// findings' order, unless one of its edits overlaps (or starts where) an edit already taken: a fix is
// applied whole or not at all. Nothing here reads or writes files.
import type { Diagnostic, TextEdit } from '../diagnostic.js';

export interface ChosenFixes {
  /** The edits to apply, from every chosen fix, in the order chosen. */
  edits: TextEdit[];
  /** The findings whose first fix was chosen. */
  fixed: Diagnostic[];
}

function collide(edit: TextEdit, other: TextEdit): boolean {
  return other.file === edit.file && ((edit.startIndex < other.endIndex && other.startIndex < edit.endIndex) || edit.startIndex === other.startIndex);
}

/** The first fix of every finding whose edits do not collide with a fix chosen before it. */
export function chooseFixes(findings: readonly Diagnostic[]): ChosenFixes {
  const edits: TextEdit[] = [];
  const fixed: Diagnostic[] = [];
  for (const finding of findings) {
    const fix = finding.fixes[0];
    if (!fix || fix.edits.length === 0) continue;
    if (fix.edits.some((edit) => edits.some((other) => collide(edit, other)))) continue;
    edits.push(...fix.edits);
    fixed.push(finding);
  }
  return { edits, fixed };
}

/** The edits grouped by file, in the order the files first appear. */
export function editsByFile(edits: readonly TextEdit[]): Map<string, TextEdit[]> {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of edits) {
    const list = byFile.get(edit.file);
    if (list) list.push(edit);
    else byFile.set(edit.file, [edit]);
  }
  return byFile;
}

/**
 * Applies non-overlapping edits (UTF-16 offsets into `text`). Edits are applied from the end of the
 * text backwards; of two insertions at one offset, the one listed first ends up first, as in LSP.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.startIndex - a.edit.startIndex || b.index - a.index);
  let result = text;
  for (const { edit } of ordered) result = result.slice(0, edit.startIndex) + edit.newText + result.slice(edit.endIndex);
  return result;
}
