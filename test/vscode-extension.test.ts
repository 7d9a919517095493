// The VS Code extension in editors/vscode. VS Code itself cannot run here (its test harness downloads
// an editor build), so the extension keeps what it decides in editors/vscode/src/launch.ts, free of the
// `vscode` module, and this test drives that code against the real server: it starts the server the
// way vscode-languageclient does for the bundled module (`lsp`, then `--stdio --clientProcessId=PID`),
// sends the initialization options and answers workspace/configuration with the extension's settings.
// It also checks that the settings the extension contributes are the ones the server reads. Where
// editors/vscode has its dependencies installed (.ci/run installs them), it builds the .vsix with
// @vscode/vsce, checks what is inside, and runs the server bundled in it.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '../server/settings.js';
import { SEVERITY_SETTINGS } from '../src/config/load.js';
import { DEFAULT_EXTENSION_SETTINGS, bundledServerModule, initializationOptions, serverLaunch, serverSettings, type ExtensionSettings } from '../editors/vscode/src/launch.js';
import { REPO_ROOT, startClient, type TestClient } from './lsp-client.js';
import { temporaryDirectory, writeFiles } from './support/cli.js';

const extensionRoot = path.join(REPO_ROOT, 'editors/vscode');
const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8')) as Record<string, any>;
const contributed = manifest.contributes.configuration.properties as Record<string, { type: string; default: unknown; enum?: string[]; additionalProperties?: { enum: string[] } }>;
const hasVsce = fs.existsSync(path.join(extensionRoot, 'node_modules/@vscode/vsce/package.json'));

const LB_GO = 'package lb\n\nimport "net/http"\n\n// get uses a client without a timeout.\nfunc get(url string) (*http.Response, error) {\n\tclient := &http.Client{}\n\treturn client.Get(url)\n}\n';

const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.stop()));
});

/** Starts `module` as vscode-languageclient starts a Node module server over stdio, with the extension's settings. */
async function startAsTheExtension(module: string, settings: ExtensionSettings, rootDir: string): Promise<TestClient> {
  const launch = serverLaunch(path.dirname(path.dirname(path.dirname(path.dirname(path.dirname(module))))), settings);
  expect(launch).toEqual({ kind: 'module', module, args: ['lsp'] });
  const client = await startClient({
    bin: launch.module,
    // The client adds these after the module's own arguments (`lsp`, which startClient passes).
    args: [`--clientProcessId=${process.pid}`],
    rootDir,
    initializationOptions: initializationOptions(settings),
    // VS Code answers workspace/configuration for `gocop` with the whole section.
    settings: { ...settings },
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
  });
  clients.push(client);
  return client;
}

/** A folder laid out like the installed extension, whose bundled gocop is this checkout. */
function extensionFolderUsingThisCheckout(): string {
  const folder = temporaryDirectory('gocop-vscode-extension-');
  fs.mkdirSync(path.join(folder, 'server/node_modules'), { recursive: true });
  fs.symlinkSync(REPO_ROOT, path.join(folder, 'server/node_modules/gocop'));
  return folder;
}

describe('the VS Code extension settings', () => {
  it('contributes exactly the settings the server reads, plus the command to run', () => {
    expect(Object.keys(contributed).sort()).toEqual(['gocop.configFile', 'gocop.debounceMs', 'gocop.enable', 'gocop.path', 'gocop.rules', 'gocop.tests']);
    for (const [key, schema] of Object.entries(contributed)) {
      expect(schema.default, key).toEqual(DEFAULT_EXTENSION_SETTINGS[key.slice('gocop.'.length) as keyof ExtensionSettings]);
    }
    expect(contributed['gocop.rules']!.additionalProperties!.enum).toEqual([...SEVERITY_SETTINGS]);
    // The defaults mean the server's defaults, and every setting sent reaches the server.
    expect(parseSettings(serverSettings(DEFAULT_EXTENSION_SETTINGS))).toEqual(DEFAULT_SETTINGS);
    const custom: ExtensionSettings = { enable: false, configFile: 'ci.gocop.yaml', rules: { 'retry-without-backoff': 'off' }, debounceMs: 40, tests: false, path: '/opt/gocop' };
    expect(parseSettings(serverSettings(custom))).toEqual({ enable: false, configFile: 'ci.gocop.yaml', rules: { 'retry-without-backoff': 'off' }, debounceMs: 40, tests: false });
  });

  it('runs the bundled server, or the command in gocop.path', () => {
    expect(serverLaunch('/ext', { path: '' })).toEqual({ kind: 'module', module: bundledServerModule('/ext'), args: ['lsp'] });
    expect(bundledServerModule('/ext')).toBe(path.join('/ext', 'server/node_modules/gocop/bin/gocop.js'));
    expect(serverLaunch('/ext', { path: ' /usr/local/bin/gocop ' })).toEqual({ kind: 'command', command: '/usr/local/bin/gocop', args: ['lsp', '--stdio'] });
    expect(manifest.activationEvents).toEqual(['onLanguage:go']);
    expect(manifest.main).toBe('./out/extension.js');
    expect(manifest.version).toBe(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version);
  });
});

