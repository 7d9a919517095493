// The writes cache-object-mutation looks for in one CFG node, given the taints before it: assignments
// and `++`/`--` through a tainted root, `delete`/`clear`/`copy`/`append` on its maps and slices,
// setters on it (`SetLabels`, `Status.MarkReady`), mutators of other packages (catalog.ts), and
// same-package calls whose summary says they write the parameter a tainted value is passed to. A write
// counts only where it reaches shared memory: any field of an object, an element of a list's object,
// and only maps, slice elements and pointers of a copy. Whether the taint came from the cache or from
// a parameter is for the caller to sort out.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { callArguments, expressionListItems, nodesWithin, unparen } from '../../src/parse/syntax.js';
import type { FuncInfo, GoPackage } from '../../src/index/package-index.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { isStandardLibrary } from '../../src/index/resolve.js';
import { CLEAN_CALLS, externalMutator, isNamedMutator, MAP_FIELDS, MUTATING_METHOD } from './catalog.js';
import { memorySteps, reachesDeep, shortText, writesShared, type FunctionSummary, type ImportedSummary, type Sink, type Taint } from './taint.js';
import type { State, ValueReader } from './values.js';

/** Methods that read their receiver by convention; another package's summary is not asked about them. */
const READING_METHOD = /^(Get|Is|Has|List|String|Equal|DeepCopy|Copy|Clone|Marshal|Size|Validate|Len)/;

export class SinkFinder {
  constructor(
    private readonly analyses: PackageAnalyses,
    private readonly file: SourceFile,
    private readonly fn: FuncInfo,
    private readonly values: ValueReader,
    private readonly summaryOf: (fn: FuncInfo) => FunctionSummary,
    /** Receives each write reached by a tainted value. */
    private readonly record: (sink: Sink) => void,
  ) {}

  private get pkg(): GoPackage {
    return this.analyses.pkg;
  }

  /** Checks one CFG node; `literals` are the func literals in it, whose calls are theirs, not the node's. */
  check(node: SyntaxNode, state: State, chain: SyntaxNode[], literals: SyntaxNode[]): void {
    const type = node.type;
    if (state.size > 0) {
      if (type === 'assignment_statement') {
        for (const left of expressionListItems(node.childForFieldName('left'))) this.checkWrite(left, left, state, chain, 'write');
      } else if (type === 'inc_statement' || type === 'dec_statement') {
        const target = node.namedChild(0);
        if (target) this.checkWrite(target, target, state, chain, 'write');
      }
    }
    if (!node.text.includes('(')) return;
    for (const call of nodesWithin(this.analyses.nodesOfType(this.file, 'call_expression'), node)) {
      if (literals.some((literal) => call.startIndex >= literal.startIndex && call.endIndex <= literal.endIndex)) continue;
      this.checkCall(call, state, chain);
    }
  }

  /** A write at `target`: assigned (`write`), deleted from or cleared (`delete`), or copied into (`elements`). */
  private checkWrite(target: SyntaxNode, report: SyntaxNode, state: State, chain: SyntaxNode[], how: 'write' | 'delete' | 'elements'): void {
    const rooted = this.values.rootOf(target, state, chain);
    const steps = memorySteps(rooted.steps);
    if (how !== 'write') steps.push('index');
    const taint = rooted.taint;
    if (steps.length === 0 || !taint || !writesShared(taint.kind, steps)) return;
    const bare = unparen(target);
    const map = how === 'delete' || (how === 'write' && this.isMapElement(bare, state, chain));
    const shown = map && how === 'write' ? unparen(bare.childForFieldName('operand') ?? bare) : bare;
    this.record({
      node: report,
      file: this.file,
      target: shortText(shown),
      action: how === 'delete' ? 'delete' : 'write',
      map,
      deep: reachesDeep(taint.kind, steps),
      root: shortText(rooted.root, 40),
      via: [],
      taint,
      passed: null,
    });
  }

