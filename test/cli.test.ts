// The command line as golangci-lint and ESLint users expect it: one-line usage errors, `gocop help`,
// no arguments meaning ./..., the directories recursive patterns skip, the gate (--fail-on defaulting to
// warning, --quiet, --exit-zero), --jobs capped at the CPUs, --list-rules as JSON, --include-suppressed
// in every format, the checkstyle, junit and codeclimate formats, --fix and --fix --diff (the editor's
// fix-all edits), and --new-from-rev keeping findings whose related location changed. Findings come
// from invalid-directive (a directive without a reason: a warning), syntax-error and, for fixes,
// http-client-no-timeout.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { FLAGS, HELP_HINT, USAGE } from '../src/cli/args.js';
import { FORMATS } from '../src/cli/formats.js';
import { formatCheckstyle } from '../src/report/checkstyle.js';
import { formatJunit } from '../src/report/junit.js';
import { formatCodeClimate } from '../src/report/codeclimate.js';
import type { Diagnostic } from '../src/diagnostic.js';
import type { Report } from '../src/report/model.js';
import { startClient } from './lsp-client.js';
import { git, gitRepository, runCli, temporaryDirectory, writeFiles } from './support/cli.js';

const homepage = (JSON.parse(fs.readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as { homepage: string }).homepage;

/** A file with one invalid-directive warning, on line 3. */
const WARNING_GO = 'package p\n\n//gocop:ignore syntax-error\nvar a = 1\n';
/** A file with a syntax error (an error). */
const ERROR_GO = 'package p\n\nfunc f() {\n';

/** `file:line` of each finding line of text output. */
function findingLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => /^\S+:\d+:\d+: (error|warning|info): /.test(line))
    .map((line) => line.split(':').slice(0, 2).join(':'));
}

describe('usage mistakes', () => {
  it('answer an unknown flag with one line naming the closest flag, and a pointer to --help', async () => {
    const root = temporaryDirectory();
    const result = await runCli(['--frmat', 'json', './...'], root);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `gocop: unknown flag --frmat (did you mean --format?)\n${HELP_HINT}\n` });
    expect((await runCli(['--xyzzy'], root)).stderr).toBe(`gocop: unknown flag --xyzzy\n${HELP_HINT}\n`);
    expect((await runCli(['-Z'], root)).stderr).toBe(`gocop: unknown flag -Z\n${HELP_HINT}\n`);
  });

  it('say in one line what a flag needs', async () => {
    const root = temporaryDirectory();
    expect((await runCli(['--format'], root)).stderr).toBe(`gocop: --format needs a value (--format FORMAT)\n${HELP_HINT}\n`);
    expect((await runCli(['--no-cache=yes', './...'], root)).stderr).toBe(`gocop: --no-cache takes no value\n${HELP_HINT}\n`);
    expect((await runCli(['--format', 'checkstyel', './...'], root)).stderr).toBe(
      `gocop: unknown format checkstyel (did you mean checkstyle?); choose one of ${FORMATS.join(', ')}\n${HELP_HINT}\n`,
    );
    expect((await runCli(['--diff', './...'], root)).stderr).toBe(`gocop: --diff shows what --fix would change: use --fix --diff\n${HELP_HINT}\n`);
  });

  it('--help lists every flag and every format', async () => {
    const result = await runCli(['--help'], temporaryDirectory());
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(USAGE);
    for (const flag of Object.keys(FLAGS)) expect(result.stdout).toContain(`--${flag}`);
    for (const format of FORMATS) expect(result.stdout).toContain(format);
  });
});

