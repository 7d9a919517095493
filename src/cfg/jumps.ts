// The jump statements: break, continue, goto and fallthrough. Each ends the current block with an
// edge to its target; the code after it starts an unreachable block. break and continue find their
// target among the enclosing loops, switches and selects; goto finds a label anywhere in the
// function, waiting for the end of the build when the label comes later. A jump without a valid
// target does not compile; it is treated as a no-op so the rest of the graph stays usable.
import type { SyntaxNode } from '../parse/parser.js';
import { addEdge, openEdge } from './graph.js';
import { reachBlock, type BuildState, type JumpTarget } from './build-state.js';

/** The label a break, continue or goto names, or null when it names none. */
function jumpLabel(node: SyntaxNode): string | null {
  for (const child of node.namedChildren) if (child.type === 'label_name') return child.text;
  return null;
}

/** Ends the block with an edge to the innermost (or labelled) enclosing target. */
export function buildBreakOrContinue(state: BuildState, node: SyntaxNode, isBreak: boolean): void {
  const label = jumpLabel(node);
  let target: JumpTarget | undefined;
  for (let index = state.targets.length - 1; index >= 0 && !target; index--) {
    const candidate = state.targets[index]!;
    if (!isBreak && candidate.kind !== 'loop') continue;
    if (label === null || candidate.labels.includes(label)) target = candidate;
  }
  if (!target) return;
  const edge = openEdge(reachBlock(state), isBreak ? 'break' : 'continue');
  (isBreak ? target.breaks : target.continues).push(edge);
  state.current = null;
}

/** Ends the block with a goto edge, now or once the label has been seen. */
export function buildGoto(state: BuildState, node: SyntaxNode): void {
  const label = jumpLabel(node);
  if (label === null) return;
  const block = reachBlock(state);
  state.current = null;
  const target = state.labelBlocks.get(label);
  if (target) addEdge(block, target, 'goto');
  else state.pendingGotos.push({ from: block, label });
}

/** Connects the gotos that appeared before their labels; gotos to missing labels get no edge. */
export function resolvePendingGotos(state: BuildState): void {
  for (const jump of state.pendingGotos) {
    const target = state.labelBlocks.get(jump.label);
    if (target) addEdge(jump.from, target, 'goto');
  }
}

/** `fallthrough` leaves its switch clause; the switch points the edge at the next clause's body. */
export function buildFallthrough(state: BuildState): void {
  const target = state.targets[state.targets.length - 1];
  if (!target || target.kind !== 'switch') return;
  target.fallthroughs.push(openEdge(reachBlock(state), 'fallthrough'));
  state.current = null;
}
