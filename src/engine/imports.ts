// The imported packages of a run, read on demand. When a rule or analysis asks a package's analyses for
// an imported package (`analyses.imported(file, 'util')`), this finds its directory with the import
// resolver (src/index/resolve.ts), reads and parses its non-test files, indexes them and gives back
// that package's own PackageAnalyses, whose summaries are then computed lazily, only for what is asked.
// Packages stay cached for the run, the least recently used dropped beyond a bound. It lints nothing
// and reports nothing; which imports could not be found is kept for `--verbose`.
import path from 'node:path';
import type { SourceFile } from '../parse/source.js';
import { groupPackages, type GoPackage } from '../index/package-index.js';
import { createResolver, type ImportResolver } from '../index/resolve.js';
import type { ImportedPackages, PackageAnalyses } from '../analysis/context.js';
import { siblingGoFiles } from './load.js';

export interface ImportUniverseOptions {
  resolver?: ImportResolver;
  /** Reads and parses one file (absolute path), or null when it cannot be read or parsed. */
  load: (absolutePath: string) => SourceFile | null;
  /** Builds the analyses of a loaded package, installed with the same importer. */
  analyze: (pkg: GoPackage, imports: ImportedPackages) => PackageAnalyses;
  /** How many imported packages stay parsed at once. */
  maxPackages?: number;
}

export class ImportUniverse implements ImportedPackages {
  readonly resolver: ImportResolver;
  /** Import paths that were asked for and not found, with the directory that asked first. */
  readonly unresolved = new Map<string, string>();
  private readonly options: ImportUniverseOptions;
  private readonly packages = new Map<string, PackageAnalyses | null>();
  private readonly maxPackages: number;

  constructor(options: ImportUniverseOptions) {
    this.options = options;
    this.resolver = options.resolver ?? createResolver();
    this.maxPackages = options.maxPackages ?? 64;
  }

  analysesOf(fromDir: string, importPath: string): PackageAnalyses | null {
    const dir = this.resolver.resolve(fromDir, importPath);
    if (!dir) {
      if (!this.unresolved.has(importPath)) this.unresolved.set(importPath, fromDir);
      return null;
    }
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
      const loaded = this.options.load(file);
      if (loaded) files.push(loaded);
    }
    const pkg = pickPackage(groupPackages(files));
    const analyses = pkg ? this.options.analyze(pkg, this) : null;
    this.packages.set(key, analyses);
    if (this.packages.size > this.maxPackages) this.packages.delete(this.packages.keys().next().value!);
    return analyses;
  }
}

/** The importable package of a directory: not `main` or `documentation` when another one is there, else the largest. */
function pickPackage(packages: GoPackage[]): GoPackage | null {
  const candidates = packages.filter((pkg) => !pkg.isExternalTest);
  const preferred = candidates.filter((pkg) => pkg.name !== 'main' && pkg.name !== 'documentation');
  const pool = preferred.length > 0 ? preferred : candidates;
  return pool.sort((a, b) => b.files.length - a.files.length)[0] ?? null;
}
