// Turns command-line patterns into target files, the way Go tools do: `./...` and `DIR/...` recurse,
// a directory means the .go files directly in it, a file means itself, and anything with glob
// characters goes through fast-glob. Recursion skips vendor, testdata, node_modules, and directories
// starting with `.` or `_`, but never what the user named explicitly. Symlinked directories are not
// followed, so a symlink loop cannot trap the walk.
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import type { EngineError } from '../engine/engine.js';
import { describeFsError } from '../engine/load.js';
import { toPosix } from '../engine/paths.js';

export const DEFAULT_EXCLUDED_DIRECTORIES = ['vendor', 'testdata', 'node_modules', '.git'];

export interface Discovery {
  /** Absolute paths with forward slashes, sorted. */
  targets: string[];
  /** Files named one by one on the command line (linted even when generated). */
  explicit: Set<string>;
  errors: EngineError[];
}

export { toPosix } from '../engine/paths.js';

function isExcludedDirectoryName(name: string): boolean {
  return DEFAULT_EXCLUDED_DIRECTORIES.includes(name) || name.startsWith('.') || name.startsWith('_');
}

/** Expands command-line patterns relative to `cwd`. */
export function discoverTargets(patterns: string[], cwd: string): Discovery {
  const targets = new Set<string>();
  const explicit = new Set<string>();
  const errors: EngineError[] = [];
  for (const pattern of patterns.length > 0 ? patterns : ['.']) {
    if (pattern === '...' || pattern.endsWith('/...')) {
      const root = path.resolve(cwd, pattern === '...' ? '.' : pattern.slice(0, -4) || '/');
      walk(root, pattern, targets, errors);
      continue;
    }
    const absolute = path.resolve(cwd, pattern);
    let stat: fs.Stats | null = null;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      if (fg.isDynamicPattern(pattern)) {
        globPattern(pattern, cwd, targets);
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
    } else {
      const file = toPosix(absolute);
      targets.add(file);
      explicit.add(file);
    }
  }
  return { targets: [...targets].sort(), explicit, errors };
}

function walk(root: string, pattern: string, targets: Set<string>, errors: EngineError[]): void {
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
        if (!isExcludedDirectoryName(entry.name)) stack.push(full);
      } else if (entry.name.endsWith('.go') && (entry.isFile() || entry.isSymbolicLink())) {
        targets.add(toPosix(full));
      }
    }
  }
}

function globPattern(pattern: string, cwd: string, targets: Set<string>): void {
  const found = fg.sync(pattern, {
    cwd,
    absolute: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    ignore: DEFAULT_EXCLUDED_DIRECTORIES.map((name) => `**/${name}/**`),
  });
  for (const file of found) if (file.endsWith('.go')) targets.add(toPosix(file));
}
