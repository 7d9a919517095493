// Tests the same-package summaries beyond the facts asserted in the Go testdata (facts.test.ts):
// never-returns answers at call sites, its text-only over-approximation by name, and the concurrency
// roots of functions used as values.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PackageAnalyses } from '../src/analysis/context.js';
import { mayNeverReturnByName, neverReturns } from '../src/analysis/never-returns.js';
import { callGraph, resolveCall } from '../src/analysis/calls.js';
import { concurrency } from '../rules/map-range-write-race/concurrency.js';
import { mayReturnNil } from '../rules/nil-deref-after-check/may-return-nil.js';
import { groupPackages } from '../src/index/package-index.js';
import { loadDirectory } from './support/harness.js';

const [pkg] = groupPackages(loadDirectory(path.resolve(__dirname, '../testdata/summaries/wrappers')));
const analyses = new PackageAnalyses(pkg!);

describe('never-returns summary', () => {
  it('answers for call sites', () => {
    const sites = analyses.get(callGraph).sitesOf(pkg!.funcs.get('maybe')!);
    const dieCall = sites.find((site) => site.call.text.startsWith('die'))!;
    expect(analyses.get(neverReturns).isNoReturnCall(dieCall.call, pkg!.files[0]!)).toBe(true);
    const resolved = resolveCall(analyses, dieCall.call, pkg!.funcs.get('maybe')!.node);
    expect(resolved.kind === 'local' && resolved.fn.key).toBe('die');
  });
});

describe('mayNeverReturnByName', () => {
  const mayNeverReturn = analyses.get(mayNeverReturnByName);

  it('is true for every function the never-returns summary finds (it over-approximates it)', () => {
    const found = [...analyses.get(neverReturns).functions];
    expect(found.length).toBeGreaterThan(5);
    for (const fn of found) expect(mayNeverReturn(fn.name), fn.key).toBe(true);
  });

  it('follows calls by name through wrappers and methods, and counts loops without a condition', () => {
    for (const name of ['die', 'fatalf', 'abort', 'viaMethod', 'spins', 'callsSpins', 'panic', 'Exit']) expect(mayNeverReturn(name), name).toBe(true);
  });

  it('is false for names whose functions cannot stop, and for names of no local function', () => {
    for (const name of ['plain', 'callsPlain', 'countsToThree', 'Println', 'unknown']) expect(mayNeverReturn(name), name).toBe(false);
    expect(analyses.get(neverReturns).neverReturnsFunction(pkg!.funcs.get('countsToThree')!)).toBe(false);
  });
});

describe('concurrency roots of functions used as values', () => {
  const [values] = groupPackages(loadDirectory(path.resolve(__dirname, '../testdata/summaries/values')));
  const roots = new PackageAnalyses(values!).get(concurrency).rootFunctions;
  const method = (name: string) => values!.methods.get('server')!.get(name)!;

  it('counts a method handed over as a value as an entry point, wherever it sits in the argument list', () => {
    for (const name of ['first', 'second', 'third']) expect(roots.has(method(name)), name).toBe(true);
  });

  it('does not count a method that is only called', () => {
    expect(roots.has(method('hidden'))).toBe(false);
  });
});

describe('may-return-nil summary', () => {
  const [conditional] = groupPackages(loadDirectory(path.resolve(__dirname, '../testdata/src/nil-deref-after-check/conditional')));
  const summary = new PackageAnalyses(conditional!).get(mayReturnNil);
  const fn = (name: string) => conditional!.funcs.get(name)!;

  it('keeps the guard of a nil return, so an argument can rule it out', () => {
    expect(summary.positionsOf(fn('build'))).toBe(1);
    expect(summary.positionsWhen(fn('build'), () => true)).toBe(0);
    expect(summary.positionsWhen(fn('build'), () => false)).toBe(1);
    expect(summary.positionsWhen(fn('parse'), (guard) => guard.kind === 'empty' && guard.param === 0)).toBe(0);
  });

  it('drops the guard of a parameter the function assigns, and never sees nil in open', () => {
    expect(summary.positionsWhen(fn('reassigned'), () => true)).toBe(1);
    expect(summary.positionsOf(fn('open'))).toBe(0);
  });
});
