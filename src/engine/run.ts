// Lints a set of target files directory by directory. Each directory's other .go files are read too,
// as package context (a sibling's helper, a struct declared elsewhere), but findings are kept only for
// targets. Files are chosen by their build constraints for the run's target (GOOS, GOARCH, tags): a file
// the target excludes is neither linted nor read as context, unless it is named explicitly (on the
// command line, or open in an editor); then it is linted with the siblings that build for a platform it
// builds for. One directory's trees are dropped before the next is read, so memory stays flat.
import path from 'node:path';
import type { SourceFile } from '../parse/source.js';
import { groupPackages, packageNameOfText, type GoPackage } from '../index/package-index.js';
import { buildsFor, targetFor, targetKey, type BuildTarget } from '../index/build-constraints.js';
import type { Diagnostic } from '../diagnostic.js';
import { ImportUniverse, type ImportUniverseOptions } from './imports.js';
import { createResolver, type ResolverEnvironment } from '../index/resolve.js';
import { createAnalyses, lintPackage, sortDiagnostics, type EnabledRule, type EngineError, type LintResult } from './engine.js';
import { isGeneratedSource, parseText, readGoFile, siblingGoFiles } from './load.js';
import { stampOf, type DependencyStamp } from './cache.js';

export interface RunOptions {
  enabled: EnabledRule[];
  /** The rules for one directory's package (from the config); `enabled` is used when absent. */
  rulesForDirectory?: (dir: string) => EnabledRule[];
  maxFileBytes?: number;
  /** Texts that replace what is on disk (stdin, unsaved editor buffers), by absolute path. */
  overrides?: ReadonlyMap<string, string>;
  /** Already parsed files (open editor buffers, cached siblings), by absolute path; used before `overrides`. */
  sourceFiles?: ReadonlyMap<string, SourceFile>;
  /**
   * Files whose text is at hand and whose parse is kept by the caller (the language server's siblings
   * on disk), by absolute path: each is parsed only when the lint reads it. Used after `sourceFiles`.
   */
  lazySources?: ReadonlyMap<string, LazySource>;
  /** Targets named explicitly by the user: linted even when generated. */
  explicit?: ReadonlySet<string>;
  /** True for a directory whose `_test.go` files are neither linted nor read as package context. */
  skipsTests?: (dir: string) => boolean;
  /** Turns an absolute path into the one shown in messages. */
  displayPath?: (absolutePath: string) => string;
  /** The same packages will be linted again soon (the language server): see LintPackageOptions. */
  incremental?: boolean;
  /** The imported packages to read summaries from; by default one set per run, read from disk on demand. */
  imports?: ImportUniverse;
  /** Where imports are looked for (GOROOT, GOPATH, …); this process's environment by default. */
  resolverEnvironment?: ResolverEnvironment;
  /** The platform and tags files must build for (build constraints); the host's (`GOOS`, `GOARCH`) by default. */
  build?: BuildTarget;
  /** The target for the files of one directory (a config's build-tags), when it differs from `build`. */
  buildForDirectory?: (dir: string) => BuildTarget;
  /** Called after each directory with the number of targets done so far. */
  onProgress?: (done: number, total: number) => void;
}

/** A file's text, and its parse on demand (null when it does not parse). */
export interface LazySource {
  text: string;
  parse(): SourceFile | null;
}

export interface RunResult extends LintResult {
  filesLinted: number;
  /** Targets left out because their build constraints exclude the target platform or tags. */
  filesExcluded?: number;
  /** Import paths the linted packages (or packages they read) asked for and that are not on disk. */
  unresolvedImports?: string[];
  /** What the findings also depend on: the imported packages' directories and module files read. */
  dependencies?: DependencyStamp[];
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
  const unresolvedImports = new Set<string>();
  const dependencies = new Map<string, DependencyStamp>();
  let filesLinted = 0;
  let filesExcluded = 0;
  let done = 0;
  const imports = options.imports ?? createImportUniverse(options, display);
  for (const [dir, dirTargets] of byDirectory) {
    const result = lintDirectory(dir, dirTargets, options, display, imports);
    diagnostics.push(...result.diagnostics);
    errors.push(...result.errors);
    suppressed.push(...result.suppressed);
    unusedDirectives.push(...result.unusedDirectives);
    filesLinted += result.filesLinted;
    filesExcluded += result.filesExcluded ?? 0;
    for (const importPath of result.unresolvedImports ?? []) unresolvedImports.add(importPath);
    for (const dependency of result.dependencies ?? []) dependencies.set(dependency.path, dependency);
    done += dirTargets.length;
    options.onProgress?.(done, targets.length);
    yield;
  }
  return {
    diagnostics: sortDiagnostics(diagnostics),
    errors,
    suppressed,
    unusedDirectives: sortDiagnostics(unusedDirectives),
    filesLinted,
    filesExcluded,
    unresolvedImports: [...unresolvedImports].sort(),
    dependencies: [...dependencies.values()],
  };
}

