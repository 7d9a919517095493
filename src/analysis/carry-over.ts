// How one lint of a package corresponds to the previous lint of the same package, so that facts of the
// functions an edit did not touch can be moved to the new trees instead of being computed again (the
// language server lints the package again on every edit). Two lints correspond only when the package
// has the same files and the same declarations: every top-level declaration has the same text, function
// bodies aside, in the same order (blank space between declarations does not count). Then the two
// packages have the same functions, types and vars in the same order, every name resolves alike, and
// a function whose text is unchanged (and whose subtree is the same tree, moved) has the same syntax
// node for node: its facts hold for its new nodes, once moved. A node of a changed function has no
// counterpart. This module only maps functions and nodes; which facts may move, and what else they
// rest on, is for each analysis to say.
import { sameSubtree, type FlatTree } from '../parse/flat-tree.js';
import { SyntaxNode } from '../parse/syntax-node.js';
import { lastAtOrBefore } from '../util/sorted.js';
import type { SourceFile } from '../parse/source.js';
import type { FuncInfo, GoPackage } from '../index/package-index.js';
import type { PackageAnalyses } from './context.js';

/** A file's top-level nodes, with the text of each one's declaration (function bodies cut out). */
interface FileOutline {
  /** Node index of each top-level node, in order. */
  starts: number[];
  /** Node index just past each top-level node's subtree. */
  ends: number[];
  /** The declarations of the file, joined: what must match for two lints to correspond. */
  declarations: string;
}

/** A parsed file's outline depends on its text alone, so it lives as long as the file. */
const outlines = new WeakMap<SourceFile, FileOutline>();

function outlineOf(file: SourceFile): FileOutline {
  let outline = outlines.get(file);
  if (outline) return outline;
  const tree = file.tree;
  const starts: number[] = [];
  const ends: number[] = [];
  const parts: string[] = [];
  const language = tree.language;
  const bodyField = language.fieldIds.get('body');
  for (let node = tree.childCount[0]! > 0 ? 1 : -1; node >= 0; node = tree.nextSibling[node]!) {
    const next = tree.nextSibling[node]!;
    const end = next >= 0 ? next : tree.count;
    starts.push(node);
    ends.push(end);
    const type = language.typeNames[tree.type[node]!]!;
    let text = file.text.slice(tree.startIndex[node], tree.endIndex[node]);
    if (type === 'function_declaration' || type === 'method_declaration') {
      for (let child = tree.childCount[node]! > 0 ? node + 1 : -1; child >= 0; child = tree.nextSibling[child]!) {
        if (tree.field[child] !== bodyField) continue;
        const from = tree.startIndex[child]! - tree.startIndex[node]!;
        text = `${text.slice(0, from)}{}${text.slice(tree.endIndex[child]! - tree.startIndex[node]!)}`;
      }
    }
    parts.push(`${type}\u0001${text}`);
  }
  outline = { starts, ends, declarations: parts.join('\u0000') };
  outlines.set(file, outline);
  return outline;
}

/** Where one top-level node of a file was in the previous lint's tree, when its subtree did not change. */
interface Moved {
  oldTree: FlatTree;
  oldStart: number;
  newStart: number;
  size: number;
}

/** The correspondence of one file between two lints: per top-level node, the move, or null when it changed. */
interface FileCorrespondence {
  oldFile: SourceFile;
  newFile: SourceFile;
  /** Per top-level node, in order; null for a changed one. */
  moves: Array<Moved | null>;
  oldStarts: number[];
  newStarts: number[];
}

export class PackageCorrespondence {
  private readonly byOldTree = new Map<FlatTree, FileCorrespondence>();
  private readonly byNewTree = new Map<FlatTree, FileCorrespondence>();
  private readonly functionIndex = new Map<FuncInfo, number>();
  private readonly previousIndex = new Map<FuncInfo, number>();
  /** Trees of the files both lints share. */
  private readonly sharedTrees = new Set<FlatTree>();

  private constructor(
    readonly previous: GoPackage,
    readonly current: GoPackage,
  ) {
    previous.functions.forEach((fn, index) => this.previousIndex.set(fn, index));
    current.functions.forEach((fn, index) => this.functionIndex.set(fn, index));
  }

