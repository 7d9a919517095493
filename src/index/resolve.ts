// Import path → directory, the way the go command finds packages, without running it. For the
// directory of an importing package it finds the enclosing module (the nearest go.mod) and looks in
// turn at: the module itself, its `replace` directives to local paths, its `vendor/` tree, the module
// cache (`GOMODCACHE`, else `$GOPATH/pkg/mod`) at the version go.mod requires, GOPATH `src` trees (an
// ancestor directory named `src` counts as one, with its `vendor/` directories), and `GOROOT/src` for
// the standard library. It is lenient: it returns whatever directory exists on disk and null when none
// does; it never reads Go files and never fails on a broken go.mod.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface GoModule {
  /** The module path of the `module` line. */
  path: string;
  /** The directory holding go.mod (forward slashes). */
  dir: string;
  /** Required module path → version. */
  requires: Map<string, string>;
  /** Replaced module path → a local directory (absolute) or another module at a version. */
  replaces: Map<string, { dir: string } | { path: string; version: string }>;
}

export interface ResolverEnvironment {
  /** `GOROOT`; when absent, common install locations are tried. */
  goroot?: string;
  /** `GOPATH` entries; default `$HOME/go`. */
  gopath?: string[];
  /** `GOMODCACHE`; default `<first GOPATH>/pkg/mod`. */
  gomodcache?: string;
}

export interface ImportResolver {
  /** The directory of the package that code in `fromDir` imports as `importPath`, or null. */
  resolve(fromDir: string, importPath: string): string | null;
  /** The module enclosing a directory, or null outside any module. */
  moduleOf(dir: string): GoModule | null;
}

/** The environment of this process, as the go command would read it. */
export function environmentFromProcess(env: NodeJS.ProcessEnv = process.env): ResolverEnvironment {
  const gopath = (env.GOPATH ?? path.join(os.homedir(), 'go')).split(path.delimiter).filter(Boolean);
  return { goroot: env.GOROOT || undefined, gopath, gomodcache: env.GOMODCACHE || undefined };
}

const GOROOT_GUESSES = ['/usr/local/go', '/usr/lib/go', '/opt/homebrew/opt/go/libexec', '/usr/local/opt/go/libexec'];

/** Creates a resolver; results are memoised, so create one per run (or per editor session). */
export function createResolver(environment: ResolverEnvironment = environmentFromProcess()): ImportResolver {
  const modules = new Map<string, GoModule | null>();
  const resolved = new Map<string, string | null>();
  const gopath = environment.gopath ?? [];
  const modcache = environment.gomodcache ?? (gopath[0] ? path.join(gopath[0], 'pkg', 'mod') : null);
  let goroot: string | null | undefined;

  const rootOfGo = (): string | null => {
    if (goroot !== undefined) return goroot;
    const candidates = environment.goroot ? [environment.goroot] : GOROOT_GUESSES;
    goroot = candidates.map(toSlash).find((dir) => isDirectory(`${dir}/src/fmt`)) ?? null;
    return goroot;
  };

  const moduleOf = (dir: string): GoModule | null => {
    const key = toSlash(dir);
    if (modules.has(key)) return modules.get(key)!;
    let found: GoModule | null = null;
    const text = readText(`${key}/go.mod`);
    if (text !== null) found = parseGoMod(text, key);
    else {
      const parent = path.posix.dirname(key);
      found = parent !== key ? moduleOf(parent) : null;
    }
    modules.set(key, found);
    return found;
  };

  const inModule = (module: GoModule, importPath: string): string | null => {
    if (importPath === module.path) return module.dir;
    if (importPath.startsWith(`${module.path}/`)) return existing(`${module.dir}/${importPath.slice(module.path.length + 1)}`);
    return null;
  };

  const inModuleCache = (modulePath: string, version: string, rest: string): string | null =>
    modcache ? existing(`${toSlash(modcache)}/${escapeModulePath(modulePath)}@${version}${rest ? `/${rest}` : ''}`) : null;

  const viaRequirements = (module: GoModule, importPath: string): string | null => {
    // The longest module path that prefixes the import path owns it, replaced or required.
    let best: string | null = null;
    for (const candidate of [...module.replaces.keys(), ...module.requires.keys()]) {
      if ((importPath === candidate || importPath.startsWith(`${candidate}/`)) && (!best || candidate.length > best.length)) best = candidate;
    }
    if (!best) return null;
    const rest = importPath.slice(best.length + 1);
    const replacement = module.replaces.get(best);
    if (replacement && 'dir' in replacement) return existing(rest ? `${replacement.dir}/${rest}` : replacement.dir);
    if (replacement) return inModuleCache(replacement.path, replacement.version, rest);
    return inModuleCache(best, module.requires.get(best)!, rest);
  };

  const inGopath = (fromDir: string, importPath: string): string | null => {
    // vendor/ directories of the importer's ancestors, nearest first, then each GOPATH's src.
    const roots: string[] = [];
    for (let dir = toSlash(fromDir); ; dir = path.posix.dirname(dir)) {
      const vendored = existing(`${dir}/vendor/${importPath}`);
      if (vendored) return vendored;
      if (path.posix.basename(dir) === 'src') roots.push(dir);
      if (path.posix.dirname(dir) === dir) break;
    }
    for (const entry of gopath) roots.push(`${toSlash(entry)}/src`);
    for (const root of roots) {
      const found = existing(`${root}/${importPath}`);
      if (found) return found;
    }
    return null;
  };

  const resolveUncached = (fromDir: string, importPath: string): string | null => {
    if (isStandardLibrary(importPath)) {
      const root = rootOfGo();
      return root ? existing(`${root}/src/${importPath}`) : null;
    }
    const module = moduleOf(fromDir);
    if (module) {
      return inModule(module, importPath) ?? viaRequirements(module, importPath) ?? existing(`${module.dir}/vendor/${importPath}`) ?? inGopath(fromDir, importPath);
    }
    return inGopath(fromDir, importPath);
  };

  return {
    moduleOf,
    resolve(fromDir, importPath) {
      const key = `${toSlash(fromDir)}\u0000${importPath}`;
      if (resolved.has(key)) return resolved.get(key)!;
      let result: string | null = null;
      try {
        result = resolveUncached(fromDir, importPath);
      } catch {
        result = null;
      }
      resolved.set(key, result);
      return result;
    },
  };
}

