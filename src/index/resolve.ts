// Import path → directory, the way the go command finds packages, without running it. For the
// directory of an importing package it finds the enclosing module (the nearest go.mod; in the module
// cache, the `path@version` directory) and its go.work workspace, and looks in turn at: the workspace's
// and the module's own packages, the standard library in GOROOT/src, the module's `vendor/` tree, the
// `replace` directives (go.work's first; a local directory or another module at a version, with or
// without a version on the left), and the module cache (`GOMODCACHE`, else `$GOPATH/pkg/mod`) at the
// version go.mod (or vendor/modules.txt) requires, else at the highest version there. In GOPATH mode
// (`GO111MODULE=off`, or no go.mod) it looks in the importer's ancestor `vendor/` directories, then each
// GOPATH `src` (an ancestor named `src` counts as one). It is lenient where go is strict: whatever exists
// on disk is used, a module found in vendor/ is read from there whether or not modules.txt lists it,
// and a broken go.mod is read as far as it goes. It never reads Go files, never walks a tree (only
// single directories are listed, in the module cache), and never throws; null means not on disk.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where a `replace` directive sends a module: a local directory, or another module at a version. */
export type Replacement = { dir: string } | { path: string; version: string };

export interface GoModule {
  /** The module path of the `module` line. */
  path: string;
  /** The directory holding go.mod (forward slashes). */
  dir: string;
  /** Required module path → version. */
  requires: Map<string, string>;
  /** Replaced module path → its replacements; `fromVersion` is set for `replace a v1.0.0 => …`. */
  replaces: Map<string, Array<{ fromVersion?: string; to: Replacement }>>;
}

/** A go.work file: the modules it uses and its own replacements. */
export interface GoWorkspace {
  /** The directory holding go.work (forward slashes). */
  dir: string;
  /** The directories of the `use` directives (absolute, forward slashes). */
  uses: string[];
  replaces: GoModule['replaces'];
}

export interface ResolverEnvironment {
  /** `GOROOT`; when absent, `findGoroot` decides. */
  goroot?: string;
  /** `GOPATH` entries; default `$HOME/go`. */
  gopath?: string[];
  /** `GOMODCACHE`; default `<first GOPATH>/pkg/mod`. */
  gomodcache?: string;
  /** `GO111MODULE`: `off` resolves in GOPATH mode only, ignoring go.mod files. */
  go111module?: string;
  /** `GOWORK`: `off` ignores go.work files; a path names the one to use; absent, the nearest is used. */
  gowork?: string;
  /** Finds GOROOT when `goroot` is not set (default: from the `go` binary on PATH, once per process). */
  findGoroot?: () => string | null;
}

export interface ImportResolver {
  /** The directory of the package that code in `fromDir` imports as `importPath`, or null. */
  resolve(fromDir: string, importPath: string): string | null;
  /** The module enclosing a directory, or null outside any module (and in GOPATH mode). */
  moduleOf(dir: string): GoModule | null;
  /** The go.work workspace a module directory belongs to, or null. */
  workspaceOf(moduleDir: string): GoWorkspace | null;
  /** The files that decide how imports from `dir` resolve (its go.mod, go.work, vendor/modules.txt). */
  configurationFiles(dir: string): string[];
  /** The GOROOT used for the standard library, or null when none was found. */
  goroot(): string | null;
}

/** The environment of this process, as the go command would read it. */
export function environmentFromProcess(env: NodeJS.ProcessEnv = process.env): ResolverEnvironment {
  const gopath = (env.GOPATH || path.join(os.homedir(), 'go')).split(path.delimiter).filter(Boolean);
  return {
    goroot: env.GOROOT || undefined,
    gopath,
    gomodcache: env.GOMODCACHE || undefined,
    go111module: env.GO111MODULE || undefined,
    gowork: env.GOWORK || undefined,
    findGoroot: () => gorootOfGoCommand(env.PATH ?? ''),
  };
}

const GOROOT_GUESSES = ['/usr/local/go', '/usr/lib/go', '/opt/homebrew/opt/go/libexec', '/usr/local/opt/go/libexec', 'C:/Program Files/Go'];

