// One benchmark measurement in a fresh process (so peak RSS is its own). Modes:
//   parse-native  read and parse every file with the native Node binding (tree-sitter), the baseline
//   parse-wasm    read and parse every file with web-tree-sitter and tree-sitter-go.wasm, trees deleted
//   parse         gocop's own parse: WebAssembly parse plus reading each tree into flat arrays
//   lint          a full lint, with --jobs N and optionally a cache
// Prints one JSON line: {seconds, cpuSeconds, maxRssMb, files, findings, errors, cacheHits}; cpuSeconds
// is user plus system time of this process and its worker threads.
// Usage: node scripts/bench-child.mjs --root DIR --mode MODE [--jobs N] [--cache-dir DIR]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const { values } = parseArgs({ options: { root: { type: 'string' }, mode: { type: 'string' }, jobs: { type: 'string', default: '1' }, 'cache-dir': { type: 'string' } } });
const corpus = path.resolve(values.root);
// Loaded first: gocop's parser module must be the first to start web-tree-sitter (see parser.ts).
const { discoverTargets } = await import(path.join(root, 'dist/src/cli/discover.js'));
const { targets } = discoverTargets(['./...'], corpus);

/** Parses every file with `parse`, yielding now and then so that finalizers can free finished trees. */
async function parseAll(targets, parse) {
  let count = 0;
  for (const file of targets) {
    parse(fs.readFileSync(file, 'utf8'));
    if (++count % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return { files: count };
}

// Each parser is set up before the clock starts, as the linter's is before it reads files.
let measure;
if (values.mode === 'parse-native') {
  const NativeParser = require('tree-sitter');
  const parser = new NativeParser();
  parser.setLanguage(require('tree-sitter-go'));
  measure = (targets) => parseAll(targets, (text) => parser.parse(text, undefined, { bufferSize: Math.max(64 * 1024, text.length * 2 + 1024) }));
} else if (values.mode === 'parse-wasm') {
  const { Language, Parser } = await import('web-tree-sitter');
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve('tree-sitter-go/tree-sitter-go.wasm')));
  measure = (targets) => parseAll(targets, (text) => parser.parse(text).delete());
} else if (values.mode === 'parse') {
  const { parseGo } = await import(path.join(root, 'dist/src/parse/parser.js'));
  measure = (targets) => parseAll(targets, (text) => parseGo(text));
} else if (values.mode === 'lint') {
  const { lintInParallel } = await import(path.join(root, 'dist/src/driver/parallel.js'));
  const { ResultCache } = await import(path.join(root, 'dist/src/engine/cache.js'));
  const { gocopVersion } = await import(path.join(root, 'dist/src/cli/version.js'));
  const cache = values['cache-dir'] ? new ResultCache(values['cache-dir'], gocopVersion()) : null;
  measure = async (targets) => {
    const result = await lintInParallel(targets, { cwd: corpus }, { jobs: Number(values.jobs), cache });
    return { files: result.filesLinted, findings: result.diagnostics.length, errors: result.errors.filter((error) => error.kind !== 'skipped').length, cacheHits: cache?.hits ?? 0 };
  };
} else {
  throw new Error(`unknown mode ${values.mode}`);
}

const cpuBefore = process.cpuUsage();
const started = performance.now();
const summary = await measure(targets);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
console.log(JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...summary }));
