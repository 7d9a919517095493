// The imported packages of a run, read on demand. When a rule or analysis asks a package's analyses for
// an imported package (`analyses.imported(file, 'util')`), this finds its directory with the import
// resolver (src/index/resolve.ts), reads its non-test files that build for the run's target (build
// constraints), parses and indexes them and gives back that package's own PackageAnalyses, whose
// summaries are then computed lazily, only for what is asked. Packages stay cached for the run, the
// least recently used dropped beyond a bound. It remembers which directory read which (for the result
// cache and the language server, which must drop what depends on an edited package) and which imports
// could not be found (for `--verbose`). It lints nothing and reports nothing.
import path from 'node:path';
import type { SourceFile } from '../parse/source.js';
import { groupPackages, type GoPackage } from '../index/package-index.js';
import { createResolver, type ImportResolver } from '../index/resolve.js';
import { buildsFor, targetFromEnvironment, type BuildTarget } from '../index/build-constraints.js';
import type { ImportedPackages, PackageAnalyses } from '../analysis/context.js';
import { siblingGoFiles } from './load.js';

export interface ImportUniverseOptions {
  resolver?: ImportResolver;
  /** The platform and tags whose files make up an imported package; the host's by default. */
  target?: BuildTarget;
  /**
   * Reads and parses one file (absolute path), or null when it cannot be read or parsed, or when
   * `accepts` turns its text down (then it is not parsed at all).
   */
  load: (absolutePath: string, accepts: (text: string) => boolean) => SourceFile | null;
  /** Builds the analyses of a loaded package, installed with the same importer. */
  analyze: (pkg: GoPackage, imports: ImportedPackages) => PackageAnalyses;
  /** How many imported packages stay parsed at once. */
  maxPackages?: number;
  /**
   * How much source text (in UTF-16 code units) of parsed non-test files to keep for sharing between the
   * run's own lint and its imports (see `share`), so that a package both linted and imported is parsed
   * once. 0, the default, keeps none: right when `load` reads buffers that change between runs.
   */
  sharedParseBudget?: number;
}

export class ImportUniverse implements ImportedPackages {
  readonly resolver: ImportResolver;
  readonly target: BuildTarget;
  /** Import paths that were asked for and not found, with the directory that asked first. */
  readonly unresolved = new Map<string, string>();
  private readonly options: ImportUniverseOptions;
  private readonly packages = new Map<string, PackageAnalyses | null>();
  private readonly maxPackages: number;
  /** Importing directory → the directories of the packages it asked for. */
  private readonly reads = new Map<string, Set<string>>();
  /** Importing directory → the import paths it asked for and that were not found. */
  private readonly missing = new Map<string, Set<string>>();
  /** Parsed non-test files kept for sharing, by absolute path, least recently used first. */
  private readonly shared = new Map<string, SourceFile>();
  private sharedSize = 0;

  constructor(options: ImportUniverseOptions) {
    this.options = options;
    this.resolver = options.resolver ?? createResolver();
    this.target = options.target ?? targetFromEnvironment();
    this.maxPackages = options.maxPackages ?? 64;
  }

  analysesOf(fromDir: string, importPath: string): PackageAnalyses | null {
    const dir = this.resolver.resolve(fromDir, importPath);
    if (!dir) {
      // cgo's pseudo-package is never on disk.
      if (importPath !== 'C') {
        if (!this.unresolved.has(importPath)) this.unresolved.set(importPath, fromDir);
        addTo(this.missing, fromDir, importPath);
      }
      return null;
    }
    addTo(this.reads, fromDir, dir);
    const analyses = this.packageAt(dir);
    // A package that is still computing a summary is asking, through a chain of imports, about itself:
    // only a broken tree has an import cycle, and answering "unknown" ends the chain.
    return analyses && !analyses.isComputing() ? analyses : null;
  }

