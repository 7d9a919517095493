// Hostile input at the command line: every case spawns the built CLI (`npm test` builds dist first) on a
// throwaway directory and checks the exact exit code and message that README.md documents under
// "Errors and exit codes". Big or odd files are made at test time, never committed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintPackage } from '../src/engine/engine.js';
import { defineRule } from '../src/engine/rule.js';
import { groupPackages } from '../src/index/package-index.js';
import { findRule } from '../rules/index.js';
import { loadDirectory } from './support/harness.js';
import { writeFiles } from './support/cli.js';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const gocopBin = path.join(repository, 'bin/gocop.js');
const fixture = path.join(repository, 'testdata/reliability/pkg');
const isRoot = process.getuid?.() === 0;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI without the result cache, so every run really lints. Asynchronous on purpose: a
 * long spawnSync would block the test worker and starve vitest's own messages.
 */
function gocop(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [gocopBin, '--no-cache', ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const scratch: string[] = [];
process.on('exit', () => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory (real path), removed when the test process exits. */
function temporaryDirectory(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  scratch.push(dir);
  return dir;
}

/** A temporary directory holding a copy of the fixture package (one finding, in lookup.go). */
function withFixture(): string {
  const dir = temporaryDirectory('gocop-reliability-');
  fs.cpSync(fixture, path.join(dir, 'pkg'), { recursive: true });
  return dir;
}

const FINDING = 'pkg/lookup.go:12:10: error: node is nil here';

function expectNoCrash(run: Run): void {
  expect(run.stderr).not.toMatch(/internal error|RangeError|Maximum call stack|\n\s+at /);
}

describe('paths that cannot be read', () => {
  it('reports a path that does not exist and exits 2', async () => {
    const dir = withFixture();
    const run = await gocop(['missing.go', 'pkg'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('gocop: missing.go: no such file or directory\n');
    expect(run.stdout).toContain(FINDING);
  });

  it('reports a recursive pattern below a directory that does not exist', async () => {
    const run = await gocop(['./nowhere/...'], withFixture());
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('gocop: ./nowhere/...: no such file or directory\n');
  });

  // Root reads through chmod 000, so as root the unreadable file is a dangling symlink instead (same
  // exit code, the ENOENT wording); the chmod variants below run only as an ordinary user.
  it('reports a .go entry that cannot be read (a dangling symlink) and still prints the other findings', async () => {
    const dir = withFixture();
    fs.symlinkSync('deleted.go', path.join(dir, 'pkg/gone.go'));
    const run = await gocop(['./...'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('gocop: pkg/gone.go: cannot read: no such file or directory\n');
    expect(run.stdout).toContain(FINDING);
  });

  it.skipIf(isRoot)('reports a file without read permission (skipped as root, which chmod does not stop)', async () => {
    const dir = withFixture();
    fs.writeFileSync(path.join(dir, 'pkg/secret.go'), 'package pkg\n');
    fs.chmodSync(path.join(dir, 'pkg/secret.go'), 0o000);
    const run = await gocop(['./...'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('gocop: pkg/secret.go: cannot read: permission denied\n');
    expect(run.stdout).toContain(FINDING);
  });

  it.skipIf(isRoot)('reports a directory without read permission (skipped as root, which chmod does not stop)', async () => {
    const dir = withFixture();
    fs.mkdirSync(path.join(dir, 'pkg/locked'));
    fs.chmodSync(path.join(dir, 'pkg/locked'), 0o000);
    const run = await gocop(['./...'], dir);
    fs.chmodSync(path.join(dir, 'pkg/locked'), 0o755);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`gocop: ${dir}/pkg/locked: cannot read directory: permission denied\n`);
    expect(run.stdout).toContain(FINDING);
  });

  it('reports a FIFO named .go instead of blocking on it', async () => {
    const dir = withFixture();
    const fifo = spawnSync('mkfifo', [path.join(dir, 'pkg/pipe.go')]);
    if (fifo.status !== 0) return; // no mkfifo on this system: nothing to test
    const named = await gocop(['pkg/pipe.go'], dir);
    expect(named.code).toBe(2);
    expect(named.stderr).toBe('gocop: pkg/pipe.go: cannot read: not a regular file (a pipe, socket or device)\n');
    // A recursive walk lints regular files and symlinks only, so the pipe is passed over.
    const walked = await gocop(['./...'], dir);
    expect(walked.code).toBe(1);
    expect(walked.stderr).toBe('');
  });
});

describe('symlink loops', () => {
  it('reports a file that is a symlink loop and exits 2', async () => {
    const dir = withFixture();
    fs.symlinkSync('loop.go', path.join(dir, 'pkg/loop.go'));
    const named = await gocop(['pkg/loop.go'], dir);
    expect(named.code).toBe(2);
    expect(named.stderr).toBe('gocop: pkg/loop.go: too many levels of symbolic links (a symlink loop)\n');
    const walked = await gocop(['./...'], dir);
    expect(walked.code).toBe(2);
    expect(walked.stderr).toBe('gocop: pkg/loop.go: cannot read: too many levels of symbolic links (a symlink loop)\n');
    expect(walked.stdout).toContain(FINDING);
  });

  it('does not follow a directory symlink that points back up the tree', async () => {
    const dir = withFixture();
    fs.symlinkSync('..', path.join(dir, 'pkg/back'));
    fs.symlinkSync(dir, path.join(dir, 'pkg/root'));
    const run = await gocop(['./...'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout.match(/error: node is nil here/g)).toHaveLength(1);
  });
});

describe('files that are not Go source', () => {
  it('skips a binary file named .go with a message, without changing the exit code', async () => {
    const dir = withFixture();
    fs.writeFileSync(path.join(dir, 'pkg/blob.go'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe]));
    const run = await gocop(['./...'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('gocop: pkg/blob.go: skipped, the file is binary (it contains NUL bytes), not Go source\n');
    expect(run.stdout).toContain(FINDING);
  });

  it('skips a file that is not UTF-8 with a message', async () => {
    const dir = withFixture();
    fs.writeFileSync(path.join(dir, 'pkg/latin1.go'), Buffer.from('package pkg\n\n// caf\xe9\n', 'latin1'));
    const run = await gocop(['pkg/latin1.go'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('gocop: pkg/latin1.go: skipped, the file is not valid UTF-8, which Go source must be\n');
  });

  it('lints an empty file quietly', async () => {
    const dir = temporaryDirectory('gocop-reliability-');
    fs.writeFileSync(path.join(dir, 'empty.go'), '');
    const run = await gocop(['empty.go'], dir);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('skips a 20 MB file over the default 10 MB limit, and any file over --max-file-size', async () => {
    const dir = withFixture();
    const line = '\tx = append(x, 12345678901234567890)\n';
    const body = line.repeat(Math.ceil((20 * 1024 * 1024) / line.length));
    fs.writeFileSync(path.join(dir, 'pkg/huge.go'), `package pkg\n\nvar x []uint64\n\nfunc init() {\n${body}}\n`);
    const run = await gocop(['./...'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('gocop: pkg/huge.go: skipped, the file is 20.0 MB, over the 10.0 MB limit (raise it with --max-file-size)\n');
    expect(run.stdout).toContain(FINDING);
    const limited = await gocop(['--max-file-size', '100', 'pkg/clean.go'], dir);
    expect(limited.code).toBe(0);
    expect(limited.stderr).toBe(`gocop: pkg/clean.go: skipped, the file is ${fs.statSync(path.join(dir, 'pkg/clean.go')).size} B, over the 100 B limit (raise it with --max-file-size)\n`);
  });
});

describe('5,000 levels of nesting', () => {
  const depth = 5000;
  const shapes: Record<string, string> = {
    // Nested blocks: past the CFG's nesting limit, the function is skipped with a message.
    'blocks.go': `package deep\n\nfunc blocks(x *int) {\n${'{\n'.repeat(depth)}if x != nil {\nreturn\n}\nprintln(*x)\n${'}\n'.repeat(depth)}}\n`,
    // Parentheses, unary operators and a long && chain in conditions and expressions.
    'expressions.go': [
      'package deep\n',
      `func parens(a int) int {\n\treturn ${'('.repeat(depth)}a${')'.repeat(depth)}\n}\n`,
      `func negations(x *T) {\n\tif ${'!('.repeat(depth)}x != nil${')'.repeat(depth)} {\n\t\tprintln(x.f)\n\t}\n}\n`,
      `func chain(x *T, y bool) {\n\tif x == nil${' && y'.repeat(depth)} {\n\t\tprintln(x.f)\n\t}\n}\n`,
      `func pointers(x **T) {\n\t_ = &${'*'.repeat(depth)}x\n}\n`,
      `func calls() {\n\t_ = ${'f('.repeat(depth)}0${')'.repeat(depth)}\n}\n`,
    ].join('\n'),
    // Func literals nested inside each other, and types nested inside each other.
    'literals.go': `package deep\n\nfunc literals(x *T) {\n\tgo ${'func() {'.repeat(depth)}if x == nil { println(x.f) }${'}()'.repeat(depth)}\n}\n`,
    'types.go': `package deep\n\ntype T struct {\n\tf ${'struct { g '.repeat(depth)}int${' }'.repeat(depth)}\n}\n\nvar v ${'[]'.repeat(depth)}${'*'.repeat(depth)}int\n`,
    // A finding next to all of that must still be reported.
    'shallow.go': 'package deep\n\nfunc shallow(x *T) {\n\tif x == nil {\n\t\tprintln(x.f)\n\t}\n}\n',
  };

  it('never overflows the stack, says what it skipped, and keeps the other findings', async () => {
    const dir = temporaryDirectory('gocop-reliability-');
    writeFiles(dir, Object.fromEntries(Object.entries(shapes).map(([name, text]) => [`deep/${name}`, text])));
    const run = await gocop(['--format', 'json', './...'], dir);
    expectNoCrash(run);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: Array<{ file: string; line: number; ruleId: string }>; errors: Array<{ kind: string; message: string }> };
    const found = report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.ruleId}`);
    expect(found).toContain('deep/shallow.go:5:nil-deref-after-check');
    expect(found).toContain('deep/expressions.go:15:nil-deref-after-check');
    expect(found).toContain('deep/literals.go:4:nil-deref-after-check');
    expect(report.errors.filter((error) => error.kind !== 'skipped')).toEqual([]);
    expect(report.errors.map((error) => error.message)).toContain(
      'deep/blocks.go:3: skipped flow analysis of blocks: it nests statements more than 2000 levels deep, so flow-based rules cannot check it',
    );
  }, 180_000);
});

describe('bad configs', () => {
  const cases: Array<[string, string, string]> = [
    ['bad YAML', 'rules: [unclosed\n', 'gocop: .gocop.yaml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n'],
    ['a wrong type', 'rules:\n  nil-deref-after-check: 7\n', 'gocop: .gocop.yaml:2:26: invalid severity "7" for rule nil-deref-after-check; use off, info, warning or error\n'],
    ['an unknown key', 'bogus: true\n', 'gocop: .gocop.yaml:1:1: unknown key "bogus"; the config takes rules, exclude, exclude-dirs, exclude-dirs-use-default, overrides, tests, build-tags\n'],
    ['an unknown rule', 'rules:\n  no-such-rule: off\n', 'gocop: .gocop.yaml:2:3: unknown rule "no-such-rule"; run gocop --list-rules to see them\n'],
  ];
  it.each(cases)('reports %s with its position and exits 2', async (_, config, message) => {
    const dir = withFixture();
    fs.writeFileSync(path.join(dir, '.gocop.yaml'), config);
    const run = await gocop(['./...'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(message);
  });
});

describe('a rule that throws', () => {
  it('is reported by the engine as an internal error naming the rule and the file; the other rules carry on', async () => {
    const throwing = defineRule({
      id: 'throws-on-lookup',
      severity: 'error',
      category: 'internal',
      docs: { summary: 'Test only.', why: 'Test only.', bad: 'package p\n', good: 'package p\n' },
      defaultOptions: {},
      create(context) {
        return {
          function_declaration(node) {
            if (node.childForFieldName('name')?.text === 'lookup') throw new Error('boom');
          },
        };
      },
    });
    const nilRule = findRule('nil-deref-after-check')!;
    const [pkg] = groupPackages(loadDirectory(fixture));
    const result = lintPackage(pkg!, [throwing, nilRule].map((rule) => ({ rule, severity: rule.severity, options: rule.defaultOptions })));
    expect(result.errors).toEqual([
      { kind: 'internal', ruleId: 'throws-on-lookup', file: expect.stringMatching(/lookup\.go$/), message: expect.stringMatching(/^rule throws-on-lookup failed on .*lookup\.go: boom$/) },
    ]);
    expect(result.diagnostics.map((diagnostic) => `${path.basename(diagnostic.file)}:${diagnostic.range.line}:${diagnostic.ruleId}`)).toEqual(['lookup.go:12:nil-deref-after-check']);
  });

  it('makes the CLI print every other finding, one internal error per file, and exit 2', async () => {
    const dir = withFixture();
    const run = await gocop(['./...'], dir, { GOCOP_TEST_THROWING_RULE: '1' });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(FINDING);
    expect(run.stderr).toBe(
      'gocop: rule test-throwing-rule failed on pkg/clean.go: test-throwing-rule always fails\n' +
        'gocop: rule test-throwing-rule failed on pkg/lookup.go: test-throwing-rule always fails\n',
    );
  });
});

describe('a worker thread that dies', () => {
  it('costs only its directory: the others are linted by a fresh worker, with the same findings', async () => {
    const targets = ['--jobs', '2', '--format', 'json', './testdata/src/...'];
    const clean = await gocop(targets, repository);
    const crashed = await gocop(targets, repository, { GOCOP_TEST_CRASHING_DIR: 'finishing' });
    expectNoCrash(crashed);
    expect(crashed.code).toBe(2);
    const parse = (run: Run) => JSON.parse(run.stdout) as { findings: Array<{ file: string }>; errors: Array<{ file: string; message: string }> };
    const before = parse(clean);
    const after = parse(crashed);
    expect(after.errors).toEqual([
      expect.objectContaining({ file: 'testdata/src/map-range-write-race/finishing', message: expect.stringContaining('internal error in a lint worker: test-crashing-rule killed the worker in finishing') }),
    ]);
    const elsewhere = before.findings.filter((finding) => !finding.file.startsWith('testdata/src/map-range-write-race/finishing/'));
    expect(elsewhere.length).toBeLessThan(before.findings.length);
    expect(after.findings).toEqual(elsewhere);
  });
});

describe('determinism', () => {
  it('prints byte-identical output across runs and --jobs values', async () => {
    const targets = ['./examples/...', './testdata/src/...', './testdata/reliability/...'];
    // testdata is skipped by recursive patterns unless named, and it is named here on purpose.
    for (const format of ['json', 'text']) {
      const outputs: Run[] = [];
      for (const jobs of [1, 2, 4, 1]) outputs.push(await gocop(['--format', format, '--jobs', String(jobs), ...targets], repository));
      for (const output of outputs) {
        expectNoCrash(output);
        expect(output.stdout).toBe(outputs[0]!.stdout);
        expect(output.stderr).toBe(outputs[0]!.stderr);
        expect(output.code).toBe(outputs[0]!.code);
      }
      expect(outputs[0]!.stdout.length).toBeGreaterThan(1000);
    }
  }, 180_000);
});

describe('no lost output', () => {
  /** A tree big enough that a run takes a while: copies of the rule testdata, a hundred times over. */
  function bigTree(): string {
    const dir = temporaryDirectory('gocop-reliability-big-');
    for (let copy = 0; copy < 100; copy++) fs.cpSync(path.join(repository, 'testdata/src'), path.join(dir, `copy${copy}`), { recursive: true });
    return dir;
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`leaves the previous --output file whole when interrupted by ${signal}`, async () => {
      const dir = bigTree();
      const output = path.join(dir, 'report.json');
      fs.writeFileSync(output, 'previous report\n');
      const child = spawn(process.execPath, [gocopBin, '--no-cache', '--jobs', '1', '--format', 'json', '--output', output, './...'], { cwd: dir, stdio: 'ignore' });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      child.kill(signal);
      await new Promise((resolve) => child.once('exit', resolve));
      const text = fs.readFileSync(output, 'utf8');
      // Either the run was cut short and the old report is untouched, or it had finished: never half.
      if (text !== 'previous report\n') expect(() => JSON.parse(text)).not.toThrow();
      expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    }, 120_000);
  }

  it('writes the whole report when the run completes', async () => {
    const dir = withFixture();
    const run = await gocop(['--format', 'json', '--output', 'out/report.json', './...'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^gocop: out\/report\.json: cannot write the report: no such file or directory\n/);
    fs.mkdirSync(path.join(dir, 'out'));
    const written = await gocop(['--format', 'json', '--output', 'out/report.json', './...'], dir);
    expect(written.code).toBe(1);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'out/report.json'), 'utf8')).findings).toHaveLength(1);
  });
});
