// Tests the package index: package grouping, import aliases, methods by receiver, struct fields spread
// over several files (embedded ones included), interfaces, vars and consts.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPackageName, findField, findMethod, groupPackages, importPathOf, packageNameOf, packageNameOfText } from '../src/index/package-index.js';
import { makeSourceFile } from '../src/parse/source.js';
import { loadDirectory } from './support/harness.js';

const packages = groupPackages(loadDirectory(path.resolve(__dirname, '../testdata/index/multi')));
const pkg = packages.find((candidate) => candidate.name === 'multi')!;

describe('package index', () => {
  it('groups files by package clause, keeps external tests apart and skips go:build ignore', () => {
    expect(packages.map((candidate) => candidate.name).sort()).toEqual(['multi', 'multi_test']);
    expect(pkg.files.map((file) => path.basename(file.path))).toEqual(['a.go', 'b.go']);
    expect(packages.find((candidate) => candidate.name === 'multi_test')!.isExternalTest).toBe(true);
  });

  it('resolves import aliases and default names', () => {
    const fileA = pkg.files[0]!;
    expect(importPathOf(pkg, fileA, 'nethttp')).toBe('net/http');
    expect(importPathOf(pkg, fileA, 'http')).toBeNull();
    expect(importPathOf(pkg, fileA, 'yaml')).toBe('gopkg.in/yaml.v3');
    expect(importPathOf(pkg, fileA, 'workqueue')).toBe('k8s.io/client-go/util/workqueue');
    expect(defaultPackageName('github.com/foo/bar/v2')).toBe('bar');
    expect(defaultPackageName('gopkg.in/yaml.v2')).toBe('yaml');
  });

  it('records methods by receiver type across files', () => {
    expect([...pkg.methods.get('Store')!.keys()].sort()).toEqual(['Get', 'Set']);
    expect(pkg.methods.get('Store')!.get('Set')!.file.path.endsWith('b.go')).toBe(true);
    expect(pkg.methods.get('Store')!.get('Get')!.pointerReceiver).toBe(true);
    expect(pkg.methods.get('Meta')!.get('Describe')!.pointerReceiver).toBe(false);
    expect(pkg.funcs.get('NewStore')!.results[0]!.typeText).toBe('*Store');
  });

  it('records struct fields, embedded fields and promoted members across files', () => {
    const store = pkg.types.get('Store')!;
    expect(store.fields.map((field) => [field.name, field.typeText, field.embedded])).toEqual([
      ['Base', 'Base', true],
      ['Meta', '*Meta', true],
      ['mu', 'sync.RWMutex', false],
      ['items', 'map[string]*Item', false],
      ['a', 'int', false],
      ['b', 'int', false],
    ]);
    expect(findField(pkg, 'Store', 'Labels')!.typeText).toBe('map[string]string');
    expect(findField(pkg, 'Store', 'ID')!.typeText).toBe('string');
    expect(findMethod(pkg, 'Store', 'Describe')!.receiverType).toBe('Meta');
  });

  it('records interfaces, vars and consts', () => {
    expect(pkg.types.get('Getter')!.kind).toBe('interface');
    expect(pkg.types.get('Getter')!.interfaceMethods).toEqual(['Get']);
    expect(pkg.values.get('client')!.valueNode!.text).toBe('&nethttp.Client{}');
    expect(pkg.values.get('maxItems')!.isConst).toBe(true);
  });

  it('reads the package clause from text where it can, as the parse does', () => {
    const cases: Array<[string, string | null]> = [
      ['package a\n', 'a'],
      ['// Copyright\n\n//go:build linux\n\npackage a_test // tests\n', 'a_test'],
      ['/* block\n comment */ package \u00e9t\u00e9;\nfunc f() {}\n', '\u00e9t\u00e9'],
      ['package\na\n', null],
      ['package /* c */ a\n', null],
      ['func f() {}\npackage a\n', null],
      ['/* unterminated', null],
    ];
    for (const [text, name] of cases) {
      expect(packageNameOfText(text)).toBe(name);
      if (name !== null) expect(packageNameOf(makeSourceFile('/virtual/a.go', text))).toBe(name);
    }
  });
});