/** Creates a resolver; results are memoised, so create one per run (or per editor session). */
export function createResolver(environment: ResolverEnvironment = environmentFromProcess()): ImportResolver {
  const modules = new Map<string, GoModule | null>();
  const workspaces = new Map<string, GoWorkspace | null>();
  const vendorTrees = new Map<string, boolean>();
  const vendorLists = new Map<string, Map<string, string>>();
  const listings = new Map<string, string[]>();
  const resolved = new Map<string, string | null>();
  const gopath = (environment.gopath ?? []).map(toSlash);
  const modcache = environment.gomodcache ? toSlash(environment.gomodcache) : gopath[0] ? `${gopath[0]}/pkg/mod` : null;
  const modulesOff = environment.go111module === 'off';
  let goroot: string | null | undefined;

  const rootOfGo = (): string | null => {
    if (goroot !== undefined) return goroot;
    const explicit = environment.goroot ? toSlash(environment.goroot) : null;
    if (explicit) goroot = hasStandardLibrary(explicit) ? explicit : null;
    else goroot = (environment.findGoroot?.() ?? null) || GOROOT_GUESSES.find(hasStandardLibrary) || null;
    return goroot;
  };

  const moduleOf = (dir: string): GoModule | null => {
    const key = toSlash(dir);
    if (modules.has(key)) return modules.get(key)!;
    let found: GoModule | null = null;
    const cached = modcache ? moduleCacheRoot(modcache, key) : null;
    if (cached) {
      // A module in the cache ends at its path@version directory, go.mod or not.
      const text = readText(`${cached.dir}/go.mod`);
      found = text !== null ? parseGoMod(text, cached.dir) : { path: cached.path, dir: cached.dir, requires: new Map(), replaces: new Map() };
      if (!found.path) found.path = cached.path;
    } else {
      const text = readText(`${key}/go.mod`);
      if (text !== null) found = parseGoMod(text, key);
      else {
        const parent = path.posix.dirname(key);
        found = parent !== key ? moduleOf(parent) : null;
      }
    }
    modules.set(key, found);
    return found;
  };

  const findWorkFile = (dir: string): string | null => {
    for (let current = dir; ; current = path.posix.dirname(current)) {
      if (isFile(`${current}/go.work`)) return `${current}/go.work`;
      if (path.posix.dirname(current) === current) return null;
    }
  };

  const workspaceOf = (moduleDir: string): GoWorkspace | null => {
    if (environment.gowork === 'off' || modulesOff) return null;
    const key = toSlash(moduleDir);
    if (workspaces.has(key)) return workspaces.get(key)!;
    // Modules in the cache are dependencies: no workspace reaches into them.
    const file = modcache && key.startsWith(`${modcache}/`) ? null : environment.gowork ? toSlash(path.resolve(environment.gowork)) : findWorkFile(key);
    const text = file ? readText(file) : null;
    const workspace = text !== null ? parseGoWork(text, path.posix.dirname(file!)) : null;
    // A go.work that does not use this module does not govern it.
    const governs = workspace && workspace.uses.some((use) => use === key || key.startsWith(`${use}/`));
    workspaces.set(key, governs ? workspace : null);
    return governs ? workspace : null;
  };

  const hasVendorTree = (dir: string): boolean => {
    let known = vendorTrees.get(dir);
    if (known === undefined) {
      known = isDirectory(`${dir}/vendor`);
      vendorTrees.set(dir, known);
    }
    return known;
  };

  /** Module path → version, from vendor/modules.txt (empty when there is none). */
  const vendorListOf = (dir: string): Map<string, string> => {
    let list = vendorLists.get(dir);
    if (!list) {
      list = parseVendorModules(readText(`${dir}/vendor/modules.txt`) ?? '');
      vendorLists.set(dir, list);
    }
    return list;
  };

  /** The names in one directory, memoised (the module cache's `name@version` entries). */
  const namesIn = (dir: string): string[] => {
    let names = listings.get(dir);
    if (!names) {
      try {
        names = fs.readdirSync(dir);
      } catch {
        names = [];
      }
      listings.set(dir, names);
    }
    return names;
  };

  const inModuleCache = (modulePath: string, version: string, rest: string): string | null =>
    modcache ? existing(`${modcache}/${escapeModulePath(modulePath)}@${version}${rest ? `/${rest}` : ''}`) : null;

  /** The package at the highest version of any module in the cache that can hold it. */
  const anyVersionInModuleCache = (importPath: string): string | null => {
    if (!modcache) return null;
    const elements = importPath.split('/');
    for (let count = elements.length; count >= 1; count--) {
      const modulePath = elements.slice(0, count).join('/');
      const escaped = escapeModulePath(modulePath);
      const parent = path.posix.dirname(`${modcache}/${escaped}`);
      const prefix = `${path.posix.basename(escaped)}@`;
      const versions = namesIn(parent).filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length));
      for (const version of versions.sort(compareVersions).reverse()) {
        const found = inModuleCache(modulePath, version, elements.slice(count).join('/'));
        if (found) return found;
      }
    }
    return null;
  };

  /** The directory of the package in a module's own tree, when the module path prefixes the import path. */
  const inModule = (module: GoModule, importPath: string): string | null => {
    if (importPath === module.path) return module.dir;
    if (module.path && importPath.startsWith(`${module.path}/`)) return existing(`${module.dir}/${importPath.slice(module.path.length + 1)}`);
    return null;
  };

  const applyReplacement = (to: Replacement, rest: string): string | null => {
    if ('dir' in to) return existing(rest ? `${to.dir}/${rest}` : to.dir);
    return inModuleCache(to.path, to.version, rest);
  };

  /** Through `replace` directives: the longest replaced module path that prefixes the import path wins. */
  const viaReplacements = (replaces: GoModule['replaces'], requires: ReadonlyMap<string, string>, importPath: string): string | null => {
    const owner = longestOwner(replaces.keys(), importPath);
    if (!owner) return null;
    const rest = importPath.slice(owner.length + 1);
    const candidates = replaces.get(owner)!;
    const required = requires.get(owner);
    // The replacement for the required version, else the one for every version; when no version is
    // required (a dependency's import), any replacement (lenient).
    const ordered = [
      ...candidates.filter((entry) => entry.fromVersion !== undefined && entry.fromVersion === required),
      ...candidates.filter((entry) => entry.fromVersion === undefined),
      ...(required === undefined ? candidates : []),
    ];
    for (const entry of ordered) {
      const found = applyReplacement(entry.to, rest);
      if (found) return found;
    }
    return null;
  };

  const viaRequirements = (requires: ReadonlyMap<string, string>, importPath: string): string | null => {
    const owner = longestOwner(requires.keys(), importPath);
    return owner ? inModuleCache(owner, requires.get(owner)!, importPath.slice(owner.length + 1)) : null;
  };

  const inGopath = (fromDir: string, importPath: string): string | null => {
    // vendor/ directories of the importer's ancestors, nearest first, then each GOPATH's src.
    const roots: string[] = [];
    for (let dir = toSlash(fromDir); ; dir = path.posix.dirname(dir)) {
      if (hasVendorTree(dir)) {
        const vendored = existing(`${dir}/vendor/${importPath}`);
        if (vendored) return vendored;
      }
      if (path.posix.basename(dir) === 'src') roots.push(dir);
      if (path.posix.dirname(dir) === dir) break;
    }
    for (const entry of gopath) roots.push(`${entry}/src`);
    for (const root of roots) {
      const found = existing(`${root}/${importPath}`);
      if (found) return found;
    }
    return null;
  };

  const inStandardLibrary = (importPath: string): string | null => {
    if (!isStandardLibrary(importPath)) return null;
    const root = rootOfGo();
    return root ? existing(`${root}/src/${importPath}`) : null;
  };

  const inModuleMode = (fromDir: string, module: GoModule, importPath: string): string | null => {
    const workspace = workspaceOf(module.dir);
    const members = workspace ? workspace.uses.map((dir) => moduleOf(dir)).filter((member): member is GoModule => member !== null) : [];
    if (!members.includes(module)) members.unshift(module);
    const owner = longestOwner(members.map((member) => member.path).filter(Boolean), importPath);
    const own = owner ? members.find((member) => member.path === owner)! : null;
    if (own) {
      const found = inModule(own, importPath);
      if (found) return found;
    }
    const standard = inStandardLibrary(importPath);
    if (standard) return standard;
    for (const root of workspace ? [workspace.dir, module.dir] : [module.dir]) {
      if (hasVendorTree(root)) {
        const vendored = existing(`${root}/vendor/${importPath}`);
        if (vendored) return vendored;
      }
    }
    const requires = new Map<string, string>();
    for (const member of [module, ...members]) for (const [modulePath, version] of member.requires) if (!requires.has(modulePath)) requires.set(modulePath, version);
    for (const [modulePath, version] of vendorListOf(module.dir)) if (!requires.has(modulePath)) requires.set(modulePath, version);
    const replaced = (workspace ? viaReplacements(workspace.replaces, requires, importPath) : null) ?? viaReplacements(module.replaces, requires, importPath);
    if (replaced) return replaced;
    for (const member of members) {
      if (member === module) continue;
      const found = viaReplacements(member.replaces, requires, importPath);
      if (found) return found;
    }
    return viaRequirements(requires, importPath) ?? anyVersionInModuleCache(importPath) ?? inGopath(fromDir, importPath);
  };

  const resolveUncached = (fromDir: string, importPath: string): string | null => {
    if (importPath === 'C' || importPath === '' || importPath.startsWith('.')) return null;
    const module = modulesOff ? null : moduleOf(fromDir);
    if (module) return inModuleMode(fromDir, module, importPath);
    return inStandardLibrary(importPath) ?? inGopath(fromDir, importPath);
  };

  return {
    moduleOf: (dir) => (modulesOff ? null : moduleOf(dir)),
    workspaceOf,
    goroot: rootOfGo,
    configurationFiles(dir) {
      const module = modulesOff ? null : moduleOf(dir);
      if (!module) return [];
      const files = [`${module.dir}/go.mod`];
      const workspace = workspaceOf(module.dir);
      if (workspace) files.push(`${workspace.dir}/go.work`);
      if (hasVendorTree(module.dir)) files.push(`${module.dir}/vendor/modules.txt`);
      return files;
    },
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
  forEachDirective(text, (verb, fields) => {
    if (verb === 'module') module.path = fields[0] ?? '';
    else if (verb === 'require' && fields.length >= 2) module.requires.set(fields[0]!, fields[1]!);
    else if (verb === 'replace') addReplacement(module.replaces, fields, dir);
  });
  return module;
}

