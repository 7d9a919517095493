// The language server under editor abuse: 1,000 random edits (fast-check, fixed seed) with overlapping
// code-action requests, requests cancelled as soon as they are sent, and close/reopen of the same
// document. The server must stay up, and its final diagnostics must equal the CLI's on the final text.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startClient, uriOf, type LspDiagnostic, type TestClient } from './lsp-client.js';

const START = [
  'package sched',
  '',
  'type Node struct {',
  '\tName string',
  '}',
  '',
  '// pick reads node.Name on the branch where node is nil.',
  'func pick(node *Node) string {',
  '\tif node == nil {',
  '\t\treturn node.Name',
  '\t}',
  '\treturn ""',
  '}',
  '',
].join('\n');

/** Fragments an editor might insert: Go tokens, half-typed code, non-ASCII and astral characters. */
const FRAGMENTS = ['{', '}', '(', ')', '\n', '\t', 'nil', ' == nil', 'node.Name', 'if x != nil {\n', 'return\n', 'go func() {}()', '"é"', '🙂', '`', '/*', '*/', '//', 'func f(p *Node) {\n\tif p == nil {\n\t\tprintln(p.Name)\n\t}\n}\n'];

type Edit = { kind: 'replace'; start: number; length: number; fragment: string } | { kind: 'reopen' } | { kind: 'full' };

const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 40, arbitrary: fc.record({ kind: fc.constant('replace' as const), start: fc.nat(), length: fc.nat({ max: 12 }), fragment: fc.constantFrom(...FRAGMENTS, '') }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'full' as const }) },
);

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function cliFindings(file: string, text: string): string[] {
  let output: string;
  try {
    output = execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin/gocop.js'), '--no-cache', '--format', 'json', '--stdin', '--stdin-filename', file], { input: text, cwd: path.dirname(file), encoding: 'utf8' });
  } catch (error) {
    output = (error as { stdout: string }).stdout;
  }
  const report = JSON.parse(output) as { findings: Array<{ ruleId: string; line: number; column: number; message: string }> };
  return report.findings.map((finding) => `${finding.line}:${finding.column}: ${finding.message} (${finding.ruleId})`);
}

function serverFindings(diagnostics: LspDiagnostic[]): string[] {
  return diagnostics.map((diagnostic) => `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}: ${diagnostic.message} (${diagnostic.code})`);
}

describe('gocop lsp under abuse', () => {
  it('survives 1,000 random edits with overlapping and cancelled requests, and ends where the CLI does', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gocop-lsp-abuse-')));
    tempDirs.push(dir);
    const file = path.join(dir, 'sched.go');
    fs.writeFileSync(file, START);
    const server: TestClient = await startClient({ rootDir: dir });
    try {
      const edits = fc.sample(editArbitrary, { seed: 11, numRuns: 1000 });
      let text = START;
      let version = 1;
      server.open(file, text, version);
      const requests: Array<Promise<unknown>> = [];
      for (const [index, edit] of edits.entries()) {
        version++;
        if (edit.kind === 'reopen') {
          server.close(file);
          server.open(file, text, version);
        } else if (edit.kind === 'full') {
          // A whole-document sync back to valid code (a revert), so the text does not only decay.
          text = `${START}// reverted at edit ${index}\n`;
          server.change(file, version, [{ text }]);
        } else {
          // The package clause is left alone: without it nothing is Go and every run would agree on nothing.
          const header = 'package sched\n'.length;
          const start = header + (edit.start % (text.length - header + 1));
          let end = Math.min(text.length, start + edit.length);
          // Never split a surrogate pair: an editor edits whole characters.
          const startsInside = start > 0 && /[\udc00-\udfff]/.test(text[start] ?? '');
          const from = startsInside ? start - 1 : start;
          if (/[\udc00-\udfff]/.test(text[end] ?? '')) end++;
          const range = { start: positionAt(text, from), end: positionAt(text, end) };
          text = text.slice(0, from) + edit.fragment + text.slice(end);
          server.change(file, version, [{ range, text: edit.fragment }]);
        }
        if (index % 7 === 0) {
          // A code-action request left to overlap with the edits that follow.
          const range = { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
          requests.push(server.request('textDocument/codeAction', { textDocument: { uri: uriOf(file) }, range, context: { diagnostics: [] } }).catch(() => null));
        }
        if (index % 11 === 0) {
          // A request the client gives up on at once.
          const source = new CancellationTokenSource();
          const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
          requests.push(server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uriOf(file) }, range, context: { diagnostics: [] } }, source.token).catch(() => null));
          source.cancel();
        }
        if (index % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(requests);
      const final = await server.waitForDiagnostics(file, (entry) => entry.version === version);
      expect(server.process.exitCode).toBeNull();
      const expected = cliFindings(file, text);
      expect(expected.length).toBeGreaterThan(0);
      expect(serverFindings(final.diagnostics)).toEqual(expected);
      // The server still answers after all that.
      const actions = await server.request<unknown[]>('textDocument/codeAction', { textDocument: { uri: uriOf(file) }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
      expect(Array.isArray(actions) || actions === null).toBe(true);
    } finally {
      await server.stop();
    }
  }, 180_000);
});
