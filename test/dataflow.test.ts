// Forward dataflow solver tests, using a tiny nil-ness analysis of the variable `x`: assignments set
// it, `x != nil` / `x == nil` edges refine it, and merge points join it. The states observed before
// `use(x)` calls show whether refinement, joins and loops behave.
import { describe, it, expect } from 'vitest';
import { parseGo, type SyntaxNode } from '../src/parse/parser.js';
import { isNil, unparen } from '../src/parse/syntax.js';
import { buildCfg, type Cfg } from '../src/cfg/cfg.js';
import {
  forEachNodeState,
  reachableBlocks,
  solveForward,
  type ForwardAnalysis,
} from '../src/analysis/dataflow.js';

type Nilness = 'bottom' | 'nil' | 'non-nil' | 'unknown';

/** What `x = value` makes x: nil, non-nil for `new(...)` and `&...`, unknown otherwise. */
function assignedNilness(value: SyntaxNode): Nilness {
  const inner = unparen(value);
  if (isNil(inner)) return 'nil';
  if (inner.type === 'unary_expression' && inner.text.startsWith('&')) return 'non-nil';
  if (inner.type === 'call_expression' && inner.childForFieldName('function')?.text === 'new') return 'non-nil';
  return 'unknown';
}

const nilnessOfX: ForwardAnalysis<Nilness> = {
  entry: () => 'unknown',
  bottom: () => 'bottom',
  join: (a, b) => (a === 'bottom' ? b : b === 'bottom' ? a : a === b ? a : 'unknown'),
  equal: (a, b) => a === b,
  transfer(state, node) {
    const type = node.type;
    if (type !== 'assignment_statement' && type !== 'short_var_declaration') return state;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right || left.text !== 'x') return state;
    return assignedNilness(right.namedChildren[0] ?? right);
  },
  edge(state, edge) {
    const cond = edge.cond;
    if (!cond || cond.type !== 'binary_expression' || (edge.kind !== 'true' && edge.kind !== 'false')) return state;
    const operator = cond.childForFieldName('operator')?.type;
    const left = cond.childForFieldName('left');
    const right = cond.childForFieldName('right');
    if (left?.text !== 'x' || !isNil(right) || (operator !== '==' && operator !== '!=')) return state;
    const isNilWhenTrue = operator === '==';
    return (edge.kind === 'true') === isNilWhenTrue ? 'nil' : 'non-nil';
  },
};

function cfgOf(body: string): Cfg {
  const tree = parseGo(`package p\n\nfunc f(x *T, c bool, n int) {\n${body}\n}\n`);
  return buildCfg(tree.rootNode.namedChildren.find((node) => node.type === 'function_declaration')!);
}

/** The state before every node whose text starts with `prefix`, in block order. */
function statesBefore(body: string, prefix: string): Nilness[] {
  const cfg = cfgOf(body);
  const result = solveForward(cfg, nilnessOfX);
  const states: Nilness[] = [];
  forEachNodeState(cfg, nilnessOfX, result, (node, before) => {
    if (node.text.startsWith(prefix)) states.push(before);
  });
  return states;
}

describe('solveForward', () => {
  it('refines along the true edge of x != nil into the right operand of &&', () => {
    expect(statesBefore('if x != nil && x.ok { use(x) }', 'x.ok')).toEqual(['non-nil']);
    expect(statesBefore('if x != nil && x.ok { use(x) }', 'use(x)')).toEqual(['non-nil']);
  });

  it('refines along the false edge of x == nil into the right operand of ||', () => {
    expect(statesBefore('if x == nil || x.ok { use(x) }', 'x.ok')).toEqual(['non-nil']);
    // The then-branch is reached both when x is nil and when x.ok holds.
    expect(statesBefore('if x == nil || x.ok { use(x) }', 'use(x)')).toEqual(['unknown']);
  });

  it('refines through an early return', () => {
    expect(statesBefore('if x == nil {\n\treturn\n}\nuse(x)', 'use(x)')).toEqual(['non-nil']);
    expect(statesBefore('if x == nil {\n\tpanic("nil")\n}\nuse(x)', 'use(x)')).toEqual(['non-nil']);
  });

  it('joins at merge points', () => {
    expect(statesBefore('x = new(T)\nif c {\n\tx = nil\n}\nuse(x)', 'use(x)')).toEqual(['unknown']);
    expect(statesBefore('if c {\n\tx = nil\n} else {\n\tx = nil\n}\nuse(x)', 'use(x)')).toEqual(['nil']);
    const switchBody = 'switch n {\ncase 1:\n\tx = &T{}\ncase 2:\n\tx = new(T)\ndefault:\n\treturn\n}\nuse(x)';
    expect(statesBefore(switchBody, 'use(x)')).toEqual(['non-nil']);
  });

  it('reaches a fixpoint around loop back edges', () => {
    const body = 'x = new(T)\nfor i := 0; i < n; i++ {\n\tuse(x)\n\tx = nil\n}\nuse(x)';
    expect(statesBefore(body, 'use(x)')).toEqual(['unknown', 'unknown']);
    const stable = 'x = new(T)\nfor i := 0; i < n; i++ {\n\tuse(x)\n\tx = &T{}\n}\nuse(x)';
    expect(statesBefore(stable, 'use(x)')).toEqual(['non-nil', 'non-nil']);
  });

  it('leaves unreachable blocks at bottom and skips them when visiting', () => {
    const cfg = cfgOf('x = nil\nreturn\nuse(x)');
    const result = solveForward(cfg, nilnessOfX);
    const dead = cfg.blocks.find((block) => block.label === 'unreachable')!;
    expect(result.reachable[dead.id]).toBe(false);
    expect(result.blockIn[dead.id]).toBe('bottom');
    expect(result.blockIn[cfg.exit.id]).toBe('nil');
    expect(statesBefore('x = nil\nreturn\nuse(x)', 'use(x)')).toEqual([]);
  });

  it('stops after its visit cap when the lattice never settles', () => {
    const counting: ForwardAnalysis<number> = {
      entry: () => 0,
      bottom: () => 0,
      join: (a, b) => Math.max(a, b),
      equal: (a, b) => a === b,
      transfer: (state) => state + 1,
    };
    const cfg = cfgOf('for {\n\tuse(x)\n}');
    const result = solveForward(cfg, counting);
    expect(result.blockOut.every((state) => Number.isFinite(state))).toBe(true);
    expect(Math.max(...result.blockOut)).toBeLessThanOrEqual(100 * cfg.blocks.length);
  });
});

describe('reachableBlocks', () => {
  it('marks blocks reachable from entry', () => {
    const cfg = cfgOf('if c {\n\treturn\n} else {\n\tpanic("no")\n}\nuse(x)');
    const reachable = reachableBlocks(cfg);
    const labels = cfg.blocks.filter((block) => !reachable[block.id]).map((block) => block.label);
    expect(labels).toEqual(['unreachable']);
    expect(reachable[cfg.exit.id]).toBe(true);
  });

  it('finds the exit unreachable after an infinite loop', () => {
    const cfg = cfgOf('for {\n}');
    expect(reachableBlocks(cfg)[cfg.exit.id]).toBe(false);
  });
});
