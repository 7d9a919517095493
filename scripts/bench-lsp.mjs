// Measures the language server's edit latency: the time from a didChange to the publishDiagnostics for
// that version. Two generated passes time a 3,000-line file in a 40-file package written into a
// temporary directory, with the debounce set to 0 ms, so their figure is the server's own work (parse,
// package lint, convert). A third pass drives a real package as an editor does, with the server's
// default debounce included: net/http of the Go standard library (server.go, about 3,700 lines in a
// 51-file package, tests included), through one-line edits at the top, middle and end of the big file,
// and reports open-to-first-diagnostics and edit-to-diagnostics per place. It reads the package in place
// and writes nothing there; it is skipped when the standard library sources are not installed.
// Usage: npm run bench:lsp -- [--edits N] [--lines N] [--files N] [--real FILE] [--real-edits N] [--real-only]
// GOCOP_BENCH_PROFILE=DIR writes a CPU profile of each server into DIR (node --cpu-prof).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    edits: { type: 'string', default: '100' },
    lines: { type: 'string', default: '3000' },
    files: { type: 'string', default: '40' },
    real: { type: 'string', default: '/usr/share/go-1.19/src/net/http/server.go' },
    'real-edits': { type: 'string', default: '30' },
    'real-only': { type: 'boolean', default: false },
  },
});
const editCount = Number(values.edits);
const targetLines = Number(values.lines);
const fileCount = Number(values.files);

/** One realistic function of the generated package; `n` makes names unique. */
function functionText(n) {
  switch (n % 6) {
    case 0:
      return `// lookup${n} returns the node's name, or an error when it left the cache.
func (s *Store) lookup${n}(name string) (string, error) {
	node := s.nodes[name]
	if node == nil {
		return "", fmt.Errorf("node %q not found", name)
	}
	if node.Labels == nil {
		node.Labels = map[string]string{}
	}
	return node.Name, nil
}
`;
    case 1:
      return `// count${n} counts the ready nodes under the read lock.
func (s *Store) count${n}() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ready := 0
	for _, node := range s.nodes {
		if node != nil && node.Ready {
			ready++
		}
	}
	return ready
}
`;
    case 2:
      return `// fetch${n} asks the API with a bounded client.
func fetch${n}(ctx context.Context, url string) ([]byte, error) {
	client := &http.Client{Timeout: 10 * time.Second}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
`;
    case 3:
      return `// sync${n} copies labels for every service.
func (s *Store) sync${n}(services []string) map[string]int {
	out := make(map[string]int, len(services))
	for i, svc := range services {
		if strings.HasPrefix(svc, "kube-") {
			continue
		}
		out[svc] = i + len(s.nodes)
	}
	return out
}
`;
    case 4:
      return `// retry${n} retries with a growing delay.
func retry${n}(ctx context.Context, do func() error) error {
	delay := 100 * time.Millisecond
	for attempt := 0; attempt < 5; attempt++ {
		if err := do(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay):
		}
		delay *= 2
	}
	return fmt.Errorf("gave up after 5 attempts")
}
`;
    default:
      return `// set${n} records a label under the write lock.
func (s *Store) set${n}(name, key, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	node, ok := s.nodes[name]
	if !ok || node == nil {
		return
	}
	node.Labels[key] = value
}
`;
  }
}

const HEADER = `package cache

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

`;

function generatePackage(dir) {
  let n = 0;
  const fileOf = (lines) => {
    let text = HEADER;
    while (text.split('\n').length < lines) text += `\n${functionText(n++)}`;
    return text;
  };
  const big = `${fileOf(targetLines)}\n// Store is the node cache.\ntype Store struct {\n\tmu    sync.RWMutex\n\tnodes map[string]*Node\n}\n\n// Node is a cached node.\ntype Node struct {\n\tName   string\n\tReady  bool\n\tLabels map[string]string\n}\n`;
  fs.writeFileSync(path.join(dir, 'store.go'), big);
  for (let index = 1; index < fileCount; index++) fs.writeFileSync(path.join(dir, `part${index}.go`), fileOf(150));
  return path.join(dir, 'store.go');
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gocop-bench-lsp-'));
const file = generatePackage(dir);
const text = fs.readFileSync(file, 'utf8');
const lineCount = text.split('\n').length;
const { allRules } = await import(pathToFileURL(path.join(root, 'dist/rules/index.js')).href);

/**
 * Starts a server with the given settings in `workspace` and opens `file`. Returns the time to the first
 * diagnostics, a function that applies one change and resolves with the time to its diagnostics, the
 * current number of findings, and a way to stop the server.
 */
async function startSession(workspace, file, text, settings) {
  const uri = pathToFileURL(file).href;
  const profile = process.env.GOCOP_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.GOCOP_BENCH_PROFILE}`] : [];
  const server = spawn(process.execPath, [...profile, path.join(root, 'bin/gocop.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const waiting = new Map();
  let findings = 0;
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    if (params.uri !== uri) return;
    findings = params.diagnostics.length;
    waiting.get(params.version)?.();
  });
  connection.onRequest('workspace/configuration', () => [settings]);
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/logMessage', (params) => console.error(`server: ${params.message}`));
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'bench' }],
    capabilities: {},
    initializationOptions: settings,
  });
  await connection.sendNotification('initialized', {});

  const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
  let started = performance.now();
  const opened = published(1);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text } });
  await opened;
  const openMs = performance.now() - started;
  let version = 1;
  return {
    openMs,
    findings: () => findings,
    async change(change) {
      version++;
      const ready = published(version);
      started = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      await ready;
      return performance.now() - started;
    },
    async stop() {
      await Promise.race([connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await connection.sendNotification('exit');
      connection.dispose();
    },
  };
}

/** "median 12.3 ms, p95 45.6 ms, max 78.9 ms" for a list of timings. */
function describeTimings(timings) {
  const sorted = [...timings].sort((a, b) => a - b);
  return `median ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
}

