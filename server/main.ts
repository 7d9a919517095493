// The gocop language server: a thin adapter between LSP and the engine. It negotiates capabilities,
// keeps the open documents in sync, and turns each LSP message into a call on the document store, the
// linter or the code actions; no rule logic lives here. It speaks over stdio (`gocop lsp --stdio`,
// `gocop-lsp`) and exits when the client closes the pipe or its process (--clientProcessId, or the
// processId of initialize) dies.
import fs from 'node:fs';
import path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  TextDocumentSyncKind,
  createConnection,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { DocumentStore, pathOfUri } from './documents.js';
import { Linter, directoryOf } from './linter.js';
import { negotiateEncoding, type PositionEncoding } from './positions.js';
import { DEFAULT_SETTINGS, parseSettings, type GocopSettings } from './settings.js';
import { CONFIG_FILE_NAMES } from '../src/config/index.js';
import { FIX_ALL_KIND, codeActionsFor } from './code-actions.js';
import { gocopVersion } from '../src/cli/version.js';

const USAGE = `usage: gocop lsp [--stdio] [--clientProcessId=PID]

Runs the gocop language server over standard input and output.
`;

/** Parses the server's flags, starts it, and resolves only if it cannot start. */
export async function runLanguageServer(args: string[], stderr: (text: string) => void = (text) => process.stderr.write(text)): Promise<number> {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '-h' || arg === '--help') {
      stderr(USAGE);
      return 0;
    }
    if (arg === '--stdio') continue;
    if (arg === '--clientProcessId') {
      index++;
      continue;
    }
    if (arg.startsWith('--clientProcessId=')) continue;
    if (arg === '--node-ipc' || arg.startsWith('--socket') || arg.startsWith('--pipe')) {
      stderr(`gocop lsp: ${arg} is not supported; configure the client to use --stdio\n`);
      return 2;
    }
    stderr(`gocop lsp: ignoring unknown flag ${arg}\n`);
  }
  startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout));
  return new Promise<number>(() => {});
}

