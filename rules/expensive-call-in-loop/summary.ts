// The "expensive" summary: a same-package function is expensive when some path through it calls a
// primitive of the catalog (catalog.ts) or another expensive function, at any depth, through receivers,
// field types, single-implementation interfaces and unique method names (see calls.ts). The summary
// keeps the chain down to the primitive for messages: NodeIPs → GetLocalAddresses → net.InterfaceAddrs.
//
// Calls that do not run when the function runs are left out: those in func literals that are not
// invoked on the spot (goroutines, callbacks, `once.Do`), and those guarded to run once
// (`if c.re == nil { c.re = ... }`) or behind a cache hit that returns early. Test-file functions are
// never expensive unless the rule's `includeTests` option is set. It says nothing about loops.
//
// Across packages (not into the standard library, which the catalog describes), a call of an imported
// package's function asks that package's summary for that one function, on demand; the chain names the
// other package's functions qualified (`util.Helper → util.listRoutes → netlink.RouteList`) and the
// fact keeps the file of the primitive for related locations.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { escapeRegExp, outermostParen, unparen } from '../../src/parse/syntax.js';
import { defaultPackageName, importPathOf, type FuncInfo, type GoPackage } from '../../src/index/package-index.js';
import { callGraph, resolveCall, solveSummaries, type ResolvedCall } from '../../src/analysis/calls.js';
import { importedFunction } from '../../src/analysis/imported.js';
import { defineAnalysis, type PackageAnalyses } from '../../src/analysis/context.js';
import { neverReturns } from '../../src/analysis/never-returns.js';
import { functionTextMatches } from '../../src/analysis/functions.js';
import { scopeOf, typeOfExpression, namedType } from '../../src/analysis/types.js';
import { configure, CONSTRUCTORS, specMatchesImport, specMatchesPackage, TEMPLATE_CHAIN, TRANSPORT_WHAT, type CatalogEntry } from './catalog.js';

/** An expensive call: what it does and the chain of calls down to the primitive. */
export interface ExpensiveFact {
  what: string;
  /** Callee names from the function itself down to the primitive, e.g. `NodeIPs`, `net.InterfaceAddrs`. */
  chain: string[];
  /** The call of the primitive (or the `http.Transport` literal), for related locations. */
  primitive: SyntaxNode;
  /** The file holding `primitive` when it is in another package (this package's files are found by node). */
  primitiveFile?: SourceFile;
  /** Set when the only work is a call made for its side effects (it returns only an error). */
  errorOnly: boolean;
  workWithoutResult: boolean;
  /** For a primitive called directly: the arguments that must not change (all when absent). */
  hoistArgs: number[] | null;
  /** What, written in the same loop, changes the primitive's answer. */
  changedBy: RegExp | null;
  /** For a primitive called directly: its arguments may be changed by any call they are passed to. */
  argumentsShared: boolean;
  /** A regular expression compiled from a constant somewhere down the chain: waste on every call. */
  constantPattern: string | null;
}

/**
 * A cheap, text-only over-approximation of the expensive functions, so that the precise summary (and
 * the call graph under it) is computed only for packages with a loop that may call one. A file's
 * seed pattern matches qualified catalog calls through the file's own imports (`exec.Command(...).Output`
 * only where os/exec is imported); a function is a candidate when its text matches its file's seed
 * pattern or names a candidate as a callee.
 */
export interface ExpensiveCandidates {
  /** True when a loop body of `file` may call something expensive. */
  mayCallExpensive(file: SourceFile, text: string): boolean;
  /** Candidate functions: a superset of the expensive ones. */
  functions: Set<FuncInfo>;
}

