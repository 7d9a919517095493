// Methods that another package calls on a value this package hands it. A method's receiver passed to a
// function of an imported package (`internalutil.CreateBridge(n, ...)`) may come back as calls of its
// methods (`n.ForEach(...)` inside CreateBridge, or in a helper CreateBridge passes `n` on to): those
// calls run at the call site here, under the locks held there. Read from the imported package's
// source, following the parameter through its same-package calls (three levels); shadowing of the
// parameter is not tracked. It says nothing about who else may call the methods.
import type { SyntaxNode } from '../../src/parse/parser.js';
import { callArguments, unparen } from '../../src/parse/syntax.js';
import type { FuncInfo } from '../../src/index/package-index.js';
import { defineAnalysis, type PackageAnalyses } from '../../src/analysis/context.js';
import { callGraph, type CallSite } from '../../src/analysis/calls.js';

/** Per imported package: method names called on parameter `index` of a function, by `key#index`. */
const calledOnParameter = defineAnalysis('handed-over-methods', () => new Map<string, ReadonlySet<string>>());

/**
 * The same-package methods of the caller's receiver type that an imported function called at `call`
 * calls on the receiver passed to it; empty when the callee is not another package's function or the
 * receiver is not among the arguments.
 */
export function methodsCalledBack(analyses: PackageAnalyses, caller: FuncInfo, site: CallSite): FuncInfo[] {
  if (!caller.receiverName || !caller.receiverType) return [];
  let handed = handedOver.get(site);
  if (handed === undefined) {
    handed = receiverHandedOver(site.call, caller.receiverName);
    handedOver.set(site, handed);
  }
  if (!handed) return [];
  const { qualifier, name, positions } = handed;
  const imported = analyses.imported(caller.file, qualifier);
  const fn = imported?.pkg.funcs.get(name);
  if (!imported || !fn) return [];
  const methods = analyses.pkg.methods.get(caller.receiverType);
  const found: FuncInfo[] = [];
  for (const position of positions) {
    for (const method of methodsOnParameter(imported, fn, position, 0)) {
      const info = methods?.get(method);
      if (info && !found.includes(info)) found.push(info);
    }
  }
  return found;
}

/** Per call site, what receiverHandedOver found (the site's syntax alone; a site object lives as long as its file's parse). */
const handedOver = new WeakMap<CallSite, { qualifier: string; name: string; positions: number[] } | null>();

/** `pkg.F(..., r, ...)` with the receiver `r` among the arguments: the qualifier, the name and r's positions; else null. */
function receiverHandedOver(call: SyntaxNode, receiver: string): { qualifier: string; name: string; positions: number[] } | null {
  const callee = call.childForFieldName('function');
  if (!callee || callee.type !== 'selector_expression') return null;
  const qualifier = callee.childForFieldName('operand');
  const name = callee.childForFieldName('field')?.text;
  if (!qualifier || qualifier.type !== 'identifier' || !name) return null;
  const args = callArguments(call);
  const positions = args.flatMap((arg, index) => (unparen(arg).type === 'identifier' && unparen(arg).text === receiver ? [index] : []));
  return positions.length > 0 ? { qualifier: qualifier.text, name, positions } : null;
}

function methodsOnParameter(analyses: PackageAnalyses, fn: FuncInfo, index: number, depth: number): ReadonlySet<string> {
  const memo = analyses.get(calledOnParameter);
  const key = `${fn.key}#${index}`;
  const known = memo.get(key);
  if (known) return known;
  const names = new Set<string>();
  memo.set(key, names);
  const parameter = fn.params[index]?.name;
  if (!parameter || parameter === '_' || !fn.node.text.includes(parameter)) return names;
  for (const site of analyses.get(callGraph).sitesOf(fn)) {
    const callee = site.call.childForFieldName('function');
    if (callee?.type === 'selector_expression') {
      const operand = callee.childForFieldName('operand');
      if (operand && unparen(operand).type === 'identifier' && unparen(operand).text === parameter && site.name) names.add(site.name);
    }
    if (depth >= 3 || callee?.type !== 'identifier' || !site.local) continue;
    const next = site.local.fn;
    callArguments(site.call).forEach((arg, position) => {
      if (unparen(arg).type === 'identifier' && unparen(arg).text === parameter) {
        for (const method of methodsOnParameter(analyses, next, position, depth + 1)) names.add(method);
      }
    });
  }
  return names;
}
