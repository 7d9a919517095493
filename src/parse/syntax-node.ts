// The syntax node rules and analyses use: a tree and an index into its flat arrays, with the members
// of tree-sitter's node API that gocop reads, answered from those arrays in JavaScript. Nodes are
// small and made on demand, so the same node read twice is two objects: compare nodes by `id`.
// It does not build the arrays (flat-tree.ts does).
import type { FlatTree } from './flat-tree.js';

/** Node flags in FlatTree.flags. */
export const NAMED = 1;
export const MISSING = 2;
export const HAS_ERROR = 4;

export interface Point {
  row: number;
  column: number;
}

/** Node type masks by the list of names asked for, since rules ask for the same lists again and again. */
const typeMasks = new WeakMap<FlatTree['language'], Map<string, Uint8Array>>();

function typeMask(tree: FlatTree, types: string | readonly string[]): Uint8Array {
  const list = typeof types === 'string' ? [types] : types;
  const key = list.length === 1 ? list[0]! : list.join(' ');
  let masks = typeMasks.get(tree.language);
  if (!masks) {
    masks = new Map();
    typeMasks.set(tree.language, masks);
  }
  let mask = masks.get(key);
  if (!mask) {
    mask = new Uint8Array(tree.language.typeNames.length);
    // A name can belong to several symbols (a keyword and a named node, say): match them all, by name.
    const wanted = new Set(list);
    tree.language.typeNames.forEach((name, symbol) => {
      if (wanted.has(name)) mask![symbol] = 1;
    });
    masks.set(key, mask);
  }
  return mask;
}

export class SyntaxNode {
  readonly tree: FlatTree;
  readonly index: number;

  constructor(tree: FlatTree, index: number) {
    this.tree = tree;
    this.index = index;
  }

  /** Unique among the nodes of all trees parsed in this thread. */
  get id(): number {
    return this.tree.idBase + this.index;
  }

  get type(): string {
    return this.tree.language.typeNames[this.tree.type[this.index]!]!;
  }

  get isNamed(): boolean {
    return (this.tree.flags[this.index]! & NAMED) !== 0;
  }

  get isMissing(): boolean {
    return (this.tree.flags[this.index]! & MISSING) !== 0;
  }

  get isError(): boolean {
    return this.tree.type[this.index] === this.tree.language.errorType;
  }

  get hasError(): boolean {
    return (this.tree.flags[this.index]! & HAS_ERROR) !== 0;
  }

  get startIndex(): number {
    return this.tree.startIndex[this.index]!;
  }

  get endIndex(): number {
    return this.tree.endIndex[this.index]!;
  }

  get startPosition(): Point {
    return this.tree.position(this.tree.startIndex[this.index]!);
  }

  get endPosition(): Point {
    return this.tree.position(this.tree.endIndex[this.index]!);
  }

  get text(): string {
    return this.tree.text.slice(this.tree.startIndex[this.index], this.tree.endIndex[this.index]);
  }

  get parent(): SyntaxNode | null {
    return this.at(this.tree.parent[this.index]!);
  }

  get childCount(): number {
    return this.tree.childCount[this.index]!;
  }

  get namedChildCount(): number {
    let count = 0;
    for (let child = this.firstChildIndex(); child >= 0; child = this.tree.nextSibling[child]!) if (this.tree.flags[child]! & NAMED) count++;
    return count;
  }

  get children(): SyntaxNode[] {
    const found: SyntaxNode[] = [];
    for (let child = this.firstChildIndex(); child >= 0; child = this.tree.nextSibling[child]!) found.push(new SyntaxNode(this.tree, child));
    return found;
  }

  get namedChildren(): SyntaxNode[] {
    const found: SyntaxNode[] = [];
    for (let child = this.firstChildIndex(); child >= 0; child = this.tree.nextSibling[child]!) {
      if (this.tree.flags[child]! & NAMED) found.push(new SyntaxNode(this.tree, child));
    }
    return found;
  }

  child(index: number): SyntaxNode | null {
    let child = this.firstChildIndex();
    for (let skipped = 0; child >= 0 && skipped < index; skipped++) child = this.tree.nextSibling[child]!;
    return index >= 0 ? this.at(child) : null;
  }

  namedChild(index: number): SyntaxNode | null {
    if (index < 0) return null;
    let seen = 0;
    for (let child = this.firstChildIndex(); child >= 0; child = this.tree.nextSibling[child]!) {
      if (this.tree.flags[child]! & NAMED && seen++ === index) return new SyntaxNode(this.tree, child);
    }
    return null;
  }

  get firstChild(): SyntaxNode | null {
    return this.at(this.firstChildIndex());
  }

  get lastChild(): SyntaxNode | null {
    let last = -1;
    for (let child = this.firstChildIndex(); child >= 0; child = this.tree.nextSibling[child]!) last = child;
    return this.at(last);
  }

  get firstNamedChild(): SyntaxNode | null {
    return this.namedChild(0);
  }

  get lastNamedChild(): SyntaxNode | null {
    let last = -1;
    for (let child = this.firstChildIndex(); child >= 0; child = this.tree.nextSibling[child]!) if (this.tree.flags[child]! & NAMED) last = child;
    return this.at(last);
  }

  get nextSibling(): SyntaxNode | null {
    return this.at(this.nextIndex(false));
  }

  get nextNamedSibling(): SyntaxNode | null {
    return this.at(this.nextIndex(true));
  }

  get previousSibling(): SyntaxNode | null {
    return this.at(this.previousIndex(false));
  }

  get previousNamedSibling(): SyntaxNode | null {
    return this.at(this.previousIndex(true));
  }