export const expensiveCandidates = defineAnalysis('expensive-candidates', (analyses): ExpensiveCandidates => {
  const pkg = analyses.pkg;
  const configured = configure(analyses);
  const seedPatterns = new Map<SourceFile, RegExp | null>();
  const seedPatternOf = (file: SourceFile): RegExp | null => {
    if (seedPatterns.has(file)) return seedPatterns.get(file)!;
    const alternatives: string[] = [];
    for (const spec of pkg.imports.get(file)?.values() ?? []) {
      if (spec.localName === '_' || spec.localName === '.') continue;
      const local = escapeRegExp(spec.localName);
      for (const entry of configured.catalog) {
        if (!entry.importPaths.includes(spec.path)) continue;
        alternatives.push(entry.type ? `\\.(?:${entry.names.join('|')})\\s*\\(` : `\\b${local}\\.(?:${entry.names.join('|')})\\s*\\(`);
      }
      for (const extra of configured.extras) {
        if (!specMatchesImport(extra, spec.path)) continue;
        alternatives.push(extra.type ? `\\.${extra.name}\\s*\\(` : `\\b${local}\\.${extra.name}\\s*\\(`);
      }
      if (spec.path === 'net/http' && !configured.transportIgnored) alternatives.push(`\\b${local}\\.Transport\\s*\\{`);
    }
    const pattern = alternatives.length > 0 ? new RegExp(alternatives.join('|')) : null;
    seedPatterns.set(file, pattern);
    return pattern;
  };

  const functions = new Set<FuncInfo>();
  const names = new Set<string>();
  const eligible = pkg.functions.filter((fn) => !fn.file.isTest || configured.options.includeTests);
  // Text tests go through functionTextMatches, which keeps their answers while a function's text stays the same.
  for (const fn of eligible) {
    const localExtra = configured.extras.some((spec) => spec.name === fn.name && spec.type === fn.receiverType && specMatchesPackage(spec, pkg));
    const ownPackage = configured.catalog.some((entry) => entry.names.includes(fn.name) && entry.importPaths.some((path) => pkg.dir.endsWith(`/${path}`)));
    const seed = seedPatternOf(fn.file);
    if (localExtra || ownPackage || (seed && functionTextMatches(analyses, fn, seed))) {
      functions.add(fn);
      names.add(fn.name);
    }
  }
  for (let added = names.size > 0; added; ) {
    added = false;
    const pattern = namesPattern(names);
    for (const fn of eligible) {
      if (functions.has(fn) || !functionTextMatches(analyses, fn, pattern)) continue;
      functions.add(fn);
      added ||= !names.has(fn.name);
      names.add(fn.name);
    }
  }
  const localPattern = names.size > 0 ? namesPattern(names) : null;
  return {
    functions,
    mayCallExpensive: (file, text) => !!seedPatternOf(file)?.test(text) || !!localPattern?.test(text),
  };
});

function namesPattern(names: Set<string>): RegExp {
  return new RegExp(`\\b(?:${[...names].map(escapeRegExp).join('|')})\\s*\\(`);
}

/** The package's expensive functions, and how to tell whether a call is expensive. */
export interface ExpensiveSummary {
  functions: Map<FuncInfo, ExpensiveFact>;
  /** Callee names worth a closer look (a cheap filter for calls in loops). */
  names: Set<string>;
  /** The fact of a call, or null when it is cheap or unknown. `fn` is the innermost function node. */
  callFact(call: SyntaxNode, fn: SyntaxNode | null): (ExpensiveFact & { callee: FuncInfo | null }) | null;
  /** True when the package imports packages outside the standard library, whose helpers may be expensive. */
  readsImports: boolean;
  /**
   * The fact of a function of this package, through other packages too: what another package asks
   * when its call lands here, and what a loop asks about a helper that calls into an import.
   */
  factOf(fn: FuncInfo): ExpensiveFact | null;
  /** True when a composite literal builds an `http.Transport`. */
  isTransportLiteral(literal: SyntaxNode): boolean;
}

