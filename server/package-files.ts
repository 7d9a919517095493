// The files on disk that open documents need as package context: their text, and their parse once a
// lint reads them (a directory's external test package, say, is never parsed for the package it
// tests). Each entry is kept while its size and modification time are unchanged, so an edit re-parses
// only the edited buffer, not its forty siblings. Entries of directories with no open document left
// are dropped.
import fs from 'node:fs';
import { parseText, readGoFile, siblingGoFiles } from '../src/engine/load.js';
import type { SourceFile } from '../src/parse/source.js';
import type { LazySource } from '../src/engine/run.js';

interface DiskEntry extends LazySource {
  mtimeMs: number;
  size: number;
}

export class DiskFileCache {
  private readonly entries = new Map<string, DiskEntry>();

  /** The files of a directory on disk, skipping `exclude` (the open ones) and files that are not Go source. */
  directoryFiles(dir: string, exclude: ReadonlySet<string>): Map<string, LazySource> {
    const files = new Map<string, LazySource>();
    for (const path of siblingGoFiles(dir)) {
      if (exclude.has(path)) continue;
      const entry = this.entry(path);
      if (entry) files.set(path, entry);
    }
    return files;
  }

  /** The parsed file on disk, or null when it cannot be read or parsed as Go source. */
  file(path: string): SourceFile | null {
    return this.entry(path)?.parse() ?? null;
  }

  /** The cached text of a file, read from disk when it is not cached. */
  text(path: string): string | null {
    const cached = this.entries.get(path);
    if (cached) return cached.text;
    try {
      return fs.readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  }

  invalidate(path: string): void {
    this.entries.delete(path);
  }

  /** Keeps only the entries of the given directories. */
  retainDirectories(dirs: ReadonlySet<string>): void {
    for (const path of this.entries.keys()) {
      if (!dirs.has(path.slice(0, path.lastIndexOf('/')))) this.entries.delete(path);
    }
  }

  /** The entry of a file, read again when it changed on disk; null when it is not readable Go source. */
  private entry(path: string): DiskEntry | null {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path);
    } catch {
      this.entries.delete(path);
      return null;
    }
    const cached = this.entries.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
    const read = readGoFile(path, path);
    if (read.error) {
      this.entries.delete(path);
      return null;
    }
    const text = read.text;
    let parsed: SourceFile | null | undefined;
    const entry: DiskEntry = {
      mtimeMs: stat.mtimeMs,
      size: stat.size,
      text,
      parse: () => (parsed === undefined ? (parsed = parseText(path, text).file ?? null) : parsed),
    };
    this.entries.set(path, entry);
    return entry;
  }
}
