// The gocop command line. It parses arguments, finds target files, runs the engine and prints a report.
// After the engine (which applies suppression comments) come the config's per-file overrides, then the
// CI filters (--baseline, --new-from-rev), then the report and the gate (--fail-on, --max-warnings).
// Exit codes: 0 nothing that fails the gate, 1 findings that do, 2 usage, config or internal error. It
// never prints a stack trace unless GOCOP_DEBUG is set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { allRules, findRule } from '../../rules/index.js';
import { sortDiagnostics, type EngineError } from '../engine/engine.js';
import type { SuppressedDiagnostic } from '../engine/directives.js';
import type { AnyRule } from '../engine/rule.js';
import { lintInParallel } from '../driver/parallel.js';
import { ResultCache, defaultCacheDirectory } from '../engine/cache.js';
import type { RunSettings } from '../driver/settings.js';
import { DEFAULT_MAX_FILE_BYTES, describeFsError } from '../engine/load.js';
import type { Report } from '../report/model.js';
import { formatErrors, formatText } from '../report/text.js';
import { formatJson } from '../report/json.js';
import { formatSarif } from '../report/sarif.js';
import { formatGithub } from '../report/github.js';
import { createConfigResolver } from '../config/index.js';
import { closestMatch } from '../util/closest-match.js';
import { formatFileConfig } from '../config/print.js';
import { createBaseline, diskTextSource, filterByBaseline, findRepositoryRoot, fingerprintDiagnostics, parseBaseline } from '../engine/baseline.js';
import { changedLinesSince, filterByChangedLines } from '../engine/new-from-rev.js';
import type { Diagnostic, Severity } from '../diagnostic.js';
import { discoverTargets } from './discover.js';
import { displayPathFor, toPosix, writeFileAtomic } from '../engine/paths.js';
import { explainRule, listRules } from './explain.js';
import { gocopBuildId, gocopVersion } from './version.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => string;
  cwd: string;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}

const USAGE = `usage: gocop [flags] [packages or files]
       gocop explain <rule-id>
       gocop print-config FILE    show the config that applies to FILE
       gocop lsp --stdio          run the language server (see docs/editors.md)

Lints Go source. Patterns: ./... (recursive), DIR/..., DIR, FILE.go, or a glob.

flags:
  --format FORMAT            text (default), json, sarif or github (workflow commands)
  --output FILE              write the report to FILE (atomically) instead of standard output
  --config FILE              use this config file instead of the nearest .gocop.yaml
  --no-config                use the default settings, ignoring any .gocop.yaml
  --include-suppressed       include findings silenced by suppression comments (sarif)
  --report-unused-directives report suppression comments that suppress nothing
  --baseline FILE            report only findings not listed in this baseline
  --write-baseline FILE      write the current findings to a baseline file and exit
  --new-from-rev REV         report only findings on lines changed since git revision REV
  --fail-on LEVEL            exit 1 only for findings at LEVEL or above: info (default), warning, error
  --max-warnings N           also exit 1 when there are more than N warnings (--fail-on defaults to error)
  --list-rules               list the rules and exit
  --rules ID[,ID]            run only these rules
  --tests=false              skip _test.go files for every rule (--tests=true lints them whatever the config says)
  --stdin                    read one file's text from standard input
  --stdin-filename FILE      the path that text belongs to (its package siblings are read from disk)
  --max-file-size BYTES      skip files larger than this (default ${DEFAULT_MAX_FILE_BYTES})
  --no-color                 never use colours
  -j, --jobs N               worker threads (default: the number of cores)
  --no-cache                 do not read or write the result cache
  --cache-dir DIR            where the result cache lives (default node_modules/.cache/gocop)
  --version                  print the version and exit
  -h, --help                 print this help and exit
`;

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];
type Format = (typeof FORMATS)[number];