/** The expensive summary of the package. */
export const expensiveSummary = defineAnalysis('expensive', (analyses): ExpensiveSummary => {
  const pkg = analyses.pkg;
  const { options, catalog, extras, ignored, transportIgnored } = configure(analyses);
  const names = new Set<string>();
  for (const entry of catalog) for (const name of entry.names) names.add(name);
  for (const spec of extras) names.add(spec.name);

  const isIgnoredLocal = (fn: FuncInfo) =>
    ignored.some((spec) => spec.name === fn.name && spec.type === fn.receiverType && specMatchesPackage(spec, pkg));

  /** A same-package function that is itself a primitive: a user extra, or the catalog's own package. */
  const localPrimitive = (fn: FuncInfo): ExpensiveFact | null => {
    const at = fn.node.childForFieldName('name') ?? fn.node;
    for (const spec of extras) {
      if (spec.name === fn.name && spec.type === fn.receiverType && specMatchesPackage(spec, pkg)) {
        return makeFact({ what: `calls ${spec.text}, configured as expensive` }, [displayName(fn)], at);
      }
    }
    for (const entry of catalog) {
      if ((entry.type ?? null) !== fn.receiverType || !entry.names.includes(fn.name)) continue;
      if (!entry.importPaths.some((path) => pkg.dir.endsWith(`/${path}`))) continue;
      return makeFact(entry, [`${pkg.name}.${displayName(fn)}`], at);
    }
    return null;
  };

  const primitiveFact = (call: SyntaxNode, resolved: ResolvedCall, fn: SyntaxNode | null, file: SourceFile): ExpensiveFact | null => {
    let importPath: string | null = null;
    let typeName: string | null = null;
    const name = resolved.kind === 'external' || resolved.kind === 'unknown' ? resolved.name : null;
    if (!name || !names.has(name)) return null;
    if (resolved.kind === 'external') {
      if (resolved.receiverType === null) importPath = resolved.importPath;
      else {
        const dot = resolved.receiverType.lastIndexOf('.');
        importPath = resolved.receiverType.slice(0, dot);
        typeName = resolved.receiverType.slice(dot + 1);
      }
    } else {
      const callee = unparen(call.childForFieldName('function')!);
      const operand = callee.type === 'selector_expression' ? callee.childForFieldName('operand') : null;
      const external = operand ? externalTypeOf(analyses, file, fn, operand, 0) : null;
      if (!external) return null;
      [importPath, typeName] = external;
    }
    for (const spec of extras) {
      if (spec.name === name && spec.type === typeName && specMatchesImport(spec, importPath)) {
        return makeFact({ what: `calls ${spec.text}, configured as expensive` }, [shortName(importPath, typeName, name)], call);
      }
    }
    for (const entry of catalog) {
      if ((entry.type ?? null) !== typeName || !entry.names.includes(name) || !entry.importPaths.includes(importPath)) continue;
      const fact = makeFact(entry, [shortName(importPath, typeName, name)], call);
      if (importPath === 'regexp') fact.constantPattern = constantPattern(pkg, call);
      return fact;
    }
    return null;
  };

  const transportLiteral = (literal: SyntaxNode): boolean => {
    const type = literal.childForFieldName('type');
    if (!type || type.type !== 'qualified_type') return false;
    if (type.childForFieldName('name')?.text !== 'Transport') return false;
    const file = analyses.fileOf(literal);
    const qualifier = type.childForFieldName('package')?.text;
    return !!file && !!qualifier && importPathOf(pkg, file, qualifier) === 'net/http';
  };
  // Only candidates (a text-level superset) can be expensive; they seed the fixpoint.
  const candidates = analyses.get(expensiveCandidates).functions;
  const functions = new Map<FuncInfo, ExpensiveFact>();
  if (candidates.size > 0) {
    const exits = analyses.get(neverReturns);
    const facts = solveSummaries<ExpensiveFact | null>(analyses, {
      initial: null,
      equal: (a, b) => (a === null) === (b === null),
      seeds: candidates,
      // Functions outside the candidates cannot be expensive (compute returns null for them).
      seedsOnly: true,
      compute(fn, factOf) {
        // A function that never returns (an error exit) runs its work at most once per process.
        if (!candidates.has(fn) || exits.neverReturnsFunction(fn)) return null;
        if ((fn.file.isTest && !options.includeTests) || isIgnoredLocal(fn)) return null;
        return factFromBody(fn, factOf, false);
      },
    });
    for (const [fn, fact] of facts) if (fact) functions.set(fn, fact);
    for (const fn of functions.keys()) names.add(fn.name);
  }

  // Across packages, facts are found on demand, per function: a helper is expensive when a call in it
  // reaches an expensive function of an imported package (asked in that package, the same way) or a
  // same-package function that does. Functions being visited count as cheap, which ends cycles.
  const readsImports = analyses.readsImportedSources();
  const across = new Map<FuncInfo, ExpensiveFact | null>();
  const factOf = (fn: FuncInfo): ExpensiveFact | null => {
    const local = functions.get(fn);
    if (local || !readsImports) return local ?? null;
    if (across.has(fn)) return across.get(fn)!;
    if (depthAcross >= MAX_DEPTH_ACROSS || (fn.file.isTest && !options.includeTests) || isIgnoredLocal(fn)) return null;
    across.set(fn, null);
    depthAcross++;
    try {
      const fact = analyses.get(neverReturns).neverReturnsFunction(fn) ? null : factFromBody(fn, factOf, true);
      across.set(fn, fact);
      return fact;
    } finally {
      depthAcross--;
    }
  };
  const importedFact = (resolved: ResolvedCall): (ExpensiveFact & { callee: FuncInfo }) | null => {
    const imported = importedFunction(analyses, resolved);
    if (!imported) return null;
    const fact = imported.analyses.get(expensiveSummary).factOf(imported.fn);
    // A long chain through several packages rests on many guesses about which code runs: leave it.
    if (!fact || fact.chain.length >= MAX_CHAIN_ACROSS) return null;
    // Names of the other package's functions are qualified by its name; names further down already are.
    const qualifiedTo = fact.chain.findIndex((name) => name.includes('.'));
    const chain = fact.chain.map((name, index) => (qualifiedTo < 0 || index < qualifiedTo ? `${imported.analyses.pkg.name}.${name}` : name));
    if (imported.fn.receiverType && chain[0] === `${imported.analyses.pkg.name}.${imported.fn.name}`) chain[0] = `${imported.analyses.pkg.name}.${imported.fn.receiverType}.${imported.fn.name}`;
    return { ...fact, chain, primitiveFile: fact.primitiveFile ?? imported.analyses.fileOf(fact.primitive), callee: imported.fn };
  };

  /** The fact of a function from its body: the first expensive call that runs whenever it runs. */
  function factFromBody(fn: FuncInfo, calleeFact: (callee: FuncInfo) => ExpensiveFact | null, throughImports: boolean): ExpensiveFact | null {
    const own = localPrimitive(fn);
    if (own) return own;
    const body = fn.node.childForFieldName('body');
    if (!body) return null;
    const graph = analyses.get(callGraph);
    let found: ExpensiveFact | null = null;
    for (const site of graph.sitesOf(fn)) {
      if (site.literal && !runsInline(site.literal, fn.node)) continue;
      let fact: ExpensiveFact | null = null;
      if (site.resolved.kind === 'local') {
        if (site.resolved.fn === fn) continue;
        // Across packages only calls resolved by type are followed, never a method picked by its name alone.
        if (site.resolved.via === 'unique-name' && (throughImports || !isDistinctiveName(site.resolved.fn.name))) continue;
        const callee = calleeFact(site.resolved.fn);
        if (callee) fact = { ...callee, chain: [displayName(fn), ...callee.chain], hoistArgs: null, argumentsShared: false };
      } else {
        const primitive = primitiveFact(site.call, site.resolved, site.literal ?? fn.node, fn.file) ?? (throughImports ? importedFact(site.resolved) : null);
        if (primitive) fact = { ...primitive, chain: [displayName(fn), ...primitive.chain], hoistArgs: null, argumentsShared: false };
      }
      if (!fact || runsOnceIn(site.call, fn.node, pkg)) continue;
      // Compiling a regexp is the lightest primitive: a function that also shells out or reads
      // files is described by that heavier work.
      if (!found || (isRegexpFact(found) && !isRegexpFact(fact))) found = fact;
      if (!isRegexpFact(found)) break;
    }
    if (found) return found;
    if (!transportIgnored && fn.node.text.includes('Transport{')) {
      for (const literal of analyses.nodesOfType(fn.file, 'composite_literal')) {
        if (literal.startIndex < body.startIndex || literal.endIndex > body.endIndex || !transportLiteral(literal)) continue;
        if (runsOnceIn(literal, fn.node, pkg)) continue;
        return makeFact({ what: TRANSPORT_WHAT }, [displayName(fn), 'http.Transport{}'], literal);
      }
    }
    return null;
  }

  return {
    functions,
    names,
    callFact(call, fn) {
      const file = analyses.fileOf(call);
      if (!file) return null;
      const resolved = resolveCall(analyses, call, fn);
      if (resolved.kind === 'local') {
        if (resolved.via === 'unique-name' && !isDistinctiveName(resolved.fn.name)) return null;
        const fact = factOf(resolved.fn);
        return fact ? { ...fact, callee: resolved.fn } : null;
      }
      const fact = primitiveFact(call, resolved, fn, file);
      if (fact) return { ...fact, callee: null };
      return readsImports ? importedFact(resolved) : null;
    },
    readsImports,
    factOf,
    isTransportLiteral: (literal) => !transportIgnored && transportLiteral(literal),
  };
});