/** Reads a go.work: its `use` directories and `replace` directives. */
export function parseGoWork(text: string, dir: string): GoWorkspace {
  const workspace: GoWorkspace = { dir, uses: [], replaces: new Map() };
  forEachDirective(text, (verb, fields) => {
    if (verb === 'use' && fields[0]) workspace.uses.push(localPath(fields[0], dir));
    else if (verb === 'replace') addReplacement(workspace.replaces, fields, dir);
  });
  return workspace;
}

/** Reads vendor/modules.txt: module path → version, from its `# path version` lines. */
export function parseVendorModules(text: string): Map<string, string> {
  const modules = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^# (\S+) (v\S+)/.exec(line);
    if (match) modules.set(match[1]!, match[2]!);
  }
  return modules;
}

/** Calls `visit` for each directive of a go.mod or go.work, block forms unrolled, comments dropped. */
function forEachDirective(text: string, visit: (verb: string, fields: string[]) => void): void {
  let block: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    if (block) {
      if (line === ')') block = null;
      else visit(block, fields(line));
      continue;
    }
    const open = /^(\w+)\s*\($/.exec(line);
    if (open) {
      block = open[1]!;
      continue;
    }
    const words = /^(\w+)\s+(.*)$/.exec(line);
    if (words) visit(words[1]!, fields(words[2]!));
  }
}

