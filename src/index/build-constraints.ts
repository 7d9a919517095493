// Build constraints, as go/build applies them: a file's `//go:build` expression (or its `// +build`
// lines when it has none) and its `_GOOS`, `_GOARCH` or `_GOOS_GOARCH` name suffix decide whether it is
// part of a build for a target (GOOS, GOARCH, tags). Release tags (`go1.21`) and the `gc` compiler are
// always satisfied, `unix` by the Unix-like GOOS values, and `cgo` when the target has cgo. It also finds,
// for a file that a target excludes, a target close to it that includes it (for a file the user names).
// It reads only the comments above the package clause; it knows nothing of directories or packages.
import path from 'node:path';

/** What a build is for: the platform, whether cgo is on, and the extra tags (`--tags`). */
export interface BuildTarget {
  goos: string;
  goarch: string;
  cgo: boolean;
  tags: readonly string[];
}

/** The GOOS values go/build knows (a `_name` suffix counts only for these). */
export const KNOWN_OS: ReadonlySet<string> = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd',
  'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos',
]);

/** The GOARCH values go/build knows. */
export const KNOWN_ARCH: ReadonlySet<string> = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le',
  'mips64p32', 'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm',
]);

/** The GOOS values that satisfy the `unix` tag. */
const UNIX_OS: ReadonlySet<string> = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'linux', 'netbsd', 'openbsd', 'solaris']);

/** GOOS values that also match the files and tags of another (`android` builds `_linux.go` files). */
const IMPLIED_OS: Readonly<Record<string, string>> = { android: 'linux', ios: 'darwin', illumos: 'solaris' };

const NODE_OS: Readonly<Record<string, string>> = { win32: 'windows', sunos: 'solaris', cygwin: 'windows' };
const NODE_ARCH: Readonly<Record<string, string>> = { x64: 'amd64', ia32: '386', x32: '386', ppc: 'ppc', loong64: 'loong64' };

/** The target of a build run here: `GOOS`/`GOARCH` from the environment, else the host; cgo as go defaults it. */
export function targetFromEnvironment(env: NodeJS.ProcessEnv = process.env, tags: readonly string[] = []): BuildTarget {
  const hostOs = NODE_OS[process.platform] ?? process.platform;
  const hostArch = NODE_ARCH[process.arch] ?? process.arch;
  const goos = env.GOOS || hostOs;
  const goarch = env.GOARCH || hostArch;
  // go enables cgo for native builds and disables it when cross-compiling, unless CGO_ENABLED says.
  const cgo = env.CGO_ENABLED === '1' || (env.CGO_ENABLED !== '0' && goos === hostOs && goarch === hostArch);
  return { goos, goarch, cgo, tags: normalizeTags(tags) };
}

/** Tags from `--tags a,b` or a list (comma or space separated, as `go build -tags` takes them), sorted and distinct. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.flatMap((tag) => tag.split(/[\s,]+/)).filter(Boolean))].sort();
}

/** A short name for a target, as `linux/amd64` or `linux/amd64 (tags: a,b)`. */
export function describeTarget(target: BuildTarget): string {
  return `${target.goos}/${target.goarch}${target.tags.length > 0 ? ` (tags: ${target.tags.join(',')})` : ''}`;
}

/** A parsed build expression. */
export type Constraint =
  | { kind: 'tag'; name: string }
  | { kind: 'not'; operand: Constraint }
  | { kind: 'and' | 'or'; left: Constraint; right: Constraint };

/** True when a tag holds for the target. */
export function satisfiesTag(tag: string, target: BuildTarget): boolean {
  if (tag === target.goos || tag === target.goarch || target.tags.includes(tag)) return true;
  if (IMPLIED_OS[target.goos] === tag) return true;
  if (tag === 'unix') return UNIX_OS.has(target.goos);
  if (tag === 'cgo') return target.cgo;
  if (tag === 'gc') return true;
  return /^go1\.\d+$/.test(tag);
}

/** Evaluates a constraint with a tag predicate. */
export function evaluate(constraint: Constraint, holds: (tag: string) => boolean): boolean {
  switch (constraint.kind) {
    case 'tag':
      return holds(constraint.name);
    case 'not':
      return !evaluate(constraint.operand, holds);
    case 'and':
      return evaluate(constraint.left, holds) && evaluate(constraint.right, holds);
    case 'or':
      return evaluate(constraint.left, holds) || evaluate(constraint.right, holds);
  }
}

