// Builds the control-flow graph of one Go function body by visiting its statements. It reads only
// statement nodes and statement headers; expressions are opened just far enough to split `&&`/`||`
// conditions (conditions.ts) and to spot a never-returning call that forms a whole expression
// statement. Func literal bodies are separate functions and are never entered. Syntax errors are
// tolerated: ERROR nodes are skipped and missing pieces are treated as absent.
//
// Compound statements schedule their bodies as tasks (build-state.ts) instead of recursing, so the
// call stack stays flat; nesting beyond NESTING_LIMIT statement lists throws CfgTooDeepError.
import type { SyntaxNode } from '../parse/parser.js';
import { branchOnCondition } from './conditions.js';
import {
  addEdge,
  CfgTooDeepError,
  closeEdges,
  newBlock,
  openEdge,
  type Cfg,
  type CfgBlock,
  type CfgEdge,
  type CfgOptions,
} from './graph.js';
import {
  fallOut,
  inSequence,
  joinInto,
  newTarget,
  reachBlock,
  runTasks,
  startBlock,
  type BuildState,
  type JumpTarget,
  type Task,
} from './build-state.js';
import { buildBreakOrContinue, buildFallthrough, buildGoto, resolvePendingGotos } from './jumps.js';

const NESTING_LIMIT = 2000;

/** Statements that go into a block's nodes as they are and never branch. */
const SIMPLE_STATEMENTS = new Set([
  'expression_statement',
  'assignment_statement',
  'short_var_declaration',
  'inc_statement',
  'dec_statement',
  'send_statement',
  'var_declaration',
  'const_declaration',
  'type_declaration',
  'go_statement',
  'defer_statement',
]);

/** Builds the CFG of a function_declaration, method_declaration or func_literal. */
export function buildCfg(fn: SyntaxNode, options: CfgOptions = {}): Cfg {
  const blocks: CfgBlock[] = [];
  const entry = newBlock(blocks, 'entry');
  const exit = newBlock(blocks, 'exit');
  const state: BuildState = {
    blocks,
    exit,
    defers: [],
    loopHeads: new Map(),
    current: entry,
    depth: -1,
    tasks: [],
    targets: [],
    labelBlocks: new Map(),
    pendingGotos: [],
    isNoReturnCall: options.isNoReturnCall,
  };
  const body = fn.childForFieldName('body');
  if (body) {
    buildStatementList(state, body);
    runTasks(state);
  }
  if (state.current) addEdge(state.current, exit, 'normal');
  resolvePendingGotos(state);
  return { fn, entry, exit, blocks, defers: state.defers, loopHeads: state.loopHeads };
}

/**
 * Builds the statements of a block or case clause (tree-sitter-go wraps them in a statement_list).
 * When a statement schedules work for its nested parts, the rest of the list is scheduled after it.
 */
function buildStatementList(state: BuildState, container: SyntaxNode): void {
  if (++state.depth > NESTING_LIMIT) throw new CfgTooDeepError(NESTING_LIMIT);
  const statements: SyntaxNode[] = [];
  for (const child of container.namedChildren) {
    if (child.type === 'statement_list') for (const statement of child.namedChildren) statements.push(statement);
  }
  let next = 0;
  const resume: Task = () => {
    while (next < statements.length) {
      const statement = statements[next++]!;
      const scheduled = state.tasks.length;
      buildStatement(state, statement, statement.type);
      if (state.tasks.length > scheduled) {
        state.tasks.splice(scheduled, 0, resume);
        return;
      }
    }
    state.depth--;
  };
  resume();
}

