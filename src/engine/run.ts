// Lints a set of target files directory by directory. Each directory's other .go files are read too,
// as package context (a sibling's helper, a struct declared elsewhere), but findings are kept only for
// targets. One directory's trees are dropped before the next is read, so memory stays flat on big trees.
import fs from 'node:fs';
import path from 'node:path';
import type { SourceFile } from '../parse/source.js';
import { groupPackages } from '../index/package-index.js';
import type { Diagnostic } from '../diagnostic.js';
import { lintPackage, sortDiagnostics, type EnabledRule, type EngineError, type LintResult } from './engine.js';
import { isGeneratedSource, loadGoFile, parseText, type LoadResult } from './load.js';

export interface RunOptions {
  enabled: EnabledRule[];
  /** The rules for one directory's package (from the config); `enabled` is used when absent. */
  rulesForDirectory?: (dir: string) => EnabledRule[];
  maxFileBytes?: number;
  /** Texts that replace what is on disk (stdin, unsaved editor buffers), by absolute path. */
  overrides?: ReadonlyMap<string, string>;
  /** Already parsed files (open editor buffers, cached siblings), by absolute path; used before `overrides`. */
  sourceFiles?: ReadonlyMap<string, SourceFile>;
  /** Targets named explicitly by the user: linted even when generated. */
  explicit?: ReadonlySet<string>;
  /** True for a directory whose `_test.go` files are neither linted nor read as package context. */
  skipsTests?: (dir: string) => boolean;
  /** Turns an absolute path into the one shown in messages. */
  displayPath?: (absolutePath: string) => string;
  /** The same packages will be linted again soon (the language server): see LintPackageOptions. */
  incremental?: boolean;
  /** Called after each directory with the number of targets done so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface RunResult extends LintResult {
  filesLinted: number;
}

/** Lints the target files (absolute paths with forward slashes). */
export function lintTargets(targets: string[], options: RunOptions): RunResult {
  const steps = lintByDirectory(targets, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Like lintTargets, but yields to the event loop after each directory, so that a long run still
 * handles messages and timers. (Trees need no help to be freed: they are JavaScript arrays.)
 */
export async function lintTargetsAsync(targets: string[], options: RunOptions): Promise<RunResult> {
  const steps = lintByDirectory(targets, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Distinct targets grouped by directory, directories and files in sorted order. */
export function groupByDirectory(targets: string[]): Map<string, string[]> {
  const byDirectory = new Map<string, string[]>();
  for (const target of [...new Set(targets)].sort()) {
    const dir = path.posix.dirname(target);
    const list = byDirectory.get(dir);
    if (list) list.push(target);
    else byDirectory.set(dir, [target]);
  }
  return byDirectory;
}

/** Lints directory by directory, yielding after each one. */
function* lintByDirectory(targets: string[], options: RunOptions): Generator<void, RunResult> {
  const display = options.displayPath ?? ((file: string) => file);
  const byDirectory = groupByDirectory(targets);
  const diagnostics: Diagnostic[] = [];
  const errors: EngineError[] = [];
  const suppressed: RunResult['suppressed'] = [];
  const unusedDirectives: Diagnostic[] = [];
  let filesLinted = 0;
  let done = 0;
  for (const [dir, dirTargets] of byDirectory) {
    const result = lintDirectory(dir, dirTargets, options, display);
    diagnostics.push(...result.diagnostics);
    errors.push(...result.errors);
    suppressed.push(...result.suppressed);
    unusedDirectives.push(...result.unusedDirectives);
    filesLinted += result.filesLinted;
    done += dirTargets.length;
    options.onProgress?.(done, targets.length);
    yield;
  }
  return { diagnostics: sortDiagnostics(diagnostics), errors, suppressed, unusedDirectives: sortDiagnostics(unusedDirectives), filesLinted };
}

function lintDirectory(dir: string, targets: string[], options: RunOptions, display: (file: string) => string): RunResult {
  const errors: EngineError[] = [];
  const targetSet = new Set(targets);
  const files: SourceFile[] = [];
  const lintable = new Set<SourceFile>();
  let all = [...new Set([...targets, ...siblingGoFiles(dir)])].sort();
  if (options.skipsTests?.(dir)) all = all.filter((file) => !file.endsWith('_test.go'));
  for (const absolute of all) {
    const isTarget = targetSet.has(absolute);
    const loaded = load(absolute, options, display);
    if (loaded.error) {
      if (isTarget) errors.push(loaded.error);
      continue;
    }
    files.push(loaded.file);
    if (!isTarget) continue;
    if (!options.explicit?.has(absolute) && isGeneratedSource(loaded.file.text)) continue;
    lintable.add(loaded.file);
  }
  const diagnostics: Diagnostic[] = [];
  const suppressed: RunResult['suppressed'] = [];
  const unusedDirectives: Diagnostic[] = [];
  const enabled = options.rulesForDirectory?.(dir) ?? options.enabled;
  for (const pkg of groupPackages(files)) {
    if (!pkg.files.some((file) => lintable.has(file))) continue;
    try {
      const result = lintPackage(pkg, enabled, { isTarget: (file) => lintable.has(file), incremental: options.incremental });
      diagnostics.push(...result.diagnostics);
      suppressed.push(...result.suppressed);
      unusedDirectives.push(...result.unusedDirectives);
      errors.push(...result.errors.map((error) => ({ ...error, file: error.file ? display(error.file) : error.file, message: error.file ? error.message.split(error.file).join(display(error.file)) : error.message })));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      errors.push({ kind: 'internal', file: display(pkg.dir), message: `${display(pkg.dir)}: internal error while linting package ${pkg.name}: ${detail}` });
    }
  }
  return { diagnostics, errors, suppressed, unusedDirectives, filesLinted: lintable.size };
}

function load(absolute: string, options: RunOptions, display: (file: string) => string): LoadResult {
  const parsed = options.sourceFiles?.get(absolute);
  if (parsed) return { file: parsed };
  const override = options.overrides?.get(absolute);
  if (override !== undefined) return parseText(absolute, override, display(absolute));
  return loadGoFile(absolute, display(absolute), { maxFileBytes: options.maxFileBytes });
}

/** The .go files directly inside a directory (absolute, forward slashes); empty when unreadable. */
export function siblingGoFiles(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.name.endsWith('.go') && (entry.isFile() || entry.isSymbolicLink()))
      .map((entry) => `${dir}/${entry.name}`);
  } catch {
    return [];
  }
}