  /** The first child in the field, or null. */
  childForFieldName(name: string): SyntaxNode | null {
    const field = this.tree.language.fieldIds.get(name);
    if (field === undefined) return null;
    for (let child = this.firstChildIndex(); child >= 0; child = this.tree.nextSibling[child]!) {
      if (this.tree.field[child] === field) return new SyntaxNode(this.tree, child);
    }
    return null;
  }

  /** Every child in the field, in order. */
  childrenForFieldName(name: string): SyntaxNode[] {
    const found: SyntaxNode[] = [];
    const field = this.tree.language.fieldIds.get(name);
    if (field === undefined) return found;
    for (let child = this.firstChildIndex(); child >= 0; child = this.tree.nextSibling[child]!) {
      if (this.tree.field[child] === field) found.push(new SyntaxNode(this.tree, child));
    }
    return found;
  }

  /** This node and its descendants of the given types, in document order. */
  descendantsOfType(types: string | readonly string[]): SyntaxNode[] {
    const mask = typeMask(this.tree, types);
    const kinds = this.tree.type;
    const found: SyntaxNode[] = [];
    const end = this.subtreeEnd();
    for (let node = this.index; node < end; node++) if (mask[kinds[node]!]) found.push(new SyntaxNode(this.tree, node));
    return found;
  }

  /** The nearest proper ancestor of one of the given types. */
  closest(types: string | readonly string[]): SyntaxNode | null {
    const mask = typeMask(this.tree, types);
    for (let node = this.tree.parent[this.index]!; node >= 0; node = this.tree.parent[node]!) {
      if (mask[this.tree.type[node]!]) return new SyntaxNode(this.tree, node);
    }
    return null;
  }

  /** The smallest node inside this one that spans [start, end], as tree-sitter finds it; this node for an inverted range. */
  descendantForIndex(start: number, end = start): SyntaxNode {
    return this.descendantFor(start, end, false);
  }

  /** The smallest named node inside this one that spans [start, end]. */
  namedDescendantForIndex(start: number, end = start): SyntaxNode {
    return this.descendantFor(start, end, true);
  }

  /**
   * The S-expression tree-sitter writes for a node: named nodes with their fields, and MISSING nodes,
   * except MISSING hidden tokens, which the flat tree does not hold.
   */
  toString(): string {
    const tree = this.tree;
    const parts: string[] = [];
    const write = (node: number): void => {
      const name = tree.language.typeNames[tree.type[node]!]!;
      const named = (tree.flags[node]! & NAMED) !== 0;
      if (tree.flags[node]! & MISSING) {
        parts.push(`(MISSING ${named ? name : JSON.stringify(name)})`);
        return;
      }
      parts.push(`(${name}`);
      for (let child = tree.childCount[node]! > 0 ? node + 1 : -1; child >= 0; child = tree.nextSibling[child]!) {
        if (!(tree.flags[child]! & (NAMED | MISSING))) continue;
        const field = tree.language.fieldNames[tree.field[child]!];
        parts.push(field ? ` ${field}: ` : ' ');
        write(child);
      }
      parts.push(')');
    };
    write(this.index);
    return parts.join('');
  }

  private at(index: number): SyntaxNode | null {
    return index >= 0 ? new SyntaxNode(this.tree, index) : null;
  }

  /** Children directly follow their parent in the arrays. */
  private firstChildIndex(): number {
    return this.tree.childCount[this.index]! > 0 ? this.index + 1 : -1;
  }

  // As tree-sitter's ts_node__next_sibling, which passes over siblings that end where this node ends
  // (a zero-width MISSING node right after it).
  private nextIndex(named: boolean): number {
    const end = this.tree.endIndex[this.index]!;
    let sibling = this.tree.nextSibling[this.index]!;
    while (sibling >= 0 && ((named && !(this.tree.flags[sibling]! & NAMED)) || this.tree.endIndex[sibling]! <= end)) sibling = this.tree.nextSibling[sibling]!;
    return sibling;
  }

  private previousIndex(named: boolean): number {
    const parent = this.tree.parent[this.index]!;
    if (parent < 0) return -1;
    let previous = -1;
    for (let child = parent + 1; child !== this.index && child >= 0; child = this.tree.nextSibling[child]!) {
      if (!named || this.tree.flags[child]! & NAMED) previous = child;
    }
    return previous;
  }

  /** The index just past this node's last descendant. */
  private subtreeEnd(): number {
    for (let node = this.index; node >= 0; node = this.tree.parent[node]!) {
      const next = this.tree.nextSibling[node]!;
      if (next >= 0) return next;
    }
    return this.tree.count;
  }

  // tree-sitter's ts_node__descendant_for_byte_range over visible children: descend into the first child
  // that ends at or after `end` and past `start` (or at it, when empty) and does not start after `start`.
  private descendantFor(start: number, end: number, named: boolean): SyntaxNode {
    const tree = this.tree;
    let node = this.index;
    let found = node;
    for (let descended = start <= end; descended; ) {
      descended = false;
      for (let child = tree.childCount[node]! > 0 ? node + 1 : -1; child >= 0; child = tree.nextSibling[child]!) {
        const childEnd = tree.endIndex[child]!;
        if (childEnd < end) continue;
        const childStart = tree.startIndex[child]!;
        if (childStart === childEnd ? childEnd < start : childEnd <= start) continue;
        if (start < childStart) break;
        node = child;
        if (!named || tree.flags[child]! & NAMED) found = child;
        descended = true;
        break;
      }
    }
    return new SyntaxNode(tree, found);
  }
}
