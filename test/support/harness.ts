// An analysistest-style harness. A test package is a directory of Go files annotated with
// `// want "regexp"` (a diagnostic on this line whose message matches) or `// want +N "regexp"` (N lines
// below). Every diagnostic must be wanted and every want met; problems name file:line. When a
// diagnostic carries a suggested fix and `<file>.golden` exists, the fixed text must equal it.
import fs from 'node:fs';
import path from 'node:path';
import type { AnyRule } from '../../src/engine/rule.js';
import type { Diagnostic } from '../../src/diagnostic.js';
import { lintPackage, type EngineError } from '../../src/engine/engine.js';
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