/** Source text (UTF-16 code units) of parsed files a run keeps to share between its lint and its imports. */
const SHARED_PARSE_BUDGET = 8 * 1024 * 1024;

/**
 * Imported packages read as the run reads its targets: editor buffers and overrides first, then disk;
 * `load` replaces that (the language server reads its own buffers and parsed copies).
 */
export function createImportUniverse(options: RunOptions, display: (file: string) => string = (file) => file, load?: ImportUniverseOptions['load']): ImportUniverse {
  const ruleOptions = new Map<string, object>(options.enabled.map((entry) => [entry.rule.id, entry.options]));
  return new ImportUniverse({
    target: options.build,
    resolver: createResolver(options.resolverEnvironment),
    load:
      load ??
      ((absolute, accepts) => {
        const read = readText(absolute, options, display);
        const text = read.file?.text ?? read.text;
        if (text === undefined || !accepts(text)) return null;
        return read.file ?? parseText(absolute, text, display(absolute)).file ?? null;
      }),
    analyze: (pkg, imports) => createAnalyses(pkg, ruleOptions, imports),
    // The run reads files from disk, which stay as they are while it runs: a package both linted and
    // imported is parsed once. (A loader of editor buffers keeps its own parses.)
    sharedParseBudget: load ? 0 : SHARED_PARSE_BUDGET,
  });
}

function lintDirectory(dir: string, targets: string[], options: RunOptions, display: (file: string) => string, imports: ImportUniverse): RunResult {
  const errors: EngineError[] = [];
  const targetSet = new Set(targets);
  const build = options.buildForDirectory?.(dir) ?? imports.target;
  let all = [...new Set([...targets, ...siblingGoFiles(dir)])].sort();
  if (options.skipsTests?.(dir)) all = all.filter((file) => !file.endsWith('_test.go'));
  // Texts first: build constraints decide which files are parsed at all.
  const texts: Array<{ path: string; text: string; parsed?: SourceFile; lazy?: LazySource }> = [];
  for (const absolute of all) {
    const read = readText(absolute, options, display);
    if (read.error) {
      if (targetSet.has(absolute)) errors.push(read.error);
      continue;
    }
    texts.push({ path: absolute, text: read.file?.text ?? read.lazy?.text ?? read.text!, parsed: read.file, lazy: read.lazy });
  }
  const lintable = new Set<string>();
  for (const file of texts) {
    if (!targetSet.has(file.path)) continue;
    if (!options.explicit?.has(file.path) && isGeneratedSource(file.text)) continue;
    lintable.add(file.path);
  }
  const groups = buildGroups(texts, lintable, options.explicit, build);
  // Each file is parsed once, on first use: a file may be in several groups.
  const parsed = new Map<string, SourceFile | null>();
  const parse = (file: (typeof texts)[number]): SourceFile | null => {
    if (parsed.has(file.path)) return parsed.get(file.path)!;
    let source: SourceFile | null = file.parsed ?? file.lazy?.parse() ?? imports.sharedParse(file.path, file.text) ?? null;
    if (!source) {
      const result = parseText(file.path, file.text, display(file.path));
      if (result.error && targetSet.has(file.path)) errors.push(result.error);
      source = result.file ?? null;
      if (source) imports.share(source);
    }
    parsed.set(file.path, source);
    return source;
  };
  const diagnostics: Diagnostic[] = [];
  const suppressed: RunResult['suppressed'] = [];
  const unusedDirectives: Diagnostic[] = [];
  const enabled = options.rulesForDirectory?.(dir) ?? options.enabled;
  const linted = new Set<string>();
  for (const group of groups) {
    // A file of another package than every file to lint (an external test package's) is not parsed.
    const lintedNames = group.files.filter((file) => group.lints.has(file.path)).map((file) => packageNameOfText(file.text));
    const needed = lintedNames.includes(null) ? null : new Set(lintedNames);
    const members = needed ? group.files.filter((file) => group.lints.has(file.path) || !isOtherPackage(file.text, needed)) : group.files;
    const files = members.map(parse).filter((file): file is SourceFile => file !== null);
    for (const pkg of groupPackages(files, { constrained: true })) {
      if (!pkg.files.some((file) => group.lints.has(file.path))) continue;
      for (const file of pkg.files) if (group.lints.has(file.path)) linted.add(file.path);
      lintOne(pkg, (file) => group.lints.has(file.path));
    }
  }
  const dependencies = imports.dependenciesOf(dir);
  const unresolvedImports = imports.unresolvedOf(dir);
  const moduleFiles = dependencies.length > 0 || unresolvedImports.length > 0 ? imports.resolver.configurationFiles(dir) : [];
  return {
    diagnostics,
    errors,
    suppressed,
    unusedDirectives,
    filesLinted: linted.size,
    filesExcluded: [...lintable].filter((file) => !linted.has(file)).length,
    unresolvedImports,
    dependencies: [...dependencies, ...moduleFiles].map(stampOf),
  };

  function lintOne(pkg: GoPackage, isTarget: (file: SourceFile) => boolean): void {
    try {
      const result = lintPackage(pkg, enabled, { isTarget, incremental: options.incremental, imports });
      diagnostics.push(...result.diagnostics);
      suppressed.push(...result.suppressed);
      unusedDirectives.push(...result.unusedDirectives);
      errors.push(...result.errors.map((error) => ({ ...error, file: error.file ? display(error.file) : error.file, message: error.file ? error.message.split(error.file).join(display(error.file)) : error.message })));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      errors.push({ kind: 'internal', file: display(pkg.dir), message: `${display(pkg.dir)}: internal error while linting package ${pkg.name}: ${detail}` });
    }
  }
}

