// `npm run bench`: lints a Go corpus and prints the parse-only time with the native binding (the
// baseline), with WebAssembly, and gocop's own parse (WebAssembly plus reading trees into flat arrays);
// the cold full-lint time with 1 and N workers, the warm (cached) time, peak RSS, each as a ratio to the
// native parse; and staticcheck's cold time on the same packages when a staticcheck binary is on PATH.
// Each measurement runs in its own process and reports wall and CPU time (the CPU ratios are steadier
// on a shared machine). With --repeat K, K rounds of all of them run one after the other, the best time
// of each kind is printed, and so is the median of the ratios taken within each round. The default
// corpus is the Go standard library (bash ../shared/corpus/install.sh).
// Usage: npm run bench -- [--root DIR] [--jobs N] [--repeat K] [--no-staticcheck]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { root: { type: 'string', default: '/usr/share/go-1.19/src' }, jobs: { type: 'string', default: String(os.availableParallelism()) }, repeat: { type: 'string', default: '1' }, 'no-staticcheck': { type: 'boolean', default: false } } });
const corpus = path.resolve(values.root);
if (!fs.existsSync(corpus)) {
  console.error(`corpus ${corpus} not found; install it with: bash ../shared/corpus/install.sh`);
  process.exit(2);
}
const jobs = Number(values.jobs);
const repeat = Math.max(1, Number(values.repeat));
const { discoverTargets } = await import(path.join(root, 'dist/src/cli/discover.js'));
const { targets } = discoverTargets(['./...'], corpus);
let bytes = 0;
let lines = 0;
for (const file of targets) {
  const text = fs.readFileSync(file, 'utf8');
  bytes += Buffer.byteLength(text);
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
}