/** Parses a `//go:build` expression (`linux && (amd64 || arm64) && !cgo`); null when it is malformed. */
export function parseBuildExpression(text: string): Constraint | null {
  const tokens = text.match(/\(|\)|!|&&|\|\||[A-Za-z0-9_.]+|\S/g) ?? [];
  let position = 0;
  const peek = () => tokens[position];
  const primary = (): Constraint | null => {
    const token = tokens[position++];
    if (token === '!') {
      const operand = primary();
      return operand && { kind: 'not', operand };
    }
    if (token === '(') {
      const inner = or();
      if (!inner || tokens[position++] !== ')') return null;
      return inner;
    }
    return token && /^[A-Za-z0-9_.]+$/.test(token) ? { kind: 'tag', name: token } : null;
  };
  const and = (): Constraint | null => {
    let left = primary();
    while (left && peek() === '&&') {
      position++;
      const right = primary();
      left = right && { kind: 'and', left, right };
    }
    return left;
  };
  const or = (): Constraint | null => {
    let left = and();
    while (left && peek() === '||') {
      position++;
      const right = and();
      left = right && { kind: 'or', left, right };
    }
    return left;
  };
  const result = or();
  return result && position === tokens.length ? result : null;
}

/** The constraint of `// +build` lines: spaces are or, commas and, `!` not, and the lines are and-ed. */
export function parsePlusBuildLines(lines: readonly string[]): Constraint | null {
  let all: Constraint | null = null;
  for (const line of lines) {
    let any: Constraint | null = null;
    for (const option of line.split(/\s+/).filter(Boolean)) {
      let every: Constraint | null = null;
      for (const term of option.split(',')) {
        const negated = term.startsWith('!');
        const name = negated ? term.slice(1) : term;
        if (!/^[A-Za-z0-9_.]+$/.test(name)) return null;
        const atom: Constraint = negated ? { kind: 'not', operand: { kind: 'tag', name } } : { kind: 'tag', name };
        every = every ? { kind: 'and', left: every, right: atom } : atom;
      }
      if (every) any = any ? { kind: 'or', left: any, right: every } : every;
    }
    if (any) all = all ? { kind: 'and', left: all, right: any } : any;
  }
  return all;
}

/**
 * The build constraint in a file's header: the first `//go:build` line, else its `// +build` lines
 * (only those in comment blocks followed by a blank line, as go requires). Null when there is none or it
 * does not parse, so a malformed constraint never hides a file.
 */
export function constraintOf(text: string): Constraint | null {
  const plusLines: string[] = [];
  let block: string[] = [];
  let inBlockComment = false;
  let offset = 0;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    const line = (end < 0 ? text.slice(offset) : text.slice(offset, end)).trim();
    offset = end < 0 ? text.length : end + 1;
    if (inBlockComment) {
      if (line.includes('*/')) inBlockComment = false;
      continue;
    }
    if (line === '') {
      // A blank line ends a comment block: its +build lines count.
      plusLines.push(...block);
      block = [];
      continue;
    }
    if (line.startsWith('//')) {
      const goBuild = /^\/\/go:build(?:\s+(.*))?$/.exec(line);
      if (goBuild) return parseBuildExpression(goBuild[1] ?? '');
      const plusBuild = /^\/\/\s*\+build\s+(.*)$/.exec(line);
      if (plusBuild) block.push(plusBuild[1]!);
      continue;
    }
    if (line.startsWith('/*')) {
      inBlockComment = !line.includes('*/', 2);
      continue;
    }
    break;
  }
  return plusLines.length > 0 ? parsePlusBuildLines(plusLines) : null;
}

/** The GOOS and GOARCH a file name asks for (`x_linux_amd64.go`, `x_windows_test.go`), each possibly undefined. */
export function platformOfFileName(fileName: string): { goos?: string; goarch?: string } {
  let stem = path.posix.basename(fileName).replace(/\.go$/, '');
  if (stem.endsWith('_test')) stem = stem.slice(0, -'_test'.length);
  const underscore = stem.indexOf('_');
  if (underscore < 0) return {};
  const parts = stem.slice(underscore).split('_');
  const last = parts[parts.length - 1]!;
  const beforeLast = parts.length >= 3 ? parts[parts.length - 2]! : undefined;
  if (beforeLast !== undefined && KNOWN_OS.has(beforeLast) && KNOWN_ARCH.has(last)) return { goos: beforeLast, goarch: last };
  if (KNOWN_OS.has(last)) return { goos: last };
  if (KNOWN_ARCH.has(last)) return { goarch: last };
  return {};
}

