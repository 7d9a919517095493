// Moves a control-flow graph to another parse of the same function: the same blocks and edges, with
// every syntax node replaced by its counterpart (src/analysis/carry-over.ts finds it). It builds nothing
// and checks nothing: the caller knows the function is the same and the graph would come out the same.
import { SyntaxNode } from '../parse/syntax-node.js';
import type { Cfg, CfgBlock, CfgEdge } from './graph.js';

/** A copy of `cfg` whose nodes are `moveNode`'s counterparts; `moveNode` must know every node of the function. */
export function moveCfg(cfg: Cfg, fn: SyntaxNode, moveNode: (node: SyntaxNode) => SyntaxNode): Cfg {
  const blocks: CfgBlock[] = cfg.blocks.map((block) => ({ id: block.id, label: block.label, nodes: block.nodes.map(moveNode), succs: [], preds: [] }));
  const edges = new Map<CfgEdge, CfgEdge>();
  const moveEdge = (edge: CfgEdge): CfgEdge => {
    let moved = edges.get(edge);
    if (!moved) {
      moved = { ...edge, from: blocks[edge.from.id]!, to: blocks[edge.to.id]! };
      if (edge.cond) moved.cond = moveNode(edge.cond);
      if (edge.whole) moved.whole = moveNode(edge.whole);
      edges.set(edge, moved);
    }
    return moved;
  };
  cfg.blocks.forEach((block, index) => {
    blocks[index]!.succs = block.succs.map(moveEdge);
    blocks[index]!.preds = block.preds.map(moveEdge);
  });
  const moved: Cfg = { fn, entry: blocks[cfg.entry.id]!, exit: blocks[cfg.exit.id]!, blocks, defers: cfg.defers.map(moveNode) };
  if (cfg.loopHeads) {
    moved.loopHeads = new Map();
    // Keyed by the for statement's id (a node of the function's tree), which is new in the other parse.
    const tree = cfg.fn.tree;
    for (const [id, head] of cfg.loopHeads) moved.loopHeads.set(moveNode(new SyntaxNode(tree, id - tree.idBase)).id, blocks[head.id]!);
  }
  return moved;
}
