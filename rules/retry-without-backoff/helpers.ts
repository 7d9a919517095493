// Retry helpers of other packages: `retry.Do(fn)`, where Do (in another package of the module, in
// vendor/ or in the module cache) calls its function argument in a loop that goes back to it as soon
// as it fails. The helper's loops are judged by the loop check (loops.ts) in the helper's own package;
// a loop whose retried call is the function parameter makes every call of the helper a retry without
// backoff, reported at the call with the helper's loop as related location. Helpers that wait between
// attempts (wait.ExponentialBackoff, retry.RetryOnConflict) or whose source is not on disk stay quiet,
// and so do calls from test code.
import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import type { PackageRuleContext, ReportDescriptor } from '../../src/engine/rule.js';
import { callArguments, calleePath, nodesWithin, unparen } from '../../src/parse/syntax.js';
import { isStandardLibrary } from '../../src/index/resolve.js';
import { isTestCode } from '../../src/index/test-code.js';
import type { FuncInfo, GoPackage } from '../../src/index/package-index.js';
import { importedFunction, type ImportedFunction } from '../../src/analysis/imported.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';
import { checkLoop } from './loops.js';
import type { Options } from './options.js';

/** A helper's loop that retries its function parameter blindly, as the loop check words it. */
interface BlindRetry {
  loop: SyntaxNode;
  param: string;
  index: number;
  finding: ReportDescriptor;
}

const blindRetries = new WeakMap<FuncInfo, BlindRetry | null>();

/**
 * Helpers worth reading, by the qualified name at the call (`retry.Do`, `util.RetryForever`,
 * `backoffutil.Try`): reading every imported package a func literal is handed to would parse most of
 * a large tree's imports for nothing.
 */
const RETRY_HELPER = /retr|backoff|attempt|tries|poll|until|forever|repeat|eventually|again|persist/i;
const DO_OR_TRY = /\.(Do|Try)([A-Z]\w*)?$/;

export function checkRetryHelpers(context: PackageRuleContext<Options>): void {
  const { analyses, pkg } = context;
  for (const file of pkg.files) {
    const imports = pkg.imports.get(file);
    // A test that retries through a helper exercises it; what to do there is the helper's fix.
    if (!imports || isTestCode(file, pkg.name)) continue;
    for (const { call, path } of helperLikeCalls(analyses, file, imports)) {
      const dot = path.indexOf('.');
      if (!callArguments(call).some((argument) => isFunctionArgument(pkg, argument))) continue;
      const importPath = imports.get(path.slice(0, dot))!.path;
      const callee = importedFunction(analyses, { kind: 'external', importPath, name: path.slice(dot + 1), receiverType: null });
      if (!callee || callee.fn.file.isTest) continue;
      const retry = blindRetryOf(context, callee);
      if (!retry || !callArguments(call)[retry.index]) continue;
      report(context, file, call, path, callee, retry);
    }
  }
}

/** helperLikeCalls by parsed file: they rest on its text alone (its imports included), so they live as long as the file. */
const helperCallsByFile = new WeakMap<SourceFile, Array<{ call: SyntaxNode; path: string }>>();

/** The calls of a file named like a retry helper of a package it imports from outside the standard library: `retry.Do(...)`. */
function helperLikeCalls(analyses: PackageAnalyses, file: SourceFile, imports: ReadonlyMap<string, { path: string }>): Array<{ call: SyntaxNode; path: string }> {
  let found = helperCallsByFile.get(file);
  if (found) return found;
  found = [];
  const names = new Set([...imports].filter(([, spec]) => !isStandardLibrary(spec.path)).map(([name]) => name));
  if (names.size > 0) {
    for (const call of analyses.nodesOfType(file, 'call_expression')) {
      const path = calleePath(call);
      const dot = path ? path.indexOf('.') : -1;
      if (!path || dot <= 0 || path.indexOf('.', dot + 1) >= 0 || !names.has(path.slice(0, dot))) continue;
      if (RETRY_HELPER.test(path) || DO_OR_TRY.test(path)) found.push({ call, path });
    }
  }
  helperCallsByFile.set(file, found);
  return found;
}

function report(context: PackageRuleContext<Options>, file: SourceFile, call: SyntaxNode, path: string, callee: ImportedFunction, retry: BlindRetry): void {
  const argument = unparen(callArguments(call)[retry.index]!);
  const what = argument.type === 'func_literal' ? 'the function literal' : argument.text.length <= 40 ? argument.text : 'its function argument';
  const helperFile = callee.fn.file;
  context.report({
    file,
    node: call,
    severity: retry.finding.severity,
    message: `${path} retries ${what} in a loop that calls ${retry.param} again as soon as it fails, with no delay (package ${callee.analyses.pkg.name}), so a persistent failure spins the CPU and hammers its target; use a retry helper that waits between attempts with exponential backoff (wait.ExponentialBackoff, retry.OnError)`,
    related: [
      { node: retry.loop.child(0)!, message: `the retry loop of ${path}: ${retry.finding.message}`, file: helperFile },
      ...(retry.finding.related ?? []).slice(0, 2).map((related) => ({ ...related, file: helperFile })),
    ],
  });
}

/** The first loop of a helper that retries one of its function parameters with no delay, or null. */
function blindRetryOf(context: PackageRuleContext<Options>, callee: ImportedFunction): BlindRetry | null {
  if (blindRetries.has(callee.fn)) return blindRetries.get(callee.fn)!;
  blindRetries.set(callee.fn, null);
  const funcParams = new Map<string, number>();
  callee.fn.params.forEach((param, index) => {
    if (param.name && isFuncType(callee, param.typeText)) funcParams.set(param.name, index);
  });
  if (funcParams.size === 0 || !callee.fn.node.text.includes('for')) return null;
  let found: BlindRetry | null = null;
  for (const loop of nodesWithin(callee.analyses.nodesOfType(callee.fn.file, 'for_statement'), callee.fn.node)) {
    checkLoop(
      {
        ruleId: context.ruleId,
        options: context.options,
        file: callee.fn.file,
        pkg: callee.analyses.pkg,
        analyses: callee.analyses,
        report(finding) {
          const attempt = finding.related?.[0] && 'node' in finding.related[0] ? finding.related[0].node : null;
          const name = attempt?.type === 'call_expression' ? unparen(attempt.childForFieldName('function')!).text : null;
          if (!found && name && funcParams.has(name)) found = { loop, param: name, index: funcParams.get(name)!, finding };
        },
      },
      loop,
    );
    if (found) break;
  }
  blindRetries.set(callee.fn, found);
  return found;
}

/** A parameter type that is a function: `func() error`, or a func type its package declares. */
function isFuncType(callee: ImportedFunction, typeText: string): boolean {
  return typeText.startsWith('func') || callee.analyses.pkg.types.get(typeText)?.typeNode?.type === 'function_type';
}

/** An argument that is a function: a literal, a function of this package, or a method value. */
function isFunctionArgument(pkg: GoPackage, argument: SyntaxNode): boolean {
  const value = unparen(argument);
  if (value.type === 'func_literal') return true;
  if (value.type === 'identifier') return pkg.funcs.has(value.text);
  return value.type === 'selector_expression' && pkg.methodsByName.has(value.childForFieldName('field')?.text ?? '');
}
