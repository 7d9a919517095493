// Path and file helpers shared by the CLI, the config loader, the cache and the run settings: paths are
// shown with forward slashes, relative to the working directory, and files are written atomically.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describeFsError } from './load.js';

/** A path with forward slashes, whatever the platform. */
export function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/** Shows an absolute path relative to the working directory, with forward slashes (`.` for itself). */
export function displayPathFor(cwd: string): (absolute: string) => string {
  return (absolute) => toPosix(path.relative(cwd, absolute)) || '.';
}

/**
 * Writes a file through a temporary sibling and a rename, so readers never see half of it (an
 * interrupted run leaves the previous file whole). `mode` keeps a rewritten file's permissions.
 * Returns a description of the problem, or null.
 */
export function writeFileAtomic(file: string, text: string, mode?: number): string | null {
  // The pid alone is not unique: worker threads share it.
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(temporary, text, mode === undefined ? undefined : { mode });
    if (mode !== undefined) fs.chmodSync(temporary, mode);
    fs.renameSync(temporary, file);
    return null;
  } catch (error) {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // nothing more to clean up
    }
    return describeFsError(error);
  }
}
