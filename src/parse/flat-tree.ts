// Reads a tree that tree-sitter built in its WebAssembly memory into flat typed arrays, once, right
// after parsing: per visible node, in document order, its type, flags, field, parent, next sibling,
// child count and offsets; rows and columns come from a table of line starts, built on first use. Afterwards JavaScript reads the tree with no call into
// tree-sitter. The walk follows tree-sitter's own tree cursor (lib/src/tree_cursor.c): hidden nodes are
// looked through, aliases rename and reveal nodes, and a node's field is the first non-inherited field
// map entry of it or of its hidden ancestors. It relies on the memory layout of tree-sitter 0.25 for
// 32-bit little-endian WebAssembly (subtree.h, parser.h), which package.json pins with
// web-tree-sitter; test/parser.test.ts compares the result with tree-sitter's own node API.
// It does not parse (parser.ts does) and does not hand out nodes (syntax-node.ts does).
import { HAS_ERROR, MISSING, NAMED, SyntaxNode } from './syntax-node.js';
import { lastAtOrBefore } from '../util/sorted.js';

/** tree-sitter's symbol for ERROR nodes. */
const ERROR_SYMBOL = 65535;

/** What the walk needs from the grammar, read once from its TSLanguage struct. */
export interface LanguageTables {
  /** Node type names by type id: the public symbol, or `errorType` for ERROR. */
  typeNames: string[];
  /** The type id of ERROR nodes, just past the grammar's symbols so that `typeNames` stays dense. */
  errorType: number;
  /** Field names by field id; index 0 is null. */
  fieldNames: (string | null)[];
  /** Field ids by name. */
  fieldIds: Map<string, number>;
  /** The type id of each symbol (several symbols can share a name). */
  publicSymbols: Uint16Array;
  /** Per symbol, whether a node aliased to it is named. */
  namedSymbols: Uint8Array;
  /** Address of the alias sequences, and their stride. */
  aliasSequences: number;
  maxAliasSequenceLength: number;
  /** Non-inherited field id by production id * 256 + structural child index. */
  fieldByChild: Uint16Array;
}

let nextIdBase = 1;

/** One parsed file as arrays indexed by node, the root at 0; children follow their parent. */
export class FlatTree {
  readonly text: string;
  readonly language: LanguageTables;
  /** Added to a node's index to give an id unique across the trees of this thread. */
  readonly idBase: number;
  count = 0;
  type: Uint16Array;
  flags: Uint8Array;
  field: Uint16Array;
  parent: Int32Array;
  nextSibling: Int32Array;
  childCount: Uint32Array;
  startIndex: Uint32Array;
  endIndex: Uint32Array;
  private lineStarts: Uint32Array | null = null;
  /** tree-sitter's own tree, kept only when the caller will edit and re-parse incrementally. */
  retained: { edit(edit: TreeEdit): void; delete(): void } | null = null;

  /** The root node, a new object on every read like every node. */
  get rootNode(): SyntaxNode {
    return new SyntaxNode(this, 0);
  }

  /**
   * Tells tree-sitter's retained tree about an edit of the text, for an incremental re-parse; the
   * arrays keep describing the text as parsed.
   */
  edit(edit: TreeEdit): void {
    this.retained?.edit(edit);
  }

  constructor(text: string, language: LanguageTables, capacity: number) {
    this.text = text;
    this.language = language;
    ({ type: this.type, flags: this.flags, field: this.field, parent: this.parent, nextSibling: this.nextSibling, childCount: this.childCount, startIndex: this.startIndex, endIndex: this.endIndex } = allocate(capacity));
    this.idBase = nextIdBase;
    nextIdBase += capacity + 1;
  }

