// The GitHub Action (action.yml). GitHub itself cannot run here, so the test checks the action's shape
// (a composite action that sets up Node, installs gocop from its own checkout with npm ci, uploads SARIF
// with github/codeql-action/upload-sarif even when the lint fails, then fails the job), checks that
// every flag it passes is one the CLI knows and that its defaults are values the CLI takes, and runs
// its lint script, scripts/github-action.sh, for real with the environment GitHub would give it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { FLAGS } from '../src/cli/args.js';
import { gitRepository, temporaryDirectory } from './support/cli.js';

const repositoryRoot = path.resolve(__dirname, '..');
const actionText = fs.readFileSync(path.join(repositoryRoot, 'action.yml'), 'utf8');
const script = path.join(repositoryRoot, 'scripts/github-action.sh');
const scriptText = fs.readFileSync(script, 'utf8');

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  id?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}

const action = parseYaml(actionText) as { inputs: Record<string, { default?: string; description: string }>; runs: { using: string; steps: Step[] } };
const steps = action.runs.steps;

/** Inputs that are passed to gocop as the flag of the same name. */
const FLAG_INPUTS = ['new-from-rev', 'fail-on'];

describe('action.yml', () => {
  it('is a composite action that sets up Node, installs gocop from its checkout, lints, uploads SARIF, then fails', () => {
    expect(action.runs.using).toBe('composite');
    expect(steps.map((step) => step.uses ?? step.id ?? step.run)).toEqual([
      'actions/setup-node@v4',
      'npm ci --no-audit --no-fund',
      'lint',
      'github/codeql-action/upload-sarif@v3',
      expect.stringContaining('exit "$GOCOP_EXIT_CODE"'),
    ]);
    expect(steps[1]!['working-directory']).toBe('${{ github.action_path }}');
    expect(steps[2]!.run).toBe('bash "${{ github.action_path }}/scripts/github-action.sh"');
    expect(steps[3]!.if).toMatch(/^always\(\) && /);
    expect(steps[3]!.with).toEqual({ sarif_file: '${{ steps.lint.outputs.sarif-file }}', category: '${{ inputs.category }}' });
    for (const step of steps.filter((candidate) => candidate.run)) expect(step.shell).toBe('bash');
  });

  it('takes paths, args, new-from-rev and fail-on, and uses every input it declares', () => {
    for (const input of ['paths', 'args', 'new-from-rev', 'fail-on']) expect(Object.keys(action.inputs)).toContain(input);
    for (const input of Object.keys(action.inputs)) expect(actionText, `input ${input} is never used`).toContain(`inputs.${input}`);
    // Inputs reach the script through the environment, never spliced into a run: line.
    for (const step of steps) expect(step.run ?? '').not.toContain('inputs.');
  });

  it('passes only flags the CLI has, with defaults the CLI accepts', () => {
    for (const input of FLAG_INPUTS) expect(Object.keys(FLAGS), `--${input}`).toContain(input);
    expect(scriptText).toContain('--fail-on "${GOCOP_FAIL_ON:-warning}"');
    expect(scriptText).toContain('--new-from-rev "$GOCOP_NEW_FROM_REV"');
    const flags = new Set([...`${actionText}\n${scriptText}`.matchAll(/(?<![\w-])--([a-z][a-z-]+)/g)].map((match) => match[1]!));
    const npmFlags = new Set(['no-audit', 'no-fund']);
    for (const flag of flags) if (!npmFlags.has(flag)) expect(Object.keys(FLAGS), `--${flag}`).toContain(flag);
    expect(FLAGS['fail-on'].help).toContain(action.inputs['fail-on']!.default);
    expect(action.inputs.paths!.default).toBe('./...');
  });
});

interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  sarif: any;
}

/** Runs the lint script as the action's lint step would, in `cwd`, with the given inputs. */
function runLintStep(cwd: string, inputs: { paths?: string; args?: string; 'new-from-rev'?: string; 'fail-on'?: string }): ActionRun {
  const temp = temporaryDirectory('gocop-runner-temp-');
  const outputFile = path.join(temp, 'github-output');
  fs.writeFileSync(outputFile, '');
  const sarifFile = path.join(temp, 'gocop.sarif');
  const run = spawnSync('bash', [script], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      NO_COLOR: '1',
      GITHUB_OUTPUT: outputFile,
      GOCOP_BIN: path.join(repositoryRoot, 'bin/gocop.js'),
      GOCOP_PATHS: inputs.paths ?? './...',
      GOCOP_ARGS: inputs.args ?? '',
      GOCOP_NEW_FROM_REV: inputs['new-from-rev'] ?? '',
      GOCOP_FAIL_ON: inputs['fail-on'] ?? 'warning',
      GOCOP_SARIF: sarifFile,
    },
  });
  const outputs = Object.fromEntries(
    fs
      .readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, outputs, sarif: fs.existsSync(sarifFile) ? JSON.parse(fs.readFileSync(sarifFile, 'utf8')) : null };
}

describe('the action lint step (scripts/github-action.sh)', () => {
  const WARNING_GO = 'package p\n\n//gocop:ignore syntax-error\nvar a = 1\n';

  it('writes SARIF, prints annotations and hands the exit code to the next steps', () => {
    const root = gitRepository({ 'p/a.go': WARNING_GO, 'vendor/v/a.go': WARNING_GO });
    const run = runLintStep(root, {});
    expect(run.status).toBe(0);
    expect(run.outputs['exit-code']).toBe('1');
    expect(run.outputs['sarif-file']).toMatch(/gocop\.sarif$/);
    expect(run.sarif.runs[0].results.map((result: any) => result.locations[0].physicalLocation.artifactLocation.uri)).toEqual(['p/a.go']);
    expect(run.stdout).toMatch(/^::warning file=p\/a\.go,line=3,col=1,.*title=invalid-directive::/m);
  });

  it('passes fail-on, new-from-rev, paths and args to gocop', () => {
    const root = gitRepository({ 'p/a.go': WARNING_GO, 'q/b.go': 'package q\n\nfunc f() {\n' });
    expect(runLintStep(root, { 'fail-on': 'error', paths: './p/...' }).outputs['exit-code']).toBe('0');
    expect(runLintStep(root, { 'new-from-rev': 'HEAD' }).outputs['exit-code']).toBe('0');
    fs.writeFileSync(path.join(root, 'p/c.go'), WARNING_GO);
    const changed = runLintStep(root, { 'new-from-rev': 'HEAD' });
    expect(changed.sarif.runs[0].results.map((result: any) => result.locations[0].physicalLocation.artifactLocation.uri)).toEqual(['p/c.go']);
    const onlyDirectives = runLintStep(root, { args: '--rules invalid-directive --quiet', paths: './p/... ./q/...' });
    expect(onlyDirectives.outputs['exit-code']).toBe('0');
    expect(onlyDirectives.sarif.runs[0].results).toEqual([]);
  });

  it('cannot be made to run shell code through its inputs', () => {
    const root = gitRepository({ 'p/a.go': WARNING_GO });
    const run = runLintStep(root, { args: '$(touch pwned) ; touch pwned2', paths: '`touch pwned3` ./...' });
    expect(run.outputs['exit-code']).toBe('2');
    // The words arrive as plain arguments: here, paths that do not exist.
    expect(run.stderr).toContain('gocop: $(touch: no such file or directory');
    expect(fs.readdirSync(root).filter((name) => name.startsWith('pwned'))).toEqual([]);
  });
});
