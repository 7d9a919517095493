// Reading Go files for linting. Every failure becomes an EngineError with a plain message (unreadable,
// binary, not UTF-8, over the size limit), never an exception, so one bad file never stops a run.
import fs from 'node:fs';
import { makeSourceFile, type SourceFile } from '../parse/source.js';
import type { EngineError } from './engine.js';

/** Files larger than this are skipped with a message unless the limit is raised (`--max-file-size`). */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface LoadOptions {
  maxFileBytes?: number;
}

export type LoadResult = { file: SourceFile; error?: undefined } | { file?: undefined; error: EngineError };

const GENERATED = /^\/\/ Code generated .* DO NOT EDIT\.$/m;

/** True when the text carries Go's generated-code marker before the package clause. */
export function isGeneratedSource(text: string): boolean {
  const packageAt = text.search(/^package\s/m);
  return GENERATED.test(packageAt >= 0 ? text.slice(0, packageAt) : text.slice(0, 4096));
}

/** Decodes bytes as Go source, or explains why they are not Go source. */
export function decodeSource(bytes: Uint8Array, displayPath: string, maxFileBytes = DEFAULT_MAX_FILE_BYTES): { text?: string; error?: EngineError } {
  if (bytes.length > maxFileBytes) {
    return {
      error: {
        kind: 'skipped',
        file: displayPath,
        message: `${displayPath}: skipped, the file is ${formatBytes(bytes.length)}, over the ${formatBytes(maxFileBytes)} limit (raise it with --max-file-size)`,
      },
    };
  }
  const head = bytes.subarray(0, Math.min(bytes.length, 8000));
  if (head.includes(0)) {
    return { error: { kind: 'skipped', file: displayPath, message: `${displayPath}: skipped, the file is binary (it contains NUL bytes), not Go source` } };
  }
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    return { error: { kind: 'skipped', file: displayPath, message: `${displayPath}: skipped, the file is not valid UTF-8, which Go source must be` } };
  }
}

/** Reads and parses a file. `displayPath` is the name used in messages. */
export function loadGoFile(absolutePath: string, displayPath: string, options: LoadOptions = {}): LoadResult {
  const read = readGoFile(absolutePath, displayPath, options);
  return read.error ? { error: read.error } : parseText(absolutePath, read.text, displayPath);
}

/** Reads a file as Go source text without parsing it, or explains why it cannot. */
export function readGoFile(absolutePath: string, displayPath: string, options: LoadOptions = {}): { text: string; error?: undefined } | { text?: undefined; error: EngineError } {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(absolutePath);
    if (stat.isDirectory()) return { error: { kind: 'read', file: displayPath, message: `${displayPath}: is a directory, not a Go file` } };
    // A FIFO, socket or device would block the read or never end: only regular files are Go source.
    if (!stat.isFile()) return { error: { kind: 'read', file: displayPath, message: `${displayPath}: cannot read: not a regular file (a pipe, socket or device)` } };
    const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (stat.size > limit) return { error: decodeSource(new Uint8Array(stat.size), displayPath, limit).error! };
    bytes = fs.readFileSync(absolutePath);
  } catch (error) {
    return { error: { kind: 'read', file: displayPath, message: `${displayPath}: cannot read: ${describeFsError(error)}` } };
  }
  const decoded = decodeSource(bytes, displayPath, options.maxFileBytes);
  return decoded.error ? { error: decoded.error } : { text: decoded.text! };
}

/** Parses already-decoded text (stdin, editor buffers). */
export function parseText(absolutePath: string, text: string, displayPath = absolutePath): LoadResult {
  try {
    return { file: makeSourceFile(absolutePath, text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { error: { kind: 'internal', file: displayPath, message: `${displayPath}: the parser failed: ${detail}` } };
  }
}

/** A short, human description of a file-system error. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links (a symlink loop)';
    case 'EISDIR':
      return 'is a directory';
    case 'ENAMETOOLONG':
      return 'file name too long';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/** The .go files directly inside a directory (absolute, forward slashes); empty when unreadable. */
export function siblingGoFiles(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.name.endsWith('.go') && (entry.isFile() || entry.isSymbolicLink()))
      .map((entry) => `${dir}/${entry.name}`);
  } catch {
    return [];
  }
}
