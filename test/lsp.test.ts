// Integration tests of the language server: each test spawns the built server (`gocop lsp --stdio`) and
// drives it over JSON-RPC the way an editor would.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startClient, uriOf, type LspDiagnostic, type TestClient } from './lsp-client.js';

const clients: TestClient[] = [];
const tempDirs: string[] = [];

async function client(options: Parameters<typeof startClient>[0] = {}): Promise<TestClient> {
  const started = await startClient(options);
  clients.push(started);
  return started;
}

/** A temporary package directory holding the given files. */
function tempPackage(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gocop-lsp-')));
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The CLI's findings for a file's text, as JSON. */
function cliFindings(file: string, text: string): Array<Record<string, unknown>> {
  let output: string;
  try {
    output = execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin/gocop.js'), '--format', 'json', '--stdin', '--stdin-filename', file], { input: text, cwd: path.dirname(file), encoding: 'utf8' });
  } catch (error) {
    output = (error as { stdout: string }).stdout;
  }
  return (JSON.parse(output) as { findings: Array<Record<string, unknown>> }).findings;
}

/** A server diagnostic in the CLI's JSON shape (1-based positions), for comparison. */
function asCliFinding(diagnostic: LspDiagnostic): Record<string, unknown> {
  return {
    ruleId: diagnostic.code,
    severity: ['', 'error', 'warning', 'info'][diagnostic.severity ?? 0],
    message: diagnostic.message,
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
    related: (diagnostic.relatedInformation ?? []).map((related) => ({
      message: related.message,
      line: related.location.range.start.line + 1,
      column: related.location.range.start.character + 1,
    })),
  };
}

function comparable(finding: Record<string, unknown>): Record<string, unknown> {
  const related = (finding.related as Array<Record<string, unknown>>).map((entry) => ({ message: entry.message, line: entry.line, column: entry.column }));
  return { ruleId: finding.ruleId, severity: finding.severity, message: finding.message, line: finding.line, column: finding.column, endLine: finding.endLine, endColumn: finding.endColumn, related };
}

const HALF_TYPED = 'package shop\n\nfunc total(prices []int) int {\n\tsum := 0\n\tfor _, p := range prices {\n\t\tsum +=\n\t}\n\treturn sum\n}\n';
const FIXED = 'package shop\n\nfunc total(prices []int) int {\n\tsum := 0\n\tfor _, p := range prices {\n\t\tsum += p\n\t}\n\treturn sum\n}\n';

beforeAll(() => {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist/server/main.js'))) execFileSync('npx', ['tsc', '-p', '.'], { cwd: REPO_ROOT });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((started) => started.stop()));
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('gocop lsp', () => {
  it('negotiates capabilities at initialize', async () => {
    const plain = await client();
    const capabilities = plain.initializeResult.capabilities as Record<string, any>;
    expect(capabilities.positionEncoding).toBe('utf-16');
    expect(capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(capabilities.codeActionProvider.codeActionKinds).toEqual(['quickfix', 'source.fixAll.gocop']);
    expect(capabilities.diagnosticProvider).toBeUndefined();

    const utf8 = await client({ capabilities: { general: { positionEncodings: ['utf-8', 'utf-16'] }, textDocument: { diagnostic: {} } } });
    const utf8Capabilities = utf8.initializeResult.capabilities as Record<string, any>;
    expect(utf8Capabilities.positionEncoding).toBe('utf-8');
    expect(utf8Capabilities.codeActionProvider).toBe(true);
    expect(utf8Capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: true });
  });

  it('publishes on open, re-lints on change and clears on close, for a file outside any workspace folder', async () => {
    const dir = tempPackage({ 'shop.go': HALF_TYPED });
    const file = path.join(dir, 'shop.go');
    const server = await client();
    server.open(file, HALF_TYPED);
    const opened = await server.waitForDiagnostics(file);
    expect(opened.version).toBe(1);
    expect(opened.diagnostics).toHaveLength(1);
    expect(opened.diagnostics[0]).toMatchObject({
      source: 'gocop',
      code: 'syntax-error',
      severity: 1,
      codeDescription: { href: expect.stringMatching(/docs\/rules\/syntax-error\.md$/) },
      range: { start: { line: 5, character: 8 } },
    });

    // Type the missing operand: an incremental edit at line 6 (0-based 5), after "sum +=".
    server.change(file, 2, [{ range: { start: { line: 5, character: 8 }, end: { line: 5, character: 8 } }, text: ' p' }]);
    const changed = await server.waitForDiagnostics(file, (published) => published.version === 2);
    expect(changed.diagnostics).toEqual([]);

    const before = server.published.length;
    server.close(file);
    const closed = await server.waitForDiagnostics(file, () => true, before);
    expect(closed.diagnostics).toEqual([]);
  });

  it('reports what the CLI reports on the same text', async () => {
    const root = path.join(REPO_ROOT, 'examples/incidents');
    const files = fs
      .readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.go'))
      .map((name) => path.join(root, name))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    const server = await client({ rootDir: root });
    let total = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      server.open(file, text);
      const published = await server.waitForDiagnostics(file, (entry) => entry.version === 1);
      expect(published.diagnostics.map(asCliFinding), file).toEqual(cliFindings(file, text).map(comparable));
      total += published.diagnostics.length;
      // An unsaved, half-typed buffer: the same text given to the CLI on stdin.
      const broken = text.replace(/\n}\n/, '\n\tx := \n}\n');
      server.change(file, 2, [{ text: broken }]);
      const edited = await server.waitForDiagnostics(file, (entry) => entry.version === 2);
      expect(edited.diagnostics.map(asCliFinding), `${file} (edited)`).toEqual(cliFindings(file, broken).map(comparable));
      server.close(file);
    }
    expect(total).toBeGreaterThan(0);
  }, 180_000);

  it('re-lints the other open files of a package when one of them changes', async () => {
    const dir = tempPackage({
      'exit.go': 'package sched\n\nimport "os"\n\n// giveUp logs and exits; it never returns.\nfunc giveUp(msg string) {\n\tprintln(msg)\n\tos.Exit(1)\n}\n',
      'filter.go':
        'package sched\n\ntype Node struct{ Name string }\n\n// name relies on giveUp never returning.\nfunc name(node *Node) string {\n\tif node == nil {\n\t\tgiveUp("no node")\n\t\treturn "missing " + node.Name\n\t}\n\treturn node.Name\n}\n',
    });
    const exitFile = path.join(dir, 'exit.go');
    const filterFile = path.join(dir, 'filter.go');
    const server = await client({ rootDir: dir });
    server.open(exitFile, fs.readFileSync(exitFile, 'utf8'));
    server.open(filterFile, fs.readFileSync(filterFile, 'utf8'));
    const quiet = await server.waitForDiagnostics(filterFile);
    expect(quiet.diagnostics).toEqual([]);

    // Unsaved edit in exit.go: giveUp now returns, so node.Name in filter.go's nil branch is reached.
    const before = server.published.length;
    server.change(exitFile, 2, [{ range: { start: { line: 7, character: 1 }, end: { line: 7, character: 11 } }, text: 'return' }]);
    const loud = await server.waitForDiagnostics(filterFile, (entry) => entry.diagnostics.length > 0, before);
    expect(loud.version).toBe(1);
    expect(loud.diagnostics[0]).toMatchObject({ code: 'nil-deref-after-check', range: { start: { line: 8 } } });
    expect(loud.diagnostics[0]!.relatedInformation?.[0]?.location).toMatchObject({ uri: uriOf(filterFile), range: { start: { line: 6 } } });
  });

  it('offers quick fixes, ignore directives and fix-all, with edits that work', async () => {
    const source = 'package lb\n\nimport "net/http"\n\n// get uses a client without a timeout.\nfunc get(url string) (*http.Response, error) {\n\tclient := &http.Client{}\n\treturn client.Get(url)\n}\n';
    const dir = tempPackage({ 'lb.go': source });
    const file = path.join(dir, 'lb.go');
    const server = await client({ rootDir: dir, capabilities: { workspace: { configuration: true, workspaceEdit: { documentChanges: true } }, textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } } } });
    server.open(file, source);
    const published = await server.waitForDiagnostics(file);
    const finding = published.diagnostics.find((diagnostic) => diagnostic.code === 'http-client-no-timeout');
    expect(finding, JSON.stringify(published.diagnostics)).toBeDefined();

    const actions = await server.request<Array<Record<string, any>>>('textDocument/codeAction', {
      textDocument: { uri: uriOf(file) },
      range: finding!.range,
      context: { diagnostics: [finding] },
    });
    const titles = actions.map((action) => action.title);
    expect(titles).toContain('Ignore http-client-no-timeout on this line');
    expect(titles).toContain('Ignore http-client-no-timeout in this file');
    const apply = (action: Record<string, any>): string => applyEdit(source, action.edit.documentChanges[0].edits);

    const ignoreLine = actions.find((action) => action.title === 'Ignore http-client-no-timeout on this line')!;
    expect(ignoreLine.edit.documentChanges[0].textDocument).toEqual({ uri: uriOf(file), version: 1 });
    // No placeholder reason: the directive goes in without one, and invalid-directive asks for it.
    const ignoredText = apply(ignoreLine);
    expect(ignoredText).toContain('\t//gocop:ignore http-client-no-timeout\n\tclient := &http.Client{}');
    const ignoreFile = actions.find((action) => action.title === 'Ignore http-client-no-timeout in this file')!;
    expect(apply(ignoreFile)).toContain('package lb\n\n//gocop:file-ignore http-client-no-timeout\n');
    server.change(file, 2, [{ text: ignoredText }]);
    const needsReason = await server.waitForDiagnostics(file, (entry) => entry.version === 2);
    expect(needsReason.diagnostics.map((diagnostic) => diagnostic.code)).toContain('invalid-directive');

    // The directive silences the finding once the user has written the reason.
    const reasoned = ignoredText.replace('//gocop:ignore http-client-no-timeout\n', '//gocop:ignore http-client-no-timeout the caller sets a deadline on ctx\n');
    server.change(file, 3, [{ text: reasoned }]);
    const silenced = await server.waitForDiagnostics(file, (entry) => entry.version === 3);
    expect(silenced.diagnostics).toEqual([]);
    server.change(file, 4, [{ text: source }]);
    await server.waitForDiagnostics(file, (entry) => entry.version === 4);

    const quickfixes = actions.filter((action) => action.kind === 'quickfix' && !action.title.startsWith('Ignore'));
    expect(quickfixes.map((action) => action.title)).toEqual([expect.stringMatching(/timeout/i)]);
    {
      const fixed = apply(quickfixes[0]!);
      expect(fixed).not.toEqual(source);
      server.change(file, 5, [{ text: fixed }]);
      const after = await server.waitForDiagnostics(file, (entry) => entry.version === 5);
      expect(after.diagnostics.filter((diagnostic) => diagnostic.code === 'http-client-no-timeout')).toEqual([]);

      const fixAll = await server.request<Array<Record<string, any>>>('textDocument/codeAction', {
        textDocument: { uri: uriOf(file) },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      });
      expect(fixAll.map((action) => action.kind)).toEqual([]);
      server.change(file, 6, [{ text: source }]);
      const all = await server.request<Array<Record<string, any>>>('textDocument/codeAction', {
        textDocument: { uri: uriOf(file) },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.gocop'] },
      });
      expect(all.map((action) => action.kind)).toEqual(['source.fixAll.gocop']);
      expect(all[0]!.edit.documentChanges[0].textDocument.version).toBe(6);
      expect(applyEdit(source, all[0]!.edit.documentChanges[0].edits)).toEqual(fixed);
    }
  });

  it('offers the deep-copy quick fix for a cached object written in place', async () => {
    const source = [
      'package controller',
      '',
      'import corelisters "k8s.io/client-go/listers/core/v1"',
      '',
      'type Controller struct {',
      '\tpodLister corelisters.PodLister',
      '}',
      '',
      'func (c *Controller) mark(namespace, name string) error {',
      '\tpod, err := c.podLister.Pods(namespace).Get(name)',
      '\tif err != nil {',
      '\t\treturn err',
      '\t}',
      '\tpod.Labels["seen"] = "true"',
      '\treturn nil',
      '}',
      '',
    ].join('\n');
    const dir = tempPackage({ 'controller.go': source });
    const file = path.join(dir, 'controller.go');
    const server = await client({ rootDir: dir, capabilities: { workspace: { workspaceEdit: { documentChanges: true } }, textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } } } });
    server.open(file, source);
    const published = await server.waitForDiagnostics(file);
    const finding = published.diagnostics.find((diagnostic) => diagnostic.code === 'cache-object-mutation');
    expect(finding, JSON.stringify(published.diagnostics)).toMatchObject({ severity: 1, range: { start: { line: 13 } } });
    expect(finding!.relatedInformation?.[0]?.location.range.start.line).toBe(9);
    const actions = await server.request<Array<Record<string, any>>>('textDocument/codeAction', {
      textDocument: { uri: uriOf(file) },
      range: finding!.range,
      context: { diagnostics: [finding] },
    });
    const fix = actions.find((action) => action.title === 'deep-copy pod before changing it');
    expect(fix, JSON.stringify(actions.map((action) => action.title))).toBeDefined();
    const fixed = applyEdit(source, fix!.edit.documentChanges[0].edits);
    expect(fixed).toContain('\t\treturn err\n\t}\n\tpod = pod.DeepCopy()\n\tpod.Labels["seen"] = "true"');
    server.change(file, 2, [{ text: fixed }]);
    const after = await server.waitForDiagnostics(file, (entry) => entry.version === 2);
    expect(after.diagnostics.filter((diagnostic) => diagnostic.code === 'cache-object-mutation')).toEqual([]);
  });

  it('leaves the cursor where the reason goes, through a snippet, for clients that take snippet edits', async () => {
    const source = 'package lb\n\nimport "net/http"\n\n// get uses a client without a timeout.\nfunc get(url string) (*http.Response, error) {\n\tclient := &http.Client{}\n\treturn client.Get(url)\n}\n';
    const dir = tempPackage({ 'lb.go': source });
    const file = path.join(dir, 'lb.go');
    const server = await client({
      rootDir: dir,
      capabilities: {
        workspace: { configuration: true, workspaceEdit: { documentChanges: true, snippetEditSupport: true } },
        textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } },
      },
    });
    server.open(file, source);
    const finding = (await server.waitForDiagnostics(file)).diagnostics.find((diagnostic) => diagnostic.code === 'http-client-no-timeout')!;
    const actions = await server.request<Array<Record<string, any>>>('textDocument/codeAction', { textDocument: { uri: uriOf(file) }, range: finding.range, context: { diagnostics: [finding] } });
    const edits = (title: string) => actions.find((action) => action.title === title)!.edit.documentChanges[0].edits;
    expect(edits('Ignore http-client-no-timeout on this line')).toEqual([
      { range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, snippet: { kind: 'snippet', value: '\t//gocop:ignore http-client-no-timeout $0\n' } },
    ]);
    expect(edits('Ignore http-client-no-timeout in this file')[0].snippet).toEqual({ kind: 'snippet', value: '\n//gocop:file-ignore http-client-no-timeout $0\n' });
  });

  it('follows client settings and the .gocop.yaml file', async () => {
    const dir = tempPackage({ 'shop.go': HALF_TYPED });
    const file = path.join(dir, 'shop.go');
    fs.mkdirSync(path.join(dir, '.git'));
    const server = await client({ rootDir: dir, capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } } });
    server.open(file, HALF_TYPED);
    expect((await server.waitForDiagnostics(file)).diagnostics.map((diagnostic) => diagnostic.severity)).toEqual([1]);

    // The config file lowers the severity; the client tells the server the file changed.
    fs.writeFileSync(path.join(dir, '.gocop.yaml'), 'rules:\n  syntax-error: warning\n');
    let before = server.published.length;
    void server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(dir, '.gocop.yaml')), type: 1 }] });
    const lowered = await server.waitForDiagnostics(file, (entry) => entry.diagnostics[0]?.severity === 2, before);
    expect(lowered.diagnostics.map((diagnostic) => diagnostic.severity)).toEqual([2]);

    // A client setting turns the rule off, and is re-read on didChangeConfiguration.
    server.settings.rules = { 'syntax-error': 'off' };
    before = server.published.length;
    void server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const off = await server.waitForDiagnostics(file, (entry) => entry.diagnostics.length === 0, before);
    expect(off.diagnostics).toEqual([]);

    // Settings pushed by a client without workspace/configuration.
    const pushed = await client({ rootDir: dir, capabilities: {} });
    pushed.open(file, HALF_TYPED);
    expect((await pushed.waitForDiagnostics(file)).diagnostics).toHaveLength(1);
    before = pushed.published.length;
    void pushed.connection.sendNotification('workspace/didChangeConfiguration', { settings: { gocop: { enable: false } } });
    expect((await pushed.waitForDiagnostics(file, (entry) => entry.diagnostics.length === 0, before)).diagnostics).toEqual([]);

    // A broken config file is reported to the user, with the file and line.
    const broken = tempPackage({ '.git/HEAD': '', '.gocop.yaml': 'rules:\n  syntax-eror: warning\n', 'shop.go': HALF_TYPED });
    const third = await client({ rootDir: broken });
    third.open(path.join(broken, 'shop.go'), HALF_TYPED);
    await third.waitForDiagnostics(path.join(broken, 'shop.go'));
    await expect.poll(() => third.logs.map((log) => log.message).join('\n')).toMatch(/\.gocop\.yaml:2:.*syntax-eror.*syntax-error/);
  });

  it('publishes only the final version after 200 rapid edits', async () => {
    const dir = tempPackage({ 'shop.go': FIXED });
    const file = path.join(dir, 'shop.go');
    // A longer debounce than the default keeps the test meaningful on a busy machine: the edits must
    // all arrive within one quiet period, and any lint that started early must not be published.
    const server = await client({ rootDir: dir, initializationOptions: { debounceMs: 300 }, settings: { debounceMs: 300 } });
    server.open(file, FIXED);
    await server.waitForDiagnostics(file, (entry) => entry.version === 1);
    const before = server.published.length;
    // Type 200 characters into a comment at the end of line 4, then a final edit breaks the syntax.
    server.change(file, 2, [{ range: { start: { line: 3, character: 9 }, end: { line: 3, character: 9 } }, text: ' //' }]);
    for (let index = 0; index < 198; index++) {
      server.change(file, 3 + index, [{ range: { start: { line: 3, character: 12 + index }, end: { line: 3, character: 12 + index } }, text: 'x' }]);
    }
    server.change(file, 201, [{ range: { start: { line: 5, character: 9 }, end: { line: 5, character: 10 } }, text: '' }]);
    const final = await server.waitForDiagnostics(file, (entry) => entry.version === 201, before);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = server.published.slice(before).filter((entry) => entry.uri === uriOf(file) && entry.version !== 1);
    expect(after.map((entry) => entry.version)).toEqual([201]);
    expect(final.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line])).toEqual([['syntax-error', 5]]);
  });

  it('follows the tests setting for _test.go files, over the config', async () => {
    const dir = tempPackage({ '.gocop.yaml': 'tests: true\n', 'shop_test.go': HALF_TYPED });
    const file = path.join(dir, 'shop_test.go');
    const linted = await client({ rootDir: dir });
    linted.open(file, HALF_TYPED);
    expect((await linted.waitForDiagnostics(file)).diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['syntax-error']);
    const skipped = await client({ rootDir: dir, initializationOptions: { tests: false }, settings: { tests: false } });
    skipped.open(file, HALF_TYPED);
    expect((await skipped.waitForDiagnostics(file)).diagnostics).toEqual([]);
  });

  it('logs a rule that throws and still publishes the other rules', async () => {
    const dir = tempPackage({ 'shop.go': HALF_TYPED });
    const file = path.join(dir, 'shop.go');
    const server = await client({ rootDir: dir, env: { GOCOP_TEST_THROWING_RULE: '1' } });
    server.open(file, HALF_TYPED);
    const published = await server.waitForDiagnostics(file);
    expect(published.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['syntax-error']);
    await expect.poll(() => server.logs.map((log) => log.message).join('\n')).toMatch(/rule test-throwing-rule failed on .*shop\.go: test-throwing-rule always fails/);
    expect(server.logs.find((log) => log.message.includes('test-throwing-rule'))!.type).toBe(1);
  });

  it('converts columns for UTF-8 clients, in diagnostics and in edits', async () => {
    const text = 'package greet\n\nfunc hello() string {\n\treturn "héllo 😀 wörld" +\n}\n';
    const dir = tempPackage({ 'greet.go': text });
    const file = path.join(dir, 'greet.go');
    const utf16 = await client({ rootDir: dir });
    const utf8 = await client({ rootDir: dir, capabilities: { general: { positionEncodings: ['utf-8'] } } });
    utf16.open(file, text);
    utf8.open(file, text);
    const in16 = (await utf16.waitForDiagnostics(file)).diagnostics;
    const in8 = (await utf8.waitForDiagnostics(file)).diagnostics;
    expect(in16).toHaveLength(1);
    expect(in8).toHaveLength(1);
    const line = text.split('\n')[3]!;
    // The first error follows the string literal: its column differs by encoding.
    const offset16 = in16[0]!.range.start.character;
    expect(in16[0]!.range.start.line).toBe(in8[0]!.range.start.line);
    expect(in8[0]!.range.start.character).toBe(Buffer.byteLength(line.slice(0, offset16), 'utf8'));
    expect(in8[0]!.range.start.character).toBeGreaterThan(offset16);

    // An incremental edit in UTF-8 columns: complete the expression after the emoji string.
    const plusByte = Buffer.byteLength(line.slice(0, line.indexOf('+') + 1), 'utf8');
    utf8.change(file, 2, [{ range: { start: { line: 3, character: plusByte }, end: { line: 3, character: plusByte } }, text: ' "!"' }]);
    const fixed = await utf8.waitForDiagnostics(file, (entry) => entry.version === 2);
    expect(fixed.diagnostics).toEqual([]);
  });

  it('answers pull diagnostics when the client supports them', async () => {
    const dir = tempPackage({ 'shop.go': HALF_TYPED });
    const file = path.join(dir, 'shop.go');
    const server = await client({ rootDir: dir, capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } } });
    server.open(file, HALF_TYPED);
    const report = await server.request<{ kind: string; resultId: string; items: LspDiagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: uriOf(file) } });
    expect(report.kind).toBe('full');
    expect(report.items.map((item) => item.code)).toEqual(['syntax-error']);
    const again = await server.request<{ kind: string }>('textDocument/diagnostic', { textDocument: { uri: uriOf(file) }, previousResultId: report.resultId });
    expect(again.kind).toBe('unchanged');
    server.change(file, 2, [{ text: FIXED }]);
    const changed = await server.request<{ kind: string; items: LspDiagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: uriOf(file) }, previousResultId: report.resultId });
    expect(changed).toMatchObject({ kind: 'full', items: [] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.published).toEqual([]);
  });

  it('survives bad input', async () => {
    const dir = tempPackage({ 'shop.go': FIXED });
    const file = path.join(dir, 'shop.go');
    const server = await client({ rootDir: dir });
    server.change(path.join(dir, 'never-opened.go'), 3, [{ text: 'package x' }]);
    void server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-1', languageId: 'go', version: 1, text: 'package x' } });
    void server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file://%zz', languageId: 'go', version: 1, text: 'package x' } });
    void server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(path.join(dir, 'binary.go')), languageId: 'go', version: 1, text: '\u0000\u0001\uffff'.repeat(100) } });
    server.open(file, FIXED);
    server.change(file, 2, [{ range: { start: { line: 900, character: 900 }, end: { line: -1, character: -5 } }, text: '}}}{{{' }]);
    const actions = await server.request<unknown[]>('textDocument/codeAction', { textDocument: { uri: 'file:///nowhere.go' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
    expect(actions).toEqual([]);
    const published = await server.waitForDiagnostics(file, (entry) => entry.version === 2);
    expect(published.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['syntax-error']);
    expect(server.process.exitCode).toBeNull();
  });

  it('lints an open file whatever its build constraints', async () => {
    const foreign = process.platform === 'win32' ? 'linux' : 'windows';
    const dir = tempPackage({ 'name_here.go': 'package p\n\nfunc name() string { return "" }\n', [`name_${foreign}.go`]: 'package p\n\nfunc name() string {\n' });
    const file = path.join(dir, `name_${foreign}.go`);
    const server = await client({ rootDir: dir });
    server.open(file, fs.readFileSync(file, 'utf8'));
    const published = await server.waitForDiagnostics(file);
    expect(published.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['syntax-error']);
  });

  it('shows an importer what an open buffer of the imported package says, and re-lints it on each edit', async () => {
    const client_go = 'package util\n\n// NewClient returns a client.\nfunc NewClient() {}\n';
    const dir = tempPackage({
      'go.mod': 'module example.com/app\n\ngo 1.21\n',
      'util/client.go': client_go,
      'cmd/main.go': 'package main\n\nimport "example.com/app/util"\n\nfunc main() { util.NewClient() }\n',
    });
    const main = path.join(dir, 'cmd/main.go');
    const util = path.join(dir, 'util/client.go');
    const server = await client({ rootDir: dir, env: { GOCOP_TEST_IMPORTS_RULE: '1' }, settings: { debounceMs: 10 } });
    const declares = (funcs: string) => (published: { diagnostics: LspDiagnostic[] }) => published.diagnostics.some((diagnostic) => diagnostic.message === `example.com/app/util declares ${funcs}`);
    server.open(main, fs.readFileSync(main, 'utf8'));
    await server.waitForDiagnostics(main, declares('NewClient'));
    server.open(util, `${client_go}\nfunc NewServer() {}\n`);
    await server.waitForDiagnostics(main, declares('NewClient, NewServer'));
    server.change(util, 2, [{ text: `${client_go}\nfunc NewProxy() {}\n` }]);
    await server.waitForDiagnostics(main, declares('NewClient, NewProxy'));
    server.close(util);
    await server.waitForDiagnostics(main, declares('NewClient'), server.published.length);
  });

  it('exits when the client process dies', async () => {
    const parent = spawn('sleep', ['60']);
    const server = await client({ args: [`--clientProcessId=${parent.pid}`] });
    const exited = new Promise<number | null>((resolve) => server.process.on('exit', (code) => resolve(code)));
    parent.kill('SIGKILL');
    const code = await Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
    expect(code).not.toBe('still running');
  });
});

/** Applies LSP text edits (UTF-16 positions) to a text. */
function applyEdit(text: string, edits: Array<{ range: LspDiagnostic['range']; newText: string }>): string {
  const lines = text.split('\n');
  const offsetOf = (position: { line: number; character: number }): number =>
    lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
  const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offsetOf(edit.range.start)) + edit.newText + result.slice(offsetOf(edit.range.end));
  return result;
}

