// Runs the engine for the open documents of one directory (one Go package, or a few when test files
// declare an external test package) and keeps the results per document. Edits are debounced per
// directory; every open file of the directory is linted together, so an edit to one file refreshes the
// findings that its siblings owe to it. A result carries the document version and the directory's
// change stamp it was computed from, and is published only while both are still current. Imported
// packages are read once per session (open buffers over the disk, build constraints for the host); a
// change to a package, typed or on disk, drops it and what read it, and re-lints the open importers.
import path from 'node:path';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic } from '../src/diagnostic.js';
import type { EngineError } from '../src/engine/engine.js';
import { createImportUniverse, lintTargets, type RunOptions } from '../src/engine/run.js';
import type { ImportUniverse } from '../src/engine/imports.js';
import { forgetPreviousLints } from '../src/engine/engine.js';
import { targetFromEnvironment } from '../src/index/build-constraints.js';
import { DEFAULT_MAX_FILE_BYTES } from '../src/engine/load.js';
import type { SourceFile } from '../src/parse/source.js';
import { DocumentStore, parsedSource, type OpenDocument } from './documents.js';
import { DiskFileCache } from './package-files.js';
import { TextPositions, type PositionEncoding } from './positions.js';
import { toLspDiagnostic, uriOfPath, type FileLocator } from './convert.js';
import { RuleSelection, type GocopSettings } from './settings.js';

export interface DocumentResult {
  version: number;
  stamp: string;
  /** The engine's findings, with fixes, for code actions. */
  findings: Diagnostic[];
  diagnostics: LspDiagnostic[];
}

/** What the linter needs from the connection. */
export interface LinterHost {
  encoding(): PositionEncoding;
  settings(): GocopSettings;
  /** The workspace folder holding a directory, or null when it lies outside them all. */
  workspaceRoot(dir: string): string | null;
  publish(uri: string, version: number | undefined, diagnostics: LspDiagnostic[]): void;
  /** Tells a pull-model client that results changed. */
  refresh(): void;
  pullMode(): boolean;
  /** Reports a problem of gocop's own (a failing rule, a bad config) to the user. */
  logError(message: string, kind: EngineError['kind']): void;
}

export class Linter {
  readonly disk = new DiskFileCache();
  private readonly results = new Map<string, DocumentResult>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly directoryStamps = new Map<string, number>();
  private readonly selections = new Map<string, RuleSelection>();
  private readonly loggedAt = new Map<string, number>();
  private readonly settledWaiters = new Map<string, Array<() => void>>();
  private readonly reportedConfigErrors = new Set<string>();
  private generation = 0;
  private universe: ImportUniverse | null = null;

  constructor(
    readonly documents: DocumentStore,
    private readonly host: LinterHost,
  ) {}

  /** Marks a directory's results stale and lints it after `delay` milliseconds of quiet; its package changed. */
  schedule(dir: string, delay = this.host.settings().debounceMs): void {
    this.packageChanged(dir);
    this.scheduleLint(dir, delay);
  }

  /**
   * A package's files changed (an edit, a file opened or closed, a change on disk): imported-package
   * analyses built from the old text are dropped, with everything that read them, and the open
   * directories that read it are linted again. The last lints, whose facts the next lints carry over,
   * are dropped too when anyone read the package, since those facts may rest on its summaries.
   */
  packageChanged(dir: string): void {
    if (!this.universe) return;
    const affected = this.universe.forget([dir]);
    if (affected.size === 0) return;
    forgetPreviousLints();
    for (const reader of affected) {
      if (reader !== dir && this.documents.inDirectory(reader).length > 0) this.scheduleLint(reader, this.host.settings().debounceMs);
    }
  }

  private scheduleLint(dir: string, delay: number): void {
    this.touch(dir);
    const pending = this.timers.get(dir);
    if (pending) clearTimeout(pending);
    this.timers.set(
      dir,
      setTimeout(() => {
        this.timers.delete(dir);
        this.lintDirectory(dir);
      }, delay),
    );
  }

  /** Forgets configs and results after a settings or config file change, and re-lints every open file. */
  reconfigure(): void {
    this.selections.clear();
    this.loggedAt.clear();
    this.reportedConfigErrors.clear();
    this.generation++;
    this.universe = null;
    forgetPreviousLints();
    for (const dir of this.openDirectories()) this.schedule(dir, 0);
  }

