// The control-flow graph data types and the two primitives every builder step uses: making a block
// and joining two blocks with an edge. Edges may be created before their target exists ("pending"
// edges, see `openEdge`) so that blocks get ids in source order even when a jump points forward.
// Nothing here knows about Go syntax; the statement walk lives in build.ts.
import type { SyntaxNode } from '../parse/parser.js';

/** Why control moves along an edge. */
export type EdgeKind =
  | 'normal'
  | 'true'
  | 'false'
  | 'case'
  | 'default'
  | 'range-next'
  | 'range-done'
  | 'break'
  | 'continue'
  | 'goto'
  | 'fallthrough'
  | 'return';

/** A directed edge; `cond` is the atomic condition (true/false) or case value (case) it depends on. */
export interface CfgEdge {
  from: CfgBlock;
  to: CfgBlock;
  kind: EdgeKind;
  cond?: SyntaxNode;
  /** On true/false edges of a split condition: the whole `if` or `for` condition that `cond` is part of. */
  whole?: SyntaxNode;
  /** The operator joining `cond` to the rest of `whole` (`mixed` when both or neither); null when `cond` is `whole`. */
  chain?: '&&' | '||' | 'mixed' | null;
}

/** A straight-line run of simple statements and statement headers, in evaluation order. */
export interface CfgBlock {
  id: number;
  label: string;
  nodes: SyntaxNode[];
  succs: CfgEdge[];
  preds: CfgEdge[];
}

/** The graph of one function body. `defers` lists the defer statements in source order. */
export interface Cfg {
  fn: SyntaxNode;
  entry: CfgBlock;
  exit: CfgBlock;
  blocks: CfgBlock[];
  defers: SyntaxNode[];
  /** The head block of each `for` statement, keyed by the for_statement node's id (loop analyses). */
  loopHeads?: Map<number, CfgBlock>;
}

export interface CfgOptions {
  /** True for a call (the whole expression of an expression statement) that never returns. */
  isNoReturnCall?: (call: SyntaxNode) => boolean;
}

/** Thrown instead of overflowing the stack on absurdly nested functions (usually generated code). */
export class CfgTooDeepError extends Error {
  readonly limit: number;
  constructor(limit = 2000) {
    super(`function nests statements more than ${limit} levels deep`);
    this.name = 'CfgTooDeepError';
    this.limit = limit;
  }
}

/** Appends a new, unconnected block to `blocks`; its id is its index. */
export function newBlock(blocks: CfgBlock[], label: string): CfgBlock {
  const block: CfgBlock = { id: blocks.length, label, nodes: [], succs: [], preds: [] };
  blocks.push(block);
  return block;
}

/** Connects two blocks. */
export function addEdge(from: CfgBlock, to: CfgBlock, kind: EdgeKind, cond?: SyntaxNode): CfgEdge {
  const edge: CfgEdge = cond ? { from, to, kind, cond } : { from, to, kind };
  from.succs.push(edge);
  to.preds.push(edge);
  return edge;
}

/**
 * Adds an edge whose target is not known yet. It takes its place in `from.succs` now, so successor
 * order follows evaluation order; `closeEdges` must later give it a target.
 */
export function openEdge(from: CfgBlock, kind: EdgeKind, cond?: SyntaxNode): CfgEdge {
  const edge = { from, kind, cond } as CfgEdge;
  if (!cond) delete edge.cond;
  from.succs.push(edge);
  return edge;
}

/** Points open edges at `to`. Edges are added to `to.preds` in block order, whatever list order. */
export function closeEdges(edges: CfgEdge[], to: CfgBlock): void {
  if (edges.length > 1) edges.sort((a, b) => a.from.id - b.from.id);
  for (const edge of edges) {
    edge.to = to;
    to.preds.push(edge);
  }
}