  /** An index write into a map: a map field (`Labels`), an alias of one, a string key, or a known map type. */
  private isMapElement(target: SyntaxNode, state: State, chain: SyntaxNode[]): boolean {
    if (target.type !== 'index_expression') return false;
    const container = unparen(target.childForFieldName('operand') ?? target);
    const index = target.childForFieldName('index');
    if (index && /^(interpreted|raw)_string_literal$/.test(unparen(index).type)) return true;
    const field = container.type === 'selector_expression' ? container.childForFieldName('field')?.text : container.type === 'identifier' ? state.get(container.text)?.field : null;
    if (field && MAP_FIELDS.has(field)) return true;
    const type = this.values.sources.typeOf(container, chain);
    if (type?.node?.type === 'map_type') return true;
    const named = type?.node?.type === 'type_identifier' ? this.pkg.types.get(type.node.text) : undefined;
    return named?.typeNode?.type === 'map_type';
  }

  private checkCall(call: SyntaxNode, state: State, chain: SyntaxNode[]): void {
    const callee = call.childForFieldName('function');
    if (!callee) return;
    const target = unparen(callee);
    const args = callArguments(call);
    if (target.type === 'identifier') {
      const name = target.text;
      const builtin = (name === 'delete' || name === 'clear' || name === 'copy' || name === 'append') && !this.values.declared(name, chain);
      if (builtin && args[0]) {
        if (state.size === 0) return;
        // `append(pod.Finalizers[:i], ...)` writes into the array pod.Finalizers shares with the cache.
        const first = unparen(args[0]);
        if (name === 'append') {
          const sliced = first.type === 'slice_expression' ? first.childForFieldName('operand') : null;
          if (sliced && args.length > 1) this.checkWrite(sliced, call, state, chain, 'elements');
        } else this.checkWrite(first, call, state, chain, name === 'copy' ? 'elements' : 'delete');
      } else if (this.pkg.funcs.has(name) && args.length > 0) this.checkHelper(call, null, args, state, chain);
      return;
    }
    if (target.type !== 'selector_expression') return;
    const method = target.childForFieldName('field')?.text ?? '';
    const operand = target.childForFieldName('operand');
    if (!operand) return;
    const importPath = this.values.importQualifier(operand, chain);
    if (importPath) {
      this.checkExternal(call, target, importPath, method, args, state, chain);
      return;
    }
    if (MUTATING_METHOD.test(method) && !this.pkg.methodsByName.has(method)) {
      const taint = this.values.addressTaint(operand, state, chain);
      if (taint?.kind === 'object') this.recordCall(call, target, 'setter', false, false, operand, taint, state, chain);
      return;
    }
    if (this.pkg.methodsByName.has(method)) this.checkHelper(call, operand, args, state, chain);
    else if (state.size > 0 && !READING_METHOD.test(method) && this.values.addressTaint(operand, state, chain)) {
      // A method of another package's type on a cached object (`w.Relabel(k, v)` on an imported API type).
      const imported = this.values.importedSummaryOf(call, chain[chain.length - 1]!);
      if (imported) this.checkImported(call, operand, args, state, chain, imported);
    }
  }

  /**
   * A call into another package that changes what it is given: what the callee's own summary says when
   * its source is on disk (outside the standard library), else what catalog.ts assumes from its name.
   * The catalog's named mutators (`SetMetaDataLabel`, `AddFinalizer`) count either way.
   */
  private checkExternal(call: SyntaxNode, target: SyntaxNode, importPath: string, method: string, args: SyntaxNode[], state: State, chain: SyntaxNode[]): void {
    if (state.size === 0) return;
    if (!isStandardLibrary(importPath) && !isNamedMutator(method) && args.some((arg) => this.values.taintOf(arg, state, chain))) {
      const imported = this.values.importedSummaryOf(call, chain[chain.length - 1]!);
      if (imported) {
        this.checkImported(call, null, args, state, chain, imported);
        return;
      }
    }
    const known = externalMutator(importPath, method);
    const argument = known ? args[known.argument] : undefined;
    if (!known || !argument) return;
    const taint = this.values.taintOf(argument, state, chain);
    if (!taint || !(taint.kind === 'object' || (known.deep && taint.kind === 'copy'))) return;
    this.recordCall(call, target, 'known', known.map, known.deep, argument, taint, state, chain);
  }