  /** Drops a closed document's results and clears its diagnostics. */
  forget(open: OpenDocument): void {
    this.results.delete(open.uri);
    if (!this.host.pullMode()) this.host.publish(open.uri, undefined, []);
    const dir = directoryOf(open.path);
    // Importers now see the file on disk instead of the buffer.
    this.packageChanged(dir);
    if (this.documents.inDirectory(dir).length > 0) this.schedule(dir);
    else {
      const pending = this.timers.get(dir);
      if (pending) clearTimeout(pending);
      this.timers.delete(dir);
      this.wakeSettled(dir);
    }
    this.disk.retainDirectories(new Set(this.openDirectories()));
  }

  /**
   * Results for the document's current text once pending edits have settled: waits for a scheduled lint
   * rather than linting on every request (a pull-model client asks after each keystroke).
   */
  async settledResult(open: OpenDocument): Promise<DocumentResult | undefined> {
    const dir = directoryOf(open.path);
    for (let attempt = 0; attempt < 5 && this.timers.has(dir); attempt++) {
      await new Promise<void>((resolve) => {
        const list = this.settledWaiters.get(dir);
        if (list) list.push(resolve);
        else this.settledWaiters.set(dir, [resolve]);
      });
    }
    if (this.documents.get(open.uri) !== open) return undefined;
    return this.freshResult(open);
  }

  /** Results for the document's current text, linting now when they are missing or stale. */
  freshResult(open: OpenDocument): DocumentResult | undefined {
    const result = this.results.get(open.uri);
    if (result && this.isCurrent(open, result)) return result;
    const dir = directoryOf(open.path);
    const pending = this.timers.get(dir);
    if (pending) clearTimeout(pending);
    this.timers.delete(dir);
    this.lintDirectory(dir, { publishNow: true });
    return this.results.get(open.uri);
  }

  /** The stored result of a document, if it is current. */
  currentResult(open: OpenDocument): DocumentResult | undefined {
    const result = this.results.get(open.uri);
    return result && this.isCurrent(open, result) ? result : undefined;
  }

  /** Position conversion for any file: an open buffer's text, else the file on disk. */
  readonly locator: FileLocator = {
    positions: (file) => {
      const open = this.documents.all().find((candidate) => candidate.path === file);
      if (open) return new TextPositions(open.document, this.host.encoding());
      const text = this.disk.text(file);
      return text === null ? null : new TextPositions(text, this.host.encoding());
    },
    uri: (file) => this.documents.all().find((candidate) => candidate.path === file)?.uri ?? uriOfPath(file),
  };