function buildStatement(state: BuildState, node: SyntaxNode, type: string): void {
  if (SIMPLE_STATEMENTS.has(type)) {
    reachBlock(state).nodes.push(node);
    if (type === 'defer_statement') state.defers.push(node);
    else if (type === 'expression_statement' && neverReturns(state, node)) state.current = null;
    return;
  }
  switch (type) {
    case 'return_statement': {
      const block = reachBlock(state);
      block.nodes.push(node);
      addEdge(block, state.exit, 'return');
      state.current = null;
      return;
    }
    case 'if_statement':
      return buildIf(state, node, []);
    case 'for_statement':
      return buildFor(state, node, []);
    case 'expression_switch_statement':
    case 'type_switch_statement':
      return buildSwitch(state, node, []);
    case 'select_statement':
      return buildSelect(state, node, []);
    case 'labeled_statement':
      return buildLabeled(state, node);
    case 'block':
      return inSequence(state, () => buildStatementList(state, node));
    case 'break_statement':
    case 'continue_statement':
      return buildBreakOrContinue(state, node, type === 'break_statement');
    case 'goto_statement':
      return buildGoto(state, node);
    case 'fallthrough_statement':
      return buildFallthrough(state);
    default:
      // empty_statement, comment, ERROR: nothing runs.
      return;
  }
}

