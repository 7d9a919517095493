// The result cache: one entry per directory (package), keyed by gocop's version, the run settings, the
// effective config of the directory, and the content hash of every .go file in it, since a finding in
// one file can depend on its package siblings. A finding can also depend on packages the lint read
// through imports: an entry keeps a stamp (names, sizes and modification times) of each directory and
// module file it read, and is used only while they all still match. Entries are JSON written atomically
// (temp file, then rename); an entry that does not parse or was written by another version is ignored.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunResult } from './run.js';
import { writeFileAtomic } from './paths.js';

const CACHE_FORMAT = 2;

interface CacheEntry {
  format: number;
  version: string;
  key: string;
  result: RunResult;
}

/** Where the cache lives: `--cache-dir`, else node_modules/.cache/gocop of the nearest package, else ~/.cache/gocop. */
export function defaultCacheDirectory(cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'node_modules'))) return path.join(dir, 'node_modules', '.cache', 'gocop');
    if (path.dirname(dir) === dir) break;
  }
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'gocop');
}

export class ResultCache {
  readonly directory: string;
  private readonly version: string;
  hits = 0;
  misses = 0;

  constructor(directory: string, version: string) {
    this.directory = directory;
    this.version = version;
  }

  /**
   * The key of one directory's result. `context` holds everything else the result depends on (settings,
   * effective config, which files are targets). Returns null when a file cannot be read: no caching then.
   */
  keyFor(dir: string, context: string, overrides: ReadonlyMap<string, string>): string | null {
    const hash = crypto.createHash('sha256');
    hash.update(`${CACHE_FORMAT}\0${this.version}\0${context}\0${dir}\0`);
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter((name) => name.endsWith('.go')).sort();
    } catch {
      return null;
    }
    for (const name of names) {
      const file = `${dir}/${name}`;
      const override = overrides.get(file);
      let content: Buffer | string;
      try {
        content = override ?? fs.readFileSync(file);
      } catch {
        return null;
      }
      hash.update(`${name}\0${crypto.createHash('sha1').update(content).digest('hex')}\0`);
    }
    return hash.digest('hex');
  }

  get(key: string): RunResult | null {
    try {
      const entry = JSON.parse(fs.readFileSync(this.entryPath(key), 'utf8')) as CacheEntry;
      if (entry.format !== CACHE_FORMAT || entry.version !== this.version || entry.key !== key || !Array.isArray(entry.result?.diagnostics) || !dependenciesUnchanged(entry.result)) {
        this.misses++;
        return null;
      }
      this.hits++;
      return entry.result;
    } catch {
      this.misses++;
      return null;
    }
  }

  set(key: string, result: RunResult): void {
    const entry: CacheEntry = { format: CACHE_FORMAT, version: this.version, key, result };
    const target = this.entryPath(key);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
    } catch {
      // A cache that cannot be written only costs speed; so does a failed write below.
      return;
    }
    writeFileAtomic(target, JSON.stringify(entry));
  }

  private entryPath(key: string): string {
    return path.join(this.directory, key.slice(0, 2), `${key}.json`);
  }
}

/** A file or directory a result depends on, with a stamp of its state when it was read. */
export interface DependencyStamp {
  path: string;
  stamp: string;
}

/**
 * The state of a dependency now: for a directory, the name, size and modification time of each .go
 * file in it; for a file, its size and modification time; `missing` when it is not there.
 */
export function stampOf(dependency: string): DependencyStamp {
  const hash = crypto.createHash('sha1');
  try {
    const stat = fs.statSync(dependency);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(dependency).filter((entry) => entry.endsWith('.go')).sort()) {
        try {
          const file = fs.statSync(`${dependency}/${name}`);
          hash.update(`${name}\0${file.size}\0${file.mtimeMs}\0`);
        } catch {
          hash.update(`${name}\0gone\0`);
        }
      }
    } else hash.update(`${stat.size}\0${stat.mtimeMs}`);
  } catch {
    return { path: dependency, stamp: 'missing' };
  }
  return { path: dependency, stamp: hash.digest('hex') };
}

function dependenciesUnchanged(result: RunResult): boolean {
  const dependencies = result.dependencies ?? [];
  return Array.isArray(dependencies) && dependencies.every((dependency) => stampOf(dependency.path).stamp === dependency.stamp);
}
