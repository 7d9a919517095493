// The per-package analysis cache. Every analysis (the shared ones here, such as never-returns, the call
// graph and lock use, and a rule's own, such as the expensive-call summary) is defined once with
// `defineAnalysis` and computed at most once per package, the first time a rule asks for it; CFGs are
// built lazily, one per function asked about. In an editor's lints it also holds the previous lint of
// the package, from which analyses may carry facts over (carry-over.ts), moves that lint's CFGs of
// unchanged functions, and records the questions a computation asks, so that its result can be reused
// when they get the same answers. It computes nothing itself.
import type { SyntaxNode } from '../parse/parser.js';
import type { SourceFile } from '../parse/source.js';
import { importPathOf, type FuncInfo, type GoPackage } from '../index/package-index.js';
import { isStandardLibrary } from '../index/resolve.js';
import { buildCfg, CfgTooDeepError, type Cfg } from '../cfg/cfg.js';
import { moveCfg } from '../cfg/move.js';
import { PackageCorrespondence } from './carry-over.js';

export interface AnalysisDefinition<T> {
  name: string;
  compute(analyses: PackageAnalyses): T;
}

/** Declares a shared analysis. The result is cached per package. */
export function defineAnalysis<T>(name: string, compute: (analyses: PackageAnalyses) => T): AnalysisDefinition<T> {
  return { name, compute };
}

/**
 * A question a computation asked about the rest of the package, with the answer it got (see
 * PackageAnalyses.recordQuestions): `kind` says what was asked, about a node (a call, a function
 * node) or a function of the package, or a name.
 */
export interface Question {
  kind: string;
  node?: SyntaxNode;
  /** For a never-returns question, the function whose CFG the call is in. */
  within?: SyntaxNode;
  fn?: FuncInfo;
  name?: string;
  answer: string | number | boolean;
}

/** A question of the previous lint in this lint's terms, or null when its nodes are gone (their function changed). */
export function moveQuestion(question: Question, correspondence: PackageCorrespondence): Question | null {
  const moved: Question = { ...question };
  if (question.node) {
    const node = correspondence.nodeOf(question.node);
    if (!node) return null;
    moved.node = node;
  }
  if (question.within) {
    const within = correspondence.nodeOf(question.within);
    if (!within) return null;
    moved.within = within;
  }
  if (question.fn) moved.fn = correspondence.functionOf(question.fn);
  return moved;
}

/**
 * The packages a package imports, as analyses; installed by the engine (src/engine/imports.ts), which
 * finds them on disk, parses them and builds their analyses on first use.
 */
export interface ImportedPackages {
  /** The analyses of the package that code in `fromDir` imports as `importPath`, or null when not found. */
  analysesOf(fromDir: string, importPath: string): PackageAnalyses | null;
  /** How imports are found, when known: which module holds a directory (`std` for the standard library). */
  readonly resolver?: { moduleOf(dir: string): { path: string } | null };
}

/** Predicate telling the CFG builder which calls never return; installed by the never-returns analysis. */
export type NoReturnPredicate = (call: SyntaxNode, file: SourceFile, fn: SyntaxNode) => boolean;

/**
 * Gathered nodes by file. A file's nodes depend on nothing else, so they outlive one package lint: the
 * language server lints a package again on every edit, with the same parsed siblings.
 */
const nodeBuckets = new WeakMap<SourceFile, Map<string, SyntaxNode[]>>();

/** Node types asked for so far in this thread; gathered together in each file's first pass. */
const learnedTypes = new Set<string>();