  /**
   * The 0-based row and UTF-16 column of an offset. tree-sitter counts rows at '\n' only and columns
   * from the last '\n', which is what the line table gives.
   */
  position(offset: number): { row: number; column: number } {
    let starts = this.lineStarts;
    if (!starts) {
      const found = [0];
      for (let at = this.text.indexOf('\n'); at !== -1; at = this.text.indexOf('\n', at + 1)) found.push(at + 1);
      starts = this.lineStarts = Uint32Array.from(found);
    }
    // Line 0 starts at 0: an offset before it (there is none) would count as line 0.
    const row = Math.max(0, lastAtOrBefore(starts, offset));
    return { row, column: offset - starts[row]! };
  }

  /** Records the node count; ids of later trees start past it. */
  finish(count: number): void {
    this.count = count;
    nextIdBase = Math.max(nextIdBase, this.idBase + count + 1);
  }

  /** Doubles every array; only needed if tree-sitter's own node count was off. */
  grow(): void {
    const wider = allocate(this.type.length * 2 + 16);
    wider.type.set(this.type);
    wider.flags.set(this.flags);
    wider.field.set(this.field);
    wider.parent.set(this.parent);
    wider.nextSibling.set(this.nextSibling);
    wider.childCount.set(this.childCount);
    wider.startIndex.set(this.startIndex);
    wider.endIndex.set(this.endIndex);
    ({ type: this.type, flags: this.flags, field: this.field, parent: this.parent, nextSibling: this.nextSibling, childCount: this.childCount, startIndex: this.startIndex, endIndex: this.endIndex } = wider);
  }
}

/** The arrays of a tree of `capacity` nodes, as views of one buffer: one allocation per file, 25 bytes a node. */
function allocate(capacity: number) {
  const buffer = new ArrayBuffer(capacity * 25);
  return {
    startIndex: new Uint32Array(buffer, 0, capacity),
    endIndex: new Uint32Array(buffer, capacity * 4, capacity),
    parent: new Int32Array(buffer, capacity * 8, capacity),
    nextSibling: new Int32Array(buffer, capacity * 12, capacity),
    childCount: new Uint32Array(buffer, capacity * 16, capacity),
    type: new Uint16Array(buffer, capacity * 20, capacity),
    field: new Uint16Array(buffer, capacity * 22, capacity),
    flags: new Uint8Array(buffer, capacity * 24, capacity),
  };
}

/** The edit that tree-sitter's `Tree.edit` takes, in UTF-16 code units. */
export interface TreeEdit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: { row: number; column: number };
  oldEndPosition: { row: number; column: number };
  newEndPosition: { row: number; column: number };
}

/** Reads the grammar tables the walk needs from the TSLanguage struct at `address`. */
export function readLanguageTables(memory: ArrayBuffer, address: number, typeNames: string[], fieldNames: (string | null)[]): LanguageTables {
  const words = new Uint32Array(memory);
  const halves = new Uint16Array(memory);
  const bytes = new Uint8Array(memory);
  const word = (offset: number) => words[(address + offset) >>> 2]!;
  // Alias symbols are numbered after the grammar's own.
  const symbolCount = word(4) + word(8);
  const productionIdCount = word(28);
  const fieldCount = word(32);
  const maxAliasSequenceLength = halves[(address + 36) >>> 1]!;
  const fieldMapSlices = word(64);
  const fieldMapEntries = word(68);
  const symbolMetadata = word(72);
  const publicSymbolMap = word(76);
  const aliasSequences = word(84);

  const publicSymbols = new Uint16Array(65536);
  const namedSymbols = new Uint8Array(65536);
  for (let symbol = 0; symbol < symbolCount; symbol++) {
    publicSymbols[symbol] = halves[(publicSymbolMap >>> 1) + symbol]!;
    namedSymbols[symbol] = bytes[symbolMetadata + symbol * 3 + 1]!;
  }
  publicSymbols[ERROR_SYMBOL] = symbolCount;
  namedSymbols[ERROR_SYMBOL] = 1;

  const fieldByChild = new Uint16Array(productionIdCount * 256);
  if (fieldCount > 0) {
    for (let production = 0; production < productionIdCount; production++) {
      const sliceIndex = halves[(fieldMapSlices >>> 1) + production * 2]!;
      const sliceLength = halves[(fieldMapSlices >>> 1) + production * 2 + 1]!;
      for (let entry = sliceIndex; entry < sliceIndex + sliceLength; entry++) {
        const at = fieldMapEntries + entry * 4;
        const fieldId = halves[at >>> 1]!;
        const childIndex = bytes[at + 2]!;
        const inherited = bytes[at + 3]!;
        // The cursor takes the first non-inherited entry for a child.
        if (!inherited && fieldByChild[production * 256 + childIndex] === 0) fieldByChild[production * 256 + childIndex] = fieldId;
      }
    }
  }
  const names = Array.from({ length: symbolCount + 1 }, (_, symbol) => (symbol === symbolCount ? 'ERROR' : (typeNames[symbol] ?? '')));
  const fieldIds = new Map<string, number>();
  fieldNames.forEach((name, id) => {
    if (name) fieldIds.set(name, id);
  });
  return { typeNames: names, errorType: symbolCount, fieldNames, fieldIds, publicSymbols, namedSymbols, aliasSequences, maxAliasSequenceLength, fieldByChild };
}