class UsageError extends Error {}

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    if (argv[0] === 'lsp') {
      const { runLanguageServer } = await import('../../server/main.js');
      return await runLanguageServer(argv.slice(1), io.stderr);
    }
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`gocop: ${error.message}\n${USAGE}`);
      return 2;
    }
    const detail = error instanceof Error ? (io.env.GOCOP_DEBUG ? error.stack : error.message) : String(error);
    io.stderr(`gocop: internal error: ${detail}\n`);
    return 2;
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        config: { type: 'string' },
        'no-config': { type: 'boolean', default: false },
        'include-suppressed': { type: 'boolean', default: false },
        'report-unused-directives': { type: 'boolean', default: false },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        'new-from-rev': { type: 'string' },
        'fail-on': { type: 'string' },
        'max-warnings': { type: 'string' },
        'list-rules': { type: 'boolean', default: false },
        rules: { type: 'string', multiple: true },
        tests: { type: 'string' },
        stdin: { type: 'boolean', default: false },
        'stdin-filename': { type: 'string' },
        'max-file-size': { type: 'string' },
        'no-color': { type: 'boolean', default: false },
        jobs: { type: 'string', short: 'j' },
        'no-cache': { type: 'boolean', default: false },
        'cache-dir': { type: 'string' },
        version: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/\.$/, '') : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout(`gocop ${gocopVersion()}\n`);
    return 0;
  }
  if (values['list-rules']) {
    io.stdout(listRules(allRules));
    return 0;
  }
  if (positionals[0] === 'explain') {
    if (positionals.length !== 2) throw new UsageError('explain takes exactly one rule id');
    const rule = findRule(positionals[1]!);
    if (!rule) {
      io.stderr(`gocop: unknown rule ${positionals[1]}${suggest(positionals[1]!)}; run gocop --list-rules to see them\n`);
      return 2;
    }
    io.stdout(explainRule(rule));
    return 0;
  }
  const tests = testsFlag(values.tests);
  if (positionals[0] === 'print-config') {
    if (positionals.length !== 2) throw new UsageError('print-config takes exactly one file');
    const resolver = createConfigResolver({ cwd: io.cwd, configFile: values.config, noConfig: values['no-config'], rules: allRules, tests });
    const file = toPosix(path.resolve(io.cwd, positionals[1]!));
    const show = displayPathFor(io.cwd);
    const text = formatFileConfig(resolver.configForFile(file), show(file), show);
    for (const error of resolver.errors) io.stderr(`gocop: ${error.message}\n`);
    io.stdout(text);
    return resolver.errors.length > 0 ? 2 : 0;
  }
  if (values.config !== undefined && values['no-config']) throw new UsageError('--config and --no-config cannot be used together');
  const failOn = values['fail-on'] as Severity | undefined;
  if (failOn !== undefined && !SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on takes info, warning or error, not ${values['fail-on']}`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError('--max-warnings takes a whole number, 0 or more');
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format ${values.format}; choose one of ${FORMATS.join(', ')}`);
  let maxFileBytes = DEFAULT_MAX_FILE_BYTES;
  if (values['max-file-size'] !== undefined) {
    maxFileBytes = Number(values['max-file-size']);
    if (!Number.isInteger(maxFileBytes) || maxFileBytes <= 0) throw new UsageError('--max-file-size takes a positive whole number of bytes');
  }

  const cwd = io.cwd;
  const displayPath = displayPathFor(cwd);
  const ruleIds = values.rules ? selectRules(values.rules).map((rule) => rule.id) : undefined;
  const resolver = createConfigResolver({ cwd, configFile: values.config, noConfig: values['no-config'], rules: allRules, tests });
  let jobs = os.availableParallelism();
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs takes a whole number of at least 1');
  }

  let targets: string[];
  let explicit: Set<string>;
  let errors: EngineError[];
  const overrides = new Map<string, string>();
  if (values.stdin) {
    const name = values['stdin-filename'];
    if (!name) throw new UsageError('--stdin needs --stdin-filename FILE');
    if (positionals.length > 0) throw new UsageError('--stdin takes no other paths');
    const absolute = toPosix(path.resolve(cwd, name));
    overrides.set(absolute, io.readStdin());
    targets = [absolute];
    explicit = new Set(targets);
    errors = [];
  } else {
    const discovery = discoverTargets(positionals, cwd);
    targets = discovery.targets;
    explicit = discovery.explicit;
    errors = discovery.errors;
  }

  targets = targets.filter((target) => !resolver.isExcluded(target));

  const showProgress = io.stderrIsTTY && format === 'text' && targets.length > 200;
  let lastProgress = 0;
  const settings: RunSettings = {
    cwd: toPosix(path.resolve(cwd)),
    configFile: values.config,
    noConfig: values['no-config'],
    ruleIds,
    maxFileBytes,
    explicit: [...explicit],
    overrides: [...overrides],
    tests,
  };
  const cache = values['no-cache'] ? null : new ResultCache(values['cache-dir'] ? path.resolve(cwd, values['cache-dir']) : defaultCacheDirectory(cwd, io.env), gocopBuildId());
  const result = await lintInParallel(targets, settings, {
    jobs,
    cache,
    onProgress: showProgress
      ? (done, total) => {
          const now = Date.now();
          if (now - lastProgress < 100 && done < total) return;
          lastProgress = now;
          io.stderr(`\r\x1b[Kgocop: ${done}/${total} files`);
          if (done === total) io.stderr('\r\x1b[K');
        }
      : undefined,
  });
  const readText = diskTextSource(overrides);
  let diagnostics = resolver.applyFileOverrides(result.diagnostics);
  const suppressed = values['include-suppressed'] ? (resolver.applyFileOverrides(result.suppressed) as SuppressedDiagnostic[]) : [];
  if (values['report-unused-directives']) diagnostics = sortDiagnostics([...diagnostics, ...result.unusedDirectives]);
  const runErrors: EngineError[] = [...resolver.errors, ...errors, ...result.errors];
  const repositoryRoot = findRepositoryRoot(cwd) ?? toPosix(path.resolve(cwd));
  const fingerprints = new Map<Diagnostic, string>();
  if (values.baseline !== undefined || values['write-baseline'] !== undefined || format === 'sarif') {
    for (const set of [diagnostics, suppressed]) for (const [diagnostic, print] of fingerprintDiagnostics(set, repositoryRoot, readText)) fingerprints.set(diagnostic, print);
  }

  if (values['write-baseline'] !== undefined) {
    const file = values['write-baseline'];
    const baseline = createBaseline(diagnostics, fingerprints, (absolute) => toPosix(path.relative(repositoryRoot, absolute)));
    const problem = writeFileAtomic(path.resolve(cwd, file), `${JSON.stringify(baseline, null, 2)}\n`);
    if (problem) runErrors.push({ kind: 'usage', file, message: `${file}: cannot write the baseline: ${problem}` });
    else io.stderr(`gocop: wrote ${diagnostics.length} finding${diagnostics.length === 1 ? '' : 's'} to the baseline ${file}\n`);
    for (const error of runErrors) io.stderr(`gocop: ${error.message}\n`);
    return runErrors.some((error) => error.kind !== 'skipped') ? 2 : 0;
  }
  if (values.baseline !== undefined) {
    const file = values.baseline;
    try {
      diagnostics = filterByBaseline(diagnostics, fingerprints, parseBaseline(fs.readFileSync(path.resolve(cwd, file), 'utf8')));
    } catch (error) {
      const detail = (error as NodeJS.ErrnoException).code ? `cannot read it: ${describeFsError(error)} (create it with --write-baseline)` : error instanceof Error ? error.message : String(error);
      runErrors.push({ kind: 'usage', file, message: `${file}: bad baseline: ${detail}` });
    }
  }
  if (values['new-from-rev'] !== undefined) {
    try {
      diagnostics = filterByChangedLines(diagnostics, changedLinesSince(values['new-from-rev'], cwd));
    } catch (error) {
      runErrors.push({ kind: 'usage', message: error instanceof Error ? error.message : String(error) });
    }
  }

  const report: Report = { diagnostics, errors: runErrors, filesLinted: result.filesLinted, displayPath };
  const toFile = values.output !== undefined;
  const useColor = !toFile && io.stdoutIsTTY && !values['no-color'] && !io.env.NO_COLOR;
  let output: string;
  if (format === 'json') output = formatJson(report);
  else if (format === 'github') output = formatGithub(report);
  else if (format === 'sarif') {
    output = formatSarif(report, { rules: allRules, version: gocopVersion(), sourceRoot: toPosix(path.resolve(cwd)), fingerprints, suppressed });
  } else output = formatText(report, useColor) + formatSuppressed(suppressed, displayPath);
  if (toFile) {
    const problem = writeFileAtomic(path.resolve(cwd, values.output!), output);
    if (problem) report.errors.push({ kind: 'usage', file: values.output, message: `${values.output}: cannot write the report: ${problem}` });
  } else {
    io.stdout(output);
  }
  if (format === 'text' || format === 'sarif' || toFile) io.stderr(formatErrors(report, io.stderrIsTTY && !values['no-color'] && !io.env.NO_COLOR));
  if (targets.length === 0 && report.errors.length === 0) io.stderr('gocop: no Go files to lint\n');
  return exitCode(report, { failOn, maxWarnings });
}

