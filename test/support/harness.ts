// An analysistest-style harness. A test package is a directory of Go files annotated with
// `// want "regexp"` (a diagnostic on this line whose message matches) or `// want +N "regexp"` (N lines
// below). Every diagnostic must be wanted and every want met; problems name file:line. When a
// diagnostic carries a suggested fix and `<file>.golden` exists, the fixed text must equal it.
import fs from 'node:fs';
import path from 'node:path';
import type { AnyRule } from '../../src/engine/rule.js';
import type { Diagnostic } from '../../src/diagnostic.js';
import { createAnalyses, lintPackage, type EngineError } from '../../src/engine/engine.js';
import { lintTargets } from '../../src/engine/run.js';
import { ImportUniverse } from '../../src/engine/imports.js';
import { loadGoFile } from '../../src/engine/load.js';
import { createResolver } from '../../src/index/resolve.js';
import { groupPackages } from '../../src/index/package-index.js';
import { makeSourceFile, type SourceFile } from '../../src/parse/source.js';
import { toPosix } from '../../src/cli/discover.js';

export interface Want {
  file: string;
  line: number;
  pattern: RegExp;
  met: boolean;
}

const WANT = /\/\/\s*want(?:\s+([+-]\d+))?((?:\s+(?:"(?:[^"\\]|\\.)*"|`[^`]*`))+)\s*$/;
const QUOTED = /"(?:[^"\\]|\\.)*"|`[^`]*`/g;

/** Parses the `// want` annotations of one file. */
export function parseWants(file: string, text: string): Want[] {
  const wants: Want[] = [];
  text.split('\n').forEach((lineText, index) => {
    const match = WANT.exec(lineText);
    if (!match) return;
    const offset = match[1] ? Number(match[1]) : 0;
    for (const quoted of match[2]!.match(QUOTED) ?? []) {
      const source = quoted.startsWith('`') ? quoted.slice(1, -1) : (JSON.parse(quoted) as string);
      wants.push({ file, line: index + 1 + offset, pattern: new RegExp(source), met: false });
    }
  });
  return wants;
}

/** Reads the .go files of a directory as source files. */
export function loadDirectory(dir: string): SourceFile[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.go'))
    .sort()
    .map((name) => {
      const absolute = toPosix(path.resolve(dir, name));
      return makeSourceFile(absolute, fs.readFileSync(absolute, 'utf8'));
    });
}

/** Lints source files with one rule (default options unless given). */
export function lintWithRule(files: SourceFile[], rule: AnyRule, options: object = rule.defaultOptions): { diagnostics: Diagnostic[]; errors: EngineError[] } {
  const diagnostics: Diagnostic[] = [];
  const errors: EngineError[] = [];
  for (const pkg of groupPackages(files)) {
    const result = lintPackage(pkg, [{ rule, severity: rule.severity, options }]);
    diagnostics.push(...result.diagnostics);
    errors.push(...result.errors);
  }
  return { diagnostics, errors };
}

/** Applies the first suggested fix of every diagnostic on `file`, back to front. */
export function applyFixes(text: string, file: string, diagnostics: Diagnostic[]): string {
  const edits = diagnostics
    .flatMap((diagnostic) => diagnostic.fixes[0]?.edits ?? [])
    .filter((edit) => edit.file === file)
    .sort((a, b) => b.startIndex - a.startIndex);
  let result = text;
  let lastStart = Infinity;
  for (const edit of edits) {
    if (edit.endIndex > lastStart) continue;
    result = result.slice(0, edit.startIndex) + edit.newText + result.slice(edit.endIndex);
    lastStart = edit.startIndex;
  }
  return result;
}

