// One benchmark measurement in a fresh process (so peak RSS is its own): parse-only or a full lint.
// Prints one JSON line: {seconds, maxRssMb, files, findings, errors, cacheHits}.
// Usage: node scripts/bench-child.mjs --root DIR --mode parse|lint [--jobs N] [--cache-dir DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { root: { type: 'string' }, mode: { type: 'string' }, jobs: { type: 'string', default: '1' }, 'cache-dir': { type: 'string' } } });
const { discoverTargets } = await import(path.join(root, 'dist/src/cli/discover.js'));
const corpus = path.resolve(values.root);
const { targets } = discoverTargets(['./...'], corpus);
const started = performance.now();
let summary;
if (values.mode === 'parse') {
  const { parseGo } = await import(path.join(root, 'dist/src/parse/parser.js'));
  let count = 0;
  for (const file of targets) {
    parseGo(fs.readFileSync(file, 'utf8'));
    // Let N-API finalizers free finished trees, as the linter itself does.
    if (++count % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  summary = { files: count };
} else {
  const { lintInParallel } = await import(path.join(root, 'dist/src/driver/parallel.js'));
  const { ResultCache } = await import(path.join(root, 'dist/src/engine/cache.js'));
  const { gocopVersion } = await import(path.join(root, 'dist/src/cli/version.js'));
  const cache = values['cache-dir'] ? new ResultCache(values['cache-dir'], gocopVersion()) : null;
  const result = await lintInParallel(targets, { cwd: corpus }, { jobs: Number(values.jobs), cache });
  summary = { files: result.filesLinted, findings: result.diagnostics.length, errors: result.errors.filter((error) => error.kind !== 'skipped').length, cacheHits: cache?.hits ?? 0 };
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...summary }));