/** True when the file's name allows the target: its suffixes match, and it does not start with `_` or `.`. */
export function fileNameMatches(fileName: string, target: BuildTarget): boolean {
  const base = path.posix.basename(fileName);
  // go ignores `_x.go` and `.x.go` whatever the target.
  if (base.startsWith('_') || base.startsWith('.')) return false;
  const { goos, goarch } = platformOfFileName(fileName);
  if (goos !== undefined && goos !== target.goos && IMPLIED_OS[target.goos] !== goos) return false;
  return goarch === undefined || goarch === target.goarch;
}

/** A file as far as constraints go: its path and its text. */
export interface ConstrainedFile {
  path: string;
  text: string;
}

const constraints = new WeakMap<ConstrainedFile, Constraint | null>();

function cachedConstraintOf(file: ConstrainedFile): Constraint | null {
  let constraint = constraints.get(file);
  if (constraint === undefined) {
    constraint = constraintOf(file.text);
    constraints.set(file, constraint);
  }
  return constraint;
}

/** True when the file is part of a build for the target: its name and its constraint both allow it. */
export function buildsFor(file: ConstrainedFile, target: BuildTarget): boolean {
  if (!fileNameMatches(file.path, target)) return false;
  const constraint = cachedConstraintOf(file);
  return constraint === null || evaluate(constraint, (tag) => satisfiesTag(tag, target));
}

/** The tags a constraint names. */
function tagsIn(constraint: Constraint, into = new Set<string>()): Set<string> {
  if (constraint.kind === 'tag') into.add(constraint.name);
  else if (constraint.kind === 'not') tagsIn(constraint.operand, into);
  else {
    tagsIn(constraint.left, into);
    tagsIn(constraint.right, into);
  }
  return into;
}

/**
 * A target close to `target` for which the file builds: the platform of its name, else one its
 * constraint names, and the fewest extra tags it needs (`ignore` included). The target itself when it
 * already builds; null when nothing does (`//go:build linux && windows`).
 */
export function targetFor(file: ConstrainedFile, target: BuildTarget): BuildTarget | null {
  if (buildsFor(file, target)) return target;
  const named = platformOfFileName(file.path);
  const constraint = cachedConstraintOf(file);
  const mentioned = constraint ? [...tagsIn(constraint)] : [];
  const systems = unique([named.goos, target.goos, ...mentioned.filter((tag) => KNOWN_OS.has(tag)), 'linux']);
  const arches = unique([named.goarch, target.goarch, ...mentioned.filter((tag) => KNOWN_ARCH.has(tag)), 'amd64']);
  // Tags the target does not already decide; trying every subset of a few is cheap, and beyond six the
  // rarely needed extra ones are all switched on at once.
  const free = mentioned.filter((tag) => !KNOWN_OS.has(tag) && !KNOWN_ARCH.has(tag) && !target.tags.includes(tag) && tag !== 'unix' && !/^go1\.\d+$/.test(tag));
  const subsets: string[][] = free.length <= 6 ? subsetsBySize(free) : [[], free];
  for (const extra of subsets) {
    for (const goos of systems) {
      for (const goarch of arches) {
        for (const cgo of unique([target.cgo, !target.cgo])) {
          const candidate: BuildTarget = { goos, goarch, cgo, tags: normalizeTags([...target.tags, ...extra]) };
          if (buildsFor(file, candidate)) return candidate;
        }
      }
    }
  }
  return null;
}

/** A stable key of a target, for grouping files by the target they build for. */
export function targetKey(target: BuildTarget): string {
  return `${target.goos}/${target.goarch}/${target.cgo ? 'cgo' : 'nocgo'}/${target.tags.join(',')}`;
}

function unique<T>(values: Array<T | undefined>): T[] {
  return [...new Set(values.filter((value): value is T => value !== undefined))];
}

/** Every subset of the values, smallest first. */
function subsetsBySize(values: string[]): string[][] {
  const subsets: string[][] = [];
  for (let mask = 0; mask < 1 << values.length; mask++) subsets.push(values.filter((_, index) => mask & (1 << index)));
  return subsets.sort((a, b) => a.length - b.length);
}
