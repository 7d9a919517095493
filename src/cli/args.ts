// The command line's flags: one table that the parser, the help text and the GitHub Action's test all
// read, and a parser whose mistakes are one line each (an unknown flag names the closest real one).
// It checks the shape of the arguments only; what the values mean is checked by the caller.
import { parseArgs } from 'node:util';
import { closestMatch } from '../util/closest-match.js';

/** A mistake in the arguments: printed as one line and a pointer to --help, exit 2. */
export class UsageError extends Error {}

interface Flag {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** The value's name in the help text, for string flags. */
  value?: string;
  help: string;
}

/** Every flag of `gocop [flags] [packages or files]`, in the order the help text lists them. */
export const FLAGS = {
  format: { type: 'string', value: 'FORMAT', help: 'text (default), json, sarif, github, checkstyle, junit or codeclimate' },
  output: { type: 'string', value: 'FILE', help: 'write the report to FILE (atomically) instead of standard output' },
  config: { type: 'string', value: 'FILE', help: 'use this config file instead of the nearest .gocop.yaml' },
  'no-config': { type: 'boolean', help: 'use the default settings, ignoring any .gocop.yaml' },
  rules: { type: 'string', multiple: true, value: 'ID[,ID]', help: 'run only these rules' },
  tests: { type: 'string', value: 'BOOL', help: 'false skips _test.go files for every rule; true lints them whatever the config says' },
  tags: { type: 'string', multiple: true, value: 'TAG[,TAG]', help: 'build tags: lint the files a build with these tags (and GOOS, GOARCH) would compile' },
  'fail-on': { type: 'string', value: 'LEVEL', help: 'exit 1 for findings at LEVEL or above: info, warning (default), error' },
  'max-warnings': { type: 'string', value: 'N', help: 'also exit 1 when there are more than N warnings (--fail-on defaults to error)' },
  quiet: { type: 'boolean', short: 'q', help: 'report errors only, leaving out warnings and info' },
  'exit-zero': { type: 'boolean', help: 'exit 0 even when there are findings (2 still means gocop itself failed)' },
  fix: { type: 'boolean', help: "apply the findings' suggested fixes (the editor's fix-all), then report what is left" },
  diff: { type: 'boolean', help: 'with --fix: print the fixes as a unified diff instead of writing them' },
  'include-suppressed': { type: 'boolean', help: 'also report findings silenced by suppression comments, with their reasons' },
  'report-unused-directives': { type: 'boolean', help: 'report suppression comments that suppress nothing' },
  baseline: { type: 'string', value: 'FILE', help: 'report only findings not listed in this baseline' },
  'write-baseline': { type: 'string', value: 'FILE', help: 'write the current findings to a baseline file and exit' },
  'new-from-rev': { type: 'string', value: 'REV', help: 'report only findings on lines changed since git revision REV' },
  shard: { type: 'string', value: 'I/N', help: 'lint only shard I of N (1-based): packages split by a hash of their directory; combine with gocop merge' },
  'list-rules': { type: 'boolean', help: 'list the rules and exit (--format json for data)' },
  stdin: { type: 'boolean', help: "read one file's text from standard input" },
  'stdin-filename': { type: 'string', value: 'FILE', help: 'the path that text belongs to (its package siblings are read from disk)' },
  'max-file-size': { type: 'string', value: 'BYTES', help: 'skip files larger than this (default 10 MB)' },
  jobs: { type: 'string', short: 'j', value: 'N', help: 'worker threads (default and most: the number of CPUs)' },
  'no-cache': { type: 'boolean', help: 'do not read or write the result cache' },
  'cache-dir': { type: 'string', value: 'DIR', help: 'where the result cache lives (default node_modules/.cache/gocop)' },
  'no-color': { type: 'boolean', help: 'never use colours' },
  verbose: { type: 'boolean', short: 'v', help: 'say on stderr what gocop chose: default paths, skipped directories, workers' },
  version: { type: 'boolean', help: 'print the version and exit' },
  help: { type: 'boolean', short: 'h', help: 'print this help and exit' },
} as const satisfies Record<string, Flag>;

export type FlagName = keyof typeof FLAGS;

function flagColumn(name: string, flag: Flag): string {
  const short = flag.short ? `-${flag.short}, ` : '';
  return `${short}--${name}${flag.value ? ` ${flag.value}` : ''}`;
}

const flagLines = Object.entries(FLAGS as Record<string, Flag>)
  .map(([name, flag]) => `  ${flagColumn(name, flag).padEnd(28)} ${flag.help}`)
  .join('\n');

export const USAGE = `usage: gocop [flags] [packages or files]
       gocop help [rule-id]       this text, or a rule's documentation
       gocop explain <rule-id>    a rule's documentation
       gocop print-config FILE    show the config that applies to FILE
       gocop merge REPORT...      combine the JSON or SARIF reports of --shard runs into one
       gocop lsp --stdio          run the language server (see docs/editors.md)

Lints Go source. Patterns: ./... (recursive), DIR/..., DIR, FILE.go, or a glob; none means ./...
Recursive patterns skip vendor, third_party, testdata, examples, Godeps and builtin (exclude-dirs in
.gocop.yaml), unless named.

flags:
${flagLines}

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 gocop could not do what was asked.
`;

/** The one-line pointer printed after a usage error. */
export const HELP_HINT = "Run 'gocop --help' for usage.";

type ParsedValues = { [Name in FlagName]: (typeof FLAGS)[Name] extends { type: 'boolean' } ? boolean : (typeof FLAGS)[Name] extends { multiple: true } ? string[] | undefined : string | undefined };

export interface CommandLine {
  values: ParsedValues;
  positionals: string[];
}

/** Parses the arguments after `gocop`; throws a UsageError with a one-line message. */
export function parseCommandLine(argv: string[]): CommandLine {
  const options = Object.fromEntries(
    Object.entries(FLAGS as Record<string, Flag>).map(([name, flag]) => [
      name,
      { type: flag.type, ...(flag.short ? { short: flag.short } : {}), ...(flag.multiple ? { multiple: true } : {}), ...(flag.type === 'boolean' ? { default: false } : {}) },
    ]),
  );
  try {
    const parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options });
    return { values: parsed.values as unknown as ParsedValues, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
}

/** node:util's parse errors, rewritten as one short line. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const quoted = /'(-{1,2}[^' ]*)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted) {
    const name = quoted.replace(/^-+/, '').replace(/=.*$/, '');
    const match = closestMatch(name, Object.keys(FLAGS));
    return `unknown flag ${quoted}${match ? ` (did you mean --${match}?)` : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted) {
    const name = quoted.replace(/^-+/, '');
    const long = name.length === 1 ? Object.entries(FLAGS as Record<string, Flag>).find(([, flag]) => flag.short === name)?.[0] ?? name : name;
    const flag = (FLAGS as Record<string, Flag>)[long];
    if (flag?.type === 'boolean') return `--${long} takes no value`;
    return `--${long} needs a value${flag?.value ? ` (--${long} ${flag.value})` : ''}`;
  }
  return message.split('\n')[0]!.replace(/\.$/, '');
}
