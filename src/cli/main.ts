// The gocop command line. It parses arguments, finds target files, runs the engine and prints a report.
// After the engine (which applies suppression comments) come the config's per-file overrides, then the
// CI filters (--baseline, --new-from-rev, --quiet), then --fix, then the report and the gate (--fail-on,
// --max-warnings, --exit-zero). `--shard I/N` narrows the targets to one shard's packages, and
// `gocop merge` renders the shards' reports as one, through the same report and gate. Exit codes: 0
// nothing that fails the gate, 1 findings that do, 2 usage, config or internal error. It never prints a stack trace unless GOCOP_DEBUG is set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allRules, findRule } from '../../rules/index.js';
import { sortDiagnostics, type EngineError } from '../engine/engine.js';
import type { SuppressedDiagnostic } from '../engine/directives.js';
import type { AnyRule } from '../engine/rule.js';
import { lintInParallel } from '../driver/parallel.js';
import { ResultCache, defaultCacheDirectory } from '../engine/cache.js';
import { goEnvironmentOf, type RunSettings } from '../driver/settings.js';
import { DEFAULT_MAX_FILE_BYTES, describeFsError } from '../engine/load.js';
import type { Report } from '../report/model.js';
import { formatErrors } from '../report/text.js';
import { createConfigResolver } from '../config/index.js';
import { closestMatch } from '../util/closest-match.js';
import { formatFileConfig } from '../config/print.js';
import { createBaseline, diskTextSource, filterByBaseline, findRepositoryRoot, fingerprintDiagnostics, parseBaseline, type TextSource } from '../engine/baseline.js';
import { changedLinesSince, filterByChangedLines } from '../engine/new-from-rev.js';
import type { Diagnostic, Severity } from '../diagnostic.js';
import { DEFAULT_PATTERNS, discoverTargets } from './discover.js';
import { displayPathFor, toPosix, writeFileAtomic } from '../engine/paths.js';
import { explainRule, listRules, listRulesJson } from './explain.js';
import { gocopBuildId, gocopVersion } from './version.js';
import { HELP_HINT, USAGE, UsageError, parseCommandLine, type CommandLine } from './args.js';
import { FORMATS, isFormat, renderReport, type Format } from './formats.js';
import { describeTarget, targetFromEnvironment } from '../index/build-constraints.js';
import { applyFixes } from './fix.js';
import { mergeReportFiles } from './merge.js';
import { countDirectories, parseShard, selectShard, type Shard } from './shard.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => string;
  cwd: string;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** The number of CPUs, which caps --jobs (os.availableParallelism() by default). */
  cpus?: number;
}

const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

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
      io.stderr(`gocop: ${error.message}\n${HELP_HINT}\n`);
      return 2;
    }
    const detail = error instanceof Error ? (io.env.GOCOP_DEBUG ? error.stack : error.message) : String(error);
    io.stderr(`gocop: internal error: ${detail}\n`);
    return 2;
  }
}

