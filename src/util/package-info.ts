// gocop's own package.json, read once: its version and its home page. The `homepage` field is the one
// place that says where gocop lives; rule help links, SARIF's informationUri and the config schema's
// $id are all built from it, so a fork (or the project's real home) changes one line.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface Manifest {
  version: string;
  homepage: string;
}

let cached: Manifest | undefined;

/** The nearest package.json named gocop above this module (in the source tree or in dist/). */
function manifest(): Manifest {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      const parsed = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string; homepage?: string };
      if (parsed.name === 'gocop' && parsed.version) return (cached = { version: parsed.version, homepage: (parsed.homepage ?? '').replace(/\/+$/, '') });
    }
    dir = path.dirname(dir);
  }
  return (cached = { version: '0.0.0', homepage: '' });
}

export function gocopVersion(): string {
  return manifest().version;
}

/** The project's home page, without a trailing slash (package.json `homepage`). */
export function gocopHomepage(): string {
  return manifest().homepage;
}

/** A file of the project's repository on the web, such as `docs/rules/nil-deref-after-check.md`. */
export function gocopRepositoryFileUrl(relativePath: string): string {
  return `${gocopHomepage()}/blob/main/${relativePath}`;
}