/** Runs a rule over an annotated test package and returns the problems found, as readable lines. */
export function checkAnnotatedPackage(dir: string, rule: AnyRule, options?: object): string[] {
  const files = loadDirectory(dir);
  const wants = files.flatMap((file) => parseWants(file.path, file.text));
  const { diagnostics, errors } = lintWithRule(files, rule, options);
  const problems: string[] = errors.map((error) => `engine error: ${error.message}`);
  const show = (file: string, line: number) => `${path.relative(process.cwd(), file)}:${line}`;
  for (const diagnostic of diagnostics) {
    const want = wants.find((candidate) => !candidate.met && candidate.file === diagnostic.file && candidate.line === diagnostic.range.line && candidate.pattern.test(diagnostic.message));
    if (want) want.met = true;
    else problems.push(`${show(diagnostic.file, diagnostic.range.line)}: unexpected diagnostic: ${diagnostic.message}`);
  }
  for (const want of wants) {
    if (!want.met) problems.push(`${show(want.file, want.line)}: no diagnostic matching ${want.pattern}`);
  }
  for (const file of files) {
    const golden = `${file.path}.golden`;
    if (!fs.existsSync(golden)) continue;
    const fixed = applyFixes(file.text, file.path, diagnostics);
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(golden, fixed);
    else if (fixed !== fs.readFileSync(golden, 'utf8')) problems.push(`${show(file.path, 1)}: fixed text differs from ${path.basename(golden)}`);
  }
  return problems;
}

/** The test packages of a rule: testdata/src/<id>/<pkg>/. */
export function rulePackages(root: string, ruleId: string): string[] {
  const base = path.join(root, ruleId);
  if (!fs.existsSync(base)) return [];
  return fs
    .readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(base, entry.name))
    .sort();
}

/** The rule options for a test package: its options.json merged over the defaults, if it has one. */
export function packageOptions(dir: string, defaults: object): object {
  const file = path.join(dir, 'options.json');
  if (!fs.existsSync(file)) return defaults;
  return { ...defaults, ...(JSON.parse(fs.readFileSync(file, 'utf8')) as object) };
}

/**
 * The cases of a rule laid out as real modules: testdata/modules/<id>/<case>/. Each case lints its own
 * Go files (the module or GOPATH tree being linted) and reads its imports from beside them: `vendor/`
 * trees, a module cache in `modcache/` (GOMODCACHE) and `deps/` (a GOPATH in `deps/gopath`, local
 * `replace` targets), none of which is linted.
 */
export function ruleModules(root: string, ruleId: string): string[] {
  return rulePackages(root, ruleId);
}

const NOT_LINTED = new Set(['vendor', 'modcache', 'deps']);

function moduleTargets(dir: string): string[] {
  const targets: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = toPosix(path.resolve(dir, entry.name));
    if (entry.isDirectory() && !NOT_LINTED.has(entry.name)) targets.push(...moduleTargets(full));
    else if (entry.isFile() && entry.name.endsWith('.go')) targets.push(full);
  }
  return targets;
}

/** Runs a rule over a module case through lintTargets, imports resolved in the case's own environment. */
export function checkAnnotatedModule(caseDir: string, rule: AnyRule, options: object = rule.defaultOptions): string[] {
  const root = toPosix(path.resolve(caseDir));
  const enabled = [{ rule, severity: rule.severity, options }];
  const ruleOptions = new Map<string, object>([[rule.id, options]]);
  const resolver = createResolver({ gomodcache: `${root}/modcache`, gopath: [`${root}/deps/gopath`] });
  const imports = new ImportUniverse({
    resolver,
    load: (absolute) => loadGoFile(absolute, absolute).file ?? null,
    analyze: (pkg, importer) => createAnalyses(pkg, ruleOptions, importer),
  });
  const targets = moduleTargets(root);
  const wants = targets.flatMap((file) => parseWants(file, fs.readFileSync(file, 'utf8')));
  const { diagnostics, errors } = lintTargets(targets, { enabled, imports });
  const problems: string[] = errors.map((error) => `engine error: ${error.message}`);
  // A case without any want would pass whatever the rule does.
  if (wants.length === 0) problems.push(`${path.relative(process.cwd(), root)}: the case has no // want annotation`);
  const show = (file: string, line: number) => `${path.relative(process.cwd(), file)}:${line}`;
  for (const diagnostic of diagnostics) {
    const want = wants.find((candidate) => !candidate.met && candidate.file === diagnostic.file && candidate.line === diagnostic.range.line && candidate.pattern.test(diagnostic.message));
    if (want) want.met = true;
    else problems.push(`${show(diagnostic.file, diagnostic.range.line)}: unexpected diagnostic: ${diagnostic.message}`);
  }
  for (const want of wants) if (!want.met) problems.push(`${show(want.file, want.line)}: no diagnostic matching ${want.pattern}`);
  return problems;
}