export class PackageAnalyses {
  readonly pkg: GoPackage;
  /** Per-rule options that analyses may need (the expensive catalog, say), keyed by rule id. */
  readonly ruleOptions: ReadonlyMap<string, object>;
  private readonly results = new Map<AnalysisDefinition<unknown>, unknown>();
  private readonly inProgress = new Set<AnalysisDefinition<unknown>>();
  private readonly cfgsById = new Map<number, Cfg>();
  private readonly fileByTree = new Map<unknown, SourceFile>();
  private noReturn: NoReturnPredicate | null = null;
  private importedPackages: ImportedPackages | null = null;
  private readsImports: boolean | undefined;
  /** Functions whose CFG could not be built because they nest too deeply, by node id, with the limit. */
  readonly tooDeep = new Map<number, { fn: SyntaxNode; limit: number }>();
  /** In incremental mode, per CFG (by function node id), the calls it asked the never-returns predicate about, and the answers. */
  private readonly noReturnAnswers = new Map<number, { calls: SyntaxNode[]; answers: boolean[] }>();
  /** The CFGs (by function node id) moved from the previous lint rather than built. */
  private readonly carriedCfgs = new Set<number>();
  /** The questions being recorded (recordQuestions), and how deep inside another question the current one is. */
  private questions: Question[] | null = null;
  private questionDepth = 0;
  /** The previous lint of the package, while facts may be carried over from it (see carryFrom). */
  private carry: { previous: PackageAnalyses; correspondence: PackageCorrespondence } | null = null;

  /** True when the package will be linted again soon (an editor), so findings are worth keeping across lints. */
  readonly incremental: boolean;

  constructor(pkg: GoPackage, ruleOptions: ReadonlyMap<string, object> = new Map(), incremental = false) {
    this.pkg = pkg;
    this.ruleOptions = ruleOptions;
    this.incremental = incremental;
    for (const file of pkg.files) this.fileByTree.set(file.tree, file);
  }

  /**
   * Lets this lint carry facts over from the previous lint of the same package, when the two
   * correspond (carry-over.ts); until `endCarry`. Only analyses that say what else their facts rest
   * on take them.
   */
  carryFrom(previous: PackageAnalyses): void {
    if (previous.noReturn === null !== (this.noReturn === null) || previous.importedPackages !== this.importedPackages) return;
    const correspondence = PackageCorrespondence.between(previous.pkg, this.pkg);
    this.carry = correspondence ? { previous, correspondence } : null;
  }

  /** Drops the previous lint: this one is done, and the next will carry from it. */
  endCarry(): void {
    this.carry = null;
  }

  /** The previous lint and how it corresponds to this one, while facts may be carried over. */
  carried(): { previous: PackageAnalyses; correspondence: PackageCorrespondence } | null {
    return this.carry;
  }

  /**
   * Runs `compute`, recording the questions it asks about the rest of the package in order: the CFGs
   * and never-returns calls it asks this object for, and what rules note themselves (noteQuestion).
   * Questions asked while answering another are its own business and are left out. A lint that
   * carries the result over asks them again (askAgain) and keeps the result only when every answer is
   * the same; asked in the same order, they leave the package's analyses as computing would have.
   */
  recordQuestions<T>(compute: () => T): { value: T; questions: Question[] } {
    const outer = this.questions;
    const outerDepth = this.questionDepth;
    const questions: Question[] = [];
    this.questions = questions;
    this.questionDepth = 0;
    try {
      return { value: compute(), questions };
    } finally {
      this.questions = outer;
      this.questionDepth = outerDepth;
    }
  }

  /** Notes a question and its answer while a recording runs; `question` is called only then. */
  noteQuestion(question: () => Question): void {
    if (this.questions && this.questionDepth === 0) this.questions.push(question());
  }

  /**
   * Whether a CFG or never-returns question of the previous lint (moved to this lint's nodes, see
   * moveQuestion) gets the same answer now: a CFG must be the previous one moved, a call must stop
   * paths alike. Other kinds are the asker's to answer; this throws for them.
   */
  askAgain(question: Question): boolean {
    if (question.kind === 'cfg') {
      try {
        this.cfg(question.node!);
      } catch (error) {
        if (error instanceof CfgTooDeepError) return false;
        throw error;
      }
      return this.carriedCfgs.has(question.node!.id);
    }
    if (question.kind === 'no-return') return this.isNoReturnCall(question.node!, question.within!) === question.answer;
    throw new Error(`askAgain: ${question.kind} is not a question of the package analyses`);
  }

  /** The result of an analysis if it was computed, without computing it. */
  peek<T>(definition: AnalysisDefinition<T>): T | undefined {
    return this.results.get(definition as AnalysisDefinition<unknown>) as T | undefined;
  }