describe('gocop help', () => {
  it('prints the usage, or a rule documentation', async () => {
    const root = temporaryDirectory();
    expect(await runCli(['help'], root)).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    const help = await runCli(['help', 'nil-deref-after-check'], root);
    expect(help.code).toBe(0);
    expect(help.stdout).toBe((await runCli(['explain', 'nil-deref-after-check'], root)).stdout);
    expect(help.stdout).toMatch(/^nil-deref-after-check \(correctness/);
  });

  it('suggests the rule meant by a typo', async () => {
    const result = await runCli(['help', 'nil-deref-after-chek'], temporaryDirectory());
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('gocop: unknown rule nil-deref-after-chek (did you mean nil-deref-after-check?); run gocop --list-rules to see them\n');
  });
});

describe('arguments', () => {
  it('refuses a file that is not Go source, naming it, and still lints the rest', async () => {
    const root = temporaryDirectory();
    writeFiles(root, { 'README.md': '# notes\n', 'p/a.go': WARNING_GO });
    const result = await runCli(['README.md', 'p/a.go'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('gocop: README.md: not a Go file; gocop lints .go files (name them, a directory, or DIR/... for a tree)\n');
    expect(findingLines(result.stdout)).toEqual(['p/a.go:3']);
    expect((await runCli(['--stdin', '--stdin-filename', 'notes.txt'], root, 'package p\n')).stderr).toContain('--stdin-filename notes.txt is not a Go file');
  });

  it('lints ./... when no package is named, and says so with --verbose', async () => {
    const root = temporaryDirectory();
    writeFiles(root, { 'a.go': WARNING_GO, 'sub/deeper/b.go': WARNING_GO });
    const result = await runCli(['--verbose'], root);
    expect(findingLines(result.stdout)).toEqual(['a.go:3', 'sub/deeper/b.go:3']);
    expect(result.stderr).toContain('gocop: no packages named, so linting ./... (as golangci-lint run does)\n');
    expect((await runCli([], root)).stderr).toBe('');
  });

  it('caps --jobs at the number of CPUs', async () => {
    const root = temporaryDirectory();
    writeFiles(root, { 'a.go': WARNING_GO });
    const capped = await runCli(['--jobs', '64', '--verbose', './...'], root, '', { cpus: 2 });
    expect(capped.stderr).toContain('gocop: --jobs 64 is more than the 2 CPUs; using 2\n');
    expect(capped.stderr).toContain('1 file to lint with up to 2 workers');
    expect((await runCli(['--jobs', '2', '--verbose', './...'], root, '', { cpus: 2 })).stderr).not.toContain('more than');
  });

  it('runs the capped number of workers on a real run, with the same output as one', () => {
    const root = temporaryDirectory();
    for (let index = 0; index < 50; index++) writeFiles(root, { [`d${index}/a.go`]: WARNING_GO });
    const gocop = (jobs: string) =>
      spawnSync(process.execPath, [path.resolve(__dirname, '../bin/gocop.js'), '--no-cache', '--verbose', '--jobs', jobs, './...'], { cwd: root, encoding: 'utf8' });
    const capped = gocop('100000');
    const cpus = os.availableParallelism();
    expect(capped.stderr).toContain(`gocop: --jobs 100000 is more than the ${cpus} CPU${cpus === 1 ? '' : 's'}; using ${cpus}\n`);
    expect(capped.status).toBe(1);
    expect(findingLines(capped.stdout)).toHaveLength(50);
    expect(capped.stdout).toBe(gocop('1').stdout);
  });
});

describe('directories that recursive patterns skip', () => {
  const skipped = ['vendor', 'third_party', 'testdata', 'examples', 'Godeps', 'builtin', '_old', '.hidden', 'node_modules'];
  const tree = () => {
    const root = temporaryDirectory();
    writeFiles(root, Object.fromEntries([['pkg/a.go', WARNING_GO], ...skipped.map((dir) => [`pkg/${dir}/x/a.go`, WARNING_GO])]));
    return root;
  };

  it('are the ones golangci-lint skips, plus hidden ones, and --verbose names them', async () => {
    const root = tree();
    const result = await runCli(['--verbose', './...'], root);
    expect(findingLines(result.stdout)).toEqual(['pkg/a.go:3']);
    expect(result.stderr).toContain('gocop: not entering pkg/examples/ (skipped by default; set exclude-dirs-use-default: false to lint it; naming it, as in pkg/examples/..., lints it)\n');
    expect(result.stderr).not.toContain('.hidden');
  });

  it('are linted when named, as the README does with ./examples/...', async () => {
    const root = tree();
    expect(findingLines((await runCli(['./pkg/examples/...'], root)).stdout)).toEqual(['pkg/examples/x/a.go:3']);
    expect(findingLines((await runCli(['pkg/vendor/x'], root)).stdout)).toEqual(['pkg/vendor/x/a.go:3']);
    expect(findingLines((await runCli(['pkg/testdata/x/a.go'], root)).stdout)).toEqual(['pkg/testdata/x/a.go:3']);
    expect(findingLines((await runCli(['pkg/third_party/**/*.go'], root)).stdout)).toEqual(['pkg/third_party/x/a.go:3']);
    expect(findingLines((await runCli(['pkg/**/*.go'], root)).stdout)).toEqual(['pkg/a.go:3']);
    const repository = path.resolve(__dirname, '..');
    const readme = await runCli(['--no-cache', './examples/...'], repository);
    expect(readme.code).toBe(1);
    expect(findingLines(readme.stdout).length).toBeGreaterThanOrEqual(7);
  });

  it('are set in the config with exclude-dirs, and the defaults turned off with exclude-dirs-use-default', async () => {
    const root = tree();
    writeFiles(root, { 'gen/a.go': WARNING_GO, 'internal/legacy/a.go': WARNING_GO, 'internal/current/a.go': WARNING_GO, '.gocop.yaml': 'exclude-dirs: [gen, internal/legacy]\n' });
    const configured = await runCli(['--verbose', './...'], root);
    expect(findingLines(configured.stdout)).toEqual(['internal/current/a.go:3', 'pkg/a.go:3']);
    expect(configured.stderr).toContain('not entering internal/legacy/ (exclude-dirs in the config;');
    fs.writeFileSync(path.join(root, '.gocop.yaml'), 'exclude-dirs-use-default: false\n');
    const everything = findingLines((await runCli(['./...'], root)).stdout);
    expect(everything).toContain('pkg/vendor/x/a.go:3');
    expect(everything).toContain('pkg/examples/x/a.go:3');
    expect(everything).not.toContain('pkg/.hidden/x/a.go:3');
    fs.writeFileSync(path.join(root, '.gocop.yaml'), 'exclude-dirs-use-default: maybe\n');
    expect((await runCli(['./...'], root)).stderr).toContain('.gocop.yaml:1:27: "exclude-dirs-use-default" must be true or false');
  });
});

describe('the gate', () => {
  it('--fail-on defaults to warning: info findings never fail a build unless asked', async () => {
    const root = temporaryDirectory();
    writeFiles(root, { 'a.go': WARNING_GO, '.gocop.yaml': 'rules:\n  invalid-directive: info\n' });
    const quiet = await runCli(['./...'], root);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toContain('info: //gocop:ignore syntax-error needs a reason');
    expect((await runCli(['--fail-on', 'info', './...'], root)).code).toBe(1);
    fs.writeFileSync(path.join(root, '.gocop.yaml'), '');
    expect((await runCli(['./...'], root)).code).toBe(1);
  });

  it('--quiet reports errors only', async () => {
    const root = temporaryDirectory();
    writeFiles(root, { 'w/a.go': WARNING_GO, 'e/a.go': ERROR_GO });
    const both = await runCli(['--quiet', './...'], root);
    expect(both.code).toBe(1);
    expect(findingLines(both.stdout)).toEqual(['e/a.go:3']);
    expect(await runCli(['-q', './w/...'], root)).toMatchObject({ code: 0, stdout: '' });
  });

  it('--exit-zero exits 0 with findings, but 2 when gocop itself fails', async () => {
    const root = temporaryDirectory();
    writeFiles(root, { 'a.go': ERROR_GO });
    const result = await runCli(['--exit-zero', './...'], root);
    expect(result.code).toBe(0);
    expect(findingLines(result.stdout)).toEqual(['a.go:3']);
    fs.writeFileSync(path.join(root, '.gocop.yaml'), 'rules:\n  syntax-eror: off\n');
    expect((await runCli(['--exit-zero', './...'], root)).code).toBe(2);
  });
});

describe('--list-rules --format json', () => {
  it('lists every rule with its severity, category, summary, docs link and default options', async () => {
    const result = await runCli(['--list-rules', '--format', 'json'], temporaryDirectory());
    expect(result.code).toBe(0);
    const listed = JSON.parse(result.stdout) as { version: number; rules: Array<Record<string, unknown>> };
    expect(listed.version).toBe(1);
    expect(listed.rules.map((rule) => rule.id)).toEqual(allRules.map((rule) => rule.id));
    for (const rule of allRules) {
      expect(listed.rules.find((entry) => entry.id === rule.id)).toEqual({
        id: rule.id,
        severity: rule.severity,
        category: rule.category,
        summary: rule.docs.summary,
        docs: `${homepage}/blob/main/docs/rules/${rule.id}.md`,
        options: rule.defaultOptions,
      });
    }
    expect((await runCli(['--list-rules', '--format', 'sarif'], temporaryDirectory())).code).toBe(2);
  });
});

describe('--include-suppressed', () => {
  const SUPPRESSED_GO = 'package p\n\nfunc g() {\n\t//gocop:ignore syntax-error parser fixture\n\treturn 1 +\n}\n';

  it.each(FORMATS.map((format) => [format]))('shows suppressed findings with their reason in the %s format', async (format) => {
    const root = gitRepository({ 'p.go': SUPPRESSED_GO });
    const plain = await runCli(['--format', format, './...'], root);
    expect(plain.stdout).not.toContain('parser fixture');
    const included = await runCli(['--format', format, '--include-suppressed', './...'], root);
    expect(included.code).toBe(0);
    expect(included.stdout).toContain('parser fixture');
    expect(included.stdout).toContain('syntax');
  });
});

/** Checks that XML is well formed the simple way: every tag closes in order and no bare `&` or `<` is left. */
function expectWellFormedXml(xml: string): void {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const body = xml.slice(xml.indexOf('\n') + 1);
  const open: string[] = [];
  for (const match of body.matchAll(/<(\/?)([a-z]+)((?:\s+[a-z]+="[^"<]*")*)\s*(\/?)>|([^<]+)/g)) {
    const [, closing, name, , selfClosing, text] = match;
    if (text !== undefined) {
      expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
      continue;
    }
    if (closing) expect(open.pop()).toBe(name);
    else if (!selfClosing) open.push(name!);
  }
  expect(open).toEqual([]);
  expect(body.replace(/<(\/?)([a-z]+)((?:\s+[a-z]+="[^"<]*")*)\s*(\/?)>/g, '')).not.toContain('<');
}

function syntheticReport(): Report {
  const range = (line: number, column: number) => ({ line, column, endLine: line, endColumn: column + 4 });
  const main: Diagnostic = {
    ruleId: 'nil-deref-after-check',
    severity: 'error',
    message: 'node is nil here & c.nodes["a"] <broken>',
    file: '/r/pkg/a.go',
    range: range(7, 2),
    related: [{ file: '/r/pkg/a.go', range: range(5, 5), message: 'node is compared with nil here' }],
    fixes: [],
  };
  const warning: Diagnostic = { ...main, ruleId: 'invalid-directive', severity: 'warning', message: 'needs a reason\u0001', file: '/r/pkg/b.go', related: [] };
  return {
    diagnostics: [main, warning],
    suppressed: [{ ...warning, range: range(9, 1), suppression: { kind: 'ignore', reason: 'fixture "quoted"', file: '/r/pkg/b.go', line: 8 } }],
    errors: [{ kind: 'read', file: 'pkg/gone.go', message: 'pkg/gone.go: cannot read: permission denied' }],
    filesLinted: 2,
    displayPath: (file) => path.posix.relative('/r', file),
  };
}

describe('the checkstyle, junit and codeclimate formats', () => {
  it('checkstyle: one <file> per file, one <error> per finding, escaped', () => {
    const xml = formatCheckstyle(syntheticReport());
    expectWellFormedXml(xml);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<checkstyle version="4.3">',
        '  <file name="pkg/a.go">',
        '    <error line="7" column="2" severity="error" message="node is nil here &amp; c.nodes[&quot;a&quot;] &lt;broken&gt; (see pkg/a.go:5:5: node is compared with nil here)" source="gocop.nil-deref-after-check"/>',
        '  </file>',
        '  <file name="pkg/b.go">',
        '    <error line="7" column="2" severity="warning" message="needs a reason\uFFFD" source="gocop.invalid-directive"/>',
        '    <error line="9" column="1" severity="ignore" message="needs a reason\uFFFD [suppressed by //gocop:ignore (fixture &quot;quoted&quot;)]" source="gocop.invalid-directive"/>',
        '  </file>',
        '  <file name="pkg/gone.go">',
        '    <error severity="error" message="pkg/gone.go: cannot read: permission denied" source="gocop"/>',
        '  </file>',
        '</checkstyle>',
        '',
      ].join('\n'),
    );
  });

  it('junit: a suite per file, a failed test case per finding, skipped when suppressed, errors for gocop', () => {
    const xml = formatJunit(syntheticReport());
    expectWellFormedXml(xml);
    expect(xml).toContain('<testsuites name="gocop" tests="4" failures="2" errors="1" skipped="1">');
    expect(xml).toContain('<testsuite name="pkg/a.go" tests="1" failures="1" errors="0" skipped="0">');
    expect(xml).toContain(
      '<testcase name="nil-deref-after-check" classname="pkg/a.go:7:2">\n      <failure message="node is nil here &amp; c.nodes[&quot;a&quot;] &lt;broken&gt;" type="error">pkg/a.go:7:2: error: node is nil here &amp; c.nodes["a"] &lt;broken&gt; (nil-deref-after-check)\n    pkg/a.go:5:5: node is compared with nil here</failure>',
    );
    expect(xml).toContain('<skipped message="suppressed by //gocop:ignore (fixture &quot;quoted&quot;): needs a reason\uFFFD"/>');
    expect(xml).toContain('<error message="pkg/gone.go: cannot read: permission denied" type="read"/>');
    const empty = formatJunit({ diagnostics: [], errors: [], filesLinted: 3, displayPath: (file) => file });
    expectWellFormedXml(empty);
    expect(empty).toContain('<testsuites name="gocop" tests="1" failures="0" errors="0" skipped="0">');
  });

  it('codeclimate: GitLab Code Quality issues with unique fingerprints and repository-relative paths', () => {
    const report = syntheticReport();
    const fingerprints = new Map<Diagnostic, string>([
      [report.diagnostics[0]!, 'aa'],
      [report.diagnostics[1]!, 'bb'],
      [report.suppressed![0]!, 'bb'],
    ]);
    const issues = JSON.parse(formatCodeClimate(report, { repositoryRoot: '/r', fingerprints, rules: allRules })) as Array<Record<string, any>>;
    expect(issues[0]).toEqual({
      type: 'issue',
      check_name: 'nil-deref-after-check',
      description: 'node is nil here & c.nodes["a"] <broken>',
      content: { body: '- pkg/a.go:5:5: node is compared with nil here' },
      categories: ['Bug Risk'],
      severity: 'critical',
      fingerprint: 'aa',
      location: { path: 'pkg/a.go', lines: { begin: 7, end: 7 } },
    });
    expect(issues.map((issue) => [issue.severity, issue.fingerprint])).toEqual([
      ['critical', 'aa'],
      ['major', 'bb'],
      ['info', 'bb-2'],
    ]);
    expect(issues[2]!.description).toBe('needs a reason\u0001 (suppressed by //gocop:ignore (fixture "quoted"))');
  });

  it('codeclimate on the command line: paths from the repository root, fingerprints that survive moves', async () => {
    const root = gitRepository({ 'sub/p/a.go': WARNING_GO });
    const first = JSON.parse((await runCli(['--format', 'codeclimate', './...'], `${root}/sub`)).stdout) as Array<Record<string, any>>;
    expect(first.map((issue) => issue.location)).toEqual([{ path: 'sub/p/a.go', lines: { begin: 3, end: 3 } }]);
    fs.writeFileSync(path.join(root, 'sub/p/a.go'), WARNING_GO.replace('package p\n', 'package p\n\nconst limit = 3\n'));
    const moved = JSON.parse((await runCli(['--format', 'codeclimate', './...'], root)).stdout) as Array<Record<string, any>>;
    expect(moved[0]!.location.lines.begin).toBe(5);
    expect(moved[0]!.fingerprint).toBe(first[0]!.fingerprint);
  });

  it('junit and checkstyle run on the command line', async () => {
    const root = temporaryDirectory();
    writeFiles(root, { 'a.go': WARNING_GO });
    for (const format of ['junit', 'checkstyle']) {
      const result = await runCli(['--format', format, './...'], root);
      expect(result.code).toBe(1);
      expectWellFormedXml(result.stdout);
      expect(result.stdout).toContain('a.go');
    }
  });
});

const LB_GO =
  'package lb\n\nimport "net/http"\n\n// get uses a client without a timeout.\nfunc get(url string) (*http.Response, error) {\n\tclient := &http.Client{}\n\treturn client.Get(url)\n}\n';
const LB_FIXED = LB_GO.replace('import "net/http"\n', 'import (\n\t"net/http"\n\t"time"\n)\n').replace('&http.Client{}', '&http.Client{Timeout: 30 * time.Second}');

describe('--fix', () => {
  it('--fix --diff prints a unified diff that git applies, and writes nothing', async () => {
    const root = gitRepository({ 'lb/lb.go': LB_GO, 'lb/w.go': WARNING_GO.replace('package p', 'package lb') });
    const result = await runCli(['--fix', '--diff', './...'], `${root}/lb`);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('gocop: 1 fix in 1 file would be applied\n');
    expect(result.stdout).toBe(
      [
        '--- a/lb/lb.go',
        '+++ b/lb/lb.go',
        '@@ -1,9 +1,12 @@',
        ' package lb',
        ' ',
        '-import "net/http"',
        '+import (',
        '+\t"net/http"',
        '+\t"time"',
        '+)',
        ' ',
        ' // get uses a client without a timeout.',
        ' func get(url string) (*http.Response, error) {',
        '-\tclient := &http.Client{}',
        '+\tclient := &http.Client{Timeout: 30 * time.Second}',
        ' \treturn client.Get(url)',
        ' }',
        '',
      ].join('\n'),
    );
    expect(fs.readFileSync(path.join(root, 'lb/lb.go'), 'utf8')).toBe(LB_GO);
    execFileSync('git', ['apply', '--check', '-'], { cwd: root, input: result.stdout });
    expect(await runCli(['--fix', '--diff', './...'], temporaryDirectory())).toMatchObject({ code: 0, stdout: '' });
  });

  it('--fix writes the fixes, keeps the file mode, and reports what is left', async () => {
    const root = temporaryDirectory();
    writeFiles(root, { 'lb/lb.go': LB_GO, 'lb/w.go': WARNING_GO.replace('package p', 'package lb') });
    fs.chmodSync(path.join(root, 'lb/lb.go'), 0o640);
    const result = await runCli(['--fix', './...'], root);
    expect(result.stderr).toBe('gocop: applied 1 fix in 1 file\n');
    expect(fs.readFileSync(path.join(root, 'lb/lb.go'), 'utf8')).toBe(LB_FIXED);
    expect(fs.statSync(path.join(root, 'lb/lb.go')).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(path.join(root, 'lb')).sort()).toEqual(['lb.go', 'w.go']);
    expect(result.code).toBe(1);
    expect(findingLines(result.stdout)).toEqual(['lb/w.go:3']);
    expect(await runCli(['--fix', '--rules', 'http-client-no-timeout', './...'], root)).toMatchObject({ code: 0, stdout: '' });
  });

  it('applies the same edits as the language server fix-all', async () => {
    const root = temporaryDirectory();
    writeFiles(root, { 'lb/lb.go': LB_GO });
    const file = path.join(root, 'lb/lb.go');
    const server = await startClient({ rootDir: root, capabilities: { workspace: { configuration: true, workspaceEdit: { documentChanges: true } }, textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } } } });
    try {
      server.open(file, LB_GO);
      await server.waitForDiagnostics(file);
      const [fixAll] = await server.request<Array<Record<string, any>>>('textDocument/codeAction', {
        textDocument: { uri: `file://${file}` },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.gocop'] },
      });
      const lines = LB_GO.split('\n');
      const offset = (position: { line: number; character: number }) => lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
      const edits = [...fixAll!.edit.documentChanges[0].edits].sort((a: any, b: any) => offset(b.range.start) - offset(a.range.start));
      let fromServer = LB_GO;
      for (const edit of edits) fromServer = fromServer.slice(0, offset(edit.range.start)) + edit.newText + fromServer.slice(offset(edit.range.end));
      await runCli(['--fix', './...'], root);
      expect(fs.readFileSync(file, 'utf8')).toBe(fromServer);
    } finally {
      await server.stop();
    }
  });

  it('works on standard input only as a diff', async () => {
    const root = temporaryDirectory();
    expect((await runCli(['--fix', '--stdin', '--stdin-filename', 'lb.go'], root, LB_GO)).code).toBe(2);
    const diff = await runCli(['--fix', '--diff', '--stdin', '--stdin-filename', 'lb.go'], root, LB_GO);
    expect(diff.stdout).toContain('+\tclient := &http.Client{Timeout: 30 * time.Second}');
  });
});

describe('--new-from-rev', () => {
  const FALLS_THROUGH = [
    'package p',
    '',
    'type Node struct{ Name string }',
    '',
    'func get() *Node { return nil }',
    '',
    'func name() string {',
    '\tnode := get()',
    '\tif node == nil {',
    '\t\tprintln("missing")',
    '\t\treturn ""',
    '\t}',
    '\treturn node.Name',
    '}',
    '',
  ].join('\n');

  it('keeps a finding whose related location is on a changed line: the branch that lost its return', async () => {
    const root = gitRepository({ 'p/p.go': FALLS_THROUGH });
    fs.writeFileSync(path.join(root, 'p/p.go'), FALLS_THROUGH.replace('\t\treturn ""\n', ''));
    const result = await runCli(['--new-from-rev', 'HEAD', './...'], root);
    expect(result.stdout).toContain('p/p.go:12:9: error: node may be nil here');
    expect(result.stdout).toContain('    p/p.go:11:2: the nil branch ends here without returning');
    expect(result.code).toBe(1);
  });

  it('says to fetch more history when the revision is missing from a shallow clone', async () => {
    const origin = gitRepository({ 'a.go': 'package p\n' });
    for (const step of ['b', 'c']) {
      writeFiles(origin, { [`${step}.go`]: 'package p\n' });
      git(origin, 'add', '-A');
      git(origin, 'commit', '-q', '-m', step);
    }
    const clone = temporaryDirectory('gocop-shallow-');
    git(clone, 'clone', '-q', '--depth', '1', `file://${origin}`, 'checkout');
    const result = await runCli(['--new-from-rev', 'HEAD~2', './...'], `${clone}/checkout`);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--new-from-rev: unknown revision HEAD~2, and this is a shallow clone: fetch more history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)');
  });
});

describe('a severity set in the config', () => {
  // In a test, t.Errorf before a dereference of the checked value: the rule grades it a warning.
  const TEST_GO = 'package p\n\nimport "testing"\n\ntype T struct{ Name string }\n\nfunc get() *T { return nil }\n\nfunc TestX(t *testing.T) {\n\tv := get()\n\tif v == nil {\n\t\tt.Errorf("nil")\n\t}\n\t_ = v.Name\n}\n';
  const severities = (stdout: string) => (JSON.parse(stdout) as { findings: Array<{ severity: string }> }).findings.map((finding) => finding.severity);

  it('applies to every finding of the rule, over the grade the rule gives a finding itself', async () => {
    const root = temporaryDirectory();
    writeFiles(root, { 'x_test.go': TEST_GO });
    expect(severities((await runCli(['--no-cache', '--format', 'json', './...'], root)).stdout)).toEqual(['warning']);
    writeFiles(root, { '.gocop.yaml': 'rules:\n  nil-deref-after-check: error\n' });
    expect(severities((await runCli(['--format', 'json', './...'], root)).stdout)).toEqual(['error']);
    writeFiles(root, { '.gocop.yaml': 'rules:\n  nil-deref-after-check:\n    options: {}\n' });
    expect(severities((await runCli(['--format', 'json', './...'], root)).stdout)).toEqual(['warning']);
  });
});