/** A call to the builtin panic, judged by text first so most statements materialize no nodes. */
const PANIC_CALL = /^[\s(]*panic\s*\(/;

function neverReturns(state: BuildState, statement: SyntaxNode): boolean {
  return callStatementNeverReturns(statement, state.isNoReturnCall);
}

/**
 * True when an expression statement is a call that ends its path in a CFG: `panic(...)`, or a call the
 * never-returns predicate (when there is one) says never returns.
 */
export function callStatementNeverReturns(statement: SyntaxNode, isNoReturnCall?: (call: SyntaxNode) => boolean): boolean {
  const looksLikePanic = PANIC_CALL.test(statement.text);
  if (!looksLikePanic && !isNoReturnCall) return false;
  let expression = statement.namedChild(0);
  let type = expression?.type;
  while (expression && type === 'parenthesized_expression') {
    expression = expression.namedChild(0);
    type = expression?.type;
  }
  if (!expression || type !== 'call_expression') return false;
  if (looksLikePanic) return true;
  return isNoReturnCall ? isNoReturnCall(expression) : false;
}

/**
 * One `if` of a possibly chained if/else-if/else; `ends` collects the edges into the shared
 * if.done block. The chain's next link is scheduled, not recursed into.
 */
function buildIf(state: BuildState, node: SyntaxNode, ends: CfgEdge[]): void {
  const { initializer, condition, consequence, alternative } = ifParts(node);
  const block = reachBlock(state);
  if (initializer) block.nodes.push(initializer);
  const exits = branchOnCondition(condition, block, state.blocks);
  state.current = newBlock(state.blocks, 'if.then');
  closeEdges(exits.whenTrue, state.current);

  const afterThen = () => {
    fallOut(state, ends);
    if (!alternative) {
      for (const edge of exits.whenFalse) ends.push(edge);
      return joinInto(state, ends, 'if.done');
    }
    state.current = newBlock(state.blocks, 'if.else');
    closeEdges(exits.whenFalse, state.current);
    if (alternative.type === 'if_statement') return buildIf(state, alternative, ends);
    inSequence(
      state,
      () => buildStatementList(state, alternative),
      () => {
        fallOut(state, ends);
        joinInto(state, ends, 'if.done');
      },
    );
  };
  if (consequence) inSequence(state, () => buildStatementList(state, consequence), afterThen);
  else inSequence(state, afterThen);
}

/**
 * The fields of an if_statement, read from one namedChildren call instead of four field lookups:
 * the consequence is the first block; before it come [initializer,] condition; after it the
 * alternative. Neither an initializer nor a condition can itself be a block.
 */
function ifParts(node: SyntaxNode): {
  initializer: SyntaxNode | null;
  condition: SyntaxNode | null;
  consequence: SyntaxNode | null;
  alternative: SyntaxNode | null;
} {
  const header: SyntaxNode[] = [];
  let consequence: SyntaxNode | null = null;
  let alternative: SyntaxNode | null = null;
  for (const child of node.namedChildren) {
    const type = child.type;
    if (type === 'comment' || type === 'ERROR') continue;
    if (consequence) alternative = child;
    else if (type === 'block') consequence = child;
    else header.push(child);
  }
  return {
    initializer: header.length >= 2 ? header[0]! : null,
    condition: header.length >= 1 ? header[header.length - 1]! : null,
    consequence,
    alternative,
  };
}

function buildFor(state: BuildState, node: SyntaxNode, labels: string[]): void {
  let forClause: SyntaxNode | null = null;
  let rangeClause: SyntaxNode | null = null;
  let body: SyntaxNode | null = null;
  let bareCondition: SyntaxNode | null = null;
  for (const child of node.namedChildren) {
    const type = child.type;
    if (type === 'for_clause') forClause = child;
    else if (type === 'range_clause') rangeClause = child;
    else if (type === 'block') body = child;
    else if (type !== 'comment' && type !== 'ERROR') bareCondition = child;
  }
  const target = newTarget('loop', labels);
  if (rangeClause) return buildRangeLoop(state, node, rangeClause, body, target);

  let condition = bareCondition;
  let update: SyntaxNode | null = null;
  if (forClause) {
    const initializer = forClause.childForFieldName('initializer');
    condition = forClause.childForFieldName('condition');
    update = forClause.childForFieldName('update');
    if (initializer) reachBlock(state).nodes.push(initializer);
  }

  const doneEdges: CfgEdge[] = [];
  let head: CfgBlock;
  if (condition || forClause) {
    head = startBlock(state, 'for.cond');
    let toBody: CfgEdge[];
    if (condition) {
      const exits = branchOnCondition(condition, head, state.blocks);
      toBody = exits.whenTrue;
      for (const edge of exits.whenFalse) doneEdges.push(edge);
    } else {
      toBody = [openEdge(head, 'normal')];
    }
    state.current = newBlock(state.blocks, 'for.body');
    closeEdges(toBody, state.current);
  } else {
    head = startBlock(state, 'for.body');
  }
  state.loopHeads.set(node.id, head);

  buildLoopBody(state, body, target, () => {
    const backEdges = target.continues;
    fallOut(state, backEdges);
    if (update && backEdges.length > 0) {
      // The post statement runs only when the body ends or continues; with neither it is dead.
      const post = newBlock(state.blocks, 'for.post');
      closeEdges(backEdges, post);
      post.nodes.push(update);
      addEdge(post, head, 'normal');
    } else {
      closeEdges(backEdges, head);
    }
    for (const edge of target.breaks) doneEdges.push(edge);
    joinInto(state, doneEdges, 'for.done');
  });
}

function buildRangeLoop(state: BuildState, node: SyntaxNode, clause: SyntaxNode, body: SyntaxNode | null, target: JumpTarget): void {
  const head = startBlock(state, 'range.head');
  state.loopHeads.set(node.id, head);
  head.nodes.push(clause);
  state.current = newBlock(state.blocks, 'range.body');
  addEdge(head, state.current, 'range-next');
  buildLoopBody(state, body, target, () => {
    fallOut(state, target.continues);
    closeEdges(target.continues, head);
    const doneEdges = [openEdge(head, 'range-done')];
    for (const edge of target.breaks) doneEdges.push(edge);
    joinInto(state, doneEdges, 'range.done');
  });
}

/** Builds a loop body with `target` as the innermost break/continue target, then runs `after`. */
function buildLoopBody(state: BuildState, body: SyntaxNode | null, target: JumpTarget, after: Task): void {
  inSequence(
    state,
    () => {
      state.targets.push(target);
      if (body) buildStatementList(state, body);
    },
    () => {
      state.targets.pop();
      after();
    },
  );
}

function buildSwitch(state: BuildState, node: SyntaxNode, labels: string[]): void {
  const initializer = node.childForFieldName('initializer');
  const value = node.childForFieldName('value');
  const head = startBlock(state, 'switch.head');
  if (initializer) head.nodes.push(initializer);
  if (value) head.nodes.push(value);

  const target = newTarget('switch', labels);
  const ends: CfgEdge[] = [];
  let hasDefault = false;
  const steps: Task[] = [() => state.targets.push(target)];
  for (const clause of node.namedChildren) {
    const type = clause.type;
    if (type !== 'expression_case' && type !== 'type_case' && type !== 'default_case') continue;
    steps.push(() => {
      const caseBlock = newBlock(state.blocks, 'switch.case');
      if (type === 'default_case') {
        hasDefault = true;
        addEdge(head, caseBlock, 'default');
      } else if (type === 'expression_case') {
        const values = clause.childForFieldName('value');
        addEdge(head, caseBlock, 'case', values ?? undefined);
        if (values) caseBlock.nodes.push(values);
      } else {
        // With one listed type the alias has that type, so the type node is a useful condition;
        // with several the alias keeps the switched value's type and no single node describes it.
        const types = clause.childrenForFieldName('type');
        addEdge(head, caseBlock, 'case', types.length === 1 ? types[0] : undefined);
      }
      state.current = caseBlock;
      if (target.fallthroughs.length > 0) {
        // A fallthrough enters the next clause's body without evaluating its case values.
        if (caseBlock.nodes.length > 0) startBlock(state, 'switch.case');
        closeEdges(target.fallthroughs, state.current);
        target.fallthroughs = [];
      }
      buildStatementList(state, clause);
    });
    steps.push(() => fallOut(state, ends));
  }
  steps.push(() => {
    state.targets.pop();
    for (const edge of target.fallthroughs) ends.push(edge);
    if (!hasDefault) ends.push(openEdge(head, 'default'));
    for (const edge of target.breaks) ends.push(edge);
    joinInto(state, ends, 'switch.done');
  });
  inSequence(state, ...steps);
}

function buildSelect(state: BuildState, node: SyntaxNode, labels: string[]): void {
  const head = startBlock(state, 'select.head');
  const target = newTarget('select', labels);
  const ends: CfgEdge[] = [];
  const steps: Task[] = [() => state.targets.push(target)];
  for (const clause of node.namedChildren) {
    const type = clause.type;
    if (type !== 'communication_case' && type !== 'default_case') continue;
    steps.push(() => {
      const caseBlock = newBlock(state.blocks, 'select.case');
      addEdge(head, caseBlock, type === 'default_case' ? 'default' : 'case');
      if (type === 'communication_case') {
        const communication = clause.childForFieldName('communication');
        if (communication) caseBlock.nodes.push(communication);
      }
      state.current = caseBlock;
      buildStatementList(state, clause);
    });
    steps.push(() => fallOut(state, ends));
  }
  steps.push(() => {
    state.targets.pop();
    // `select {}` has no edges out of its head: it blocks forever.
    for (const edge of target.breaks) ends.push(edge);
    joinInto(state, ends, 'select.done');
  });
  inSequence(state, ...steps);
}

/** A labeled statement starts a `label.<name>` block, the target of gotos and labelled jumps. */
function buildLabeled(state: BuildState, node: SyntaxNode): void {
  const labels: string[] = [];
  let statement: SyntaxNode | null = node;
  let type = 'labeled_statement';
  // `A: B: for {}` is a chain of labeled statements; walk it without recursing.
  while (statement && type === 'labeled_statement') {
    let inner: SyntaxNode | null = null;
    let name = '';
    for (const child of statement.namedChildren) {
      const childType = child.type;
      if (childType === 'label_name') name = child.text;
      else if (childType !== 'comment') inner = child;
    }
    state.labelBlocks.set(name, startBlock(state, `label.${name}`));
    labels.push(name);
    statement = inner;
    type = inner ? inner.type : '';
  }
  if (!statement) return;
  if (type === 'for_statement') buildFor(state, statement, labels);
  else if (type === 'expression_switch_statement' || type === 'type_switch_statement') buildSwitch(state, statement, labels);
  else if (type === 'select_statement') buildSelect(state, statement, labels);
  else buildStatement(state, statement, type);
}