  /** The result of an analysis for this package, computing it on first use. */
  get<T>(definition: AnalysisDefinition<T>): T {
    const key = definition as AnalysisDefinition<unknown>;
    if (this.results.has(key)) return this.results.get(key) as T;
    if (this.inProgress.has(key)) throw new Error(`analysis ${definition.name} depends on itself`);
    this.inProgress.add(key);
    try {
      const value = definition.compute(this);
      this.results.set(key, value);
      return value;
    } finally {
      this.inProgress.delete(key);
    }
  }

  /** True while some analysis of this package is being computed. */
  isComputing(): boolean {
    return this.inProgress.size > 0;
  }

  /** True once a never-returns predicate is installed, so `cfg` ends blocks at calls that never return. */
  usesNoReturnPredicate(): boolean {
    return this.noReturn !== null;
  }

  /** True when the CFG of `fn` ends a path at this call: the installed never-returns predicate says so. */
  isNoReturnCall(call: SyntaxNode, fn: SyntaxNode): boolean {
    const predicate = this.noReturn;
    const file = predicate ? this.fileOf(fn) : undefined;
    this.questionDepth++;
    let answer: boolean;
    try {
      answer = !!predicate && !!file && predicate(call, file, fn);
    } finally {
      this.questionDepth--;
    }
    if (this.questions) this.noteQuestion(() => ({ kind: 'no-return', node: call, within: fn, answer }));
    return answer;
  }

  /** Installs the never-returns predicate used by `cfg` from now on. */
  setNoReturnPredicate(predicate: NoReturnPredicate): void {
    this.noReturn = predicate;
    this.cfgsById.clear();
  }

  /**
   * The CFG of a function declaration, method declaration or func literal. Calls that never return end
   * their block once the never-returns analysis has run (rules get that by asking for `cfgOf`).
   */
  cfg(fn: SyntaxNode): Cfg {
    if (this.questions) this.noteQuestion(() => ({ kind: 'cfg', node: fn, answer: true }));
    const cached = this.cfgsById.get(fn.id);
    if (cached) return cached;
    this.questionDepth++;
    try {
      return this.computeCfg(fn);
    } finally {
      this.questionDepth--;
    }
  }

  private computeCfg(fn: SyntaxNode): Cfg {
    const file = this.fileOf(fn);
    const predicate = this.noReturn;
    let cfg: Cfg | null = this.carriedCfg(fn);
    if (cfg) {
      this.cfgsById.set(fn.id, cfg);
      this.carriedCfgs.add(fn.id);
      return cfg;
    }
    let ask = predicate && file ? (call: SyntaxNode) => predicate(call, file, fn) : null;
    if (ask && this.incremental) {
      // Kept so the next lint can move this graph instead of building it again (carriedCfg).
      const asked = { calls: [] as SyntaxNode[], answers: [] as boolean[] };
      this.noReturnAnswers.set(fn.id, asked);
      const inner = ask;
      ask = (call) => {
        const answer = inner(call);
        asked.calls.push(call);
        asked.answers.push(answer);
        return answer;
      };
    }
    try {
      cfg = buildCfg(fn, ask ? { isNoReturnCall: ask } : {});
    } catch (error) {
      // Recorded so the engine can say which function flow-based rules had to skip.
      if (error instanceof CfgTooDeepError) this.tooDeep.set(fn.id, { fn, limit: error.limit });
      throw error;
    }
    this.cfgsById.set(fn.id, cfg);
    return cfg;
  }