/** The options of a lint run, checked. */
interface LintRequest {
  format: Format;
  failOn: Severity | undefined;
  maxWarnings: number | undefined;
  maxFileBytes: number;
  jobs: number;
  shard: Shard | undefined;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const commandLine = parseCommandLine(argv);
  const { values, positionals } = commandLine;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout(`gocop ${gocopVersion()}\n`);
    return 0;
  }
  if (values['list-rules']) {
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--list-rules prints text or json, not ${format}`);
    io.stdout(format === 'json' ? listRulesJson(allRules) : listRules(allRules));
    return 0;
  }
  if (positionals[0] === 'help') {
    if (positionals.length === 1) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length !== 2) throw new UsageError('help takes at most one rule id');
    return explain(positionals[1]!, io);
  }
  if (positionals[0] === 'explain') {
    if (positionals.length !== 2) throw new UsageError('explain takes exactly one rule id');
    return explain(positionals[1]!, io);
  }
  if (positionals[0] === 'print-config') {
    if (positionals.length !== 2) throw new UsageError('print-config takes exactly one file');
    const resolver = createConfigResolver({ cwd: io.cwd, configFile: values.config, noConfig: values['no-config'], rules: allRules, tests: testsFlag(values.tests) });
    const file = toPosix(path.resolve(io.cwd, positionals[1]!));
    const show = displayPathFor(io.cwd);
    const text = formatFileConfig(resolver.configForFile(file), show(file), show);
    for (const error of resolver.errors) io.stderr(`gocop: ${error.message}\n`);
    io.stdout(text);
    return resolver.errors.length > 0 ? 2 : 0;
  }
  if (positionals[0] === 'merge') return merge(commandLine, io);
  return lint(commandLine, checkRequest(commandLine, io), io);
}

/** The flags `gocop merge` reads: those that shape the report and the gate. */
const MERGE_FLAGS = new Set<string>(['format', 'output', 'fail-on', 'max-warnings', 'quiet', 'exit-zero', 'no-color']);

/** `gocop merge REPORT...`: one report from the reports of --shard runs, and the exit code of one run. */
function merge(commandLine: CommandLine, io: CliIo): number {
  const { values, positionals } = commandLine;
  const files = positionals.slice(1);
  if (files.length === 0) throw new UsageError('merge needs the report files of the shards (gocop merge shard-1.sarif shard-2.sarif ...)');
  for (const [name, value] of Object.entries(values)) {
    if (!MERGE_FLAGS.has(name) && value !== undefined && value !== false) throw new UsageError(`--${name} does not apply to gocop merge`);
  }
  const request = checkRequest({ values: { ...values, format: values.format ?? 'json' }, positionals: [] }, io);
  const cwd = io.cwd;
  const repositoryRoot = findRepositoryRoot(cwd) ?? toPosix(path.resolve(cwd));
  const readText = diskTextSource();
  const merged = mergeReportFiles(files, cwd, repositoryRoot, readText);
  const format: Format = values.format === undefined ? merged.format : request.format;
  const quiet = (list: Diagnostic[]) => (values.quiet ? list.filter((diagnostic) => diagnostic.severity === 'error') : list);
  const report: Report = {
    diagnostics: quiet(merged.diagnostics),
    suppressed: merged.suppressed ? (quiet(merged.suppressed) as SuppressedDiagnostic[]) : undefined,
    errors: [...merged.problems, ...merged.errors],
    filesLinted: merged.filesLinted,
    displayPath: displayPathFor(cwd),
  };
  return writeReport(format, report, { values, request, io, repositoryRoot, fingerprints: merged.fingerprints, readText });
}

function explain(id: string, io: CliIo): number {
  const rule = findRule(id);
  if (!rule) {
    io.stderr(`gocop: unknown rule ${id}${suggest(id)}; run gocop --list-rules to see them\n`);
    return 2;
  }
  io.stdout(explainRule(rule));
  return 0;
}

function checkRequest({ values }: CommandLine, io: CliIo): LintRequest {
  if (values.config !== undefined && values['no-config']) throw new UsageError('--config and --no-config cannot be used together');
  const failOn = values['fail-on'] as Severity | undefined;
  if (failOn !== undefined && !SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on takes info, warning or error, not ${values['fail-on']}`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError('--max-warnings takes a whole number, 0 or more');
  }
  const format = values.format ?? 'text';
  if (!isFormat(format)) throw new UsageError(`unknown format ${format}${closestMatch(format, FORMATS) ? ` (did you mean ${closestMatch(format, FORMATS)}?)` : ''}; choose one of ${FORMATS.join(', ')}`);
  let maxFileBytes = DEFAULT_MAX_FILE_BYTES;
  if (values['max-file-size'] !== undefined) {
    maxFileBytes = Number(values['max-file-size']);
    if (!Number.isInteger(maxFileBytes) || maxFileBytes <= 0) throw new UsageError('--max-file-size takes a positive whole number of bytes');
  }
  const cpus = io.cpus ?? os.availableParallelism();
  let jobs = cpus;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs takes a whole number of at least 1');
    if (jobs > cpus) {
      // More threads than CPUs only adds memory and scheduling: each worker holds its own parser.
      if (values.verbose) io.stderr(`gocop: --jobs ${jobs} is more than the ${cpus} CPU${cpus === 1 ? '' : 's'}; using ${cpus}\n`);
      jobs = cpus;
    }
  }
  if (values.diff && !values.fix) throw new UsageError('--diff shows what --fix would change: use --fix --diff');
  if (values.fix && values['write-baseline'] !== undefined) throw new UsageError('--fix and --write-baseline cannot be used together');
  if (values.fix && values.stdin && !values.diff) throw new UsageError('--fix cannot write standard input back; use --fix --diff');
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (shard && values.stdin) throw new UsageError('--shard splits packages; it cannot be used with --stdin');
  if (shard && values['write-baseline'] !== undefined) throw new UsageError('--write-baseline needs every finding: run it without --shard');
  return { format, failOn, maxWarnings, maxFileBytes, jobs, shard };
}