/** Suppressed findings as text lines, each with its directive's reason. */
function formatSuppressed(suppressed: SuppressedDiagnostic[], displayPath: (file: string) => string): string {
  return suppressed
    .map((diagnostic) => {
      const directive = diagnostic.suppression.kind === 'nolint' ? '//nolint' : `//gocop:${diagnostic.suppression.kind}`;
      return `${displayPath(diagnostic.file)}:${diagnostic.range.line}:${diagnostic.range.column}: suppressed by ${directive}${diagnostic.suppression.reason ? ` (${diagnostic.suppression.reason})` : ''}: ${diagnostic.message} (${diagnostic.ruleId})\n`;
    })
    .join('');
}

/** `--tests=true` or `--tests=false`; undefined when not given (the config decides). */
function testsFlag(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new UsageError(`--tests takes true or false, not ${value}`);
}

/** The rules named by `--rules` (comma-separated, repeatable), or all of them. */
function selectRules(names: string[] | undefined): AnyRule[] {
  if (!names || names.length === 0) return allRules;
  const ids = names.flatMap((name) => name.split(',')).map((name) => name.trim()).filter(Boolean);
  return ids.map((id) => {
    const rule = findRule(id);
    if (!rule) throw new UsageError(`unknown rule ${id}${suggest(id)}; run gocop --list-rules to see them`);
    return rule;
  });
}

