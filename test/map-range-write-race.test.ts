// The map race rule's severity: an error only where both sides are shown to run concurrently, a
// warning (naming what it rests on) where only one side is. The messages are checked by the
// annotated packages in testdata/src/map-range-write-race; the harness does not look at severity.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapRangeWriteRace } from '../rules/map-range-write-race/map-range-write-race.js';
import { lintWithRule, loadDirectory } from './support/harness.js';

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
});
