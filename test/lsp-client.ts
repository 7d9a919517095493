// A small LSP client for the language server tests: spawns the built server (`gocop lsp --stdio`) and
// drives it with vscode-jsonrpc, recording what the server sends (diagnostics, log messages, requests).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
  codeDescription?: { href: string };
  relatedInformation?: Array<{ location: { uri: string; range: LspDiagnostic['range'] }; message: string }>;
}

export interface Published {
  uri: string;
  version?: number;
  diagnostics: LspDiagnostic[];
}

export interface ClientOptions {
  capabilities?: Record<string, unknown>;
  initializationOptions?: unknown;
  rootDir?: string;
  env?: Record<string, string>;
  /** What the client answers to workspace/configuration for the `gocop` section. */
  settings?: Record<string, unknown>;
  args?: string[];
  /** The gocop command to start (a JavaScript file run with this Node); the repository's bin/gocop.js by default. */
  bin?: string;
}

export interface TestClient {
  connection: MessageConnection;
  process: ChildProcessWithoutNullStreams;
  initializeResult: { capabilities: Record<string, unknown> };
  published: Published[];
  logs: Array<{ type: number; message: string }>;
  settings: Record<string, unknown>;
  stderr: () => string;
  open(file: string, text: string, version?: number): void;
  change(file: string, version: number, changes: Array<{ range?: LspDiagnostic['range']; text: string }>): void;
  close(file: string): void;
  /** Waits for a publishDiagnostics for the file (after index `from`) that satisfies the predicate. */
  waitForDiagnostics(file: string, predicate?: (published: Published) => boolean, from?: number): Promise<Published>;
  request<T>(method: string, params: unknown): Promise<T>;
  stop(): Promise<void>;
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/** Starts the server and completes the initialize handshake. */
export async function startClient(options: ClientOptions = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [options.bin ?? path.join(REPO_ROOT, 'bin/gocop.js'), 'lsp', '--stdio', ...(options.args ?? [])], {
    env: { ...process.env, ...options.env },
    stdio: 'pipe',
  });
  let stderrText = '';
  child.stderr.on('data', (chunk: Buffer) => (stderrText += chunk.toString()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: Published[] = [];
  const logs: Array<{ type: number; message: string }> = [];
  const waiters: Array<() => void> = [];
  const settings = options.settings ?? {};
  connection.onNotification('textDocument/publishDiagnostics', (params: Published) => {
    published.push(params);
    for (const wake of waiters.splice(0)) wake();
  });
  connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
    logs.push(params);
    for (const wake of waiters.splice(0)) wake();
  });
  connection.onNotification('window/showMessage', () => undefined);
  connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => params.items.map((item) => (item.section === 'gocop' ? settings : null)));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();

  const rootDir = options.rootDir ?? null;
  const initializeResult = await connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
    processId: process.pid,
    rootUri: rootDir ? uriOf(rootDir) : null,
    workspaceFolders: rootDir ? [{ uri: uriOf(rootDir), name: path.basename(rootDir) }] : null,
    capabilities: options.capabilities ?? { workspace: { configuration: true }, textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } } },
    initializationOptions: options.initializationOptions,
  });
  await connection.sendNotification('initialized', {});

  const waitUntil = (check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${stderrText}`)), timeoutMs);
      const poll = (): void => {
        if (check()) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(poll);
      };
      poll();
    });

  return {
    connection,
    process: child,
    initializeResult,
    published,
    logs,
    settings,
    stderr: () => stderrText,
    open(file, text, version = 1) {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(file), languageId: 'go', version, text } });
    },
    change(file, version, changes) {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(file), version }, contentChanges: changes });
    },
    close(file) {
      void connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(file) } });
    },
    async waitForDiagnostics(file, predicate = () => true, from = 0) {
      const uri = uriOf(file);
      let found: Published | undefined;
      await waitUntil(() => {
        found = published.slice(from).find((entry) => entry.uri === uri && predicate(entry));
        return found !== undefined;
      }, `diagnostics for ${file}`);
      return found!;
    },
    request(method, params) {
      return connection.sendRequest(method, params);
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
        void connection.sendNotification('exit');
      } catch {
        // The server may be gone already.
      }
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 3000);
        child.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      connection.dispose();
    },
  };
}
