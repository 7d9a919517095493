// Splits a branch condition into short-circuit blocks: for `a && b` the block evaluating `a` gets a
// 'true' edge to a new 'cond' block evaluating `b`, and both atomic tests get 'false' edges to the
// false target. Only `&&` and `||` (through parentheses) are split; `!x`, comparisons and calls are
// atomic. The walk uses an explicit stack, so a generated chain of ten thousand `||` terms cannot
// overflow the call stack. It never looks inside atomic conditions.
import type { SyntaxNode } from '../parse/parser.js';
import { closeEdges, newBlock, openEdge, type CfgBlock, type CfgEdge } from './graph.js';

/** The still-open edges leaving a condition: the caller points them at the true and false targets. */
export interface ConditionExits {
  whenTrue: CfgEdge[];
  whenFalse: CfgEdge[];
}

const SCAN_LIMIT = 256;

type Chain = '&&' | '||' | 'mixed' | null;

type Step =
  | { kind: 'evaluate'; expression: SyntaxNode; block: CfgBlock; chain: Chain }
  | { kind: 'right'; operator: string; right: SyntaxNode; chain: Chain }
  | { kind: 'combine'; operator: string; left: ConditionExits };

/**
 * Emits the tests of `condition` starting in `start`, creating 'cond' blocks for right-hand operands
 * in evaluation order. A missing condition (a syntax error) becomes one test without a `cond` node.
 */
export function branchOnCondition(condition: SyntaxNode | null, start: CfgBlock, blocks: CfgBlock[]): ConditionExits {
  if (!condition) return { whenTrue: [openEdge(start, 'true')], whenFalse: [openEdge(start, 'false')] };
  const steps: Step[] = [{ kind: 'evaluate', expression: condition, block: start, chain: null }];
  const results: ConditionExits[] = [];
  for (let step = steps.pop(); step; step = steps.pop()) {
    if (step.kind === 'evaluate') {
      const expression = stripParentheses(step.expression);
      const operands = expression.type === 'binary_expression' ? shortCircuitOperands(expression) : null;
      if (operands) {
        const chain = joinChain(step.chain, operands.operator);
        steps.push({ kind: 'right', operator: operands.operator, right: operands.right, chain });
        steps.push({ kind: 'evaluate', expression: operands.left, block: step.block, chain });
      } else {
        step.block.nodes.push(expression);
        // Recorded here, top-down, so analyses need not climb back up with `parent` (O(depth) each).
        const chain = expression.id === condition.id ? null : (step.chain ?? 'mixed');
        const whenTrue = openEdge(step.block, 'true', expression);
        const whenFalse = openEdge(step.block, 'false', expression);
        for (const edge of [whenTrue, whenFalse]) {
          edge.whole = condition;
          edge.chain = chain;
        }
        results.push({ whenTrue: [whenTrue], whenFalse: [whenFalse] });
      }
    } else if (step.kind === 'right') {
      const left = results.pop()!;
      const rightBlock = newBlock(blocks, 'cond');
      // `a && b` evaluates b only when a is true; `a || b` only when a is false.
      closeEdges(step.operator === '&&' ? left.whenTrue : left.whenFalse, rightBlock);
      steps.push({ kind: 'combine', operator: step.operator, left });
      steps.push({ kind: 'evaluate', expression: step.right, block: rightBlock, chain: step.chain });
    } else {
      const right = results.pop()!;
      const left = step.left;
      results.push(
        step.operator === '&&'
          ? { whenTrue: right.whenTrue, whenFalse: concatenate(left.whenFalse, right.whenFalse) }
          : { whenTrue: concatenate(left.whenTrue, right.whenTrue), whenFalse: right.whenFalse },
      );
    }
  }
  return results[0];
}

function joinChain(chain: Chain, operator: string): Chain {
  const own = operator === '&&' || operator === '||' ? operator : 'mixed';
  return chain === null || chain === own ? own : 'mixed';
}

function stripParentheses(node: SyntaxNode): SyntaxNode {
  let current = node;
  for (let type = current.type; type === 'parenthesized_expression'; type = current.type) {
    const inner = current.namedChild(0);
    if (!inner) break;
    current = inner;
  }
  return current;
}

/**
 * The operands of a top-level `&&` or `||`, or null for an atomic condition. Reading the operator
 * from the source text between the operands avoids materializing the operator token: creating a
 * node object is the expensive part of the native binding, and most conditions are atomic.
 */
function shortCircuitOperands(node: SyntaxNode): { operator: string; left: SyntaxNode; right: SyntaxNode } | null {
  const text = node.text;
  // Short texts without either operator are atomic; long ones skip the scan to stay linear.
  if (text.length < SCAN_LIMIT && !text.includes('&&') && !text.includes('||')) return null;
  let left: SyntaxNode | null = null;
  let right: SyntaxNode | null = null;
  for (const child of node.namedChildren) {
    if (child.type === 'comment') continue;
    if (!left) left = child;
    else right = child;
  }
  if (!left || !right) return null;
  const start = node.startIndex;
  let operator = text.slice(left.endIndex - start, right.startIndex - start).trim();
  if (operator.includes('/')) operator = node.childForFieldName('operator')?.type ?? '';
  return operator === '&&' || operator === '||' ? { operator, left, right } : null;
}

// Appends the shorter list to the longer one, so long chains cost linear time whichever way they
// lean. The order inside does not matter: closeEdges sorts by block id.
function concatenate(first: CfgEdge[], second: CfgEdge[]): CfgEdge[] {
  const [longer, shorter] = first.length >= second.length ? [first, second] : [second, first];
  for (const edge of shorter) longer.push(edge);
  return longer;
}