/** The findings of one pass over the targets, after the config's overrides and the CI filters. */
interface LintPass {
  diagnostics: Diagnostic[];
  suppressed: SuppressedDiagnostic[];
  errors: EngineError[];
  filesLinted: number;
  fingerprints: Map<Diagnostic, string>;
}

async function lint(commandLine: CommandLine, request: LintRequest, io: CliIo): Promise<number> {
  const { values, positionals } = commandLine;
  const { format } = request;
  const cwd = io.cwd;
  const verbose = (text: string) => void (values.verbose && io.stderr(`gocop: ${text}\n`));
  const displayPath = displayPathFor(cwd);
  const ruleIds = values.rules ? selectRules(values.rules).map((rule) => rule.id) : undefined;
  const tests = testsFlag(values.tests);
  const resolver = createConfigResolver({ cwd, configFile: values.config, noConfig: values['no-config'], rules: allRules, tests });

  let targets: string[];
  let explicit: Set<string>;
  let errors: EngineError[];
  const overrides = new Map<string, string>();
  if (values.stdin) {
    const name = values['stdin-filename'];
    if (!name) throw new UsageError('--stdin needs --stdin-filename FILE');
    if (positionals.length > 0) throw new UsageError('--stdin takes no other paths');
    if (!name.endsWith('.go')) throw new UsageError(`--stdin-filename ${name} is not a Go file; gocop lints .go files`);
    const absolute = toPosix(path.resolve(cwd, name));
    overrides.set(absolute, io.readStdin());
    targets = [absolute];
    explicit = new Set(targets);
    errors = [];
  } else {
    if (positionals.length === 0) verbose(`no packages named, so linting ${DEFAULT_PATTERNS.join(' ')} (as golangci-lint run does)`);
    const discovery = discoverTargets(positionals, cwd, (dir) => resolver.skipsDirectory(dir));
    targets = discovery.targets;
    explicit = discovery.explicit;
    errors = discovery.errors;
    for (const skipped of discovery.skippedDirectories) {
      const why = skipped.reason === 'config' ? 'exclude-dirs in the config' : 'skipped by default; set exclude-dirs-use-default: false to lint it';
      verbose(`not entering ${displayPath(skipped.dir)}/ (${why}; naming it, as in ${displayPath(skipped.dir)}/..., lints it)`);
    }
  }
  targets = targets.filter((target) => !resolver.isExcluded(target));
  if (request.shard) {
    const { index, count } = request.shard;
    const all = countDirectories(targets);
    targets = selectShard(targets, request.shard, toPosix(path.resolve(cwd)));
    verbose(`shard ${index}/${count}: ${countDirectories(targets)} of ${all} package director${all === 1 ? 'y' : 'ies'}`);
  }
  verbose(`${targets.length} file${targets.length === 1 ? '' : 's'} to lint with up to ${request.jobs} worker${request.jobs === 1 ? '' : 's'}`);

  const settings: RunSettings = {
    cwd: toPosix(path.resolve(cwd)),
    configFile: values.config,
    noConfig: values['no-config'],
    ruleIds,
    maxFileBytes: request.maxFileBytes,
    explicit: [...explicit],
    overrides: [...overrides],
    tests,
    build: targetFromEnvironment(io.env, values.tags ?? []),
    goEnvironment: goEnvironmentOf(io.env),
  };
  const cache = values['no-cache'] ? null : new ResultCache(values['cache-dir'] ? path.resolve(cwd, values['cache-dir']) : defaultCacheDirectory(cwd, io.env), gocopBuildId());
  const repositoryRoot = findRepositoryRoot(cwd) ?? toPosix(path.resolve(cwd));
  const needsFingerprints = values.baseline !== undefined || values['write-baseline'] !== undefined || format === 'sarif' || format === 'codeclimate';

  let reportedResolution = false;
  /** One lint of the targets, filtered as asked; `readText` sees the files as they are on disk now. */
  const pass = async (readText: TextSource): Promise<LintPass> => {
    const showProgress = io.stderrIsTTY && format === 'text' && targets.length > 200;
    let lastProgress = 0;
    const result = await lintInParallel(targets, settings, {
      jobs: request.jobs,
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
    if (!reportedResolution) {
      reportedResolution = true;
      if (result.filesExcluded) {
        const count = `${result.filesExcluded} file${result.filesExcluded === 1 ? '' : 's'}`;
        verbose(`${count} left out by build constraints for ${describeTarget(settings.build!)} (GOOS, GOARCH and --tags choose the target; a file named on the command line is linted all the same)`);
      }
      const unresolved = [...new Set(result.unresolvedImports ?? [])].sort();
      if (unresolved.length > 0) {
        const shown = unresolved.slice(0, 20).join(', ');
        verbose(`${unresolved.length} import${unresolved.length === 1 ? '' : 's'} not found on disk, analysed without ${unresolved.length === 1 ? 'it' : 'them'}: ${shown}${unresolved.length > 20 ? `, and ${unresolved.length - 20} more` : ''}`);
      }
    }
    let diagnostics = resolver.applyFileOverrides(result.diagnostics);
    let suppressed = values['include-suppressed'] ? (resolver.applyFileOverrides(result.suppressed) as SuppressedDiagnostic[]) : [];
    if (values['report-unused-directives']) diagnostics = sortDiagnostics([...diagnostics, ...result.unusedDirectives]);
    const passErrors: EngineError[] = [...resolver.errors, ...errors, ...result.errors];
    const fingerprints = new Map<Diagnostic, string>();
    if (needsFingerprints) {
      for (const set of [diagnostics, suppressed]) for (const [diagnostic, print] of fingerprintDiagnostics(set, repositoryRoot, readText)) fingerprints.set(diagnostic, print);
    }
    if (values.baseline !== undefined) {
      const file = values.baseline;
      try {
        diagnostics = filterByBaseline(diagnostics, fingerprints, parseBaseline(fs.readFileSync(path.resolve(cwd, file), 'utf8')));
      } catch (error) {
        const detail = (error as NodeJS.ErrnoException).code ? `cannot read it: ${describeFsError(error)} (create it with --write-baseline)` : error instanceof Error ? error.message : String(error);
        passErrors.push({ kind: 'usage', file, message: `${file}: bad baseline: ${detail}` });
      }
    }
    if (values['new-from-rev'] !== undefined) {
      try {
        const changed = changedLinesSince(values['new-from-rev'], cwd);
        diagnostics = filterByChangedLines(diagnostics, changed);
        suppressed = filterByChangedLines(suppressed, changed);
      } catch (error) {
        passErrors.push({ kind: 'usage', message: error instanceof Error ? error.message : String(error) });
      }
    }
    if (values.quiet) {
      diagnostics = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
      suppressed = suppressed.filter((diagnostic) => diagnostic.severity === 'error');
    }
    return { diagnostics, suppressed, errors: passErrors, filesLinted: result.filesLinted, fingerprints };
  };

  let readText = diskTextSource(overrides);
  let found = await pass(readText);

  if (values['write-baseline'] !== undefined) {
    const file = values['write-baseline'];
    const baseline = createBaseline(found.diagnostics, found.fingerprints, (absolute) => toPosix(path.relative(repositoryRoot, absolute)));
    const problem = writeFileAtomic(path.resolve(cwd, file), `${JSON.stringify(baseline, null, 2)}\n`);
    if (problem) found.errors.push({ kind: 'usage', file, message: `${file}: cannot write the baseline: ${problem}` });
    else io.stderr(`gocop: wrote ${found.diagnostics.length} finding${found.diagnostics.length === 1 ? '' : 's'} to the baseline ${file}\n`);
    for (const error of found.errors) io.stderr(`gocop: ${error.message}\n`);
    return found.errors.some((error) => error.kind !== 'skipped') ? 2 : 0;
  }

  if (values.fix) {
    const outcome = applyFixes(found.diagnostics, readText, { write: !values.diff, displayPath: (file) => toPosix(path.relative(repositoryRoot, file)) });
    const fixes = `${outcome.fixed.length} fix${outcome.fixed.length === 1 ? '' : 'es'} in ${outcome.files.length} file${outcome.files.length === 1 ? '' : 's'}`;
    if (values.diff) {
      io.stdout(outcome.diff);
      io.stderr(`gocop: ${fixes} would be applied\n`);
      for (const error of [...found.errors, ...outcome.errors]) io.stderr(`gocop: ${error.message}\n`);
      if ([...found.errors, ...outcome.errors].some((error) => error.kind !== 'skipped')) return 2;
      return outcome.fixed.length > 0 && !values['exit-zero'] ? 1 : 0;
    }
    io.stderr(`gocop: applied ${fixes}\n`);
    if (outcome.files.length > 0) {
      // Report what is left, on the files as they are now.
      readText = diskTextSource(overrides);
      found = await pass(readText);
    }
    found.errors.push(...outcome.errors);
  }

  const report: Report = { diagnostics: found.diagnostics, suppressed: values['include-suppressed'] ? found.suppressed : undefined, errors: found.errors, filesLinted: found.filesLinted, displayPath };
  const code = writeReport(format, report, { values, request, io, repositoryRoot, fingerprints: found.fingerprints, readText });
  if (targets.length === 0 && report.errors.length === 0) io.stderr(request.shard ? `gocop: shard ${request.shard.index}/${request.shard.count} has no packages to lint\n` : 'gocop: no Go files to lint\n');
  return code;
}

interface ReportContext {
  values: CommandLine['values'];
  request: LintRequest;
  io: CliIo;
  repositoryRoot: string;
  fingerprints: ReadonlyMap<Diagnostic, string>;
  readText: TextSource;
}

/** Prints or writes the report, prints gocop's errors, and returns the exit code of the gate. */
function writeReport(format: Format, report: Report, { values, request, io, repositoryRoot, fingerprints, readText }: ReportContext): number {
  const toFile = values.output !== undefined;
  const useColor = !toFile && io.stdoutIsTTY && !values['no-color'] && !io.env.NO_COLOR;
  const output = renderReport(format, report, {
    rules: allRules,
    version: gocopVersion(),
    sourceRoot: toPosix(path.resolve(io.cwd)),
    repositoryRoot,
    fingerprints,
    readText,
    useColor,
  });
  if (toFile) {
    const problem = writeFileAtomic(path.resolve(io.cwd, values.output!), output);
    if (problem) report.errors.push({ kind: 'usage', file: values.output, message: `${values.output}: cannot write the report: ${problem}` });
  } else {
    io.stdout(output);
  }
  // Formats that carry gocop's errors themselves (json, github) keep stderr quiet on standard output.
  if ((format !== 'json' && format !== 'github') || toFile) io.stderr(formatErrors(report, io.stderrIsTTY && !values['no-color'] && !io.env.NO_COLOR));
  const code = exitCode(report, { failOn: request.failOn, maxWarnings: request.maxWarnings });
  return code === 1 && values['exit-zero'] ? 0 : code;
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
  /** Findings at this severity or above fail the run (default warning: info findings never do). */
  failOn?: Severity;
  /** More warnings than this fail the run; when given, `failOn` defaults to error. */
  maxWarnings?: number;
}

/** 2 when gocop could not do what was asked (unreadable path, config or internal error), else 1 when the gate fails. */
export function exitCode(report: Report, gate: Gate = {}): number {
  if (report.errors.some((error) => error.kind !== 'skipped')) return 2;
  const failOn = gate.failOn ?? (gate.maxWarnings !== undefined ? 'error' : 'warning');
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
