// A plain-text rendering of a CFG for golden tests and debugging: one paragraph per block in id
// order, with each node's source text on one line and the outgoing edges. The format is stable on
// purpose; it carries no positions, so unrelated edits around a function do not change it.
import type { SyntaxNode } from '../parse/parser.js';
import type { Cfg } from './graph.js';

const MAX_NODE_TEXT = 70;

/** Renders `cfg` as text, starting with a `func <name>` line. */
export function dumpCfg(cfg: Cfg): string {
  const lines = [`func ${functionName(cfg.fn)}`];
  for (const block of cfg.blocks) {
    lines.push(`b${block.id} ${block.label}`);
    for (const node of block.nodes) lines.push(`  ${nodeText(node)}`);
    const successors = block.succs.map((edge) => `b${edge.to.id} ${edge.kind}`);
    lines.push(`  -> ${successors.length > 0 ? successors.join(', ') : '(none)'}`);
  }
  return `${lines.join('\n')}\n`;
}

function functionName(fn: SyntaxNode): string {
  const name = fn.type === 'func_literal' ? null : fn.childForFieldName('name');
  return name ? name.text : `literal@${fn.startPosition.row + 1}`;
}

function nodeText(node: SyntaxNode): string {
  const text = node.text.replace(/\s+/g, ' ').trim();
  return text.length > MAX_NODE_TEXT ? `${text.slice(0, MAX_NODE_TEXT - 1)}…` : text;
}