// Walk state, reused across walks: a frame per subtree whose children are being read (parallel
// arrays), and per visible node the last child linked so far, to chain next siblings.
let frameSubtree = new Uint32Array(256);
let frameChild = new Uint32Array(256);
let frameStructural = new Uint32Array(256);
let frameProduction = new Uint32Array(256);
let frameOffset = new Uint32Array(256);
let frameVisibleParent = new Int32Array(256);
let frameInheritedField = new Uint16Array(256);
let lastChildOf = new Int32Array(1024);

function widen<T extends Uint32Array | Int32Array | Uint16Array>(array: T, make: new (size: number) => T, size: number): T {
  const wider = new make(size);
  wider.set(array);
  return wider;
}

function growFrames(): void {
  const size = frameSubtree.length * 2;
  frameSubtree = widen(frameSubtree, Uint32Array, size);
  frameChild = widen(frameChild, Uint32Array, size);
  frameStructural = widen(frameStructural, Uint32Array, size);
  frameProduction = widen(frameProduction, Uint32Array, size);
  frameOffset = widen(frameOffset, Uint32Array, size);
  frameVisibleParent = widen(frameVisibleParent, Int32Array, size);
  frameInheritedField = widen(frameInheritedField, Uint16Array, size);
}

/**
 * Flattens the TSTree at `treeAddress`. Subtrees are 8 bytes: either a pointer to heap data (lowest bit
 * 0) or an inline leaf (lowest bit 1). Offsets in the tree count bytes of UTF-16 text, so they are
 * halved into code units.
 */
export function flattenTree(memory: ArrayBuffer, treeAddress: number, text: string, language: LanguageTables): FlatTree {
  const words = new Uint32Array(memory);
  const halves = new Uint16Array(memory);
  const bytes = new Uint8Array(memory);

  // The root's position is its padding.
  const rootIsInline = (bytes[treeAddress]! & 1) === 1;
  const rootHeap = rootIsInline ? 0 : words[treeAddress >>> 2]!;
  const rootChildCount = rootHeap ? words[(rootHeap + 36) >>> 2]! : 0;
  // visible_descendant_count, valid for a node with children.
  const tree = new FlatTree(text, language, rootChildCount > 0 ? words[(rootHeap + 56) >>> 2]! + 1 : 1);
  let rootStart: number;
  let rootEnd: number;
  let rootSymbol: number;
  let rootFlags: number;
  if (rootHeap) {
    const base = rootHeap >>> 2;
    rootStart = words[base + 1]!;
    rootEnd = rootStart + words[base + 4]!;
    rootSymbol = halves[(rootHeap + 40) >>> 1]!;
    const bits = halves[(rootHeap + 44) >>> 1]!;
    rootFlags = ((bits >> 1) & 1 ? NAMED : 0) | ((bits >> 9) & 1 ? MISSING | HAS_ERROR : 0) | (words[base + 8]! > 0 ? HAS_ERROR : 0);
  } else {
    rootStart = bytes[treeAddress + 6]!;
    rootEnd = rootStart + bytes[treeAddress + 7]!;
    rootSymbol = bytes[treeAddress + 1]!;
    const bits = bytes[treeAddress]!;
    rootFlags = ((bits >> 2) & 1 ? NAMED : 0) | ((bits >> 5) & 1 ? MISSING | HAS_ERROR : 0);
  }
  tree.type[0] = language.publicSymbols[rootSymbol]!;
  tree.flags[0] = rootFlags;
  tree.parent[0] = -1;
  tree.nextSibling[0] = -1;
  tree.startIndex[0] = rootStart >>> 1;
  tree.endIndex[0] = rootEnd >>> 1;
  tree.finish(rootChildCount > 0 ? walkChildren(tree, words, halves, bytes, rootHeap, rootStart) : 1);
  return tree;
}

