// How the extension starts gocop's language server and what it sends it, as plain functions of the
// extension's folder and its settings. Nothing here imports `vscode`, so the test suite can run these
// against the real server without VS Code (test/vscode-extension.test.ts).
import path from 'node:path';

/** The extension's `gocop.*` settings, as VS Code reports them. */
export interface ExtensionSettings {
  enable: boolean;
  configFile: string;
  rules: Record<string, string>;
  debounceMs: number;
  /** Lint `_test.go` files (true) or not (false); null leaves it to the config's `tests`. */
  tests: boolean | null;
  /** A gocop command to run instead of the bundled one; empty for the bundled one. */
  path: string;
}

export const DEFAULT_EXTENSION_SETTINGS: ExtensionSettings = { enable: true, configFile: '', rules: {}, debounceMs: 150, tests: null, path: '' };

/** How to start the server: the bundled gocop as a Node module, or a command the user configured. */
export type ServerLaunch = { kind: 'module'; module: string; args: string[] } | { kind: 'command'; command: string; args: string[] };

/** Where `npm run bundle-server` puts gocop inside the extension. */
export function bundledServerModule(extensionPath: string): string {
  return path.join(extensionPath, 'server', 'node_modules', 'gocop', 'bin', 'gocop.js');
}

/**
 * The configured command (`gocop.path`) with `lsp --stdio`, or else the bundled gocop, which the
 * language client runs with VS Code's own Node and `lsp` (it adds `--stdio` itself).
 */
export function serverLaunch(extensionPath: string, settings: Pick<ExtensionSettings, 'path'>): ServerLaunch {
  const command = settings.path.trim();
  if (command) return { kind: 'command', command, args: ['lsp', '--stdio'] };
  return { kind: 'module', module: bundledServerModule(extensionPath), args: ['lsp'] };
}

/** The settings the server reads (its `gocop` section): everything but the extension's own `path`. */
export function serverSettings(settings: ExtensionSettings): Record<string, unknown> {
  return {
    enable: settings.enable,
    debounceMs: settings.debounceMs,
    rules: settings.rules,
    ...(settings.configFile ? { configFile: settings.configFile } : {}),
    ...(settings.tests !== null ? { tests: settings.tests } : {}),
  };
}

/** The initialize request's options: the settings at start, before the server asks for them. */
export function initializationOptions(settings: ExtensionSettings): Record<string, unknown> {
  return { gocop: serverSettings(settings) };
}

/** The files the client hands to the server: Go files on disk. */
export const DOCUMENT_SELECTOR = [{ scheme: 'file', language: 'go' }];
