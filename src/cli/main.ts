// The gocop command line. It parses arguments, finds target files, runs the engine and prints a report.
// Exit codes: 0 no findings, 1 findings, 2 usage, config or internal error. It never prints a stack
// trace unless GOCOP_DEBUG is set.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { allRules, findRule } from '../../rules/index.js';
import type { EnabledRule, EngineError } from '../engine/engine.js';
import type { AnyRule } from '../engine/rule.js';
import { lintTargets } from '../engine/run.js';
import { DEFAULT_MAX_FILE_BYTES } from '../engine/load.js';
import type { Report } from '../report/model.js';
import { formatErrors, formatText } from '../report/text.js';
import { formatJson } from '../report/json.js';
import { discoverTargets, toPosix } from './discover.js';
import { explainRule, listRules } from './explain.js';
import { gocopVersion } from './version.js';

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

Lints Go source. Patterns: ./... (recursive), DIR/..., DIR, FILE.go, or a glob.

flags:
  --format text|json         output format (default text)
  --list-rules               list the rules and exit
  --rules ID[,ID]            run only these rules
  --stdin                    read one file's text from standard input
  --stdin-filename FILE      the path that text belongs to (its package siblings are read from disk)
  --max-file-size BYTES      skip files larger than this (default ${DEFAULT_MAX_FILE_BYTES})
  --no-color                 never use colours
  --version                  print the version and exit
  -h, --help                 print this help and exit
`;

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

class UsageError extends Error {}

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    return run(argv, io);
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

function run(argv: string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        'list-rules': { type: 'boolean', default: false },
        rules: { type: 'string', multiple: true },
        stdin: { type: 'boolean', default: false },
        'stdin-filename': { type: 'string' },
        'max-file-size': { type: 'string' },
        'no-color': { type: 'boolean', default: false },
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
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format ${values.format}; choose one of ${FORMATS.join(', ')}`);
  let maxFileBytes = DEFAULT_MAX_FILE_BYTES;
  if (values['max-file-size'] !== undefined) {
    maxFileBytes = Number(values['max-file-size']);
    if (!Number.isInteger(maxFileBytes) || maxFileBytes <= 0) throw new UsageError('--max-file-size takes a positive whole number of bytes');
  }

  const cwd = io.cwd;
  const displayPath = (absolute: string): string => {
    const relative = toPosix(path.relative(cwd, absolute));
    return relative === '' ? '.' : relative;
  };
  const enabled: EnabledRule[] = selectRules(values.rules).map((rule) => ({ rule, severity: rule.severity, options: rule.defaultOptions }));

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

  const showProgress = io.stderrIsTTY && format === 'text' && targets.length > 200;
  let lastProgress = 0;
  const result = lintTargets(targets, {
    enabled,
    maxFileBytes,
    overrides,
    explicit,
    displayPath,
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
  const report: Report = {
    diagnostics: result.diagnostics,
    errors: [...errors, ...result.errors],
    filesLinted: result.filesLinted,
    displayPath,
  };
  const useColor = io.stdoutIsTTY && !values['no-color'] && !io.env.NO_COLOR;
  io.stdout(format === 'json' ? formatJson(report) : formatText(report, useColor));
  if (format === 'text') io.stderr(formatErrors(report, io.stderrIsTTY && !values['no-color'] && !io.env.NO_COLOR));
  if (targets.length === 0 && report.errors.length === 0) io.stderr('gocop: no Go files to lint\n');
  return exitCode(report);
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
export function suggest(id: string): string {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const rule of allRules) {
    const distance = editDistance(id, rule.id);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = rule.id;
    }
  }
  return best && bestDistance <= Math.max(2, Math.floor(id.length / 3)) ? ` (did you mean ${best}?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** 2 when gocop could not do what was asked (unreadable path, internal error), else 1 with findings. */
export function exitCode(report: Report): number {
  if (report.errors.some((error) => error.kind !== 'skipped')) return 2;
  return report.diagnostics.length > 0 ? 1 : 0;
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
