// The version of gocop, read from its package.json, and a build id that also changes whenever the
// compiled code does (so caches never serve results of an older build of the same version).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

let cached: string | undefined;

export function gocopVersion(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      const manifest = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'gocop' && manifest.version) return (cached = manifest.version);
    }
    dir = path.dirname(dir);
  }
  return (cached = '0.0.0');
}

let cachedBuildId: string | undefined;

/** The version plus a hash of the names, sizes and times of the compiled files. */
export function gocopBuildId(): string {
  if (cachedBuildId) return cachedBuildId;
  const distRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const hash = crypto.createHash('sha256');
  const stack = [distRoot];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) stack.push(full);
      } else if (entry.name.endsWith('.js')) {
        const stat = fs.statSync(full);
        hash.update(`${path.relative(distRoot, full)}\0${stat.size}\0${stat.mtimeMs}\0`);
      }
    }
  }
  return (cachedBuildId = `${gocopVersion()}+${hash.digest('hex').slice(0, 16)}`);
}
