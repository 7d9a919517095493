// Loops in a control-flow graph: the block holding a node, and the natural loop of a loop head (the
// blocks that reach a back edge into the head without passing through it). It finds loops only; what a
// loop does is each caller's question.
import type { SyntaxNode } from '../parse/parser.js';
import type { Cfg, CfgBlock } from './cfg.js';

/** The block whose statements contain `node`, or null when no block holds it. */
export function blockOf(cfg: Cfg, node: SyntaxNode): CfgBlock | null {
  for (const block of cfg.blocks) {
    for (const candidate of block.nodes) {
      if (candidate.startIndex <= node.startIndex && candidate.endIndex >= node.endIndex) return block;
    }
  }
  return null;
}

/** Blocks of the natural loop of `head`: those that reach a back edge into it without passing it. */
export function naturalLoop(head: CfgBlock): Set<number> {
  const members = new Set<number>([head.id]);
  const stack: CfgBlock[] = [];
  for (const edge of head.preds) {
    if (edge.from.id >= head.id && !members.has(edge.from.id)) {
      members.add(edge.from.id);
      stack.push(edge.from);
    }
  }
  for (let block = stack.pop(); block; block = stack.pop()) {
    for (const edge of block.preds) {
      if (members.has(edge.from.id)) continue;
      members.add(edge.from.id);
      stack.push(edge.from);
    }
  }
  return members;
}
