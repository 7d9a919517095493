// Build constraints as go/build applies them: expressions, +build lines, file-name suffixes, the target
// from the environment, the nearest target a named file builds for, and how a directory's files are
// grouped for a lint (testdata/modules/constraints).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildsFor,
  constraintOf,
  evaluate,
  fileNameMatches,
  parseBuildExpression,
  platformOfFileName,
  targetFor,
  targetFromEnvironment,
  type BuildTarget,
} from '../src/index/build-constraints.js';
import { buildGroups } from '../src/engine/run.js';

const linux: BuildTarget = { goos: 'linux', goarch: 'amd64', cgo: true, tags: [] };
const windows: BuildTarget = { goos: 'windows', goarch: 'amd64', cgo: false, tags: [] };
const platformDir = path.resolve(__dirname, '../testdata/modules/constraints/app/platform').split(path.sep).join('/');

function file(name: string, text: string) {
  return { path: `/p/${name}`, text };
}

function holds(expression: string, tags: string[]): boolean {
  const parsed = parseBuildExpression(expression);
  if (!parsed) throw new Error(`does not parse: ${expression}`);
  return evaluate(parsed, (tag) => tags.includes(tag));
}

describe('//go:build expressions', () => {
  it('follow precedence: ! binds tightest, then &&, then ||', () => {
    expect(holds('a || b && c', ['a'])).toBe(true);
    expect(holds('(a || b) && c', ['a'])).toBe(false);
    expect(holds('!a && b', ['b'])).toBe(true);
    expect(holds('!(a || b)', ['b'])).toBe(false);
    expect(holds('!!a', ['a'])).toBe(true);
  });

  it('reject malformed expressions instead of guessing', () => {
    expect(parseBuildExpression('linux &&')).toBeNull();
    expect(parseBuildExpression('(linux')).toBeNull();
    expect(parseBuildExpression('linux windows')).toBeNull();
    expect(parseBuildExpression('')).toBeNull();
  });
});

describe('the constraint of a file header', () => {
  it('takes //go:build over +build lines', () => {
    const text = '//go:build windows\n// +build linux\n\npackage p\n';
    expect(buildsFor(file('a.go', text), windows)).toBe(true);
    expect(buildsFor(file('a.go', text), linux)).toBe(false);
  });

  it('reads +build lines: spaces are or, commas and, lines and-ed', () => {
    const text = '// Copyright\n\n// +build linux,amd64 darwin\n// +build !cgo\n\npackage p\n';
    expect(buildsFor(file('a.go', text), { ...linux, cgo: false })).toBe(true);
    expect(buildsFor(file('a.go', text), linux)).toBe(false);
    expect(buildsFor(file('a.go', text), { ...linux, goarch: 'arm64', cgo: false })).toBe(false);
    expect(buildsFor(file('a.go', text), { goos: 'darwin', goarch: 'arm64', cgo: false, tags: [] })).toBe(true);
  });

  it('ignores a +build line in the package doc comment, as go does', () => {
    expect(constraintOf('// +build windows\npackage p\n')).toBeNull();
  });

  it('ignores constraints after the package clause and inside block comments', () => {
    expect(constraintOf('package p\n\n//go:build windows\n')).toBeNull();
    expect(constraintOf('/*\n//go:build windows\n*/\n\npackage p\n')).toBeNull();
    expect(constraintOf('/* licence */\n//go:build windows\n\npackage p\n')).not.toBeNull();
  });

  it('knows unix, cgo, gc, release tags and --tags', () => {
    expect(buildsFor(file('a.go', '//go:build unix\n\npackage p\n'), linux)).toBe(true);
    expect(buildsFor(file('a.go', '//go:build unix\n\npackage p\n'), windows)).toBe(false);
    expect(buildsFor(file('a.go', '//go:build cgo\n\npackage p\n'), windows)).toBe(false);
    expect(buildsFor(file('a.go', '//go:build go1.18 && gc && !gccgo\n\npackage p\n'), linux)).toBe(true);
    expect(buildsFor(file('a.go', '//go:build integration\n\npackage p\n'), linux)).toBe(false);
    expect(buildsFor(file('a.go', '//go:build integration\n\npackage p\n'), { ...linux, tags: ['integration'] })).toBe(true);
    expect(buildsFor(file('a.go', '//go:build ignore\n\npackage main\n'), linux)).toBe(false);
  });

  it('lets android build linux files and ios darwin ones', () => {
    const android: BuildTarget = { goos: 'android', goarch: 'arm64', cgo: true, tags: [] };
    expect(buildsFor(file('x_linux.go', 'package p\n'), android)).toBe(true);
    expect(buildsFor(file('a.go', '//go:build linux\n\npackage p\n'), android)).toBe(true);
    expect(buildsFor(file('x_android.go', 'package p\n'), linux)).toBe(false);
  });
});