/** How many functions are being summarised across packages, one inside another; the walk stops beyond a bound. */
let depthAcross = 0;
const MAX_DEPTH_ACROSS = 12;
/** The longest chain a call into another package may report (the caller's name included). */
const MAX_CHAIN_ACROSS = 7;

function isRegexpFact(fact: ExpensiveFact): boolean {
  return /^regexp\./.test(fact.chain[fact.chain.length - 1]!);
}

/** A fact for a primitive (or a chain ending in one) described by a catalog entry. */
export function makeFact(entry: Partial<CatalogEntry> & { what: string }, chain: string[], primitive: SyntaxNode): ExpensiveFact {
  return {
    what: entry.what,
    chain,
    primitive,
    errorOnly: !!entry.errorOnly,
    workWithoutResult: !!entry.workWithoutResult,
    hoistArgs: entry.hoistArgs ?? null,
    changedBy: entry.changedBy ?? null,
    argumentsShared: !!entry.argumentsShared,
    constantPattern: null,
  };
}

/** The pattern of a regexp call when it is a string literal or a package constant, else null. */
function constantPattern(pkg: GoPackage, call: SyntaxNode): string | null {
  const first = call.childForFieldName('arguments')?.namedChild(0);
  if (!first) return null;
  const expr = unparen(first);
  if (expr.type === 'interpreted_string_literal' || expr.type === 'raw_string_literal') return expr.text;
  if (expr.type === 'identifier') {
    const value = pkg.values.get(expr.text);
    const init = value?.isConst ? value.valueNode : null;
    if (init && (init.type === 'interpreted_string_literal' || init.type === 'raw_string_literal')) return init.text;
  }
  return null;
}