/** Opens the generated big file, and times `editCount` edits. */
async function runPass(label, settings) {
  const session = await startSession(dir, file, text, settings);
  // The edits cycle through what typing does inside function bodies: rewrite the bound of a retry loop
  // (`attempt < 5`, same length), open a new line below it (every later line moves down), and delete
  // that line again. The whole package is linted again after each edit.
  const lines = text.split('\n');
  const editable = lines.map((line, index) => [index, line.indexOf('< 5')]).filter(([, column]) => column >= 0);
  const timings = [];
  let opened = null;
  for (let version = 2; version < editCount + 2; version++) {
    const [line, column] = editable[version % editable.length];
    let change;
    if (opened !== null) {
      change = { range: { start: { line: opened - 1, character: lines[opened - 1].length }, end: { line: opened, character: '\t\t// retry'.length } }, text: '' };
      opened = null;
    } else if (version % 3 === 0) {
      change = { range: { start: { line, character: lines[line].length }, end: { line, character: lines[line].length } }, text: '\n\t\t// retry' };
      opened = line + 1;
    } else {
      change = { range: { start: { line, character: column + 2 }, end: { line, character: column + 3 } }, text: String((version % 9) + 1) };
    }
    timings.push(await session.change(change));
  }
  const p95 = percentile([...timings].sort((a, b) => a - b), 95);
  console.log(`${label}:`);
  console.log(`  first diagnostics after didOpen: ${session.openMs.toFixed(1)} ms (${session.findings()} findings)`);
  console.log(`  didChange -> publishDiagnostics: ${describeTimings(timings)}`);
  await session.stop();
  return p95;
}

/**
 * Opens a real big file with the server's default settings (debounce included) and types at the top,
 * in the middle and at the end of it: in the first body line of the first, middle and last function,
 * a new line is opened, a comment typed into it a character at a time, and the line deleted again.
 * Every edit at the top moves every position below it.
 */
async function runRealPass(realFile, editsPerPlace) {
  const realText = fs.readFileSync(realFile, 'utf8');
  const realLines = realText.split('\n');
  const packageDir = path.dirname(realFile);
  const goFiles = fs.readdirSync(packageDir).filter((name) => name.endsWith('.go')).length;
  const functionLines = realLines.map((line, index) => (/^func .*\{$/.test(line) ? index : -1)).filter((index) => index >= 0);
  const middle = functionLines.reduce((best, index) => (Math.abs(index - realLines.length / 2) < Math.abs(best - realLines.length / 2) ? index : best));
  const places = [
    ['top', functionLines[0]],
    ['middle', middle],
    ['end', functionLines[functionLines.length - 1]],
  ];
  const session = await startSession(packageDir, realFile, realText, {});
  console.log(`a real package: ${path.relative(path.dirname(packageDir), realFile)}, ${realLines.length} lines in a ${goFiles}-file package, the default debounce (150 ms)`);
  console.log(`  first diagnostics after didOpen: ${session.openMs.toFixed(1)} ms (${session.findings()} findings)`);
  const all = [];
  for (const [name, functionLine] of places) {
    // The new line goes right after the function's opening line, at 0-based line `functionLine + 1`.
    const at = functionLine + 1;
    const timings = [];
    let typed = '';
    for (let step = 0; step < editsPerPlace; step++) {
      let change;
      if (typed === '') {
        change = { range: { start: { line: functionLine, character: realLines[functionLine].length }, end: { line: functionLine, character: realLines[functionLine].length } }, text: '\n\t// x' };
        typed = '\t// x';
      } else if (step % 6 === 5) {
        change = { range: { start: { line: functionLine, character: realLines[functionLine].length }, end: { line: at, character: typed.length } }, text: '' };
        typed = '';
      } else {
        change = { range: { start: { line: at, character: typed.length }, end: { line: at, character: typed.length } }, text: 'y' };
        typed += 'y';
      }
      timings.push(await session.change(change));
    }
    all.push(...timings);
    console.log(`  edits at the ${name} (line ${functionLine + 2}): didChange -> publishDiagnostics ${describeTimings(timings)}`);
  }
  const p95 = percentile([...all].sort((a, b) => a - b), 95);
  console.log(`  all edits: ${describeTimings(all)} (${session.findings()} findings)`);
  console.log(`  targets p95 <= 250 ms including the debounce: ${p95 <= 250 ? 'met' : 'not met'}; first diagnostics <= 1 s: ${session.openMs <= 1000 ? 'met' : 'not met'}`);
  await session.stop();
}

if (!values['real-only']) {
  console.log(`gocop lsp: a ${lineCount}-line file in a ${fileCount}-file package, ${editCount} edits each, debounce 0 ms`);
  const allP95 = await runPass('all rules', { debounceMs: 0 });
  const off = Object.fromEntries(allRules.filter((rule) => rule.id !== 'syntax-error').map((rule) => [rule.id, 'off']));
  await runPass('syntax-error only (the server and engine overhead: parse, package index, convert)', { debounceMs: 0, rules: off });
  console.log(`target p95 < 50 ms with all rules: ${allP95 < 50 ? 'met' : 'not met'}`);
}
if (process.env.GOCOP_BENCH_KEEP) console.log(`package kept in ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });
if (fs.existsSync(values.real)) await runRealPass(values.real, Number(values['real-edits']));
else console.log(`a real package: skipped, ${values.real} is not there (install the Debian package golang-1.19-src, or name a big Go file with --real)`);
