// The CI gate on existing code: --write-baseline and --baseline (matching by fingerprint, so moved code
// stays baselined and edited code does not), --new-from-rev against a temporary git repository, and
// the exit codes of --fail-on and --max-warnings. Findings come from invalid-directive (a directive
// without a reason, a warning) and syntax-error (an error), which need no other rule.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../src/engine/new-from-rev.js';
import { git, gitRepository, runCli, temporaryDirectory, writeFiles } from './support/cli.js';

const original = [
  'package p',
  '',
  'func f() {',
  '\t//gocop:ignore syntax-error',
  '\t_ = 1',
  '}',
  '',
  'func g() {',
  '\t//gocop:ignore invalid-directive',
  '\t_ = 2',
  '}',
  '',
].join('\n');

/** f and g swapped, a helper inserted above them and everything re-indented: the flagged lines are unchanged. */
const moved = [
  'package p',
  '',
  'func helper() int {',
  '\treturn 3',
  '}',
  '',
  'func g() {',
  '\t\t//gocop:ignore invalid-directive',
  '\t_ = 2',
  '}',
  '',
  'func f() {',
  '    //gocop:ignore   syntax-error',
  '\t_ = 1',
  '}',
  '',
].join('\n');

function messages(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => /^\S+:\d+:\d+: /.test(line))
    .map((line) => line.replace(/: (warning|error|info): .*\((.*)\)$/, ' $2'));
}

describe('--baseline and --write-baseline', () => {
  it('baselines current findings, keeps them quiet when code moves, and reports new and edited ones', async () => {
    const root = gitRepository({ 'p/a.go': original });
    const written = await runCli(['--write-baseline', '.gocop-baseline.json', './...'], root);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(written.stderr).toBe('gocop: wrote 2 findings to the baseline .gocop-baseline.json\n');
    const baseline = JSON.parse(fs.readFileSync(path.join(root, '.gocop-baseline.json'), 'utf8'));
    expect(baseline.findings.map((entry: { file: string; line: number; ruleId: string }) => [entry.file, entry.line, entry.ruleId])).toEqual([
      ['p/a.go', 4, 'invalid-directive'],
      ['p/a.go', 9, 'invalid-directive'],
    ]);

    expect(await runCli(['--baseline', '.gocop-baseline.json', './...'], root)).toMatchObject({ code: 0, stdout: '' });

    fs.writeFileSync(path.join(root, 'p/a.go'), moved);
    expect(await runCli(['--baseline', '.gocop-baseline.json', './...'], root)).toMatchObject({ code: 0, stdout: '' });
    expect((await runCli(['./...'], root)).code).toBe(1);

    fs.writeFileSync(path.join(root, 'p/a.go'), moved.replace('\t\t//gocop:ignore invalid-directive', '\t//gocop:ignore invalid-directive,syntax-error'));
    writeFiles(root, { 'q/b.go': 'package q\n\nfunc h() {\n\treturn 1 +\n}\n' });
    const after = await runCli(['--baseline', '.gocop-baseline.json', './...'], root);
    expect(after.code).toBe(1);
    expect(messages(after.stdout)).toEqual(['p/a.go:8:2 invalid-directive', 'q/b.go:4:11 syntax-error']);
  });

  it('works from a subdirectory, with paths relative to the repository root', async () => {
    const root = gitRepository({ 'p/a.go': original });
    expect((await runCli(['--write-baseline', 'base.json', './...'], root)).code).toBe(0);
    expect(await runCli(['--baseline', '../base.json', '.'], `${root}/p`)).toMatchObject({ code: 0, stdout: '' });
  });

  it('counts duplicates: a second copy of a baselined line is new', async () => {
    const root = gitRepository({ 'p/a.go': original });
    await runCli(['--write-baseline', 'base.json', './...'], root);
    fs.writeFileSync(path.join(root, 'p/a.go'), `${original}\nfunc k() {\n\t//gocop:ignore syntax-error\n\t_ = 3\n}\n`);
    const result = await runCli(['--baseline', 'base.json', './...'], root);
    expect(messages(result.stdout)).toEqual(['p/a.go:14:2 invalid-directive']);
  });

  it('explains a missing or malformed baseline and exits 2', async () => {
    const root = gitRepository({ 'p/a.go': 'package p\n' });
    expect(await runCli(['--baseline', 'none.json', './...'], root)).toMatchObject({
      code: 2,
      stderr: 'gocop: none.json: bad baseline: cannot read it: no such file or directory (create it with --write-baseline)\n',
    });
    writeFiles(root, { 'bad.json': '{"findings": 3}', 'old.json': '{"version": 0, "findings": []}', 'broken.json': '{' });
    expect((await runCli(['--baseline', 'bad.json', './...'], root)).stderr).toContain('not a gocop baseline: it needs a "findings" list');
    expect((await runCli(['--baseline', 'old.json', './...'], root)).stderr).toContain('baseline version 0 is not supported');
    expect((await runCli(['--baseline', 'broken.json', './...'], root)).stderr).toContain('broken.json: bad baseline: not valid JSON');
  });
});

