// A small forward dataflow solver over the CFGs from src/cfg. An analysis supplies its lattice (entry
// state, bottom, join, equality), a transfer function per CFG node, and optionally a refinement per
// edge, which is how facts such as "x is not nil" flow only along the true edge of `x != nil`.
// Blocks are visited in reverse postorder until nothing changes, with a visit cap so that a lattice
// that never settles costs bounded time (the states are then a best effort, not a fixpoint).
// Unreachable blocks keep the bottom state and are skipped. Backward analyses are not provided.
import type { SyntaxNode } from '../parse/parser.js';
import type { Cfg, CfgBlock, CfgEdge } from '../cfg/cfg.js';

/** The lattice and transfer functions of a forward analysis. States are treated as immutable. */
export interface ForwardAnalysis<S> {
  /** The state at function entry. */
  entry(): S;
  /** The state of code not reached yet (and of unreachable code); join's identity. */
  bottom(): S;
  join(a: S, b: S): S;
  equal(a: S, b: S): boolean;
  /** The state after `node`; must not mutate `state`. */
  transfer(state: S, node: SyntaxNode, block: CfgBlock): S;
  /** Refines the state flowing along an edge, typically using `edge.kind` and `edge.cond`. */
  edge?(state: S, edge: CfgEdge): S;
}

/** Per-block states, indexed by block id. */
export interface DataflowResult<S> {
  blockIn: S[];
  blockOut: S[];
  reachable: boolean[];
}

/** Visits allowed per block before the solver gives up on reaching a fixpoint. */
const VISITS_PER_BLOCK = 100;

/** Solves `analysis` over `cfg`. */
export function solveForward<S>(cfg: Cfg, analysis: ForwardAnalysis<S>): DataflowResult<S> {
  const count = cfg.blocks.length;
  const order = reversePostorder(cfg);
  const reachable = new Array<boolean>(count).fill(false);
  for (const block of order) reachable[block.id] = true;
  const blockIn: S[] = [];
  const blockOut: S[] = [];
  for (let id = 0; id < count; id++) {
    blockIn.push(analysis.bottom());
    blockOut.push(analysis.bottom());
  }

  // `computed` marks blocks whose out-state exists; joining only those avoids needing a bottom
  // that is a true identity for join on the first pass over a loop.
  const computed = new Array<boolean>(count).fill(false);
  const dirty = new Array<boolean>(count).fill(false);
  dirty[cfg.entry.id] = true;
  let dirtyCount = 1;
  let visitsLeft = VISITS_PER_BLOCK * count;
  while (dirtyCount > 0 && visitsLeft > 0) {
    for (const block of order) {
      const id = block.id;
      if (!dirty[id]) continue;
      dirty[id] = false;
      dirtyCount--;
      if (visitsLeft-- <= 0) break;

      const state = incomingState(cfg, analysis, block, blockOut, computed);
      blockIn[id] = state;
      let out = state;
      for (const node of block.nodes) out = analysis.transfer(out, node, block);
      if (computed[id] && analysis.equal(out, blockOut[id])) continue;
      blockOut[id] = out;
      computed[id] = true;
      for (const edge of block.succs) {
        const successor = edge.to.id;
        if (!dirty[successor]) {
          dirty[successor] = true;
          dirtyCount++;
        }
      }
    }
  }
  return { blockIn, blockOut, reachable };
}

function incomingState<S>(cfg: Cfg, analysis: ForwardAnalysis<S>, block: CfgBlock, blockOut: S[], computed: boolean[]): S {
  let state: S | undefined = block === cfg.entry ? analysis.entry() : undefined;
  for (const edge of block.preds) {
    const from = edge.from.id;
    if (!computed[from]) continue;
    const outState = blockOut[from];
    const along = analysis.edge ? analysis.edge(outState, edge) : outState;
    state = state === undefined ? along : analysis.join(state, along);
  }
  return state === undefined ? analysis.bottom() : state;
}

/**
 * Calls `visit` with the state just before each node of each reachable block, in block id order.
 * `result` must come from solveForward with the same analysis.
 */
export function forEachNodeState<S>(
  cfg: Cfg,
  analysis: ForwardAnalysis<S>,
  result: DataflowResult<S>,
  visit: (node: SyntaxNode, before: S, block: CfgBlock) => void,
): void {
  for (const block of cfg.blocks) {
    if (!result.reachable[block.id]) continue;
    let state = result.blockIn[block.id];
    for (const node of block.nodes) {
      visit(node, state, block);
      state = analysis.transfer(state, node, block);
    }
  }
}

/** Which blocks (by id) can be reached from the entry block. */
export function reachableBlocks(cfg: Cfg): boolean[] {
  return reach(cfg, cfg.entry, (block) => block.succs.map((edge) => edge.to));
}

/** Which blocks (by id) can reach the function's exit; blocks ending in panic or Fatal cannot. */
export function blocksReachingExit(cfg: Cfg): boolean[] {
  return reach(cfg, cfg.exit, (block) => block.preds.map((edge) => edge.from));
}

/** The blocks found from `start` by following `next`, by id (start included). */
function reach(cfg: Cfg, start: CfgBlock, next: (block: CfgBlock) => CfgBlock[]): boolean[] {
  const reached = new Array<boolean>(cfg.blocks.length).fill(false);
  reached[start.id] = true;
  const stack = [start];
  for (let block = stack.pop(); block; block = stack.pop()) {
    for (const neighbour of next(block)) {
      if (reached[neighbour.id]) continue;
      reached[neighbour.id] = true;
      stack.push(neighbour);
    }
  }
  return reached;
}

/** The blocks reachable from entry, in reverse postorder of a depth-first walk (no recursion). */
function reversePostorder(cfg: Cfg): CfgBlock[] {
  const postorder: CfgBlock[] = [];
  const seen = new Array<boolean>(cfg.blocks.length).fill(false);
  const stack: { block: CfgBlock; next: number }[] = [{ block: cfg.entry, next: 0 }];
  seen[cfg.entry.id] = true;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const edge = top.block.succs[top.next++];
    if (!edge) {
      postorder.push(top.block);
      stack.pop();
    } else if (!seen[edge.to.id]) {
      seen[edge.to.id] = true;
      stack.push({ block: edge.to, next: 0 });
    }
  }
  return postorder.reverse();
}