describe('file-name suffixes', () => {
  it('read _GOOS, _GOARCH and _GOOS_GOARCH, before _test', () => {
    expect(platformOfFileName('x_linux.go')).toEqual({ goos: 'linux' });
    expect(platformOfFileName('x_arm64.go')).toEqual({ goarch: 'arm64' });
    expect(platformOfFileName('x_windows_386_test.go')).toEqual({ goos: 'windows', goarch: '386' });
    expect(platformOfFileName('dir/x_linux_test.go')).toEqual({ goos: 'linux' });
  });

  it('need an underscore before the suffix and a known name', () => {
    expect(platformOfFileName('linux.go')).toEqual({});
    expect(platformOfFileName('linux_test.go')).toEqual({});
    expect(platformOfFileName('x_unix.go')).toEqual({});
    expect(platformOfFileName('x_linux_foo.go')).toEqual({});
  });

  it('leave out files whose names start with _ or .', () => {
    expect(fileNameMatches('/p/_old.go', linux)).toBe(false);
    expect(fileNameMatches('/p/.hidden.go', linux)).toBe(false);
    expect(fileNameMatches('/p/x_linux_amd64.go', linux)).toBe(true);
    expect(fileNameMatches('/p/x_linux_arm64.go', linux)).toBe(false);
  });
});

describe('the target', () => {
  it('comes from GOOS and GOARCH, with cgo off when cross-compiling', () => {
    const target = targetFromEnvironment({ GOOS: 'plan9', GOARCH: 'arm' }, ['b,a', 'a']);
    expect(target).toEqual({ goos: 'plan9', goarch: 'arm', cgo: false, tags: ['a', 'b'] });
    expect(targetFromEnvironment({ GOOS: 'plan9', GOARCH: 'arm', CGO_ENABLED: '1' }).cgo).toBe(true);
  });

  it('defaults to the host, in Go names', () => {
    const target = targetFromEnvironment({});
    const expected = { linux: 'linux', darwin: 'darwin', win32: 'windows' }[process.platform as string];
    if (expected) expect(target.goos).toBe(expected);
    if (process.arch === 'x64') expect(target.goarch).toBe('amd64');
    expect(target.cgo).toBe(true);
  });
});

describe('the target a named file builds for', () => {
  it('is the target itself when it already builds', () => {
    expect(targetFor(file('x_linux.go', 'package p\n'), linux)).toBe(linux);
  });

  it('takes the platform of the name, keeping the rest', () => {
    expect(targetFor(file('x_windows_arm64.go', 'package p\n'), linux)).toMatchObject({ goos: 'windows', goarch: 'arm64' });
  });

  it('switches on the fewest tags the constraint needs, ignore included', () => {
    expect(targetFor(file('gen.go', '//go:build ignore\n\npackage main\n'), linux)).toMatchObject({ goos: 'linux', tags: ['ignore'] });
    expect(targetFor(file('a.go', '//go:build (special || other) && arm64\n\npackage p\n'), linux)).toMatchObject({ goarch: 'arm64', tags: ['special'] });
    expect(targetFor(file('a.go', '//go:build a && b && !c\n\npackage p\n'), linux)?.tags).toEqual(['a', 'b']);
  });

  it('is null when nothing satisfies the constraint', () => {
    expect(targetFor(file('a.go', '//go:build linux && windows\n\npackage p\n'), linux)).toBeNull();
  });
});

describe('the files a lint of a directory reads', () => {
  const files = fs
    .readdirSync(platformDir)
    .sort()
    .map((name) => ({ path: `${platformDir}/${name}`, text: fs.readFileSync(`${platformDir}/${name}`, 'utf8') }));
  const all = new Set(files.map((entry) => entry.path));
  const names = (paths: Iterable<string | { path: string }>) => [...paths].map((entry) => path.posix.basename(typeof entry === 'string' ? entry : entry.path)).sort();

  it('are those that build for the target, one name() among them', () => {
    const [group, ...others] = buildGroups(files, all, undefined, linux);
    expect(others).toEqual([]);
    expect(names(group!.files)).toEqual(['fast_amd64.go', 'name_linux.go', 'name_linux_test.go', 'platform.go']);
    expect(names(group!.lints)).toEqual(names(group!.files));
  });

  it('follow --tags and the platform', () => {
    const [group] = buildGroups(files, all, undefined, { goos: 'darwin', goarch: 'arm64', cgo: true, tags: ['special'] });
    expect(names(group!.files)).toEqual(['fast_arm64.go', 'name_other.go', 'platform.go', 'tagged.go']);
  });

  it('add a group of the platform of each file named that the target excludes', () => {
    const named = new Set([`${platformDir}/name_windows.go`, `${platformDir}/gen.go`]);
    const groups = buildGroups(files, all, named, linux);
    expect(groups).toHaveLength(3);
    const windowsGroup = groups.find((group) => group.lints.has(`${platformDir}/name_windows.go`));
    const ignoreGroup = groups.find((group) => group.lints.has(`${platformDir}/gen.go`));
    expect(names(windowsGroup!.files)).toEqual(['fast_amd64.go', 'name_windows.go', 'platform.go']);
    expect(names(windowsGroup!.lints)).toEqual(['name_windows.go']);
    expect(names(ignoreGroup!.lints)).toEqual(['gen.go']);
    expect(names(ignoreGroup!.files)).toContain('name_linux.go');
  });

  it('do not lint a file the target excludes unless it is named', () => {
    const groups = buildGroups(files, all, new Set([`${platformDir}/platform.go`]), linux);
    const linted = groups.flatMap((group) => [...group.lints]);
    expect(names(linted)).not.toContain('name_windows.go');
    expect(names(linted)).not.toContain('gen.go');
  });
});
