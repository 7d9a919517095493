// Latches that mark the start of serving: a bool field of a struct that is only ever set to true,
// by a function that starts goroutines after setting it (`s.serve = true` in Serve, before its
// `go` statements). Code that refuses to go on once the latch is set (`if s.serve { panic(…) }`,
// or a return, at the top level of its function) belongs to the set-up before serving: the
// goroutines started after the latch never meet it, and its callers keep it apart from the rest by
// contract (registration before Serve). A flag that is cleared again, or set by a function that
// starts nothing (Close setting `closed`), is no latch. It reports nothing by itself.
import type { SyntaxNode } from '../../src/parse/parser.js';
import { expressionListItems, unparen } from '../../src/parse/syntax.js';
import type { GoPackage } from '../../src/index/package-index.js';
import { defineAnalysis } from '../../src/analysis/context.js';
import { neverReturns } from '../../src/analysis/never-returns.js';
import { concurrency, type Body, type Root } from './concurrency.js';
import { normalisePath } from './paths.js';

export interface Latches {
  /** True when `node` in `body` runs only while a latch of `owner` is clear: after a check that leaves once it is set. */
  beforeLatch(body: Body, node: SyntaxNode, owner: string): boolean;
  /** True when every site starting `spawn` runs after a latch of `owner` was set, in the function setting it. */
  startsAfterLatch(spawn: Root, owner: string): boolean;
}

/** Where a latch is set: the body and the end of the assignment. */
interface LatchSet {
  body: Body;
  end: number;
}

export const latches = defineAnalysis('latches', (analyses): Latches => {
  const pkg = analyses.pkg;
  const facts = analyses.get(concurrency);
  let found: Map<string, LatchSet[]> | null = null;
  // Latch keys (`Server.serve`) with the places that set them.
  const latchSets = (): Map<string, LatchSet[]> => {
    if (found) return found;
    const sets = new Map<string, LatchSet[]>();
    const cleared = new Set<string>();
    // Field names ever set to true; only assignments to those are looked at.
    const names = new Set<string>();
    for (const file of pkg.files) if (!file.isTest) for (const match of file.text.matchAll(/\.(\w+)\s*=\s*true\b/g)) names.add(match[1]!);
    if (names.size === 0) return (found = sets);
    const pattern = new RegExp(`\\.(${[...names].join('|')})\\s*(,|=[^=])`);
    for (const file of pkg.files) {
      if (file.isTest || !pattern.test(file.text)) continue;
      for (const statement of analyses.nodesOfType(file, 'assignment_statement')) {
        const left = expressionListItems(statement.childForFieldName('left'));
        if (!left.some((target) => names.has(target.childForFieldName('field')?.text ?? ''))) continue;
        const right = expressionListItems(statement.childForFieldName('right'));
        const body = facts.bodyAt(statement);
        if (!body || left.length !== right.length) continue;
        left.forEach((target, index) => {
          if (unparen(target).type !== 'selector_expression' || !names.has(target.childForFieldName('field')?.text ?? '')) return;
          const path = normalisePath(analyses, body.node, target);
          if (!path?.ownerType || !isBoolField(pkg, path.key)) return;
          if (right[index]!.text !== 'true' || statement.childForFieldName('operator')?.text !== '=') cleared.add(path.key);
          else {
            const list = sets.get(path.key);
            const set = { body, end: statement.endIndex };
            if (list) list.push(set);
            else sets.set(path.key, [set]);
          }
        });
      }
    }
    for (const key of cleared) sets.delete(key);
    // The setter must start goroutines after setting it: that is what the latch announces.
    for (const [key, list] of sets) {
      if (!list.some((set) => facts.spawnSitesIn(set.body).some((site) => site.node.startIndex > set.end))) sets.delete(key);
    }
    found = sets;
    return sets;
  };

  const refusals = new Map<number, Array<{ owner: string; end: number }>>();
  // The top-level `if latch { return or panic }` statements of a function, with the latch's owner.
  const refusalsIn = (body: Body): Array<{ owner: string; end: number }> => {
    let list = refusals.get(body.id);
    if (list) return list;
    list = [];
    refusals.set(body.id, list);
    const block = body.node.childForFieldName('body');
    const keys = latchSets();
    if (!block || keys.size === 0) return list;
    for (const statement of block.namedChildren.flatMap((child) => (child.type === 'statement_list' ? child.namedChildren : [child]))) {
      if (statement.type !== 'if_statement' || statement.childForFieldName('alternative') || statement.childForFieldName('initializer')) continue;
      const condition = statement.childForFieldName('condition');
      const path = condition && unparen(condition).type === 'selector_expression' ? normalisePath(analyses, body.node, condition) : null;
      if (!path?.ownerType || !keys.has(path.key)) continue;
      if (leaves(statement.childForFieldName('consequence'), body)) list.push({ owner: path.ownerType, end: statement.endIndex });
    }
    return list;
  };

  const leaves = (block: SyntaxNode | null, body: Body): boolean => {
    const statements = block?.namedChildren.flatMap((child) => (child.type === 'statement_list' ? child.namedChildren : [child])).filter((child) => child.type !== 'comment') ?? [];
    const last = statements[statements.length - 1];
    if (!last) return false;
    if (last.type === 'return_statement') return true;
    const call = last.type === 'expression_statement' ? unparen(last.namedChild(0) ?? last) : null;
    return call?.type === 'call_expression' && analyses.get(neverReturns).isNoReturnCall(call, body.file, body.node);
  };

  return {
    beforeLatch(body, node, owner) {
      let top = body;
      while (top.parent && !top.spawned) top = top.parent;
      if (top.spawned) return false;
      return refusalsIn(top).some((refusal) => refusal.owner === owner && refusal.end <= node.startIndex);
    },
    startsAfterLatch(spawn, owner) {
      if (spawn.sites.length === 0) return false;
      const sets = [...latchSets()].filter(([key]) => key.startsWith(`${owner}.`)).flatMap(([, list]) => list);
      return spawn.sites.every((site) => sets.some((set) => set.body === site.body && site.node.startIndex > set.end));
    },
  };
});

/** True when a key names a bool field of a struct of the package, directly (`Server.serve`). */
function isBoolField(pkg: GoPackage, key: string): boolean {
  const dot = key.indexOf('.');
  if (dot < 0 || key.indexOf('.', dot + 1) >= 0) return false;
  return pkg.types.get(key.slice(0, dot))?.fields.some((field) => field.name === key.slice(dot + 1) && field.typeText === 'bool') ?? false;
}