  /**
   * The previous lint's graph of an unchanged function, moved to this lint's nodes, when it was built
   * and every call it asked the never-returns predicate about gets the same answer now: the builder
   * reads nothing else, so it would build the same graph. The questions are asked again in the order
   * the builder asked them, so the never-returns analysis sees what a fresh build would show it.
   */
  private carriedCfg(fn: SyntaxNode): Cfg | null {
    const carry = this.carry;
    if (!carry) return null;
    const { previous, correspondence } = carry;
    const old = correspondence.previousNodeOf(fn);
    const oldCfg = old ? previous.cfgsById.get(old.id) : undefined;
    if (!old || !oldCfg) return null;
    const predicate = this.noReturn;
    const file = this.fileOf(fn);
    const asked = previous.noReturnAnswers.get(old.id);
    const move = (node: SyntaxNode): SyntaxNode => correspondence.nodeOf(node)!;
    let calls: SyntaxNode[] = [];
    if (predicate && file) {
      if (!asked) return null;
      calls = asked.calls.map(move);
      for (let index = 0; index < calls.length; index++) if (predicate(calls[index]!, file, fn) !== asked.answers[index]) return null;
      this.noReturnAnswers.set(fn.id, { calls, answers: asked.answers });
    }
    // A file both lints share has the very same nodes: the graph itself is reused.
    return old === fn ? oldCfg : moveCfg(oldCfg, fn, move);
  }

  /** Installs what `imported` asks for the packages this one imports. */
  setImportedPackages(importedPackages: ImportedPackages | null): void {
    this.importedPackages = importedPackages;
    this.readsImports = undefined;
  }

  /**
   * The analyses of the package that `file` imports under `localName` (`http` in `http.Get`), or null
   * when the file imports no such name, the package is not on disk, or no importer is installed (a
   * single-package lint). Ask for an imported package's summaries through it, as for this package's.
   */
  imported(file: SourceFile, localName: string): PackageAnalyses | null {
    if (!this.importedPackages) return null;
    const importPath = importPathOf(this.pkg, file, localName);
    return importPath ? this.importedPackages.analysesOf(this.pkg.dir, importPath) : null;
  }

  /**
   * True when some file of this package imports a package outside the standard library and this package
   * is not itself part of the Go distribution (whose `vendor/golang.org/x` packages are its own
   * internals): only then are imported sources worth reading for summaries.
   */
  readsImportedSources(): boolean {
    if (this.readsImports === undefined) {
      const module = this.importedPackages?.resolver?.moduleOf(this.pkg.dir)?.path;
      this.readsImports =
        !!this.importedPackages && module !== 'std' && module !== 'cmd' &&
        [...this.pkg.imports.values()].some((specs) => [...specs.values()].some((spec) => spec.localName !== '_' && !isStandardLibrary(spec.path)));
    }
    return this.readsImports;
  }

  /** The analyses of the package this one imports by path (`k8s.io/client-go/util/workqueue`), or null. */
  importedByPath(importPath: string): PackageAnalyses | null {
    return this.importedPackages?.analysesOf(this.pkg.dir, importPath) ?? null;
  }

  /** The file of this package that holds a node, or undefined when it is from elsewhere. */
  fileOf(node: SyntaxNode): SourceFile | undefined {
    return this.fileByTree.get(node.tree);
  }

  /**
   * The nodes of the given types in a file, in document order. All types asked for in one call are
   * gathered in a single pass; later calls for gathered types cost nothing. Every type asked for
   * in this run is remembered and gathered in the first pass over each later file, because rules and
   * analyses ask for the same types in every package and each extra pass walks the whole tree again.
   */
  nodesOfTypes(file: SourceFile, types: readonly string[]): Map<string, SyntaxNode[]> {
    let buckets = nodeBuckets.get(file);
    const first = !buckets;
    if (!buckets) {
      buckets = new Map();
      nodeBuckets.set(file, buckets);
    }
    const wanted = new Set<string>();
    for (const type of types) {
      learnedTypes.add(type);
      if (!buckets.has(type)) wanted.add(type);
    }
    if (wanted.size === 0) return buckets;
    if (first) for (const type of learnedTypes) wanted.add(type);
    for (const type of wanted) buckets.set(type, []);
    for (const node of file.tree.rootNode.descendantsOfType([...wanted])) buckets.get(node.type)!.push(node);
    return buckets;
  }

  /** The nodes of one type in a file, in document order. */
  nodesOfType(file: SourceFile, type: string): SyntaxNode[] {
    return this.nodesOfTypes(file, [type]).get(type)!;
  }
}
