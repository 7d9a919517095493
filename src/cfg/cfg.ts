// Per-function control-flow graphs for Go. A graph has an entry and an exit block, blocks of simple
// statements and statement headers in evaluation order, and edges labelled with why control moves
// (a condition's outcome, a case, a loop step, a jump). Conditions joined by `&&` and `||` are split
// into one block per operand, so dataflow rules can refine facts along each edge.
//
// This module is the public face: the data types live in graph.ts, the statement walk in build.ts,
// the condition splitting in conditions.ts. The graph is syntactic: it does not resolve types, so a
// call is known never to return only when it is the builtin `panic` or the caller's `isNoReturnCall`
// says so.
export {
  CfgTooDeepError,
  type Cfg,
  type CfgBlock,
  type CfgEdge,
  type CfgOptions,
  type EdgeKind,
} from './graph.js';
export { buildCfg } from './build.js';