describe('--new-from-rev', () => {
  it('reports only findings on lines changed since the revision', async () => {
    const root = gitRepository({ 'p/a.go': original, 'p/c.go': 'package p\n' });
    expect(await runCli(['--new-from-rev', 'HEAD', './...'], root)).toMatchObject({ code: 0, stdout: '' });

    // Moved code: the flagged lines are unchanged in content, so git diff shows them as context at most.
    fs.writeFileSync(path.join(root, 'p/a.go'), original.replace('package p\n', 'package p\n\nconst limit = 3\n'));
    expect(await runCli(['--new-from-rev', 'HEAD', './...'], root)).toMatchObject({ code: 0, stdout: '' });

    // An edited line and a staged new finding in another file are reported; the old findings are not.
    fs.writeFileSync(path.join(root, 'p/a.go'), original.replace('package p\n', 'package p\n\nconst limit = 3\n').replace('ignore invalid-directive', 'ignore invalid-directive,syntax-error'));
    fs.writeFileSync(path.join(root, 'p/c.go'), 'package p\n\nfunc h() {\n\t//gocop:file-ignore syntax-error\n}\n');
    git(root, 'add', 'p/c.go');
    writeFiles(root, { 'p/untracked.go': 'package p\n\n//gocop:ignore syntax-error\nvar x = 1\n' });
    const result = await runCli(['--new-from-rev', 'HEAD', './...'], root);
    expect(result.code).toBe(1);
    expect(messages(result.stdout)).toEqual(['p/a.go:11:2 invalid-directive', 'p/c.go:4:2 invalid-directive', 'p/untracked.go:3:1 invalid-directive']);

    // Against the parent of a new commit, the committed change still counts.
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'change');
    expect(messages((await runCli(['--new-from-rev', 'HEAD~1', './...'], root)).stdout)).toHaveLength(3);
    expect(await runCli(['--new-from-rev', 'HEAD', './...'], root)).toMatchObject({ code: 0, stdout: '' });
  });

  it('combines with --baseline', async () => {
    const root = gitRepository({ 'p/a.go': original });
    fs.writeFileSync(path.join(root, 'p/a.go'), `${original}\nfunc k() {\n\t//gocop:ignore nil-deref-after-check\n}\n`);
    await runCli(['--write-baseline', 'base.json', './...'], root);
    expect(await runCli(['--baseline', 'base.json', '--new-from-rev', 'HEAD', './...'], root)).toMatchObject({ code: 0, stdout: '' });
  });

  it('explains an unknown revision or a missing repository and exits 2', async () => {
    const root = gitRepository({ 'p/a.go': original });
    expect(await runCli(['--new-from-rev', 'no-such-branch', './...'], root)).toMatchObject({ code: 2 });
    expect((await runCli(['--new-from-rev', 'no-such-branch', './...'], root)).stderr).toContain(
      '--new-from-rev: unknown revision no-such-branch (try a branch, a tag or a commit such as HEAD~1)',
    );
    expect((await runCli(['--new-from-rev=--output=x', './...'], root)).stderr).toContain('is not a revision');
    const plain = temporaryDirectory();
    writeFiles(plain, { 'p.go': 'package p\n' });
    expect((await runCli(['--new-from-rev', 'HEAD', './...'], plain)).stderr).toMatch(/--new-from-rev needs a git repository/);
  });

  it('parses unified diff hunks, deletions and quoted paths', () => {
    const diff = [
      'diff --git a/a.go b/a.go',
      '--- a/a.go',
      '+++ b/a.go',
      '@@ -3,0 +4,2 @@ func f() {',
      '@@ -10 +12 @@',
      '@@ -20,3 +21,0 @@',
      'diff --git a/gone.go b/gone.go',
      '--- a/gone.go',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '+++ "b/sp\\303\\251cial\\tname.go"',
      '@@ -0,0 +1 @@',
    ].join('\n');
    const changed = parseUnifiedDiff(diff);
    // The deletion after new line 21 marks the lines on both sides of the gap.
    expect([...changed.get('a.go')!]).toEqual([4, 5, 12, 21, 22]);
    expect([...changed.get('spécial\tname.go')!]).toEqual([1]);
    expect(changed.has('gone.go')).toBe(false);
  });
});

describe('exit codes for the gate', () => {
  const files = { 'w.go': 'package p\n\n//gocop:ignore syntax-error\nvar a = 1\n\n//gocop:ignore syntax-error\nvar b = 2\n' };

  it('--fail-on sets the lowest severity that fails', async () => {
    const root = temporaryDirectory();
    writeFiles(root, files);
    expect((await runCli(['./...'], root)).code).toBe(1);
    expect((await runCli(['--fail-on', 'warning', './...'], root)).code).toBe(1);
    expect((await runCli(['--fail-on', 'error', './...'], root)).code).toBe(0);
    writeFiles(root, { 'e.go': 'package p\n\nfunc f() {\n' });
    expect((await runCli(['--fail-on', 'error', './...'], root)).code).toBe(1);
  });

  it('--max-warnings fails on more warnings than allowed', async () => {
    const root = temporaryDirectory();
    writeFiles(root, files);
    expect((await runCli(['--max-warnings', '2', './...'], root)).code).toBe(0);
    expect((await runCli(['--max-warnings', '1', './...'], root)).code).toBe(1);
    expect((await runCli(['--max-warnings', '5', '--fail-on', 'warning', './...'], root)).code).toBe(1);
  });

  it('rejects bad gate values', async () => {
    const root = temporaryDirectory();
    expect((await runCli(['--fail-on', 'fatal', '.'], root)).stderr).toContain('--fail-on takes info, warning or error, not fatal');
    expect((await runCli(['--max-warnings', '-1', '.'], root)).code).toBe(2);
    expect((await runCli(['--config', 'a.yaml', '--no-config', '.'], root)).stderr).toContain('--config and --no-config cannot be used together');
  });
});