/** A "did you mean" hint for a mistyped rule id. */
function suggest(id: string): string {
  const match = closestMatch(id, allRules.map((rule) => rule.id));
  return match ? ` (did you mean ${match}?)` : '';
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The CI gate: which findings make the run fail. */
export interface Gate {
  /** Findings at this severity or above fail the run (default info: every finding). */
  failOn?: Severity;
  /** More warnings than this fail the run; when given, `failOn` defaults to error. */
  maxWarnings?: number;
}

/** 2 when gocop could not do what was asked (unreadable path, config or internal error), else 1 when the gate fails. */
export function exitCode(report: Report, gate: Gate = {}): number {
  if (report.errors.some((error) => error.kind !== 'skipped')) return 2;
  const failOn = gate.failOn ?? (gate.maxWarnings !== undefined ? 'error' : 'info');
  if (report.diagnostics.some((diagnostic) => SEVERITY_RANK[diagnostic.severity] >= SEVERITY_RANK[failOn])) return 1;
  if (gate.maxWarnings !== undefined && report.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length > gate.maxWarnings) return 1;
  return 0;
}

function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => fs.readFileSync(0, 'utf8'),
    cwd: process.cwd(),
    stdoutIsTTY: !!process.stdout.isTTY,
    stderrIsTTY: !!process.stderr.isTTY,
    env: process.env,
  };
}