  /** Lints every open document of a directory and publishes what is still current. */
  lintDirectory(dir: string, options: { publishNow?: boolean } = {}): void {
    const opens = this.documents.inDirectory(dir);
    if (opens.length === 0) {
      this.wakeSettled(dir);
      return;
    }
    const stamp = this.stamp(dir);
    const versions = new Map(opens.map((open) => [open.uri, open.document.version]));
    const findingsByFile = new Map<string, Diagnostic[]>();
    if (this.host.settings().enable) {
      try {
        this.runEngine(dir, opens, findingsByFile);
      } catch (error) {
        this.log(`gocop: internal error while linting ${dir}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const computed = opens.map((open) => {
      const positions = new TextPositions(open.document, this.host.encoding());
      // findings[i] is the engine finding behind diagnostics[i]; code actions rely on the pairing.
      const findings: Diagnostic[] = [];
      const diagnostics: LspDiagnostic[] = [];
      for (const finding of findingsByFile.get(open.path) ?? []) {
        try {
          diagnostics.push(toLspDiagnostic(finding, positions, this.locator));
          findings.push(finding);
        } catch (error) {
          this.log(`gocop: cannot convert a ${finding.ruleId} finding: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return { open, result: { version: versions.get(open.uri)!, stamp, findings, diagnostics } };
    });
    const deliver = (): void => {
      let refreshed = false;
      for (const { open, result } of computed) {
        // Skip documents closed, edited or re-linted since: a newer lint is on its way.
        if (this.documents.get(open.uri) !== open || !this.isCurrent(open, result)) continue;
        const previous = this.results.get(open.uri);
        this.results.set(open.uri, result);
        if (this.host.pullMode()) refreshed ||= previous !== undefined && JSON.stringify(previous.diagnostics) !== JSON.stringify(result.diagnostics);
        else this.host.publish(open.uri, result.version, result.diagnostics);
      }
      if (refreshed) this.host.refresh();
      this.wakeSettled(dir);
    };
    if (options.publishNow) {
      deliver();
      return;
    }
    // Edits that arrived while the engine ran are still queued in the connection; two turns of the
    // event loop let it apply them, so a result they make stale is dropped instead of published.
    setImmediate(() => setImmediate(deliver));
  }

  private runEngine(dir: string, opens: OpenDocument[], findingsByFile: Map<string, Diagnostic[]>): void {
    const selection = this.selection(dir);
    // A buffer over the CLI's size limit is not parsed at all; it falls back to the file on disk, which
    // the engine skips with a message as the CLI does.
    const sized = opens.filter((open) => {
      if (open.document.getText().length <= DEFAULT_MAX_FILE_BYTES) return true;
      this.log(`gocop: ${open.path}: skipped, the buffer is over the ${DEFAULT_MAX_FILE_BYTES}-byte limit`);
      return false;
    });
    const targets = sized.filter((open) => !selection.isExcluded(open.path));
    if (targets.length === 0) return;
    const openPaths = new Set(opens.map((open) => open.path));
    const lazySources = this.disk.directoryFiles(dir, openPaths);
    const sourceFiles = new Map<string, SourceFile>(sized.map((open) => [open.path, parsedSource(open)]));
    const options: RunOptions = { enabled: selection.rulesForDirectory(dir), sourceFiles, lazySources, incremental: true, explicit: new Set(opens.map((open) => open.path)) };
    const result = lintTargets(
      targets.map((open) => open.path),
      { ...options, imports: this.importUniverse(options) },
    );
    // Config problems are shown once per config load; a failing rule is logged at most once a minute.
    for (const error of selection.errors) {
      if (this.reportedConfigErrors.has(error.message)) continue;
      this.reportedConfigErrors.add(error.message);
      this.reportEngineError(error);
    }
    for (const error of result.errors) this.reportEngineError(error);
    for (const finding of selection.applyFileOverrides(result.diagnostics)) {
      const list = findingsByFile.get(finding.file);
      if (list) list.push(finding);
      else findingsByFile.set(finding.file, [finding]);
    }
  }

  /** The session's imported packages: open buffers first, then the files on disk, parsed once while unchanged. */
  private importUniverse(options: RunOptions): ImportUniverse {
    this.universe ??= createImportUniverse({ ...options, build: targetFromEnvironment() }, undefined, (file, accepts) => {
      const open = this.documents.all().find((candidate) => candidate.path === file);
      if (open) return accepts(open.document.getText()) ? parsedSource(open) : null;
      const text = this.disk.text(file);
      return text !== null && accepts(text) ? this.disk.file(file) : null;
    });
    return this.universe;
  }

  private wakeSettled(dir: string): void {
    const waiters = this.settledWaiters.get(dir);
    this.settledWaiters.delete(dir);
    for (const wake of waiters ?? []) wake();
  }

  private selection(dir: string): RuleSelection {
    const root = this.host.workspaceRoot(dir) ?? dir;
    let selection = this.selections.get(root);
    if (!selection) {
      selection = new RuleSelection(root, this.host.settings());
      this.selections.set(root, selection);
    }
    return selection;
  }

  private reportEngineError(error: EngineError): void {
    this.log(error.message.startsWith('gocop') ? error.message : `gocop: ${error.message}`, error.kind);
  }

  /** Logs a message, at most once a minute for the same text, so a failing rule does not flood the log. */
  private log(message: string, kind: EngineError['kind'] = 'internal'): void {
    const now = Date.now();
    const last = this.loggedAt.get(message);
    if (last !== undefined && now - last < 60_000) return;
    this.loggedAt.set(message, now);
    this.host.logError(message, kind);
  }

  private touch(dir: string): void {
    this.directoryStamps.set(dir, (this.directoryStamps.get(dir) ?? 0) + 1);
  }

  private stamp(dir: string): string {
    return `${this.generation}.${this.directoryStamps.get(dir) ?? 0}`;
  }

  private isCurrent(open: OpenDocument, result: DocumentResult): boolean {
    return result.version === open.document.version && result.stamp === this.stamp(directoryOf(open.path));
  }

  private openDirectories(): string[] {
    return [...new Set(this.documents.all().map((open) => directoryOf(open.path)))];
  }
}

export function directoryOf(file: string): string {
  return path.posix.dirname(file);
}
