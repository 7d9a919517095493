// End to end in a real editor: headless Neovim (Debian's 0.7, with its built-in LSP client; .ci/run
// installs it) opens every file of the bundled incident example with gocop's language server attached,
// and each finding the CLI reports for that file must show up in Neovim at its line, with its rule id,
// and offer the rule's suggested fixes and the ignore directives as code actions.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './lsp-client.js';

const hasNeovim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
const INCIDENTS = path.join(REPO_ROOT, 'examples/incidents');

interface CliFinding {
  ruleId: string;
  message: string;
  file: string;
  line: number;
  column: number;
  fixes: Array<{ message: string }>;
}

interface NeovimReport {
  files: Record<string, { published: Array<{ code?: string; message: string; source?: string }>; shown: Array<{ line: number; column: number; message: string; source?: string; code?: string; actions: string[] }> }>;
  errors: string[];
}

describe('neovim end to end', () => {
  // Without Neovim the test is skipped locally, but CI (which installs it) must run it.
  it.skipIf(!hasNeovim && !process.env.CI)('shows gocop findings on the incident files', () => {
    const files = fs
      .readdirSync(INCIDENTS, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.go'))
      .map((name) => path.join(INCIDENTS, name))
      .sort();
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gocop-nvim-')), 'report.json');
    const run = spawnSync('nvim', ['--headless', '--clean', '-u', path.join(REPO_ROOT, 'testdata/lsp/neovim.lua')], {
      env: { ...process.env, GOCOP_E2E_FILES: files.join('\n'), GOCOP_E2E_OUT: out, GOCOP_E2E_ROOT: INCIDENTS, GOCOP_E2E_NODE: process.execPath, GOCOP_E2E_BIN: path.join(REPO_ROOT, 'bin/gocop.js') },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(fs.existsSync(out), `neovim wrote no report; status ${run.status}, stderr: ${run.stderr}`).toBe(true);
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimReport;
    expect(report.errors).toEqual([]);

    const expected = JSON.parse(runCli(['./...'])) as { findings: CliFinding[] };
    expect(expected.findings.length, 'the incident example yields findings once rules exist').toBeGreaterThan(0);
    for (const file of files) {
      const want = expected.findings.filter((finding) => path.resolve(INCIDENTS, finding.file) === file).map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}: ${finding.message}`);
      const shown = (report.files[file]?.shown ?? []).filter((diagnostic) => diagnostic.source === 'gocop').map((diagnostic) => `${diagnostic.line}:${diagnostic.column} ${diagnostic.code}: ${diagnostic.message}`);
      expect(shown.sort(), path.relative(INCIDENTS, file)).toEqual(want.sort());
      // Each finding offers its rule's fixes and the ignore directives as code actions in Neovim.
      for (const finding of expected.findings.filter((candidate) => path.resolve(INCIDENTS, candidate.file) === file)) {
        const diagnostic = report.files[file]!.shown.find((candidate) => candidate.line === finding.line && candidate.code === finding.ruleId)!;
        expect(diagnostic.actions, `${finding.file}:${finding.line}`).toEqual(expect.arrayContaining([...finding.fixes.map((fix) => fix.message), `Ignore ${finding.ruleId} on this line`, `Ignore ${finding.ruleId} in this file`]));
      }
    }
  });
});

function runCli(args: string[]): string {
  try {
    return execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin/gocop.js'), '--format', 'json', ...args], { cwd: INCIDENTS, encoding: 'utf8' });
  } catch (error) {
    return (error as { stdout: string }).stdout;
  }
}
