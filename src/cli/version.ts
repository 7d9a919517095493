// gocop's build id: its version plus a hash of the compiled files, so caches never serve results of an
// older build of the same version.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { gocopVersion } from '../util/package-info.js';

export { gocopVersion } from '../util/package-info.js';

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