/** Method names too common to trust a package-unique match when the receiver's type is unknown. */
const COMMON_METHOD_NAMES = /^(Get|Set|List|Load|Store|Run|Do|Read|Write|Close|String|Open|Start|Stop|Lookup|Find|Parse|Update|Apply|Reset|Len|Next|Value|Key|Name|Err|Wait|Close|Sync|Flush|Copy|Clone|Add|Remove|Delete)$/;

function isDistinctiveName(name: string): boolean {
  return !COMMON_METHOD_NAMES.test(name);
}

function displayName(fn: FuncInfo): string {
  return fn.name;
}

function shortName(importPath: string, typeName: string | null, name: string): string {
  const base = defaultPackageName(importPath);
  return typeName ? `${base}.${typeName}.${name}` : `${base}.${name}`;
}


/**
 * The imported type of an expression as [import path, type name], following constructor calls and
 * locals initialised from them: `exec.Command(...)`, `cmd` after `cmd := exec.Command(...)`.
 */
function externalTypeOf(analyses: PackageAnalyses, file: SourceFile, fn: SyntaxNode | null, expression: SyntaxNode, depth: number): [string, string] | null {
  if (depth > 4) return null;
  const pkg = analyses.pkg;
  const expr = unparen(expression);
  const scope = fn ? scopeOf(analyses, fn) : null;
  if (expr.type === 'call_expression') {
    const callee = unparen(expr.childForFieldName('function')!);
    if (callee.type !== 'selector_expression') return null;
    const operand = unparen(callee.childForFieldName('operand')!);
    const name = callee.childForFieldName('field')?.text ?? '';
    if (operand.type === 'identifier' && !scope?.declares(operand.text) && !pkg.values.has(operand.text)) {
      const importPath = importPathOf(pkg, file, operand.text);
      const type = importPath ? CONSTRUCTORS[importPath]?.[name] : undefined;
      return importPath && type ? [importPath, type] : null;
    }
    if (TEMPLATE_CHAIN.has(name)) {
      const inner = externalTypeOf(analyses, file, fn, operand, depth + 1);
      return inner && inner[1] === 'Template' ? inner : null;
    }
    return null;
  }
  if (expr.type === 'identifier' && scope) {
    const local = scope.localAt(expr.text, expr.startIndex);
    if (local?.init && !local.type && local.position === 0) return externalTypeOf(analyses, file, fn, local.init, depth + 1);
  }
  const type = typeOfExpression(pkg, scope, expr);
  const name = type ? namedType(type) : null;
  const dot = name ? name.indexOf('.') : -1;
  if (!name || dot < 0) return null;
  const importPath = importPathOf(pkg, file, name.slice(0, dot));
  return importPath ? [importPath, name.slice(dot + 1)] : null;
}

