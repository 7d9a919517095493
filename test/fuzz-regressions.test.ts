// Replays the minimised fuzz findings in testdata/fuzz/regressions/ (see its README): each file, broken
// on purpose, is linted with every rule, alone and next to a valid sibling, and must give no exception,
// no internal error and no hang. `npm run fuzz` finds new ones.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { lintTargets } from '../src/engine/run.js';

const directory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../testdata/fuzz/regressions');
const inputs = fs.readdirSync(directory).filter((name) => name.endsWith('.go')).sort();
const enabled = allRules.map((rule) => ({ rule, severity: rule.severity, options: rule.defaultOptions }));

/** Lints texts as one package in a directory that does not exist, so nothing else is read from disk. */
function lint(files: Record<string, string>) {
  const paths = Object.keys(files).map((name) => `/gocop-fuzz-regressions/${name}`);
  const overrides = new Map(paths.map((file, index) => [file, Object.values(files)[index]!]));
  return lintTargets(paths, { enabled, overrides, explicit: new Set(paths) });
}

describe('fuzz regressions', () => {
  it('has inputs to replay', () => {
    expect(inputs.length).toBeGreaterThan(0);
  });

  it.each(inputs)('%s lints without an exception, internal error or hang', (name) => {
    const text = new TextDecoder('utf-8').decode(fs.readFileSync(path.join(directory, name)));
    const sibling = 'package p\n\ntype T struct{ f int }\n\nfunc helper(t *T) int {\n\tif t == nil {\n\t\treturn 0\n\t}\n\treturn t.f\n}\n';
    const started = Date.now();
    for (const files of [{ [name]: text }, { [name]: text, 'sibling.go': sibling }]) {
      const result = lint(files);
      expect(result.errors.filter((error) => error.kind === 'internal')).toEqual([]);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
