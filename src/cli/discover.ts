// Turns command-line patterns into target files, the way Go tools do: `./...` and `DIR/...` recurse,
// a directory means the .go files directly in it, a file means itself, and anything with glob
// characters goes through fast-glob. No pattern at all means `./...`, as with `golangci-lint run`.
// Recursion does not enter the directories the config skips (by default vendor, third_party,
// testdata, examples, Godeps, builtin, node_modules, and names starting with `.` or `_`), but a
// directory or file named on the command line is linted all the same. A file that is not Go source
// is an error naming it. Symlinked directories are not followed, so a symlink loop cannot trap the walk.
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import type { EngineError } from '../engine/engine.js';
import { describeFsError } from '../engine/load.js';
import { toPosix } from '../engine/paths.js';
import { DEFAULT_EXCLUDE_DIRS, type DirectorySkip } from '../config/index.js';

/** The patterns used when none are given. */
export const DEFAULT_PATTERNS = ['./...'];

export interface Discovery {
  /** Absolute paths with forward slashes, sorted. */
  targets: string[];
  /** Files named one by one on the command line (linted even when generated). */
  explicit: Set<string>;
  errors: EngineError[];
  /** Directories a recursive pattern did not enter because of the default or configured exclude-dirs. */
  skippedDirectories: Array<{ dir: string; reason: 'default' | 'config' }>;
}

export { toPosix } from '../engine/paths.js';

/** Decides whether a recursive walk enters a directory (absolute, forward slashes). */
export type DirectoryFilter = (absoluteDir: string) => DirectorySkip;

/** The filter without a config: hidden directories, node_modules and the default exclude-dirs. */
export const defaultDirectoryFilter: DirectoryFilter = (dir) => {
  const name = path.posix.basename(dir);
  if (name.startsWith('.') || name.startsWith('_') || name === 'node_modules') return 'hidden';
  return DEFAULT_EXCLUDE_DIRS.includes(name) ? 'default' : null;
};

/** Expands command-line patterns relative to `cwd` (none means `./...`). */
export function discoverTargets(patterns: string[], cwd: string, skipsDirectory: DirectoryFilter = defaultDirectoryFilter): Discovery {
  const targets = new Set<string>();
  const explicit = new Set<string>();
  const errors: EngineError[] = [];
  const skippedDirectories: Discovery['skippedDirectories'] = [];
  const walker: Walker = { targets, errors, skippedDirectories, skipsDirectory };
  for (const pattern of patterns.length > 0 ? patterns : DEFAULT_PATTERNS) {
    if (pattern === '...' || pattern.endsWith('/...')) {
      const root = path.resolve(cwd, pattern === '...' ? '.' : pattern.slice(0, -4) || '/');
      walk(root, pattern, walker);
      continue;
    }
    const absolute = path.resolve(cwd, pattern);
    let stat: fs.Stats | null = null;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      if (fg.isDynamicPattern(pattern)) {
        globPattern(pattern, cwd, walker);
        continue;
      }
      errors.push({ kind: 'read', file: pattern, message: `${pattern}: ${describeFsError(error)}` });
      continue;
    }
    if (stat.isDirectory()) {
      try {
        for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
          if (entry.name.endsWith('.go') && !entry.isDirectory()) targets.add(toPosix(path.join(absolute, entry.name)));
        }
      } catch (error) {
        errors.push({ kind: 'read', file: pattern, message: `${pattern}: cannot read directory: ${describeFsError(error)}` });
      }
    } else if (!pattern.endsWith('.go')) {
      errors.push({ kind: 'usage', file: pattern, message: `${pattern}: not a Go file; gocop lints .go files (name them, a directory, or DIR/... for a tree)` });
    } else {
      const file = toPosix(absolute);
      targets.add(file);
      explicit.add(file);
    }
  }
  return { targets: [...targets].sort(), explicit, errors, skippedDirectories };
}

interface Walker {
  targets: Set<string>;
  errors: EngineError[];
  skippedDirectories: Discovery['skippedDirectories'];
  skipsDirectory: DirectoryFilter;
}

/** Whether the walk enters a directory below its root, noting the ones skipped by exclude-dirs. */
function enters(dir: string, walker: Walker): boolean {
  const reason = walker.skipsDirectory(dir);
  if (reason === 'default' || reason === 'config') walker.skippedDirectories.push({ dir, reason });
  return reason === null;
}

function walk(root: string, pattern: string, walker: Walker): void {
  const { targets, errors } = walker;
  try {
    if (!fs.statSync(root).isDirectory()) {
      errors.push({ kind: 'read', file: pattern, message: `${pattern}: ${toPosix(root)} is not a directory` });
      return;
    }
  } catch (error) {
    errors.push({ kind: 'read', file: pattern, message: `${pattern}: ${describeFsError(error)}` });
    return;
  }
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      errors.push({ kind: 'read', file: toPosix(dir), message: `${toPosix(dir)}: cannot read directory: ${describeFsError(error)}` });
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (enters(toPosix(full), walker)) stack.push(full);
      } else if (entry.name.endsWith('.go') && (entry.isFile() || entry.isSymbolicLink())) {
        targets.add(toPosix(full));
      }
    }
  }
}

/** A glob's .go files, leaving out those below a skipped directory the glob itself does not name. */
function globPattern(pattern: string, cwd: string, walker: Walker): void {
  const found = fg.sync(pattern, { cwd, absolute: true, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true, dot: false });
  const base = toPosix(path.resolve(cwd, fg.generateTasks([pattern])[0]?.base ?? '.'));
  const verdicts = new Map<string, boolean>();
  const inside = (dir: string): boolean => {
    if (dir === base || !dir.startsWith(`${base}/`)) return true;
    let verdict = verdicts.get(dir);
    if (verdict === undefined) {
      verdict = inside(path.posix.dirname(dir)) && enters(dir, walker);
      verdicts.set(dir, verdict);
    }
    return verdict;
  };
  for (const file of found.map(toPosix)) if (file.endsWith('.go') && inside(path.posix.dirname(file))) walker.targets.add(file);
}