describe('the extension launch code against the real server', () => {
  it('shows findings with the default settings, and follows gocop.rules and gocop.configFile', async () => {
    const root = temporaryDirectory();
    fs.mkdirSync(path.join(root, '.git'));
    writeFiles(root, { 'lb/lb.go': LB_GO, 'ci.gocop.yaml': 'rules:\n  http-client-no-timeout: error\n' });
    const file = path.join(root, 'lb/lb.go');
    const module = bundledServerModule(extensionFolderUsingThisCheckout());

    const plain = await startAsTheExtension(module, DEFAULT_EXTENSION_SETTINGS, root);
    plain.open(file, LB_GO);
    const shown = await plain.waitForDiagnostics(file);
    expect(shown.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity])).toEqual([['http-client-no-timeout', 2]]);

    const off = await startAsTheExtension(module, { ...DEFAULT_EXTENSION_SETTINGS, rules: { 'http-client-no-timeout': 'off' } }, root);
    off.open(file, LB_GO);
    expect((await off.waitForDiagnostics(file)).diagnostics).toEqual([]);

    const configured = await startAsTheExtension(module, { ...DEFAULT_EXTENSION_SETTINGS, configFile: 'ci.gocop.yaml' }, root);
    configured.open(file, LB_GO);
    expect((await configured.waitForDiagnostics(file)).diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity])).toEqual([['http-client-no-timeout', 1]]);
  });
});

describe(`the .vsix${hasVsce ? '' : ' (skipped: run npm ci in editors/vscode to build it; .ci/run does)'}`, () => {
  it.skipIf(!hasVsce)(
    'builds with @vscode/vsce, holds the client, the compiled extension and the bundled server, whose server runs',
    async () => {
      await promisify(execFile)('npm', ['run', 'package'], { cwd: extensionRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const vsix = path.join(extensionRoot, `gocop-vscode-${manifest.version}.vsix`);
      expect(fs.existsSync(vsix)).toBe(true);
      const entries = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n');
      for (const needed of [
        'extension/package.json',
        'extension/out/extension.js',
        'extension/out/launch.js',
        'extension/node_modules/vscode-languageclient/package.json',
        'extension/server/node_modules/gocop/bin/gocop.js',
        'extension/server/node_modules/gocop/dist/server/main.js',
        'extension/server/node_modules/tree-sitter/prebuilds/linux-x64/tree-sitter.node',
        'extension/server/node_modules/tree-sitter/prebuilds/darwin-arm64/tree-sitter.node',
        'extension/server/node_modules/tree-sitter-go/prebuilds/win32-x64/tree-sitter-go.node',
      ]) {
        expect(entries, needed).toContain(needed);
      }
      // The extension's own sources and build files stay out.
      expect(entries.filter((entry) => /^extension\/(src\/|scripts\/|tsconfig\.json)/.test(entry))).toEqual([]);
      expect(fs.statSync(vsix).size).toBeLessThan(8 * 1024 * 1024);

      // The server exactly as the .vsix carries it.
      const root = temporaryDirectory();
      writeFiles(root, { 'lb/lb.go': LB_GO });
      const client = await startAsTheExtension(bundledServerModule(extensionRoot), DEFAULT_EXTENSION_SETTINGS, root);
      client.open(path.join(root, 'lb/lb.go'), LB_GO);
      expect((await client.waitForDiagnostics(path.join(root, 'lb/lb.go'))).diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['http-client-no-timeout']);
    },
    300_000,
  );
});