/** True for a standard-library import path: its first element has no dot (`net/http`, not `example.com/x`). */
export function isStandardLibrary(importPath: string): boolean {
  const first = importPath.split('/', 1)[0]!;
  return !first.includes('.') && importPath !== 'C';
}

/** Reads a go.mod: the module line, require and replace directives, in one-line and block form. */
export function parseGoMod(text: string, dir: string): GoModule {
  const module: GoModule = { path: '', dir, requires: new Map(), replaces: new Map() };
  let block: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    if (block) {
      if (line === ')') block = null;
      else directive(module, block, line);
      continue;
    }
    const open = /^(require|replace|exclude|retract|tool|godebug)\s*\($/.exec(line);
    if (open) {
      block = open[1]!;
      continue;
    }
    const words = /^(\w+)\s+(.*)$/.exec(line);
    if (words) directive(module, words[1]!, words[2]!);
  }
  return module;
}

function directive(module: GoModule, verb: string, rest: string): void {
  const fields = rest.split(/\s+/).map(unquote);
  if (verb === 'module') module.path = fields[0] ?? '';
  else if (verb === 'require' && fields.length >= 2) module.requires.set(fields[0]!, fields[1]!);
  else if (verb === 'replace') {
    const arrow = fields.indexOf('=>');
    if (arrow < 1) return;
    const target = fields[arrow + 1];
    if (!target) return;
    if (target.startsWith('./') || target.startsWith('../') || target.startsWith('/')) {
      module.replaces.set(fields[0]!, { dir: path.posix.normalize(path.posix.isAbsolute(target) ? target : `${module.dir}/${target}`) });
    } else if (fields[arrow + 2]) module.replaces.set(fields[0]!, { path: target, version: fields[arrow + 2]! });
  }
}

/** The module cache's case encoding: each upper-case letter becomes `!` and its lower case. */
export function escapeModulePath(modulePath: string): string {
  return modulePath.replace(/[A-Z]/g, (letter) => `!${letter.toLowerCase()}`);
}

function unquote(field: string): string {
  return field.length >= 2 && (field[0] === '"' || field[0] === '`') ? field.slice(1, -1) : field;
}

function toSlash(dir: string): string {
  return dir.split(path.sep).join('/');
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function existing(dir: string): string | null {
  return isDirectory(dir) ? dir : null;
}
