// Whether something started at some statements of a function and stopped at others may be running at
// a statement, path by path as far as a local bool tells. The usual way to stop only what was
// started is a flag:
//     started := false
//     if stress { start(); started = true }
//     ...
//     if started { stop() }
// Merging the two paths after the first `if` gives "running exactly when started is true", and the
// second `if` settles it on each edge, so nothing runs after it. Flags are local names assigned true
// or false (`var started bool` counts as false); any other assignment forgets one. What starts and
// what stops is the caller's to say (happens-before.ts: the calls through which a goroutine starts,
// the joins of it); this module knows nothing about goroutines.
import type { SyntaxNode } from '../../src/parse/parser.js';
import { expressionListItems, unnegate } from '../../src/parse/syntax.js';
import type { ForwardAnalysis } from '../../src/analysis/dataflow.js';

/** Not running, maybe running, or running exactly when the named local bool is true. */
type Running = boolean | string;

export interface StartedState {
  running: Running;
  /** Local bools whose value is the same on every path here. */
  flags: ReadonlyMap<string, boolean>;
}

const NO_FLAGS: ReadonlyMap<string, boolean> = new Map();

/** A forward analysis of one function: running from a statement `starts` holds, over after one `stops` holds. */
export function startedFlagsAnalysis(starts: (node: SyntaxNode) => boolean, stops: (node: SyntaxNode) => boolean): ForwardAnalysis<StartedState | null> {
  return {
    entry: () => ({ running: false, flags: NO_FLAGS }),
    bottom: () => null,
    join: joinStates,
    equal: (a, b) => a === b || (!!a && !!b && a.running === b.running && sameFlags(a.flags, b.flags)),
    transfer(state, node) {
      if (!state) return state;
      let running = state.running;
      // Both in one statement: the start is taken to come last.
      if (starts(node)) running = true;
      else if (running !== false && stops(node)) running = false;
      let flags = state.flags;
      for (const { name, value } of boolAssignments(node)) {
        if (running === name) running = true;
        flags = withFlag(flags, name, value);
      }
      return running === state.running && flags === state.flags ? state : { running, flags };
    },
    edge(state, edge) {
      if (!state || (edge.kind !== 'true' && edge.kind !== 'false') || !edge.cond) return state;
      const { operand: condition, negated } = unnegate(edge.cond);
      const value = (edge.kind === 'true') !== negated;
      if (condition.type !== 'identifier') return state;
      const name = condition.text;
      return { running: state.running === name ? value : state.running, flags: withFlag(state.flags, name, value) };
    },
  };
}

/** True unless the state says it is not running (an unreached statement runs nothing). */
export function mayBeRunning(state: StartedState | null): boolean {
  return !!state && state.running !== false;
}

/**
 * Paths meeting: running on one side only becomes running exactly when a flag is true, if the flag
 * is false on the side where it does not run and true (or the condition itself) on the other.
 */
function joinStates(a: StartedState | null, b: StartedState | null): StartedState | null {
  if (!a) return b;
  if (!b) return a;
  const flags = new Map<string, boolean>();
  for (const [name, value] of a.flags) if (b.flags.get(name) === value) flags.set(name, value);
  let running: Running = true;
  if (a.running === b.running) running = a.running;
  else if (a.running === false || b.running === false) {
    const [off, on] = a.running === false ? [a, b] : [b, a];
    for (const [name, value] of off.flags) {
      if (!value && (on.running === name || (on.running === true && on.flags.get(name) === true))) {
        running = name;
        break;
      }
    }
  }
  return { running, flags: flags.size === 0 ? NO_FLAGS : flags };
}

function sameFlags(a: ReadonlyMap<string, boolean>, b: ReadonlyMap<string, boolean>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [name, value] of a) if (b.get(name) !== value) return false;
  return true;
}

/** The flags with one set (true or false) or, for null, forgotten. */
function withFlag(flags: ReadonlyMap<string, boolean>, name: string, value: boolean | null): ReadonlyMap<string, boolean> {
  if (value === null ? !flags.has(name) : flags.get(name) === value) return flags;
  const next = new Map(flags);
  if (value === null) next.delete(name);
  else next.set(name, value);
  return next;
}

/** Local names a statement assigns, with the bool constant assigned, or null for any other value. */
function boolAssignments(node: SyntaxNode): Array<{ name: string; value: boolean | null }> {
  if (node.type === 'var_declaration') {
    const found: Array<{ name: string; value: boolean | null }> = [];
    for (const spec of node.descendantsOfType('var_spec')) {
      const values = expressionListItems(spec.childForFieldName('value'));
      const zero = values.length === 0 && spec.childForFieldName('type')?.text === 'bool';
      spec.childrenForFieldName('name').forEach((name, index) => found.push({ name: name.text, value: zero ? false : boolConstant(values[index]) }));
    }
    return found;
  }
  if (node.type !== 'short_var_declaration' && node.type !== 'assignment_statement') return [];
  const operator = node.childForFieldName('operator')?.text ?? (node.type === 'short_var_declaration' ? ':=' : '');
  const left = expressionListItems(node.childForFieldName('left'));
  const right = expressionListItems(node.childForFieldName('right'));
  const plain = (operator === '=' || operator === ':=') && left.length === right.length;
  const found: Array<{ name: string; value: boolean | null }> = [];
  left.forEach((item, index) => {
    if (item.type === 'identifier') found.push({ name: item.text, value: plain ? boolConstant(right[index]) : null });
  });
  return found;
}

function boolConstant(node: SyntaxNode | undefined): boolean | null {
  return node?.text === 'true' ? true : node?.text === 'false' ? false : null;
}
