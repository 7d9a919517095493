// The cross-package side of the harness. A fixture tree (testdata/modules/<rule-id>/) holds Go modules
// (directories with a go.mod, their local packages and `vendor/` trees), an optional fake module cache
// `gomodcache/` and an optional GOPATH `gopath/`. Every .go file of the tree outside `vendor/`, the module
// cache and `testdata/` is a target, linted through lintTargets as a run does, so each package reads
// the packages it imports from disk the way the go command would find them; no real GOROOT is used, so
// standard-library imports stay unresolved and the fixtures do not depend on the machine.
import fs from 'node:fs';
import path from 'node:path';
import type { AnyRule } from '../../src/engine/rule.js';
import { lintTargets } from '../../src/engine/run.js';
import { createAnalyses } from '../../src/engine/engine.js';
import { loadGoFile } from '../../src/engine/load.js';
import { createResolver } from '../../src/index/resolve.js';
import { ImportUniverse } from '../../src/engine/imports.js';
import { toPosix } from '../../src/cli/discover.js';
import { parseWants } from './harness.js';

const SKIPPED = new Set(['vendor', 'gomodcache', 'testdata']);

/** The target .go files of a fixture tree (absolute, forward slashes), in a stable order. */
export function treeTargets(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        // A GOPATH's pkg/ holds its module cache, not sources.
        if (!SKIPPED.has(entry.name) && !(entry.name === 'pkg' && path.basename(dir) === 'gopath')) walk(full);
      } else if (entry.name.endsWith('.go')) out.push(toPosix(full));
    }
  };
  walk(root);
  return out;
}

/**
 * Lints a fixture tree with one rule and returns the problems, as checkAnnotatedPackage does: every
 * diagnostic must be wanted by a `// want` in its file and every want met.
 */
export function checkAnnotatedTree(root: string, rule: AnyRule, options: object = rule.defaultOptions): string[] {
  const absolute = path.resolve(root);
  const gomodcache = path.join(absolute, 'gomodcache');
  const gopath = path.join(absolute, 'gopath');
  const resolver = createResolver({
    gomodcache: fs.existsSync(gomodcache) ? gomodcache : path.join(absolute, 'no-module-cache'),
    gopath: fs.existsSync(gopath) ? [gopath] : [],
    goroot: path.join(absolute, 'no-goroot'),
  });
  const enabled = [{ rule, severity: rule.severity, options }];
  const ruleOptions = new Map<string, object>([[rule.id, options]]);
  const imports = new ImportUniverse({
    resolver,
    load: (file) => loadGoFile(file, file).file ?? null,
    analyze: (pkg, importer) => createAnalyses(pkg, ruleOptions, importer),
  });
  const targets = treeTargets(absolute);
  const { diagnostics, errors } = lintTargets(targets, { enabled, imports });
  const wants = targets.flatMap((file) => parseWants(file, fs.readFileSync(file, 'utf8')));
  const problems: string[] = errors.map((error) => `engine error: ${error.message}`);
  if (wants.length === 0) problems.push(`${root}: no // want in the tree, so it tests nothing`);
  const show = (file: string, line: number) => `${path.relative(process.cwd(), file)}:${line}`;
  for (const diagnostic of diagnostics) {
    const want = wants.find((candidate) => !candidate.met && candidate.file === diagnostic.file && candidate.line === diagnostic.range.line && candidate.pattern.test(diagnostic.message));
    if (want) want.met = true;
    else problems.push(`${show(diagnostic.file, diagnostic.range.line)}: unexpected diagnostic: ${diagnostic.message}`);
  }
  for (const want of wants) if (!want.met) problems.push(`${show(want.file, want.line)}: no diagnostic matching ${want.pattern}`);
  return problems;
}