/** The files of a directory one lint reads together, and which of them it lints. */
interface FileGroup<File> {
  files: File[];
  lints: Set<string>;
}

/**
 * The directory's files for the target, linting the lintable ones among them; then, for each lintable
 * file named explicitly that the target excludes, the files for a target close to it that includes it
 * (`x_windows.go` named on linux is linted with the other windows files, not with `x_linux.go`).
 * Lintable files that the target excludes and that are not named are in no group: they are not linted.
 */
export function buildGroups<File extends { path: string; text: string }>(files: File[], lintable: ReadonlySet<string>, explicit: ReadonlySet<string> | undefined, build: BuildTarget): Array<FileGroup<File>> {
  const included = files.filter((file) => buildsFor(file, build));
  const groups: Array<FileGroup<File>> = [{ files: included, lints: new Set(included.filter((file) => lintable.has(file.path)).map((file) => file.path)) }];
  const others = new Map<string, { target: BuildTarget; named: string[] }>();
  for (const file of files) {
    if (!lintable.has(file.path) || !explicit?.has(file.path) || included.includes(file)) continue;
    // A constraint nothing satisfies (`linux && windows`) still gets its file linted, with the target's siblings.
    const target = targetFor(file, build);
    const key = target ? targetKey(target) : `none\u0000${file.path}`;
    const entry = others.get(key);
    if (entry) entry.named.push(file.path);
    else others.set(key, { target: target ?? build, named: [file.path] });
  }
  for (const { target, named } of others.values()) {
    const members = files.filter((file) => named.includes(file.path) || buildsFor(file, target));
    groups.push({ files: members, lints: new Set(named) });
  }
  return groups;
}

/** True when the text says it belongs to a package named otherwise than all of `names`. */
function isOtherPackage(text: string, names: ReadonlySet<string | null>): boolean {
  const name = packageNameOfText(text);
  return name !== null && !names.has(name);
}

/** A file's text: an editor's parsed buffer or override first, then the disk. */
function readText(absolute: string, options: RunOptions, display: (file: string) => string): { file?: SourceFile; lazy?: LazySource; text?: string; error?: EngineError } {
  const parsed = options.sourceFiles?.get(absolute);
  if (parsed) return { file: parsed };
  const lazy = options.lazySources?.get(absolute);
  if (lazy) return { lazy };
  const override = options.overrides?.get(absolute);
  if (override !== undefined) return { text: override };
  return readGoFile(absolute, display(absolute), { maxFileBytes: options.maxFileBytes });
}