/**
 * Reads the visible nodes below the root, in document order, and returns the node count. Kept apart
 * from the root's setup so that the loop stays one small, well-typed function for the optimiser.
 */
function walkChildren(tree: FlatTree, words: Uint32Array, halves: Uint16Array, bytes: Uint8Array, rootHeap: number, rootStart: number): number {
  const { publicSymbols, namedSymbols, aliasSequences, maxAliasSequenceLength, fieldByChild } = tree.language;
  let { type: nodeType, flags: nodeFlags, field: nodeField, parent: nodeParent, nextSibling: nodeNext, childCount: nodeChildCount, startIndex: nodeStart, endIndex: nodeEnd } = tree;
  if (lastChildOf.length < nodeType.length) lastChildOf = new Int32Array(nodeType.length);
  lastChildOf[0] = -1;
  let count = 1;
  let depth = 0;
  frameSubtree[0] = rootHeap;
  frameChild[0] = 0;
  frameStructural[0] = 0;
  frameProduction[0] = halves[(rootHeap + 66) >>> 1]!;
  frameOffset[0] = rootStart;
  frameVisibleParent[0] = 0;
  frameInheritedField[0] = 0;

  while (depth >= 0) {
    const heap = frameSubtree[depth]!;
    const childTotal = words[(heap + 36) >>> 2]!;
    const childIndex = frameChild[depth]!;
    if (childIndex === childTotal) {
      depth--;
      continue;
    }
    // Children sit just below their parent's heap data; the first child starts where its parent does.
    const child = heap - 8 * (childTotal - childIndex);
    let start = frameOffset[depth]!;
    let visible: number;
    let named: number;
    let extra: number;
    let missing: number;
    let symbol: number;
    let size: number;
    let errorCost = 0;
    let childHeap = 0;
    let grandchildren = 0;
    if ((bytes[child]! & 1) === 1) {
      const bits = bytes[child]!;
      visible = (bits >> 1) & 1;
      named = (bits >> 2) & 1;
      extra = (bits >> 3) & 1;
      missing = (bits >> 5) & 1;
      symbol = bytes[child + 1]!;
      if (childIndex > 0) start += bytes[child + 6]!;
      size = bytes[child + 7]!;
    } else {
      childHeap = words[child >>> 2]!;
      const base = childHeap >>> 2;
      const bits = halves[(childHeap + 44) >>> 1]!;
      visible = bits & 1;
      named = (bits >> 1) & 1;
      extra = (bits >> 2) & 1;
      missing = (bits >> 9) & 1;
      symbol = halves[(childHeap + 40) >>> 1]!;
      errorCost = words[base + 8]!;
      grandchildren = words[base + 9]!;
      if (childIndex > 0) start += words[base + 1]!;
      size = words[base + 4]!;
    }

    let alias = 0;
    let ownField = 0;
    if (!extra) {
      const production = frameProduction[depth]!;
      const structural = frameStructural[depth]!;
      if (production !== 0) alias = halves[(aliasSequences >>> 1) + production * maxAliasSequenceLength + structural]!;
      if (structural < 256) ownField = fieldByChild[production * 256 + structural]!;
      frameStructural[depth] = structural + 1;
    }
    const end = start + size;
    frameChild[depth] = childIndex + 1;
    frameOffset[depth] = end;

    const field = extra ? 0 : ownField || frameInheritedField[depth]!;
    if (visible || alias) {
      if (count === nodeType.length) {
        tree.grow();
        ({ type: nodeType, flags: nodeFlags, field: nodeField, parent: nodeParent, nextSibling: nodeNext, childCount: nodeChildCount, startIndex: nodeStart, endIndex: nodeEnd } = tree);
        lastChildOf = widen(lastChildOf, Int32Array, nodeType.length);
      }
      const node = count++;
      const parent = frameVisibleParent[depth]!;
      nodeType[node] = publicSymbols[alias || symbol]!;
      nodeFlags[node] = ((alias ? namedSymbols[alias]! : named) ? NAMED : 0) | (missing ? MISSING | HAS_ERROR : 0) | (errorCost > 0 ? HAS_ERROR : 0);
      nodeField[node] = field;
      nodeParent[node] = parent;
      nodeNext[node] = -1;
      nodeStart[node] = start >>> 1;
      nodeEnd[node] = end >>> 1;
      lastChildOf[node] = -1;
      const previous = lastChildOf[parent]!;
      if (previous >= 0) nodeNext[previous] = node;
      lastChildOf[parent] = node;
      nodeChildCount[parent] = nodeChildCount[parent]! + 1;
      if (grandchildren > 0) {
        if (++depth === frameSubtree.length) growFrames();
        frameSubtree[depth] = childHeap;
        frameChild[depth] = 0;
        frameStructural[depth] = 0;
        frameProduction[depth] = halves[(childHeap + 66) >>> 1]!;
        frameOffset[depth] = start;
        frameVisibleParent[depth] = node;
        frameInheritedField[depth] = 0;
      }
    } else if (grandchildren > 0 && words[(childHeap + 48) >>> 2]! > 0) {
      // A hidden node with visible children: its children belong to the visible parent.
      const parent = frameVisibleParent[depth]!;
      if (++depth === frameSubtree.length) growFrames();
      frameSubtree[depth] = childHeap;
      frameChild[depth] = 0;
      frameStructural[depth] = 0;
      frameProduction[depth] = halves[(childHeap + 66) >>> 1]!;
      frameOffset[depth] = start;
      frameVisibleParent[depth] = parent;
      frameInheritedField[depth] = field;
    }
  }
  return count;
}