  /** The correspondence of two lints of a package, or null when their files or declarations differ. */
  static between(previous: GoPackage, current: GoPackage): PackageCorrespondence | null {
    if (previous.files.length !== current.files.length || previous.functions.length !== current.functions.length) return null;
    const files: FileCorrespondence[] = [];
    const shared: FlatTree[] = [];
    for (let index = 0; index < current.files.length; index++) {
      const oldFile = previous.files[index]!;
      const newFile = current.files[index]!;
      if (oldFile.path !== newFile.path) return null;
      if (oldFile === newFile) {
        shared.push(newFile.tree);
        continue;
      }
      const oldOutline = outlineOf(oldFile);
      const newOutline = outlineOf(newFile);
      if (oldOutline.declarations !== newOutline.declarations) return null;
      const moves = newOutline.starts.map((newStart, position): Moved | null => {
        const oldStart = oldOutline.starts[position]!;
        const oldEnd = oldOutline.ends[position]!;
        const newEnd = newOutline.ends[position]!;
        const oldTree = oldFile.tree;
        const newTree = newFile.tree;
        const oldText = oldFile.text.slice(oldTree.startIndex[oldStart], oldTree.endIndex[oldStart]);
        const newText = newFile.text.slice(newTree.startIndex[newStart], newTree.endIndex[newStart]);
        if (oldText !== newText || !sameSubtree(oldTree, oldStart, oldEnd, newTree, newStart, newEnd)) return null;
        return { oldTree, oldStart, newStart, size: oldEnd - oldStart };
      });
      files.push({ oldFile, newFile, moves, oldStarts: oldOutline.starts, newStarts: newOutline.starts });
    }
    const correspondence = new PackageCorrespondence(previous, current);
    for (const tree of shared) correspondence.sharedTrees.add(tree);
    for (const file of files) {
      correspondence.byOldTree.set(file.oldFile.tree, file);
      correspondence.byNewTree.set(file.newFile.tree, file);
    }
    return correspondence;
  }

  /** True when both lints read the very same parse of a file (it did not change). */
  sharesFile(file: SourceFile): boolean {
    return this.sharedTrees.has(file.tree);
  }

  /** This lint's function at the place of a function of the previous lint (the same declaration). */
  functionOf(old: FuncInfo): FuncInfo {
    return this.current.functions[this.previousIndex.get(old)!]!;
  }

  /** The previous lint's function at the place of `fn` when its text and tree did not change; else null. */
  unchangedPrevious(fn: FuncInfo): FuncInfo | null {
    const index = this.functionIndex.get(fn);
    if (index === undefined) return null;
    const old = this.previous.functions[index]!;
    return this.previousNodeOf(fn.node) ? old : null;
  }

  /** This lint's node at the place of a node of the previous lint, or null when the node's declaration changed. */
  nodeOf(old: SyntaxNode): SyntaxNode | null {
    const file = this.byOldTree.get(old.tree);
    if (!file) return this.sharedTrees.has(old.tree) ? old : null;
    const move = file.moves[lastAtOrBefore(file.oldStarts, old.index)];
    return move ? new SyntaxNode(file.newFile.tree, old.index - move.oldStart + move.newStart) : null;
  }

  /** The previous lint's node at the place of a node of this lint, or null when the node's declaration changed. */
  previousNodeOf(node: SyntaxNode): SyntaxNode | null {
    const file = this.byNewTree.get(node.tree);
    if (!file) return this.sharedTrees.has(node.tree) ? node : null;
    const move = file.moves[lastAtOrBefore(file.newStarts, node.index)];
    return move ? new SyntaxNode(move.oldTree, node.index - move.newStart + move.oldStart) : null;
  }
}

/**
 * A fact of a top-level function that rests only on its own text and its file's declarations (its doc
 * comment, say) and holds no nodes: kept per parsed function for as long as the function lives (a
 * sibling file's functions live across lints), and carried to the function's next parse when the two
 * lints correspond and the function is unchanged.
 */
export function functionFact<V>(analyses: PackageAnalyses, facts: WeakMap<FuncInfo, V>, fn: FuncInfo, compute: () => V): V {
  if (facts.has(fn)) return facts.get(fn)!;
  const old = analyses.carried()?.correspondence.unchangedPrevious(fn);
  const value = old && facts.has(old) ? facts.get(old)! : compute();
  facts.set(fn, value);
  return value;
}

/**
 * The per-file parts of one analysis that rest on the file's text, the package's declarations and a
 * key (what else the part was computed for) alone, never on another file's function bodies; kept per
 * lint. A lint that corresponds to the previous one takes the parts of the files both share from it
 * when the key is the same, moved by `move` when they name functions (which may be new objects),
 * instead of computing them again.
 */
export class FileParts<T> {
  private readonly byLint = new WeakMap<PackageAnalyses, Map<SourceFile, { key: string; part: T }>>();

  constructor(private readonly move: (part: T, correspondence: PackageCorrespondence) => T = (part) => part) {}

  get(analyses: PackageAnalyses, file: SourceFile, key: string, compute: () => T): T {
    let parts = this.byLint.get(analyses);
    if (!parts) {
      parts = new Map();
      this.byLint.set(analyses, parts);
    }
    const mine = parts.get(file);
    if (mine?.key === key) return mine.part;
    const carry = analyses.carried();
    const old = carry?.correspondence.sharesFile(file) ? this.byLint.get(carry.previous)?.get(file) : undefined;
    const part = old?.key === key ? this.move(old.part, carry!.correspondence) : compute();
    parts.set(file, { key, part });
    return part;
  }
}
