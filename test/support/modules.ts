// The cross-package side of the harness. A rule's module cases live in testdata/modules/<rule-id>/<case>/:
// each case is a tree that a run lints (a module with its go.mod, or a GOPATH `src/` tree) together with
// what its imports resolve to and which is not linted: `vendor/` trees, a module cache in `modcache/`
// (GOMODCACHE) and dependencies in `deps/` (a GOPATH in `deps/gopath`, targets of local `replace`s).
// The case is linted through lintTargets, as a run lints it, so each package reads the packages it
// imports from disk the way the go command would find them.
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

/** Directories of a case that hold what its imports resolve to; never linted. */
const DEPENDENCIES = new Set(['vendor', 'modcache', 'deps']);

/** The module cases of a rule: the directories under testdata/modules/<id>/. */
export function moduleCases(root: string, ruleId: string): string[] {
  const base = path.join(root, ruleId);
  if (!fs.existsSync(base)) return [];
  return fs
    .readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(base, entry.name))
    .sort();
}

/** The .go files a run over the case lints (absolute, forward slashes), in a stable order. */
export function caseTargets(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = toPosix(path.join(dir, entry.name));
    if (entry.isDirectory()) {
      if (!DEPENDENCIES.has(entry.name)) out.push(...caseTargets(full));
    } else if (entry.name.endsWith('.go')) out.push(full);
  }
  return out;
}

/**
 * Lints a module case with one rule and returns the problems, as checkAnnotatedPackage does: every
 * diagnostic must be wanted by a `// want` in its file and every want met; a case without any want
 * tests nothing and is a problem too.
 */
export function checkAnnotatedCase(caseDir: string, rule: AnyRule, options: object = rule.defaultOptions): string[] {
  const root = toPosix(path.resolve(caseDir));
  const resolver = createResolver({ gomodcache: `${root}/modcache`, gopath: [`${root}/deps/gopath`] });
  const ruleOptions = new Map<string, object>([[rule.id, options]]);
  const imports = new ImportUniverse({
    resolver,
    load: (file) => loadGoFile(file, file).file ?? null,
    analyze: (pkg, importer) => createAnalyses(pkg, ruleOptions, importer),
  });
  const targets = caseTargets(root);
  const { diagnostics, errors } = lintTargets(targets, { enabled: [{ rule, severity: rule.severity, options }], imports });
  const wants = targets.flatMap((file) => parseWants(file, fs.readFileSync(file, 'utf8')));
  const problems: string[] = errors.map((error) => `engine error: ${error.message}`);
  if (wants.length === 0) problems.push(`${caseDir}: no // want in the case, so it tests nothing`);
  const show = (file: string, line: number) => `${path.relative(process.cwd(), file)}:${line}`;
  for (const diagnostic of diagnostics) {
    const want = wants.find((candidate) => !candidate.met && candidate.file === diagnostic.file && candidate.line === diagnostic.range.line && candidate.pattern.test(diagnostic.message));
    if (want) want.met = true;
    else problems.push(`${show(diagnostic.file, diagnostic.range.line)}: unexpected diagnostic: ${diagnostic.message}`);
  }
  for (const want of wants) if (!want.met) problems.push(`${show(want.file, want.line)}: no diagnostic matching ${want.pattern}`);
  return problems;
}