  /** The analyses of the package in a directory (its non-test files), or null when it holds no Go package. */
  packageAt(dir: string): PackageAnalyses | null {
    const key = dir.split(path.sep).join('/');
    if (this.packages.has(key)) {
      const cached = this.packages.get(key)!;
      this.packages.delete(key);
      this.packages.set(key, cached);
      return cached;
    }
    const files: SourceFile[] = [];
    for (const file of siblingGoFiles(key).sort()) {
      if (file.endsWith('_test.go')) continue;
      const kept = this.shared.get(file);
      const loaded = kept ? (buildsFor(kept, this.target) ? kept : null) : this.options.load(file, (text) => buildsFor({ path: file, text }, this.target));
      if (loaded) {
        files.push(loaded);
        this.share(loaded);
      }
    }
    const pkg = pickPackage(groupPackages(files, { constrained: true }));
    const analyses = pkg ? this.options.analyze(pkg, this) : null;
    this.packages.set(key, analyses);
    if (this.packages.size > this.maxPackages) this.packages.delete(this.packages.keys().next().value!);
    return analyses;
  }

  /**
   * Keeps a parsed non-test file for the imports and the lint to share, within the budget; the least
   * recently used files go first. Does nothing without a budget.
   */
  share(file: SourceFile): void {
    const budget = this.options.sharedParseBudget ?? 0;
    if (budget <= 0 || file.isTest) return;
    // Taken out and put back: the most recently used comes last.
    this.unshare(file.path);
    this.shared.set(file.path, file);
    this.sharedSize += file.text.length;
    for (const keptPath of this.shared.keys()) {
      if (this.sharedSize <= budget) break;
      this.unshare(keptPath);
    }
  }

  private unshare(absolutePath: string): void {
    const kept = this.shared.get(absolutePath);
    if (!kept) return;
    this.shared.delete(absolutePath);
    this.sharedSize -= kept.text.length;
  }

  /** The kept parse of a file (see `share`) when it was parsed from the same text, else undefined. */
  sharedParse(absolutePath: string, text: string): SourceFile | undefined {
    const kept = this.shared.get(absolutePath);
    return kept && kept.text === text ? kept : undefined;
  }

  /** Every directory whose package was read, directly or through other imports, for code in `dir`. */
  dependenciesOf(dir: string): string[] {
    const seen = new Set<string>();
    const stack = [...(this.reads.get(dir) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (next === dir || seen.has(next)) continue;
      seen.add(next);
      stack.push(...(this.reads.get(next) ?? []));
    }
    return [...seen].sort();
  }

  /** The import paths that code in `dir`, or a package it read, asked for and that were not found. */
  unresolvedOf(dir: string): string[] {
    const paths = new Set(this.missing.get(dir) ?? []);
    for (const dependency of this.dependenciesOf(dir)) for (const importPath of this.missing.get(dependency) ?? []) paths.add(importPath);
    return [...paths].sort();
  }

  /**
   * Forgets the packages in the given directories (their files changed) and every package that read
   * them, directly or not, since their summaries may have come from the old text. Returns the
   * directories that read a forgotten one, the linted ones included, so their results can be redone.
   */
  forget(dirs: Iterable<string>): Set<string> {
    const changed = new Set(dirs);
    const affected = new Set<string>();
    const stack = [...changed];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      for (const [reader, read] of this.reads) {
        if (read.has(dir) && !affected.has(reader)) {
          affected.add(reader);
          stack.push(reader);
        }
      }
    }
    for (const dir of [...changed, ...affected]) this.packages.delete(dir);
    for (const keptPath of this.shared.keys()) if (changed.has(path.posix.dirname(keptPath))) this.unshare(keptPath);
    // What a changed package imports may change too: its edges are learnt again on the next read.
    for (const dir of changed) {
      this.reads.delete(dir);
      this.missing.delete(dir);
    }
    return affected;
  }
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** The importable package of a directory: not `main` or `documentation` when another one is there, else the largest. */
function pickPackage(packages: GoPackage[]): GoPackage | null {
  const candidates = packages.filter((pkg) => !pkg.isExternalTest);
  const preferred = candidates.filter((pkg) => pkg.name !== 'main' && pkg.name !== 'documentation');
  const pool = preferred.length > 0 ? preferred : candidates;
  return pool.sort((a, b) => b.files.length - a.files.length)[0] ?? null;
}
