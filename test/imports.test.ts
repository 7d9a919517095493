// The seam between a package and the packages it imports: a run's ImportUniverse finds an imported
// package on disk, indexes the files that build for the target, and hands its analyses to whoever asks,
// once per package; it knows what each package read, and forgets what depends on a changed package.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { createImportUniverse, lintTargets } from '../src/engine/run.js';
import { createAnalyses } from '../src/engine/engine.js';
import { groupPackages } from '../src/index/package-index.js';
import type { BuildTarget } from '../src/index/build-constraints.js';
import { loadDirectory } from './support/harness.js';

const app = path.resolve(__dirname, '../testdata/modules/local/app').split(path.sep).join('/');

describe('imported packages', () => {
  const universe = createImportUniverse({ enabled: [] });
  const [pkg] = groupPackages(loadDirectory(`${app}/cmd`));
  const analyses = createAnalyses(pkg!, new Map(), universe);
  const file = pkg!.files[0]!;

  it('reads a package of the same module under its local name', () => {
    const util = analyses.imported(file, 'helpers');
    expect(util?.pkg.name).toBe('util');
    expect(util?.pkg.dir).toBe(`${app}/util`);
    expect(util?.pkg.funcs.has('NewClient')).toBe(true);
  });

  it('reads each package once and answers by import path too', () => {
    expect(analyses.importedByPath('example.com/app/util')).toBe(analyses.imported(file, 'helpers'));
  });

  it('answers null for a name that is no import and for an import not on disk, and remembers the latter', () => {
    expect(analyses.imported(file, 'nothing')).toBeNull();
    expect(analyses.importedByPath('example.com/elsewhere/pkg')).toBeNull();
    expect(universe.unresolved.get('example.com/elsewhere/pkg')).toBe(`${app}/cmd`);
  });

  it('reads imported sources only for a package that imports beyond the standard library', () => {
    expect(analyses.readsImportedSources()).toBe(true);
    expect(analyses.imported(file, 'helpers')!.readsImportedSources()).toBe(false);
    expect(createAnalyses(pkg!, new Map(), null).readsImportedSources()).toBe(false);
  });

  it('stands alone without an importer', () => {
    expect(createAnalyses(pkg!, new Map(), null).imported(file, 'helpers')).toBeNull();
  });
});

const modules = path.resolve(__dirname, '../testdata/modules').split(path.sep).join('/');
const constraints = `${modules}/constraints/app`;
const linux: BuildTarget = { goos: 'linux', goarch: 'amd64', cgo: true, tags: [] };

describe('imported packages and build constraints', () => {
  const [main] = groupPackages(loadDirectory(`${constraints}/cmd`));
  const platformOf = (target: BuildTarget) => {
    const universe = createImportUniverse({ enabled: [], build: target });
    return createAnalyses(main!, new Map(), universe).importedByPath('example.com/constraints/platform')!.pkg;
  };
  const fileNames = (pkg: { files: Array<{ path: string }> }) => pkg.files.map((file) => path.posix.basename(file.path)).sort();

  it('read the files that build for the target, tests left out', () => {
    const pkg = platformOf(linux);
    expect(fileNames(pkg)).toEqual(['fast_amd64.go', 'name_linux.go', 'platform.go']);
    expect(pkg.funcs.get('name')?.file.path).toBe(`${constraints}/platform/name_linux.go`);
  });

  it('read the other platform files for another target, and --tags', () => {
    const pkg = platformOf({ goos: 'windows', goarch: 'arm64', cgo: false, tags: ['special'] });
    expect(fileNames(pkg)).toEqual(['fast_arm64.go', 'name_windows.go', 'platform.go', 'tagged.go']);
    expect(pkg.funcs.get('name')?.file.path).toBe(`${constraints}/platform/name_windows.go`);
    expect(pkg.funcs.has('WindowsOnly')).toBe(true);
  });
});

describe('what a package read through its imports', () => {
  const modcache = `${modules}/modcache`;
  const app = `${modules}/replace/app`;
  const universe = createImportUniverse({ enabled: [], resolverEnvironment: { gomodcache: modcache, gopath: [], goroot: '/no/goroot' } });
  const [main] = groupPackages(loadDirectory(app));
  const analyses = createAnalyses(main!, new Map(), universe);
  const queue = analyses.importedByPath('example.com/old/queue')!;
  const queueDir = `${modcache}/example.com/new@v1.2.3/queue`;
  const retryDir = `${modcache}/example.com/!upper@v1.2.3/retry`;
  queue.importedByPath('example.com/Upper/retry');
  queue.importedByPath('example.com/Upper/missing');
  analyses.importedByPath('example.com/lib/client');

  it('is known directly and through other packages', () => {
    expect(queue.pkg.dir).toBe(queueDir);
    expect(universe.dependenciesOf(app)).toEqual([`${modules}/replace/lib/client`, queueDir, retryDir].sort());
    expect(universe.dependenciesOf(queueDir)).toEqual([retryDir]);
  });

  it('includes the imports that were not found, for whoever read the package that asked', () => {
    expect(universe.unresolvedOf(app)).toEqual(['example.com/Upper/missing']);
    expect(universe.unresolvedOf(`${modules}/replace/lib/client`)).toEqual([]);
  });

  it('is dropped with every reader when a package changes', () => {
    const affected = universe.forget([retryDir]);
    expect([...affected].sort()).toEqual([app, queueDir].sort());
    const again = analyses.importedByPath('example.com/old/queue');
    expect(again).not.toBe(queue);
    expect(again?.pkg.dir).toBe(queueDir);
    expect(analyses.importedByPath('example.com/lib/client')?.pkg.name).toBe('client');
  });
});

describe('parses shared between a run and its imports', () => {
  const utilFile = `${app}/util/client.go`;

  it('are reused by the imports, only for the same text, and never without a budget', () => {
    const universe = createImportUniverse({ enabled: [] });
    const [util] = groupPackages(loadDirectory(`${app}/util`));
    const parsed = util!.files[0]!;
    universe.share(parsed);
    expect(universe.sharedParse(utilFile, parsed.text)).toBe(parsed);
    expect(universe.sharedParse(utilFile, `${parsed.text}\n`)).toBeUndefined();
    expect(universe.packageAt(`${app}/util`)!.pkg.files[0]).toBe(parsed);

    // A loader of editor buffers (the language server's) keeps its own parses.
    const buffers = createImportUniverse({ enabled: [] }, undefined, () => null);
    buffers.share(parsed);
    expect(buffers.sharedParse(utilFile, parsed.text)).toBeUndefined();
  });

  it('are what a later lint of the imported package reads', () => {
    const universe = createImportUniverse({ enabled: [] });
    lintTargets([`${app}/cmd/main.go`, utilFile], { enabled: allRules.map((rule) => ({ rule, severity: rule.severity, options: rule.defaultOptions })), imports: universe });
    const imported = universe.packageAt(`${app}/util`)!.pkg.files[0]!;
    expect(universe.sharedParse(utilFile, imported.text)).toBe(imported);
  });

  it('are forgotten with their package', () => {
    const universe = createImportUniverse({ enabled: [] });
    const imported = universe.packageAt(`${app}/util`)!.pkg.files[0]!;
    universe.forget([`${app}/util`]);
    expect(universe.sharedParse(utilFile, imported.text)).toBeUndefined();
  });
});