function fields(text: string): string[] {
  return (text.match(/"(?:[^"\\]|\\.)*"|`[^`]*`|\S+/g) ?? []).map(unquote);
}

/** Adds `old [version] => new [version]`: a local path when `new` starts with `./`, `../` or `/`. */
function addReplacement(replaces: GoModule['replaces'], fields: string[], dir: string): void {
  const arrow = fields.indexOf('=>');
  if (arrow !== 1 && arrow !== 2) return;
  const target = fields[arrow + 1];
  if (!target) return;
  let to: Replacement;
  if (isLocalPath(target)) to = { dir: localPath(target, dir) };
  else if (fields[arrow + 2]) to = { path: target, version: fields[arrow + 2]! };
  else return;
  const entry = arrow === 2 ? { fromVersion: fields[1]!, to } : { to };
  const list = replaces.get(fields[0]!);
  if (list) list.push(entry);
  else replaces.set(fields[0]!, [entry]);
}

function isLocalPath(target: string): boolean {
  return target.startsWith('./') || target.startsWith('../') || target === '.' || target === '..' || path.isAbsolute(target) || /^[A-Za-z]:[\\/]/.test(target);
}

function localPath(target: string, dir: string): string {
  const slashed = toSlash(target);
  return path.posix.normalize(path.posix.isAbsolute(slashed) || /^[A-Za-z]:\//.test(slashed) ? slashed : `${dir}/${slashed}`).replace(/\/$/, '');
}

/** The longest of the module paths that is the import path or a prefix of it at a `/`. */
function longestOwner(modulePaths: Iterable<string>, importPath: string): string | null {
  let best: string | null = null;
  for (const candidate of modulePaths) {
    if ((importPath === candidate || importPath.startsWith(`${candidate}/`)) && (!best || candidate.length > best.length)) best = candidate;
  }
  return best;
}

/** The module-cache module directory (`<cache>/<escaped path>@<version>`) holding a directory, if any. */
function moduleCacheRoot(modcache: string, dir: string): { dir: string; path: string } | null {
  if (!dir.startsWith(`${modcache}/`)) return null;
  const elements = dir.slice(modcache.length + 1).split('/');
  const index = elements.findIndex((element) => element.includes('@'));
  if (index < 0 || elements[0] === 'cache') return null;
  const last = elements[index]!;
  const modulePath = [...elements.slice(0, index), last.slice(0, last.indexOf('@'))].join('/');
  return { dir: `${modcache}/${elements.slice(0, index + 1).join('/')}`, path: unescapeModulePath(modulePath) };
}

/** The module cache's case encoding: each upper-case letter becomes `!` and its lower case. */
export function escapeModulePath(modulePath: string): string {
  return modulePath.replace(/[A-Z]/g, (letter) => `!${letter.toLowerCase()}`);
}

/** The inverse of escapeModulePath. */
export function unescapeModulePath(escaped: string): string {
  return escaped.replace(/!([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Orders semantic versions (`v1.2.3`, `v1.10.0-pre`, `v0.0.0-2020…-abc`); what does not parse sorts first. */
export function compareVersions(a: string, b: string): number {
  const parse = (version: string) => /^v(\d+)\.(\d+)\.(\d+)(?:-([^+]*))?/.exec(version);
  const left = parse(a);
  const right = parse(b);
  if (!left || !right) return left ? 1 : right ? -1 : a.localeCompare(b);
  for (let index = 1; index <= 3; index++) {
    const difference = Number(left[index]) - Number(right[index]);
    if (difference !== 0) return difference;
  }
  // A release sorts after its pre-releases.
  if (left[4] === undefined || right[4] === undefined) return left[4] === undefined ? (right[4] === undefined ? 0 : 1) : -1;
  return left[4].localeCompare(right[4]);
}

/** GOROOT of the `go` binary on PATH: the directory above its real `bin/`, else `go env GOROOT`. */
let gorootFromPath: { key: string; value: string | null } | null = null;

/**
 * The GOROOT the `go` command on PATH would use, found once per process (per PATH): from where the
 * binary really lives, and only when that fails by running `go env GOROOT` with a short timeout.
 * Null when there is no `go` binary.
 */
export function gorootOfGoCommand(searchPath: string): string | null {
  if (gorootFromPath && gorootFromPath.key === searchPath) return gorootFromPath.value;
  let value: string | null = null;
  const names = process.platform === 'win32' ? ['go.exe'] : ['go'];
  const binary = searchPath
    .split(path.delimiter)
    .filter(Boolean)
    .flatMap((dir) => names.map((name) => path.join(dir, name)))
    .find(isFile);
  if (binary) {
    try {
      const root = toSlash(path.dirname(path.dirname(fs.realpathSync(binary))));
      if (hasStandardLibrary(root)) value = root;
    } catch {
      // An unresolvable binary falls back to asking it.
    }
    if (!value) {
      try {
        const output = execFileSync(binary, ['env', 'GOROOT'], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
        if (output && hasStandardLibrary(toSlash(output))) value = toSlash(output);
      } catch {
        // No answer within the timeout: the guesses decide.
      }
    }
  }
  gorootFromPath = { key: searchPath, value };
  return value;
}

function hasStandardLibrary(root: string): boolean {
  return isDirectory(`${root}/src/fmt`);
}

function unquote(field: string): string {
  if (field.length >= 2 && field[0] === '"') {
    try {
      return JSON.parse(field) as string;
    } catch {
      return field.slice(1, -1);
    }
  }
  return field.length >= 2 && field[0] === '`' ? field.slice(1, -1) : field;
}

function toSlash(dir: string): string {
  return dir.split(path.sep).join('/');
}

function readText(file: string): string | null {
  try {
    // Only regular files: a FIFO named go.mod would block the read forever.
    if (!fs.statSync(file).isFile()) return null;
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

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function existing(dir: string): string | null {
  return isDirectory(dir) ? dir : null;
}
