// The VS Code extension: starts gocop's language server (bundled in the extension, or the command set
// in `gocop.path`) for Go files with vscode-languageclient. Diagnostics, quick fixes, the ignore
// actions and `source.fixAll.gocop` all come from the server; the `gocop.*` settings reach it through
// workspace/configuration. This file only wires VS Code to src/launch.ts.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DEFAULT_EXTENSION_SETTINGS, DOCUMENT_SELECTOR, initializationOptions, serverLaunch, type ExtensionSettings } from './launch';

let client: LanguageClient | undefined;

function readSettings(): ExtensionSettings {
  const section = vscode.workspace.getConfiguration('gocop');
  return {
    enable: section.get('enable', DEFAULT_EXTENSION_SETTINGS.enable),
    configFile: section.get('configFile', DEFAULT_EXTENSION_SETTINGS.configFile),
    rules: section.get('rules', DEFAULT_EXTENSION_SETTINGS.rules),
    debounceMs: section.get('debounceMs', DEFAULT_EXTENSION_SETTINGS.debounceMs),
    tests: section.get<boolean | null>('tests', DEFAULT_EXTENSION_SETTINGS.tests),
    path: section.get('path', DEFAULT_EXTENSION_SETTINGS.path),
  };
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const settings = readSettings();
  const launch = serverLaunch(context.extensionPath, settings);
  const serverOptions: ServerOptions =
    launch.kind === 'module'
      ? { module: launch.module, args: launch.args, transport: TransportKind.stdio }
      : { command: launch.command, args: launch.args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions: initializationOptions(settings),
    synchronize: { configurationSection: 'gocop' },
  };
  return new LanguageClient('gocop', 'gocop', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createClient(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('gocop.restartServer', async () => {
      await client?.stop();
      client = createClient(context);
      await client.start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // The command itself changed: start the other server.
      if (event.affectsConfiguration('gocop.path')) await vscode.commands.executeCommand('gocop.restartServer');
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
