// The map race rule's severity: an error only where both sides are shown to run concurrently, a
// warning (naming what it rests on) where only one side is. The messages are checked by the
// annotated packages in testdata/src/map-range-write-race; the harness does not look at severity.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapRangeWriteRace } from '../rules/map-range-write-race/map-range-write-race.js';
import { checkAnnotatedModule, lintWithRule, loadDirectory } from './support/harness.js';
import { lintTargets } from '../src/engine/run.js';
import { discoverTargets } from '../src/cli/discover.js';

const TESTDATA = path.resolve(__dirname, '../testdata/src/map-range-write-race');

function severities(name: string): string[] {
  const { diagnostics, errors } = lintWithRule(loadDirectory(path.join(TESTDATA, name)), mapRangeWriteRace);
  expect(errors).toEqual([]);
  return diagnostics.map((diagnostic) => `${path.basename(diagnostic.file)}:${diagnostic.range.line} ${diagnostic.severity}`).sort();
}

describe('map-range-write-race severity', () => {
  it('warns when nothing locks the map and only the goroutine shows concurrency', () => {
    expect(severities('unlocked')).toEqual(['report.go:62 warning', 'router.go:36 error']);
    expect(severities('goroutines')).toEqual(['poller.go:107 error', 'poller.go:28 warning', 'poller.go:53 error', 'worker.go:22 warning', 'worker.go:44 warning']);
  });

  it('is an error for two entry points of a map its owner locks, and for goroutines shown running', () => {
    expect(severities('ordering').every((entry) => entry.endsWith(' error'))).toBe(true);
    expect(severities('identity').every((entry) => entry.endsWith(' error'))).toBe(true);
  });

  it('keeps the positives of counted joins, builders, latches and lifetime locks as errors', () => {
    expect(severities('signals')).toEqual(['crawl.go:77 error', 'feed.go:38 error', 'table.go:26 error']);
    expect(severities('builders')).toEqual(['pool.go:108 error', 'pool.go:71 error']);
    expect(severities('latches')).toEqual(['closing.go:36 error', 'closing.go:73 error']);
    expect(severities('lifetimes')).toEqual(['tx.go:63 error', 'tx.go:74 error']);
  });

  it('keeps as errors what finishing calls and joins through calls leave concurrent', () => {
    expect(severities('finishing')).toEqual(['commit.go:29 error', 'pool.go:28 error', 'pool.go:38 error', 'pool.go:48 error', 'pool.go:55 error', 'server.go:42 error', 'server.go:51 error']);
    expect(severities('pausing')).toEqual(['checker.go:47 error']);
    expect(severities('dispatchjoins')).toEqual(['concurrent.go:13 error', 'concurrent.go:29 error', 'flags.go:124 error']);
  });
});

describe('map-range-write-race across packages', () => {
  // Modules whose packages use each other's types: `shared`, where the odd one out is an access here
  // that lacks the lock the type's own package always holds for the map; `handedover`, where another
  // package calls a hidden type's method back under the lock its caller here holds.
  const modules = path.resolve(__dirname, '../testdata/modules/map-range-write-race');

  /** The module's findings, after checking them against its `// want` annotations. */
  function lintModule(name: string) {
    const dir = path.join(modules, name);
    expect(checkAnnotatedModule(dir, mapRangeWriteRace)).toEqual([]);
    const { targets } = discoverTargets(['./...'], dir);
    const result = lintTargets(targets, { enabled: [{ rule: mapRangeWriteRace, severity: 'error', options: {} }] });
    expect(result.errors).toEqual([]);
    return result.diagnostics;
  }

  it('reports unguarded accesses of another package\'s guarded map fields, with their severities', () => {
    const diagnostics = lintModule('shared');
    expect(diagnostics.map((diagnostic) => `${diagnostic.range.line} ${diagnostic.severity}`)).toEqual(['31 error', '47 error', '48 error', '54 warning']);
    expect(diagnostics[0]!.related.map((related) => `${path.basename(related.file)}:${related.range.line}`)).toEqual(['registry.go:17', 'registry.go:15']);
  });

  it('runs a hidden type\'s method at the call that hands its receiver to another package', () => {
    const [finding] = lintModule('handedover');
    expect(finding!.related.map((related) => `${path.basename(related.file)}:${related.range.line}`)).toEqual(['network.go:32', 'network.go:29', 'network.go:45']);
  });
});
