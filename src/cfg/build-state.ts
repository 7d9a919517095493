// The mutable state of one CFG build and the scheduling that keeps the build off the call stack.
// Compound statements do not recurse into their bodies; they push tasks, and `runTasks` pops them in
// a loop, so the JavaScript stack stays shallow however deeply the Go code nests. (A recursive walk
// overflowed at about 1,800 nested levels once V8 had optimized and inlined it.) The small block
// helpers here are shared by every statement kind.
import type { SyntaxNode } from '../parse/parser.js';
import { newBlock, openEdge, closeEdges, addEdge, type CfgBlock, type CfgEdge } from './graph.js';

/** A unit of deferred build work. */
export type Task = () => void;

/** An enclosing statement that `break` (and, for loops, `continue`) can leave. */
export interface JumpTarget {
  kind: 'loop' | 'switch' | 'select';
  labels: string[];
  breaks: CfgEdge[];
  continues: CfgEdge[];
  fallthroughs: CfgEdge[];
}

/** Everything one build reads and writes besides the syntax tree. */
export interface BuildState {
  blocks: CfgBlock[];
  exit: CfgBlock;
  defers: SyntaxNode[];
  /** The head block of each `for` statement, keyed by its node id. */
  loopHeads: Map<number, CfgBlock>;
  /** The block receiving statements; null right after a jump, until the next statement needs one. */
  current: CfgBlock | null;
  /** How many statement lists are open; bounded by the nesting limit. */
  depth: number;
  /** Work still to do, last to run first. */
  tasks: Task[];
  targets: JumpTarget[];
  labelBlocks: Map<string, CfgBlock>;
  /** Gotos seen before their label; resolved once the whole body is built. */
  pendingGotos: { from: CfgBlock; label: string }[];
  isNoReturnCall: ((call: SyntaxNode) => boolean) | undefined;
}

/** Runs scheduled tasks until none are left. */
export function runTasks(state: BuildState): void {
  for (let task = state.tasks.pop(); task; task = state.tasks.pop()) task();
}

/** Schedules `steps` to run in order, each after all the work the previous one scheduled. */
export function inSequence(state: BuildState, ...steps: Task[]): void {
  for (let index = steps.length - 1; index >= 0; index--) state.tasks.push(steps[index]!);
}

/** A fresh break/continue target for a loop, switch or select carrying `labels`. */
export function newTarget(kind: JumpTarget['kind'], labels: string[]): JumpTarget {
  return { kind, labels, breaks: [], continues: [], fallthroughs: [] };
}

/** The current block, or a fresh unreachable one when the previous statement jumped away. */
export function reachBlock(state: BuildState): CfgBlock {
  if (!state.current) state.current = newBlock(state.blocks, 'unreachable');
  return state.current;
}

/** Starts a new block that the current one (if any) falls into. */
export function startBlock(state: BuildState, label: string): CfgBlock {
  const block = newBlock(state.blocks, label);
  if (state.current) addEdge(state.current, block, 'normal');
  state.current = block;
  return block;
}

/** Continues in a new `label` block reached by `edges`, or in nothing when there are none. */
export function joinInto(state: BuildState, edges: CfgEdge[], label: string): void {
  if (edges.length === 0) {
    state.current = null;
    return;
  }
  const block = newBlock(state.blocks, label);
  closeEdges(edges, block);
  state.current = block;
}

/** Adds the open fall-through edge out of the current block to `into`, if control gets there. */
export function fallOut(state: BuildState, into: CfgEdge[]): void {
  if (state.current) into.push(openEdge(state.current, 'normal'));
}
