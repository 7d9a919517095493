// Parsed copies of the files on disk that open documents need as package context. Each entry is kept
// while its size and modification time are unchanged, so an edit re-parses only the edited buffer,
// not its forty siblings. Entries of directories with no open document left are dropped.
import fs from 'node:fs';
import { loadGoFile } from '../src/engine/load.js';
import type { SourceFile } from '../src/parse/source.js';
import { siblingGoFiles } from '../src/engine/load.js';

interface DiskEntry {
  mtimeMs: number;
  size: number;
  file: SourceFile | null;
}

export class DiskFileCache {
  private readonly entries = new Map<string, DiskEntry>();

  /** The parsed files of a directory on disk, skipping `exclude` (the open ones) and unreadable files. */
  directoryFiles(dir: string, exclude: ReadonlySet<string>): Map<string, SourceFile> {
    const files = new Map<string, SourceFile>();
    for (const path of siblingGoFiles(dir)) {
      if (exclude.has(path)) continue;
      const file = this.file(path);
      if (file) files.set(path, file);
    }
    return files;
  }

  /** The parsed file on disk, or null when it cannot be read as Go source. */
  file(path: string): SourceFile | null {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path);
    } catch {
      this.entries.delete(path);
      return null;
    }
    const cached = this.entries.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.file;
    const loaded = loadGoFile(path, path);
    this.entries.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, file: loaded.file ?? null });
    return loaded.file ?? null;
  }

  /** The cached text of a file, read from disk when it is not cached. */
  text(path: string): string | null {
    const cached = this.entries.get(path);
    if (cached?.file) return cached.file.text;
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
}
