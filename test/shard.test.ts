// --shard I/N and gocop merge: the shards of a multi-package tree (every package of testdata/src, some
// with _test files and external test packages) merged back give, byte for byte, the report of one
// unsharded run, in JSON and in SARIF; the split follows package directories and does not move when
// packages are added; bad --shard values and unreadable reports are usage errors (exit 2).
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseShard, selectShard, shardOfDirectory } from '../src/cli/shard.js';
import { git, runCli, temporaryDirectory, writeFiles } from './support/cli.js';

const SHARDS = 3;

/** gocop in this thread: worker threads cannot load the TypeScript sources under vitest. */
const gocop = (args: string[], cwd: string) => runCli(args, cwd, '', { cpus: 1 });

/** A git repository holding a copy of testdata/src: about a hundred packages with findings of every rule. */
function multiPackageRepository(): string {
  const root = temporaryDirectory('gocop-shard-');
  fs.cpSync(path.resolve(__dirname, '../testdata/src'), path.join(root, 'src'), { recursive: true });
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  return root;
}

describe('--shard and gocop merge', () => {
  let root: string;
  beforeAll(() => {
    root = multiPackageRepository();
  });

  for (const format of ['json', 'sarif'] as const) {
    it(`merge the ${format} reports of ${SHARDS} shards into the unsharded report, byte for byte`, async () => {
      const flags = ['--format', format, '--include-suppressed', '--no-cache'];
      const whole = await gocop([...flags, './...'], root);
      expect(whole.code).toBe(1);
      const reports: string[] = [];
      const counts: number[] = [];
      for (let index = 1; index <= SHARDS; index++) {
        const file = `shard-${index}.${format}`;
        const shard = await gocop([...flags, '--shard', `${index}/${SHARDS}`, '--output', file, './...'], root);
        expect(shard.code, shard.stderr).toBeLessThan(2);
        reports.push(file);
        const written = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
        counts.push(format === 'json' ? written.findings.length : written.runs[0].results.length);
      }
      // Every shard has work, so the comparison says something about the merge.
      expect(counts.every((count) => count > 0)).toBe(true);
      const merged = await gocop(['merge', ...reports], root);
      expect(merged.stderr).toBe('');
      expect(merged.code).toBe(whole.code);
      expect(merged.stdout).toBe(whole.stdout);
      // The order the reports are named in, and a report named twice, change nothing.
      const shuffled = await gocop(['merge', reports[2]!, reports[0]!, reports[1]!, reports[0]!], root);
      expect(shuffled.stdout).toBe(whole.stdout);
    });
  }

  it('convert between formats and apply the gate of a lint run', async () => {
    const flags = ['--include-suppressed', '--no-cache'];
    for (let index = 1; index <= SHARDS; index++) await gocop([...flags, '--format', 'json', '--shard', `${index}/${SHARDS}`, '--output', `gate-${index}.json`, './...'], root);
    const reports = Array.from({ length: SHARDS }, (_, index) => `gate-${index + 1}.json`);
    const sarif = await gocop([...flags, '--format', 'sarif', './...'], root);
    expect((await gocop(['merge', '--format', 'sarif', ...reports], root)).stdout).toBe(sarif.stdout);
    const text = await gocop([...flags, './...'], root);
    const mergedText = await gocop(['merge', '--format', 'text', ...reports], root);
    expect(mergedText.stdout).toBe(text.stdout);
    expect(mergedText.code).toBe(1);
    expect((await gocop(['merge', '--exit-zero', ...reports], root)).code).toBe(0);
    const quiet = JSON.parse((await gocop(['merge', '--quiet', ...reports], root)).stdout);
    expect(quiet.findings.length).toBeGreaterThan(0);
    expect(quiet.findings.every((finding: { severity: string }) => finding.severity === 'error')).toBe(true);
  });

  it('keep a package, its _test files and its external test package in one shard', async () => {
    const dirs = new Map<string, Set<number>>();
    for (let index = 1; index <= SHARDS; index++) {
      const report = JSON.parse((await gocop(['--format', 'json', '--shard', `${index}/${SHARDS}`, './...'], root)).stdout);
      for (const finding of report.findings as Array<{ file: string }>) {
        const dir = path.posix.dirname(finding.file);
        dirs.set(dir, (dirs.get(dir) ?? new Set()).add(index));
      }
    }
    expect(dirs.size).toBeGreaterThan(SHARDS);
    for (const [dir, shards] of dirs) expect([...shards], dir).toHaveLength(1);
    const withTests = [...dirs.keys()].filter((dir) => fs.readdirSync(path.join(root, dir)).some((name) => name.endsWith('_test.go')));
    expect(withTests.length).toBeGreaterThan(0);
  });

  it('work with --baseline: a shard reports only the findings missing from the whole baseline', async () => {
    const repository = temporaryDirectory('gocop-shard-baseline-');
    writeFiles(repository, {
      'a/a.go': 'package a\n\n//gocop:ignore syntax-error\nvar x = 1\n',
      'b/b.go': 'package b\n\n//gocop:ignore syntax-error\nvar y = 1\n',
      'c/c.go': 'package c\n\n//gocop:ignore syntax-error\nvar z = 1\n',
    });
    expect((await gocop(['--write-baseline', 'baseline.json', './...'], repository)).code).toBe(0);
    writeFiles(repository, { 'b/new.go': 'package b\n\n//gocop:ignore syntax-error\nvar w = 1\n' });
    const found: string[] = [];
    for (let index = 1; index <= SHARDS; index++) {
      const shard = await gocop(['--format', 'json', '--baseline', 'baseline.json', '--shard', `${index}/${SHARDS}`, './...'], repository);
      found.push(...JSON.parse(shard.stdout).findings.map((finding: { file: string }) => finding.file));
    }
    expect(found).toEqual(['b/new.go']);
  });

  it('refuse bad --shard values with a usage error', async () => {
    for (const value of ['0/3', '4/3', '1/0', 'two/3', '1-3', '']) {
      const result = await gocop(['--shard', value, './...'], root);
      expect(result.code, value).toBe(2);
      expect(result.stderr, value).toMatch(/^gocop: --shard /);
    }
    expect((await gocop(['--shard', '1/2', '--write-baseline', 'b.json', './...'], root)).code).toBe(2);
    expect((await gocop(['--shard', '1/2', '--stdin', '--stdin-filename', 'x.go'], root)).code).toBe(2);
  });

  it('refuse a merge of nothing, of a file that is not a report, and of lint flags', async () => {
    expect((await gocop(['merge'], root)).code).toBe(2);
    fs.writeFileSync(path.join(root, 'not-a-report.json'), '{"hello": 1}\n');
    const bad = await gocop(['merge', '--format', 'text', 'not-a-report.json', 'missing.sarif'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not-a-report.json: not a gocop JSON or SARIF report');
    expect(bad.stderr).toContain('missing.sarif: cannot read the report');
    const lintFlag = await gocop(['merge', '--fix', 'x.json'], root);
    expect(lintFlag.code).toBe(2);
    expect(lintFlag.stderr).toContain('--fix does not apply to gocop merge');
  });
});

describe('shard selection', () => {
  it('parses 1-based I/N', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(() => parseShard('3/2')).toThrow('the shard must be between 1 and 2');
  });

  it('splits by package directory, so adding files or packages moves no other package', () => {
    const cwd = '/repo';
    const before = ['/repo/a/a.go', '/repo/a/a_test.go', '/repo/b/b.go', '/repo/c/d/d.go', '/repo/main.go'];
    const after = [...before, '/repo/a/new.go', '/repo/e/e.go', '/repo/f/f.go'];
    for (let index = 1; index <= SHARDS; index++) {
      const shard = { index, count: SHARDS };
      const old = selectShard(before, shard, cwd);
      expect(selectShard(after, shard, cwd).filter((file) => before.includes(file))).toEqual(old);
    }
    const all = [1, 2, 3].flatMap((index) => selectShard(after, { index, count: SHARDS }, cwd));
    expect(all.sort()).toEqual([...after].sort());
    expect(shardOfDirectory('.', SHARDS)).toBe(shardOfDirectory('.', SHARDS));
  });
});