/** Wires every handler onto a connection and starts listening. */
export function startServer(connection: Connection): void {
  // Stdout carries the protocol: anything printed by accident goes to the client's log instead.
  console.log = (...values: unknown[]) => connection.console.log(values.map(String).join(' '));
  console.info = console.log;
  console.warn = (...values: unknown[]) => connection.console.warn(values.map(String).join(' '));
  console.error = (...values: unknown[]) => connection.console.error(values.map(String).join(' '));
  process.on('uncaughtException', (error) => connection.console.error(`gocop: internal error: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`gocop: internal error: ${String(reason)}`));

  let encoding: PositionEncoding = 'utf-16';
  let capabilities: ClientCapabilities = {};
  let settings: GocopSettings = DEFAULT_SETTINGS;
  let initialSettings: GocopSettings = DEFAULT_SETTINGS;
  let folders: string[] = [];
  const configWatchers: fs.FSWatcher[] = [];

  const pullMode = (): boolean => !!capabilities.textDocument?.diagnostic;
  const documents = new DocumentStore(() => encoding);
  const linter = new Linter(documents, {
    encoding: () => encoding,
    settings: () => settings,
    workspaceRoot: (dir) => folders.filter((folder) => dir === folder || dir.startsWith(`${folder}/`)).sort((a, b) => b.length - a.length)[0] ?? null,
    publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
    refresh: () => {
      if (capabilities.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh().catch(() => undefined);
    },
    pullMode,
    logError: (message, kind) => {
      connection.console.error(message);
      if (kind === 'config') void connection.window.showWarningMessage(message);
    },
  });

  const refreshSettings = async (pushed?: unknown): Promise<void> => {
    const previous = JSON.stringify(settings);
    if (capabilities.workspace?.configuration) {
      try {
        const raw: unknown = await connection.workspace.getConfiguration('gocop');
        settings = parseSettings(raw, initialSettings);
      } catch {
        settings = initialSettings;
      }
    } else {
      settings = parseSettings(pushed, initialSettings);
    }
    if (JSON.stringify(settings) !== previous) linter.reconfigure();
  };

  const watchConfigFiles = (): void => {
    for (const watcher of configWatchers.splice(0)) watcher.close();
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
    // The client cannot watch files for us: watch each folder's own config file with fs.watch.
    for (const folder of folders) {
      try {
        const watcher = fs.watch(folder, (_event, name) => {
          if (name && CONFIG_FILE_NAMES.includes(name.toString())) linter.reconfigure();
        });
        watcher.on('error', () => watcher.close());
        configWatchers.push(watcher);
      } catch {
        // An unreadable folder just goes unwatched.
      }
    }
  };

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    capabilities = params.capabilities;
    encoding = negotiateEncoding(capabilities.general?.positionEncodings);
    folders = folderPaths(params.workspaceFolders, params.rootUri);
    const options = params.initializationOptions as Record<string, unknown> | undefined;
    initialSettings = parseSettings(options?.gocop ?? options?.settings ?? options);
    settings = initialSettings;
    const literalActions = !!capabilities.textDocument?.codeAction?.codeActionLiteralSupport;
    return {
      capabilities: {
        positionEncoding: encoding,
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: literalActions ? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] } : true,
        ...(pullMode() ? { diagnosticProvider: { identifier: 'gocop', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'gocop', version: gocopVersion() },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'gocop' }).catch(() => undefined);
    }
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.go' }, ...CONFIG_FILE_NAMES.map((name) => ({ globPattern: `**/${name}` }))] })
        .catch(() => undefined);
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(folderPaths(event.removed, null));
        folders = [...folders.filter((folder) => !removed.has(folder)), ...folderPaths(event.added, null)];
        watchConfigFiles();
        linter.reconfigure();
      });
    }
    watchConfigFiles();
    if (capabilities.workspace?.configuration) void refreshSettings();
  });

  connection.onDidOpenTextDocument((params) => {
    const open = documents.open(params.textDocument.uri, params.textDocument.version, params.textDocument.text);
    if (open) linter.schedule(directoryOf(open.path), 0);
  });

  connection.onDidChangeTextDocument((params) => {
    const open = documents.change(params.textDocument.uri, params.textDocument.version, params.contentChanges);
    if (open) linter.schedule(directoryOf(open.path));
  });

  connection.onDidCloseTextDocument((params) => {
    const open = documents.close(params.textDocument.uri);
    if (open) linter.forget(open);
  });

  connection.onCodeAction(async (params) => {
    const open = documents.get(params.textDocument.uri);
    if (!open) return [];
    const result = await linter.settledResult(open);
    if (!result) return [];
    return codeActionsFor(params, open, result, {
      locator: linter.locator,
      versionOf: (uri) => documents.get(uri)?.document.version ?? null,
      documentChanges: !!capabilities.workspace?.workspaceEdit?.documentChanges,
      snippetEdits: !!(capabilities.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport,
    });
  });

  connection.languages.diagnostics.on(async (params) => {
    const open = documents.get(params.textDocument.uri);
    const result = open ? await linter.settledResult(open) : undefined;
    if (!open || !result) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const resultId = `${result.version}:${result.stamp}`;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: result.diagnostics };
  });

  connection.onDidChangeConfiguration((params) => {
    const raw = params.settings as Record<string, unknown> | undefined;
    void refreshSettings(raw?.gocop);
  });

  connection.onDidChangeWatchedFiles((params) => {
    let configChanged = false;
    for (const change of params.changes) {
      const file = pathOfUri(change.uri);
      if (!file) continue;
      if (CONFIG_FILE_NAMES.includes(path.posix.basename(file))) configChanged = true;
      else if (file.endsWith('.go')) {
        linter.disk.invalidate(file);
        const dir = directoryOf(file);
        if (documents.inDirectory(dir).length > 0) linter.schedule(dir);
        else linter.packageChanged(dir);
      }
    }
    if (configChanged) linter.reconfigure();
  });

  connection.onShutdown(() => {
    for (const watcher of configWatchers.splice(0)) watcher.close();
  });

  connection.listen();
}

function folderPaths(folders: WorkspaceFolder[] | null | undefined, rootUri: string | null): string[] {
  const uris = folders && folders.length > 0 ? folders.map((folder) => folder.uri) : rootUri ? [rootUri] : [];
  return uris.map(pathOfUri).filter((folder): folder is string => folder !== null).map((folder) => folder.replace(/\/+$/, '') || '/');
}