/** True when a func literal runs where it is written: called on the spot, not by `go` or `defer`. */
export function isInvokedInPlace(literal: SyntaxNode): boolean {
  const node = outermostParen(literal);
  const parent = node.parent;
  if (parent?.type !== 'call_expression' || parent.childForFieldName('function')?.id !== node.id) return false;
  const statement = parent.parent;
  return statement?.type !== 'go_statement' && statement?.type !== 'defer_statement';
}

/** True when every func literal from `literal` out to `fn` is invoked in place. */
function runsInline(literal: SyntaxNode, fn: SyntaxNode): boolean {
  for (let node: SyntaxNode | null = literal; node && node.id !== fn.id; node = node.parent) {
    if (node.type === 'func_literal' && !isInvokedInPlace(node)) return false;
  }
  return true;
}

/**
 * True when a call inside `fn` runs at most once over the life of the value it fills: it sits under
 * `if X == nil { X = ... }` (or `len(X) == 0`, `!loaded`, `!ok` from a map lookup) whose body assigns X,
 * or after a cache hit that returns early (`if v, ok := c.cache[k]; ok { return v }`).
 */
export function runsOnceIn(call: SyntaxNode, fn: SyntaxNode, pkg: GoPackage): boolean {
  let child = call;
  for (let node = call.parent; node && node.id !== fn.id; child = node, node = node.parent) {
    if (node.type === 'if_statement' && node.childForFieldName('consequence')?.id === child.id && isMemoGuard(node, pkg)) return true;
  }
  return hasCacheHitReturnBefore(call, fn);
}

