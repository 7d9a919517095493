// Runs the summary facts of every package under testdata/summaries against its `// want name:"facts"`
// annotations (see support/facts.ts): never-returns, may-return-nil, waits, nil-safe methods and
// constructors by shape.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PackageAnalyses } from '../src/analysis/context.js';
import { groupPackages } from '../src/index/package-index.js';
import { checkFacts } from './support/facts.js';
import { loadDirectory } from './support/harness.js';
import { makeSourceFile } from '../src/parse/source.js';

const root = path.resolve(__dirname, '../testdata/summaries');

describe('summary facts in testdata/summaries', () => {
  for (const name of fs.readdirSync(root).sort()) {
    it(name, () => {
      const packages = groupPackages(loadDirectory(path.join(root, name)));
      expect(packages.length).toBeGreaterThan(0);
      const problems = packages.flatMap((pkg) => checkFacts(new PackageAnalyses(pkg)));
      expect(problems).toEqual([]);
    });
  }
});

describe('the facts harness', () => {
  const check = (text: string) => {
    const [pkg] = groupPackages([makeSourceFile('/virtual/p/p.go', text)]);
    return checkFacts(new PackageAnalyses(pkg!));
  };

  it('reports a fact nobody annotated, naming the place', () => {
    expect(check('package p\n\nimport "os"\n\nfunc die() { os.Exit(1) }\n')).toEqual(['/virtual/p/p.go:5: unexpected facts "neverReturns" for die']);
  });

  it('reports an annotation the facts do not match, and one naming another function', () => {
    const problems = check('package p\n\nfunc plain() {} // want plain:"neverReturns"\n\nfunc other() {} // want plain:"waits"\n');
    expect(problems).toEqual([
      '/virtual/p/p.go:3: plain has facts "", want ^(?:neverReturns)$',
      '/virtual/p/p.go:5: annotation names plain, but the function here is other',
    ]);
  });
});