function runChild(args) {
  const output = execFileSync(process.execPath, [path.join(root, 'scripts/bench-child.mjs'), '--root', corpus, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(output.trim().split('\n').pop());
}

/** The faster of two results (null counts as slowest). */
function best(a, b) {
  return !a || b.seconds < a.seconds ? b : a;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The first of `names` found on PATH, or null. */
function onPath(names) {
  for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(directory, name);
      if (directory && fs.existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/** staticcheck -checks SA5011,SA6000 ./... in the corpus with empty caches; null when not installed. */
function runStaticcheck() {
  const binary = values['no-staticcheck'] ? null : onPath(['staticcheck', 'go-staticcheck']);
  if (!binary) return null;
  const caches = fs.mkdtempSync(path.join(os.tmpdir(), 'gocop-bench-staticcheck-'));
  try {
    const env = { ...process.env, XDG_CACHE_HOME: caches, GOCACHE: path.join(caches, 'go-build'), GOFLAGS: '-mod=mod' };
    const timeBinary = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
    const command = timeBinary ? [timeBinary, ['-f', 'bench-time %e %U %S %M', binary, '-checks', 'SA5011,SA6000', './...']] : [binary, ['-checks', 'SA5011,SA6000', './...']];
    const started = performance.now();
    const result = spawnSync(command[0], command[1], { cwd: corpus, env, encoding: 'utf8', maxBuffer: 1 << 28 });
    const seconds = (performance.now() - started) / 1000;
    const measured = /bench-time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr ?? '');
    return {
      binary,
      seconds,
      cpuSeconds: measured ? Number(measured[2]) + Number(measured[3]) : null,
      maxRssMb: measured ? Math.round(Number(measured[4]) / 1024) : null,
      findings: (result.stdout ?? '').split('\n').filter(Boolean).length,
    };
  } finally {
    fs.rmSync(caches, { recursive: true, force: true });
  }
}

const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gocop-bench-cache-'));
try {
  console.log(`corpus: ${corpus}`);
  console.log(`files: ${targets.length}, ${(bytes / 1e6).toFixed(1)} MB, ${lines.toLocaleString('en-US')} lines; workers: ${jobs}; best of ${repeat}`);
  // The measurements run in rounds, so that a slow spell of the machine hits one round, not every run
  // of one kind: each round's ratios compare like with like.
  const kinds = ['native', 'wasm', 'parse', 'one', 'many', 'warm'];
  const bestOf = Object.fromEntries(kinds.map((kind) => [kind, null]));
  const rounds = [];
  for (let round = 0; round < repeat; round++) {
    const results = {
      native: runChild(['--mode', 'parse-native']),
      wasm: runChild(['--mode', 'parse-wasm']),
      parse: runChild(['--mode', 'parse']),
      one: runChild(['--mode', 'lint', '--jobs', '1']),
      many: runChild(['--mode', 'lint', '--jobs', String(jobs)]),
    };
    fs.rmSync(cacheDir, { recursive: true, force: true });
    runChild(['--mode', 'lint', '--jobs', String(jobs), '--cache-dir', cacheDir]);
    results.warm = runChild(['--mode', 'lint', '--jobs', String(jobs), '--cache-dir', cacheDir]);
    rounds.push({
      ratio: results.one.seconds / results.native.seconds,
      cpuRatio: results.one.cpuSeconds / results.native.cpuSeconds,
      speedUp: results.one.seconds / results.many.seconds,
      warm: results.warm.seconds / results.many.seconds,
    });
    for (const kind of kinds) bestOf[kind] = best(bestOf[kind], results[kind]);
  }
  const staticcheck = runStaticcheck();
  const native = bestOf.native;
  const row = (name, result) => {
    const ratio = `${(result.seconds / native.seconds).toFixed(2).padStart(6)}x`;
    const cpuRatio = result.cpuSeconds == null ? '' : `  cpu ${result.cpuSeconds.toFixed(2).padStart(7)} s ${(result.cpuSeconds / native.cpuSeconds).toFixed(2).padStart(6)}x`;
    const rss = result.maxRssMb == null ? '' : `   peak RSS ${String(result.maxRssMb).padStart(5)} MB`;
    const findings = result.findings !== undefined ? `   ${result.findings} findings${result.errors !== undefined ? `, ${result.errors} internal errors` : ''}` : '';
    console.log(`${name.padEnd(38)} ${result.seconds.toFixed(2).padStart(7)} s ${ratio}${cpuRatio}${rss}${findings}`);
  };
  console.log('times, then each as a ratio to the native parse-only time (wall, and CPU)');
  row('parse only, native binding', bestOf.native);
  row('parse only, WebAssembly', bestOf.wasm);
  row('parse + flat arrays (gocop\'s parse)', bestOf.parse);
  row('full lint, cold, 1 worker', bestOf.one);
  row(`full lint, cold, ${jobs} workers`, bestOf.many);
  row(`full lint, warm (cache), ${jobs} workers`, bestOf.warm);
  if (staticcheck) row(`staticcheck -checks SA5011,SA6000, cold`, staticcheck);
  else console.log('staticcheck: not on PATH (staticcheck or go-staticcheck), skipped');
  const peak = Math.max(...kinds.map((kind) => bestOf[kind].maxRssMb));
  console.log(`peak RSS: ${peak} MB   (target <= 1024)`);
  console.log(`ratio full / native parse-only (1 worker): ${(bestOf.one.seconds / native.seconds).toFixed(2)} wall, ${(bestOf.one.cpuSeconds / native.cpuSeconds).toFixed(2)} cpu   (target <= 1.6)`);
  console.log(`speed-up ${jobs} workers / 1 worker: ${(bestOf.one.seconds / bestOf.many.seconds).toFixed(2)}   (target >= 1.7 with 2 workers)`);
  console.log(`warm / cold (${jobs} workers): ${(bestOf.warm.seconds / bestOf.many.seconds).toFixed(3)}   (target <= 0.10; ${bestOf.warm.cacheHits} cache hits)`);
  if (repeat > 1) {
    const list = (key, digits) => rounds.map((round) => round[key].toFixed(digits)).join(', ');
    const middle = (key) => median(rounds.map((round) => round[key]));
    console.log(`per round (the same machine conditions), median: ratio ${middle('ratio').toFixed(2)} [${list('ratio', 2)}], cpu ratio ${middle('cpuRatio').toFixed(2)} [${list('cpuRatio', 2)}], speed-up ${middle('speedUp').toFixed(2)} [${list('speedUp', 2)}], warm / cold ${middle('warm').toFixed(3)}`);
  }
} finally {
  fs.rmSync(cacheDir, { recursive: true, force: true });
}