  /**
   * A same-package call handing a tainted value to a parameter the callee writes: each of the callee's
   * writes through that parameter is reached, at its own place, by what the caller passes.
   */
  private checkHelper(call: SyntaxNode, receiver: SyntaxNode | null, args: SyntaxNode[], state: State, chain: SyntaxNode[]): void {
    if (state.size === 0 && !args.some((arg) => unparen(arg).type === 'call_expression')) return;
    const passed = (expression: SyntaxNode | null, pointer: boolean): Taint | null =>
      expression ? (pointer ? this.values.addressTaint(expression, state, chain) : this.values.taintOf(expression, state, chain)) : null;
    if (!(receiver && passed(receiver, true)) && !args.some((arg) => passed(arg, false))) return;
    const callee = this.values.resolveLocal(call, chain);
    if (!callee || callee === this.fn) return;
    const caller = chain.length > 1 ? `a func literal in ${this.fn.name}` : this.fn.name;
    for (const [index, sites] of this.summaryOf(callee).mutations) {
      // DeepCopy and DeepCopyInto read their receiver whatever their body looks like.
      if (index === -1 && CLEAN_CALLS.test(callee.name)) continue;
      if (index >= 0 && callee.params[index]?.typeText.startsWith('...')) continue;
      const argument = index === -1 ? receiver : (args[index] ?? null);
      const taint = passed(argument, index === -1 && callee.pointerReceiver);
      if (!argument || !taint) continue;
      for (const site of sites) {
        if (taint.kind === 'copy' && !site.deep) continue;
        this.record({
          ...site,
          via: [call, ...site.via],
          taint,
          passed: { call, file: this.file, argument: shortText(argument, 40), root: shortText(this.values.rootOf(stripAddress(argument), state, chain).root, 40), caller, callee: shortText(call.childForFieldName('function')!, 40) },
        });
      }
    }
  }

  /**
   * A call of another package's function handing a cached object to a parameter its summary says it
   * writes: reported at the call, with the write inside the callee as the remote write.
   */
  private checkImported(call: SyntaxNode, receiver: SyntaxNode | null, args: SyntaxNode[], state: State, chain: SyntaxNode[], imported: ImportedSummary): void {
    const callee = imported.fn;
    for (const [index, sites] of imported.summary.mutations) {
      if (index === -1 && CLEAN_CALLS.test(callee.name)) continue;
      if (index >= 0 && callee.params[index]?.typeText.startsWith('...')) continue;
      const argument = index === -1 ? receiver : (args[index] ?? null);
      if (!argument) continue;
      const taint = index === -1 && callee.pointerReceiver ? this.values.addressTaint(argument, state, chain) : this.values.taintOf(argument, state, chain);
      const site = taint ? sites.find((candidate) => taint.kind !== 'copy' || candidate.deep) : undefined;
      if (!taint || !site) continue;
      this.record({
        node: call,
        file: this.file,
        target: shortText(call.childForFieldName('function')!, 50),
        action: 'known',
        map: site.map,
        deep: site.deep,
        root: shortText(this.values.rootOf(stripAddress(argument), state, chain).root, 40),
        via: [],
        remote: { node: site.node, file: site.file, target: site.target, packageName: imported.pkg.name },
        taint,
        passed: null,
      });
      return;
    }
  }

  private recordCall(
    call: SyntaxNode, shown: SyntaxNode, action: 'setter' | 'known', map: boolean, deep: boolean, argument: SyntaxNode, taint: Taint,
    state: State, chain: SyntaxNode[],
  ): void {
    this.record({
      node: call,
      file: this.file,
      target: shortText(shown, 50),
      action,
      map,
      deep,
      root: shortText(this.values.rootOf(stripAddress(argument), state, chain).root, 40),
      via: [],
      taint,
      passed: null,
    });
  }
}

/** `&x.f` → `x.f`: the expression whose root names the object. */
function stripAddress(expression: SyntaxNode): SyntaxNode {
  const bare = unparen(expression);
  return bare.type === 'unary_expression' && bare.childForFieldName('operator')?.text === '&' ? (bare.childForFieldName('operand') ?? bare) : bare;
}
