// Runs every rule over its annotated test packages in testdata/src/<rule-id>/, and every rule's doc
// examples: the bad example must be reported and the good one must not. A test package may hold an
// options.json whose keys override the rule's default options. Cases that cross packages are laid out as
// real modules in testdata/modules/<rule-id>/<case>/ (vendor/, a module cache, a GOPATH) and run through
// lintTargets, so imports resolve as in a real run.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { makeSourceFile } from '../src/parse/source.js';
import { checkAnnotatedModule, checkAnnotatedPackage, lintWithRule, packageOptions, ruleModules, rulePackages } from './support/harness.js';

const TESTDATA = path.resolve(__dirname, '../testdata/src');
const MODULES = path.resolve(__dirname, '../testdata/modules');

describe.each(allRules.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
  const packages = rulePackages(TESTDATA, rule.id);
  it.each(packages.map((dir) => [path.basename(dir), dir]))('testdata package %s', (_name, dir) => {
    expect(checkAnnotatedPackage(dir, rule, packageOptions(dir, rule.defaultOptions))).toEqual([]);
  });

  const modules = ruleModules(MODULES, rule.id);
  if (modules.length > 0) {
    it.each(modules.map((dir) => [path.basename(dir), dir]))('testdata module %s', (_name, dir) => {
      expect(checkAnnotatedModule(dir, rule, packageOptions(dir, rule.defaultOptions))).toEqual([]);
    });
  }

  it('reports its bad doc example', () => {
    const { diagnostics, errors } = lintWithRule([makeSourceFile('/docs/bad.go', rule.docs.bad)], rule);
    expect(errors).toEqual([]);
    expect(diagnostics.filter((diagnostic) => diagnostic.ruleId === rule.id).length).toBeGreaterThan(0);
  });

  it('accepts its good doc example', () => {
    const { diagnostics, errors } = lintWithRule([makeSourceFile('/docs/good.go', rule.docs.good)], rule);
    expect(errors).toEqual([]);
    expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual([]);
  });
});