/**
 * True when the subtree of node `aIndex` in `a` and that of `bIndex` in `b` are the same tree moved:
 * the same node count, types, flags, fields and shape, with every offset shifted by one amount. A
 * function whose text did not change between two parses of its file passes this, unless error
 * recovery around it parsed it differently.
 */
export function sameSubtree(a: FlatTree, aIndex: number, aEnd: number, b: FlatTree, bIndex: number, bEnd: number): boolean {
  const count = aEnd - aIndex;
  if (count !== bEnd - bIndex || count <= 0) return false;
  const indexShift = bIndex - aIndex;
  const offsetShift = b.startIndex[bIndex]! - a.startIndex[aIndex]!;
  for (let node = aIndex; node < aEnd; node++) {
    const other = node + indexShift;
    if (a.type[node] !== b.type[other] || a.flags[node] !== b.flags[other] || a.field[node] !== b.field[other] || a.childCount[node] !== b.childCount[other]) return false;
    if (a.startIndex[node]! + offsetShift !== b.startIndex[other] || a.endIndex[node]! + offsetShift !== b.endIndex[other]) return false;
    // The subtree's own root has a parent and a next sibling outside it.
    if (node === aIndex) continue;
    if (a.parent[node]! + indexShift !== b.parent[other]) return false;
    const next = a.nextSibling[node]!;
    if ((next < 0 ? -1 : next + indexShift) !== b.nextSibling[other]) return false;
  }
  return true;
}
