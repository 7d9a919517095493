// Whole runs that read imported packages: which files a run lints under build constraints (GOOS,
// GOARCH, --tags, files named explicitly), what --verbose says about left-out files and imports not
// found (from worker threads too), and the result cache noticing an edit to an imported package. The
// findings come from the test-only rule that names each imported package's functions
// (GOCOP_TEST_IMPORTS_RULE=1, src/driver/test-rules.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, temporaryDirectory, writeFiles } from './support/cli.js';

const modules = path.resolve(__dirname, '../testdata/modules').split(path.sep).join('/');
const constraints = `${modules}/constraints/app`;

interface JsonReport {
  filesLinted: number;
  findings: Array<{ ruleId: string; message: string; file: string }>;
}

async function lintJson(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<JsonReport & { stderr: string }> {
  const result = await runCli(['--no-cache', '--format', 'json', '--jobs', '1', '--verbose', ...args], cwd, '', { env });
  return { ...(JSON.parse(result.stdout) as JsonReport), stderr: result.stderr };
}

function importMessages(report: JsonReport): string[] {
  return report.findings.filter((finding) => finding.ruleId === 'test-imports-rule').map((finding) => finding.message);
}

beforeAll(() => {
  process.env.GOCOP_TEST_IMPORTS_RULE = '1';
});
afterAll(() => {
  delete process.env.GOCOP_TEST_IMPORTS_RULE;
});

describe('build constraints in a run', () => {
  it('read an imported package as built for the host by default', async () => {
    const report = await lintJson(['./cmd'], constraints, { GOOS: 'linux', GOARCH: 'amd64' });
    expect(importMessages(report)).toEqual(['example.com/constraints/platform declares Describe, fast, name']);
  });

  it('read it as built for GOOS, GOARCH and --tags', async () => {
    const report = await lintJson(['--tags', 'special', './cmd'], constraints, { GOOS: 'windows', GOARCH: 'arm64' });
    expect(importMessages(report)).toEqual(['example.com/constraints/platform declares Describe, Special, WindowsOnly, fast, name']);
  });

  it('lint a directory files for the target only, and say how many were left out', async () => {
    const report = await lintJson(['./platform'], constraints, { GOOS: 'linux', GOARCH: 'amd64' });
    expect(report.filesLinted).toBe(4);
    expect(report.stderr).toContain('gocop: 6 files left out by build constraints for linux/amd64');
    const tagged = await lintJson(['--tags', 'special', './platform'], constraints, { GOOS: 'linux', GOARCH: 'amd64' });
    expect(tagged.filesLinted).toBe(5);
    expect(tagged.stderr).toContain('for linux/amd64 (tags: special)');
  });

  it('take build-tags from the config, for the directories it governs and for imported packages', async () => {
    const root = temporaryDirectory();
    fs.cpSync(constraints, root, { recursive: true });
    writeFiles(root, { '.gocop.yaml': 'build-tags: [special]\n' });
    const platform = await lintJson(['./platform'], root, { GOOS: 'linux', GOARCH: 'amd64' });
    expect(platform.filesLinted).toBe(5);
    const cmd = await lintJson(['./cmd'], root, { GOOS: 'linux', GOARCH: 'amd64' });
    expect(importMessages(cmd)).toEqual(['example.com/constraints/platform declares Describe, Special, fast, name']);
  });

  it('lint a file named on the command line whatever its constraints', async () => {
    const report = await lintJson(['platform/name_windows.go', 'platform/gen.go'], constraints, { GOOS: 'linux', GOARCH: 'amd64' });
    expect(report.filesLinted).toBe(2);
    expect(report.stderr).not.toContain('left out by build constraints');
  });
});

describe('imports not found', () => {
  it('are listed once with --verbose', async () => {
    const root = temporaryDirectory();
    writeFiles(root, {
      'go.mod': 'module example.com/m\n\nrequire example.com/gone v1.0.0\n',
      'a/a.go': 'package a\n\nimport "example.com/gone/x"\n\nvar _ = x.Y\n',
      'b/b.go': 'package b\n\nimport (\n\t"example.com/gone/x"\n\t"example.com/m/a"\n)\n\nvar _ = x.Y\nvar _ = a.Z\n',
    });
    const result = await runCli(['--no-cache', '--jobs', '1', '--verbose', './...'], root, '', { env: { GOMODCACHE: `${root}/nocache` } });
    const lines = result.stderr.split('\n').filter((line) => line.includes('not found on disk'));
    expect(lines).toEqual(['gocop: 1 import not found on disk, analysed without it: example.com/gone/x']);
  });

  it('come back from worker threads', () => {
    const root = temporaryDirectory();
    const files: Record<string, string> = { 'go.mod': 'module example.com/m\n' };
    for (let index = 0; index < 45; index++) files[`p${index}/p.go`] = `package p${index}\n\nimport "example.com/missing/n${index % 3}"\n\nvar _ = n${index % 3}.V\n`;
    writeFiles(root, files);
    const result = spawnSync(process.execPath, [path.resolve(__dirname, '../bin/gocop.js'), '--no-cache', '--verbose', '--jobs', '2', './...'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, GOCOP_TEST_IMPORTS_RULE: '1', GOMODCACHE: `${root}/nocache` },
    });
    expect(result.stderr).toContain('gocop: 3 imports not found on disk, analysed without them: example.com/missing/n0, example.com/missing/n1, example.com/missing/n2\n');
  });
});

describe('the result cache', () => {
  it('gives the new findings after an edit to an imported package, and reuses the rest', async () => {
    const root = temporaryDirectory();
    fs.cpSync(`${modules}/local/app`, root, { recursive: true });
    const cacheDir = `${root}/.cache`;
    const lint = async () => {
      const result = await runCli(['--cache-dir', cacheDir, '--format', 'json', '--jobs', '1', './cmd'], root, '', { env: {} });
      return importMessages(JSON.parse(result.stdout) as JsonReport).filter((message) => message.startsWith('example.com/'));
    };
    expect(await lint()).toEqual(['example.com/app/util declares NewClient']);
    const entries = () => fs.readdirSync(cacheDir, { recursive: true }).filter((name) => String(name).endsWith('.json')).length;
    const written = entries();
    expect(await lint()).toEqual(['example.com/app/util declares NewClient']);
    expect(entries()).toBe(written);
    fs.appendFileSync(`${root}/util/client.go`, '\n// NewServer is new.\nfunc NewServer() {}\n');
    expect(await lint()).toEqual(['example.com/app/util declares NewClient, NewServer']);
    fs.writeFileSync(`${root}/util/extra.go`, 'package util\n\nfunc Extra() {}\n');
    expect(await lint()).toEqual(['example.com/app/util declares Extra, NewClient, NewServer']);
  });
});