/**
 * `if X == nil { X = ... }` and its kin: the consequence fills what the condition found empty, itself
 * or through a same-package function it calls (`if tick == 0 { initClock() }`).
 */
export function isMemoGuard(ifStatement: SyntaxNode, pkg: GoPackage): boolean {
  const condition = ifStatement.childForFieldName('condition');
  const consequence = ifStatement.childForFieldName('consequence');
  if (!condition || !consequence) return false;
  const targets = emptinessTargets(condition, ifStatement.childForFieldName('initializer'));
  if (targets.length === 0) return false;
  const body = consequence.text;
  if (targets.some((target) => assignsTo(body, target))) return true;
  const packageTargets = targets.filter((target) => pkg.values.has(target));
  if (packageTargets.length === 0) return false;
  for (const match of body.matchAll(/\b([A-Za-z_]\w*)\(/g)) {
    const callee = pkg.funcs.get(match[1]!);
    if (callee && packageTargets.some((target) => assignsTo(callee.node.text, target))) return true;
  }
  return false;
}

const EMPTY = /^(nil|""|0|0\.0|false)$/;

function emptinessTargets(condition: SyntaxNode, initializer: SyntaxNode | null): string[] {
  const expr = unparen(condition);
  if (expr.type === 'binary_expression') {
    const operator = expr.childForFieldName('operator')?.text;
    const left = expr.childForFieldName('left');
    const right = expr.childForFieldName('right');
    if (!left || !right) return [];
    if (operator === '&&' || operator === '||') return [...emptinessTargets(left, initializer), ...emptinessTargets(right, initializer)];
    if (operator !== '==') return [];
    const empty = EMPTY.test(unparen(right).text) ? unparen(left) : EMPTY.test(unparen(left).text) ? unparen(right) : null;
    if (!empty) return [];
    const lengthOf = /^len\((.+)\)$/s.exec(empty.text);
    return [lengthOf ? lengthOf[1]!.trim() : empty.text];
  }
  if (expr.type === 'unary_expression' && expr.childForFieldName('operator')?.text === '!') {
    const operand = unparen(expr.childForFieldName('operand')!);
    if (operand.type !== 'identifier' && operand.type !== 'selector_expression') return [];
    const targets = [operand.text];
    // `if _, ok := m[k]; !ok { m[k] = ... }`: the map entry is what gets filled.
    const lookup = initializer ? /:=\s*(.+\[.+\])\s*$/s.exec(initializer.text) : null;
    if (lookup) targets.push(lookup[1]!.trim());
    return targets;
  }
  return [];
}

function assignsTo(body: string, target: string): boolean {
  const escaped = target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*');
  return new RegExp(`(^|[^\\w.])${escaped}\\s*(=|:=)[^=]`).test(body) || new RegExp(`(^|[^\\w.])${escaped}\\s*,`).test(body);
}

const CACHE_HIT = /\b(ok|found|exists|hit|cached|cache)\b|[Cc]ache/;

/** A top-level `if <cache hit> { return ... }` before the statement holding `call`. */
function hasCacheHitReturnBefore(call: SyntaxNode, fn: SyntaxNode): boolean {
  const body = fn.childForFieldName('body');
  const list = body?.namedChild(0);
  if (!list || list.type !== 'statement_list') return false;
  for (const statement of list.namedChildren) {
    if (statement.startIndex >= call.startIndex) break;
    if (statement.type !== 'if_statement') continue;
    const condition = statement.childForFieldName('condition');
    const consequence = statement.childForFieldName('consequence');
    if (!condition || !consequence || !/\breturn\b/.test(consequence.text)) continue;
    const test = `${statement.childForFieldName('initializer')?.text ?? ''} ${condition.text}`;
    if (/\berr\b/.test(condition.text)) continue;
    if (CACHE_HIT.test(test) || /^[\w.]+\.\w+\s*!=\s*nil$/.test(condition.text.trim())) return true;
  }
  return false;
}
